import { XmlError, XmlScanner, type Attributes } from "../src/xlsx/stream/xml";

type Event = ["open", string, Readonly<Record<string, string>>] | ["text", string] | ["close", string];

/** Scans `xml` as UTF-8 fed in pieces of `size` bytes; texts are joined as one event per run. */
function scan(xml: string, size = Infinity, skip: readonly string[] = [], utf8 = false): Event[] {
  const bytes = new TextEncoder().encode(xml);
  const events: Event[] = [];
  const scanner = new XmlScanner(
    {
      open: (name, attributes) => {
        events.push(["open", name, attributes.all()]);
        return skip.includes(name);
      },
      text: (text) => {
        const last = events.at(-1);
        if (last?.[0] === "text") last[1] += text;
        else events.push(["text", text]);
      },
      close: (name) => events.push(["close", name]),
    },
    { utf8 },
  );
  for (let i = 0; i < bytes.length; i += size) scanner.write(bytes.subarray(i, i + size));
  scanner.close();
  return events;
}

const DOC =
  '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a x="1 &amp; 2" y=\'q"\' f="[&gt;=100]0>x"><b/>t&lt;&#x4e2d;&#25991;<![CDATA[<raw>]]><c k = "v\tw\r\nz" 名="佐证材料">l1\r\nl2\rl3 退役军人 café</c><标题>服务站</标题></a>';

describe("the XML tokenizer", () => {
  it("decodes entities, keeps quoted '>' and normalises line ends and attribute whitespace as XML does", () => {
    expect(scan(DOC)).toEqual([
      ["open", "a", { x: "1 & 2", y: 'q"', f: "[>=100]0>x" }],
      ["open", "b", {}],
      ["close", "b"],
      ["text", "t<中文<raw>"],
      ["open", "c", { k: "v w z", 名: "佐证材料" }],
      ["text", "l1\nl2\nl3 退役军人 café"],
      ["close", "c"],
      ["open", "标题", {}],
      ["text", "服务站"],
      ["close", "标题"],
      ["close", "a"],
    ]);
  });

  it("finds single attributes without parsing the rest, however the tag is written", () => {
    const seen: (string | undefined)[][] = [];
    const scanner = new XmlScanner({
      open: (_, a: Attributes) => void seen.push(["r", "s", "t", "x"].map((n) => a.get(n))),
    });
    scanner.write(
      new TextEncoder().encode(
        '<a><c prompt="see r=1 s=&quot;2&quot;" r="B2" s="7"/><c r=\'C3\' t="s"/><c\tr="D4"\ns = "1"/></a>',
      ),
    );
    scanner.close();
    expect(seen).toEqual([
      [undefined, undefined, undefined, undefined],
      ["B2", "7", undefined, undefined],
      ["C3", undefined, "s", undefined],
      ["D4", "1", undefined, undefined],
    ]);
  });

  it("gives the same events whatever the chunk boundaries, even inside a character's UTF-8 bytes", () => {
    const whole = scan(DOC);
    for (const size of [1, 2, 3, 7, 13]) expect(scan(DOC, size)).toEqual(whole);
  });

  it("gives the same events when the part is decoded up front (the shared strings)", () => {
    const whole = scan(DOC);
    for (const size of [1, 2, 5, Infinity]) expect(scan(DOC, size, [], true)).toEqual(whole);
  });

  it("skips an element's content on request, across chunks", () => {
    const xml = "<r><skip><x>1</x><y/></skip><z>2</z></r>";
    const expected: Event[] = [
      ["open", "r", {}],
      ["open", "skip", {}],
      ["close", "skip"],
      ["open", "z", {}],
      ["text", "2"],
      ["close", "z"],
      ["close", "r"],
    ];
    for (const size of [1, 4, xml.length]) expect(scan(xml, size, ["skip"])).toEqual(expected);
  });

  it("reads a start tag whole and its content and end tag as usual, still checking that the end tag matches", () => {
    const events: string[] = [];
    const run = (xml: string): void => {
      const scanner = new XmlScanner({
        whole: [
          {
            name: "row",
            pattern: /<row r="(\d+)">/y,
            startTag: true,
            element: (m) => void events.push(`row ${m[1]}`),
          },
        ],
        open: (name) => void events.push(`open ${name}`),
        close: (name) => void events.push(`close ${name}`),
      });
      scanner.write(new TextEncoder().encode(xml));
      scanner.close();
    };
    run('<s><row r="1"><c/></row><row  r="2"/></s>');
    expect(events).toEqual([
      "open s",
      "row 1",
      "open c",
      "close c",
      "close row",
      "open row",
      "close row",
      "close s",
    ]);
    expect(() => run('<s><row r="1"></s>')).toThrow(XmlError);
  });

  it("offers a repeated element's raw text, takes it as read when the handler says so, else reads it tag by tag", () => {
    const run = (xml: string, take: boolean, size = Infinity): { offered: string[]; events: string[] } => {
      const offered: string[] = [];
      const events: string[] = [];
      const scanner = new XmlScanner({
        repeated: [{ name: "vs", repeated: (raw) => (offered.push(raw), take) }],
        open: (name) => void events.push(`open ${name}`),
        close: (name) => void events.push(`close ${name}`),
      });
      const bytes = new TextEncoder().encode(xml);
      for (let i = 0; i < bytes.length; i += size) scanner.write(bytes.subarray(i, i + size));
      scanner.close();
      return { offered, events };
    };
    const xml = '<s><vs a="1"><v/></vs><vsx/><vs/></s>';
    const byTag = [
      "open s",
      "open vs",
      "open v",
      "close v",
      "close vs",
      "open vsx",
      "close vsx",
      "open vs",
      "close vs",
      "close s",
    ];
    // Neither a longer name nor a self-closing element is offered.
    expect(run(xml, true)).toEqual({
      offered: ['<vs a="1"><v/></vs>'],
      events: ["open s", "open vsx", "close vsx", "open vs", "close vs", "close s"],
    });
    expect(run(xml, false)).toEqual({ offered: ['<vs a="1"><v/></vs>'], events: byTag });
    // Its end tag not yet in the input: read tag by tag.
    expect(run(xml, true, 4)).toEqual({ offered: [], events: byTag });
  });

  it.each([
    ["an unclosed element", "<a><b></a>"],
    ["a cut document", "<a><b>text"],
    ["a stray '<'", "<a>1 < 2</a>"],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["an unterminated entity", "<a>&amp</a>"],
    ["text outside the root", "<a/>junk"],
    ["two roots", "<a/><b/>"],
    ["a DOCTYPE", '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'],
    ["attributes not apart", '<a x="1"y="2"/>'],
    ["an attribute without a value", "<a x/>"],
    ["an unquoted value", "<a x=1/>"],
    ["a '<' in a value", '<a x="<"/>'],
    ["attributes on a closing tag", '<a></a x="1">'],
    ["a '/' inside a tag", '<a / x="1">'],
    ["a mismatched closing tag", "<a><标题></标></a>"],
    ["a malformed tag name", "<a><b!/></a>"],
    ["nothing", ""],
  ])("refuses %s", (_, xml) => {
    expect(() => scan(xml)).toThrow(XmlError);
  });
});

describe("what the tokenizer refuses as not well-formed, by its problem", () => {
  const bytesScan = (bytes: Uint8Array, size = Infinity): void => {
    const scanner = new XmlScanner({ open: () => undefined, text: () => undefined });
    for (let i = 0; i < bytes.length; i += size) scanner.write(bytes.subarray(i, i + size));
    scanner.close();
  };
  const problem = (run: () => void): string | undefined => {
    try {
      run();
    } catch (e) {
      return e instanceof XmlError ? e.problem : `not an XmlError: ${String(e)}`;
    }
    return undefined;
  };
  const utf8 = (xml: string): Uint8Array => new TextEncoder().encode(xml);
  const join = (...parts: (string | number[])[]): Uint8Array =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

  it.each([
    ["invalid UTF-8 (a lone continuation byte)", join("<a>", [0x80], "</a>"), "encoding"],
    ["invalid UTF-8 (an overlong form)", join("<a>", [0xc0, 0xaf], "</a>"), "encoding"],
    ["invalid UTF-8 (a surrogate)", join("<a>", [0xed, 0xa0, 0x80], "</a>"), "encoding"],
    ["a sequence cut at the end", join("<a/>", [0xe4, 0xb8]), "encoding"],
    ["a NUL byte", join("<a>", [0], "</a>"), "forbidden-char"],
    ["a control character", join("<a x='", [0x0b], "'/>"), "forbidden-char"],
    ["U+FFFE written literally", join("<a>", [0xef, 0xbf, 0xbe], "</a>"), "forbidden-char"],
    ["&#xFFFE;", utf8("<a>&#xFFFE;</a>"), "bad-reference"],
    ["&#0;", utf8("<a>&#0;</a>"), "bad-reference"],
    ["&#x1;", utf8("<a x='&#x1;'/>"), "bad-reference"],
    ["&#xD800; (a surrogate)", utf8("<a>&#xD800;</a>"), "bad-reference"],
    ["&#x110000;", utf8("<a>&#x110000;</a>"), "bad-reference"],
    ["an unknown entity in an attribute no one reads", utf8("<a x='&nbsp;'/>"), "bad-reference"],
    ["an attribute written twice", utf8('<a x="1" x="2"/>'), "duplicate-attribute"],
    ["an XML declaration not at the start", utf8(' <?xml version="1.0"?><a/>'), "structure"],
    ["a name starting with a digit", utf8("<a><1b/></a>"), "malformed-tag"],
    ["a DOCTYPE", utf8('<!DOCTYPE a [<!ENTITY e "x">]><a/>'), "unsupported-markup"],
    ["UTF-16 declared on ASCII bytes", utf8('<?xml version="1.0" encoding="UTF-16"?><a/>'), "encoding"],
    ["an encoding no decoder knows", utf8('<?xml version="1.0" encoding="x-nonsense-1"?><a/>'), "encoding"],
  ])("%s", (_, bytes, expected) => {
    expect(problem(() => bytesScan(bytes))).toBe(expected);
    // Fed a byte at a time, the same (a sequence or a reference cut by every boundary).
    expect(problem(() => bytesScan(bytes, 1))).toBe(expected);
  });

  it("reads valid multi-byte text and a literal U+FFFD cut anywhere", () => {
    const bytes = utf8("<a x='佐证'>中文 \ufffd 😀</a>");
    for (const size of [1, 2, 3, 5, Infinity]) expect(problem(() => bytesScan(bytes, size))).toBeUndefined();
  });
});

describe("parts in other encodings", () => {
  const events = (bytes: Uint8Array, size = Infinity): Event[] => {
    const out: Event[] = [];
    const scanner = new XmlScanner({
      open: (name, a) => void out.push(["open", name, a.all()]),
      text: (t) => void out.push(["text", t]),
      close: (name) => void out.push(["close", name]),
    });
    for (let i = 0; i < bytes.length; i += size) scanner.write(bytes.subarray(i, i + size));
    scanner.close();
    return out;
  };
  const xml = '<?xml version="1.0" encoding="UTF-16"?><a 名="值">中文</a>';
  const utf16 = (text: string, littleEndian: boolean): Uint8Array => {
    const out = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[i * 2 + (littleEndian ? 0 : 1)] = c & 0xff;
      out[i * 2 + (littleEndian ? 1 : 0)] = c >> 8;
    }
    return out;
  };
  const expected: Event[] = [
    ["open", "a", { 名: "值" }],
    ["text", "中文"],
    ["close", "a"],
  ];

  it.each([
    ["UTF-16LE with its byte-order mark", utf16(`\ufeff${xml}`, true)],
    ["UTF-16BE with its byte-order mark", utf16(`\ufeff${xml}`, false)],
    ["UTF-16LE without one", utf16(xml, true)],
    ["UTF-16BE without one", utf16(xml, false)],
  ])("%s", (_, bytes) => {
    for (const size of [1, 3, Infinity]) expect(events(bytes, size)).toEqual(expected);
  });

  it("in the encoding its declaration names (GB18030)", () => {
    const gbk = Uint8Array.from([
      ...new TextEncoder().encode(
        '<?xml version="1.0" encoding="GB18030"?><a 名="值">'.replace("名", "n").replace("值", "v"),
      ),
      0xd6,
      0xd0,
      0xce,
      0xc4, // 中文 in GB18030
      ...new TextEncoder().encode("</a>"),
    ]);
    expect(events(gbk)).toEqual([
      ["open", "a", { n: "v" }],
      ["text", "中文"],
      ["close", "a"],
    ]);
  });
});

describe("names read by namespace", () => {
  const vocabulary = new Map([
    ["urn:main", ""],
    ["urn:rels", "r"],
  ]);
  const run = (xml: string): { events: string[]; plain: boolean } => {
    const events: string[] = [];
    const scanner = new XmlScanner(
      {
        open: (name, a) => void events.push(`${name} ${JSON.stringify(a.all())} id=${a.get("r:id") ?? "-"}`),
        close: (name) => void events.push(`/${name}`),
      },
      { vocabulary, usual: new Set(["urn:main", "urn:rels"]) },
    );
    scanner.write(new TextEncoder().encode(xml));
    scanner.close();
    return { events, plain: scanner.plain };
  };

  it("gives the vocabulary's names bare and its other namespaces under their own prefix, whatever the file's", () => {
    const bare = run('<w xmlns="urn:main" xmlns:r="urn:rels"><s r:id="1" name="a"/></w>');
    const prefixed = run(
      '<x:w xmlns:x="urn:main" xmlns:relationships="urn:rels"><x:s relationships:id="1" name="a"/></x:w>',
    );
    expect(prefixed.events).toEqual(bare.events);
    expect(bare.events).toEqual(["w {} id=-", 's {"r:id":"1","name":"a"} id=1', "/s", "/w"]);
    expect([bare.plain, prefixed.plain]).toEqual([true, false]);
  });

  it("names other namespaces by their URI, and no namespace by none", () => {
    expect(run('<w xmlns="urn:main"><o:e xmlns:o="urn:other" o:k="v"/><e xmlns=""/></w>').events).toEqual([
      "w {} id=-",
      '{urn:other}e {"{urn:other}k":"v"} id=-',
      "/{urn:other}e",
      "{}e {} id=-",
      "/{}e",
      "/w",
    ]);
  });

  it("keeps a declaration in scope for its element only", () => {
    expect(run('<w xmlns="urn:main"><a xmlns="urn:other"><b/></a><c/></w>').events).toEqual([
      "w {} id=-",
      "{urn:other}a {} id=-",
      "{urn:other}b {} id=-",
      "/{urn:other}b",
      "/{urn:other}a",
      "c {} id=-",
      "/c",
      "/w",
    ]);
  });

  it.each([
    ["an unbound element prefix", '<w xmlns="urn:main"><q:a/></w>'],
    ["an unbound attribute prefix", '<w xmlns="urn:main"><a q:x="1" r:id="2" xmlns:r="urn:rels"/></w>'],
    ["a prefix undeclared to nothing", '<w xmlns:q=""/>'],
    ["the xmlns prefix bound", '<w xmlns:xmlns="urn:x"/>'],
  ])("refuses %s", (_, xml) => {
    expect(() => run(xml)).toThrow(expect.objectContaining({ problem: "namespace" }) as Error);
  });
});
