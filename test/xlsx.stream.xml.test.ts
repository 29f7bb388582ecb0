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
