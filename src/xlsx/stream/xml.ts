/*
 * A small streaming XML tokenizer for the parts of an .xlsx. It reads a sheet in about a fifth of saxes's time,
 * which is what lets `check` run near the floor of unzipping plus one regex pass. It is not a validating parser:
 * it checks what a damaged part shows (unbalanced or unclosed tags, stray '<', unknown entities, a DOCTYPE) and
 * normalises text and attributes as XML (and so saxes, under ExcelJS) does.
 */

/** A tag's attributes, parsed only as far as they are asked for. */
export class Attributes {
  private parsed: Record<string, string> | null = null;
  private fast: boolean | null = null;

  constructor(private readonly raw: string) {}

  get(name: string): string | undefined {
    if (this.raw === "") return undefined;
    if (this.parsed) return this.parsed[name];
    // Without single quotes or odd spacing, ` name="` can only start that attribute (a "-quoted value holds no
    // '"'), so one indexOf finds it; anything else gets the full parse.
    this.fast ??= !OFF_FAST_PATH.test(this.raw);
    if (this.fast) {
      const at = this.raw.indexOf(` ${name}="`);
      if (at < 0) return undefined;
      const start = at + name.length + 3;
      return attributeValue(this.raw.slice(start, this.raw.indexOf('"', start)));
    }
    this.parsed = attributesOf(this.raw);
    return this.parsed[name];
  }

  /** Every attribute, for tests and diagnostics. */
  all(): Readonly<Record<string, string>> {
    return this.raw === "" ? {} : (this.parsed ??= attributesOf(this.raw));
  }
}

const OFF_FAST_PATH = /'|[\t\n\r]|\s=|=\s/;

export interface XmlHandlers {
  /** Returning true skips the element's content (found by its closing tag, so it must not nest itself). */
  open(name: string, attributes: Attributes): boolean | void;
  text?(text: string): void;
  close?(name: string): void;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

const WHITESPACE = /[\r\n\t]/;
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Any reference other than the five named entities: those take the careful path below. */
const UNUSUAL_REFERENCE = /&(?!(?:lt|gt|quot|apos|amp);)/;

function decodeEntities(text: string): string {
  // The common case (formulas full of &quot; and &gt;) with native replaces; &amp; last, so "&amp;lt;" stays "&lt;".
  if (!UNUSUAL_REFERENCE.test(text))
    return text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  return carefulDecode(text);
}

function carefulDecode(text: string): string {
  return text.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    const known = ENTITIES[name];
    if (known !== undefined && whole.length === name.length + 2) return known;
    if (!whole.endsWith(";")) throw new XmlError(`Unterminated entity &${name}`);
    if (name[0] === "#") {
      const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff)
        throw new XmlError(`Bad character reference &${name};`);
      return String.fromCodePoint(code);
    }
    throw new XmlError(`Unknown entity &${name};`);
  });
}

const text = (raw: string): string => {
  const lines = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  return lines.includes("&") ? decodeEntities(lines) : lines;
};

const attributeValue = (raw: string): string => {
  const spaced = WHITESPACE.test(raw) ? raw.replace(/\r\n|[\r\n\t]/g, " ") : raw;
  return spaced.includes("&") ? decodeEntities(spaced) : spaced;
};

const TAG = /<(\/?)([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
/** A tag still unmatched after this much input is malformed, not merely cut by a chunk boundary. */
const MAX_PENDING = 1024 * 1024;

function attributesOf(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m !== null; m = ATTRIBUTE.exec(raw))
    out[m[1]] = attributeValue(m[2] ?? m[3]);
  return out;
}

/** Feed chunks with write(), then close(); handlers are called as tags complete. */
export class XmlScanner {
  private rest = "";
  private readonly open: string[] = [];
  private rootSeen = false;
  /** The closing tag being looked for while skipping an element's content. */
  private skipping: string | null = null;

  constructor(private readonly handlers: XmlHandlers) {}

  write(chunk: string): void {
    const s = this.rest + chunk;
    let i = 0;
    for (;;) {
      if (this.skipping !== null) {
        const end = s.indexOf(this.skipping, i);
        if (end < 0) {
          // Keep just enough to find a closing tag cut by the chunk boundary.
          i = Math.max(i, s.length - this.skipping.length);
          break;
        }
        i = end + this.skipping.length;
        this.skipping = null;
        const name = this.open.pop() ?? "";
        this.handlers.close?.(name);
        continue;
      }
      const lt = s.indexOf("<", i);
      // Text cut by the chunk boundary (maybe inside an entity) waits for the next chunk.
      if (lt < 0) break;
      if (lt > i) this.flushText(s.slice(i, lt));
      i = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === 63 /* ? */ || next === 33 /* ! */) {
        const end = this.special(s, lt);
        if (end < 0) break;
        i = end;
        continue;
      }
      TAG.lastIndex = lt;
      const m = TAG.exec(s);
      if (!m) {
        // Most likely cut by the chunk boundary; close() or the pending limit catches a malformed one.
        if (s.length - lt > MAX_PENDING) throw new XmlError(`Malformed tag at ${s.slice(lt, lt + 40)}`);
        break;
      }
      i = TAG.lastIndex;
      this.tag(m[1] === "/", m[2], m[3], m[4] === "/");
    }
    this.rest = s.slice(i);
  }

  /** Comments, processing instructions and CDATA; returns the index after them, or -1 when cut. */
  private special(s: string, lt: number): number {
    if (s.startsWith("<?", lt)) {
      const end = s.indexOf("?>", lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      const end = s.indexOf("]]>", lt + 9);
      if (end < 0) return -1;
      if (this.open.length === 0) throw new XmlError("CDATA outside the root");
      this.handlers.text?.(s.slice(lt + 9, end));
      return end + 3;
    }
    if (s.length - lt < 9) return -1;
    throw new XmlError(`Unsupported markup at ${s.slice(lt, lt + 20)}`);
  }

  private flushText(raw: string): void {
    if (this.open.length === 0) {
      if (raw.trim() !== "") throw new XmlError("Text outside the root");
      return;
    }
    if (this.handlers.text) this.handlers.text(text(raw));
    else if (raw.includes("&")) decodeEntities(raw);
  }

  private tag(closing: boolean, name: string, rawAttributes: string, selfClosing: boolean): void {
    if (closing) {
      if (rawAttributes !== "" || selfClosing) throw new XmlError(`Malformed closing tag ${name}`);
      const expected = this.open.pop();
      if (expected !== name) throw new XmlError(`Unexpected </${name}>, expected </${expected ?? ""}>`);
      this.handlers.close?.(name);
      return;
    }
    if (this.open.length === 0) {
      if (this.rootSeen) throw new XmlError("More than one root element");
      this.rootSeen = true;
    }
    const skip = this.handlers.open(name, new Attributes(rawAttributes)) === true;
    if (selfClosing) this.handlers.close?.(name);
    else {
      this.open.push(name);
      if (skip) this.skipping = `</${name}>`;
    }
  }

  close(): void {
    if (this.rest.trim() !== "" || this.open.length > 0 || this.skipping !== null)
      throw new XmlError("Unexpected end of the part");
    if (!this.rootSeen) throw new XmlError("No root element");
  }
}
