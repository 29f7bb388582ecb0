/*
 * A small streaming XML tokenizer for the parts of an .xlsx, fast enough that `check` runs near the floor of
 * unzipping plus one regex pass. It reads the part's bytes as latin1 — one char per byte, which V8 keeps as a
 * one-byte string and makes in microseconds — and decodes UTF-8 only in the texts and attribute values it hands
 * out: markup is ASCII, and no byte of a multi-byte UTF-8 sequence is below 0x80, so tags are found exactly.
 * It is not a validating parser: it checks what a damaged part shows (unbalanced or unclosed tags, stray '<',
 * unknown entities, a DOCTYPE) and normalises text and attributes as XML (and so saxes, under ExcelJS) does.
 */
import { Buffer } from "buffer";

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

const NON_ASCII = /[\x80-\xff]/;
/** A latin1 slice of UTF-8 bytes back to the text they encode (invalid sequences become U+FFFD). */
const utf8 = (raw: string): string =>
  NON_ASCII.test(raw) ? Buffer.from(raw, "latin1").toString("utf8") : raw;

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Any reference other than the five named entities: those take the careful path below. */
const UNUSUAL_REFERENCE = /&(?!(?:lt|gt|quot|apos|amp);)/;

function decodeEntities(text: string): string {
  if (UNUSUAL_REFERENCE.test(text)) return carefulDecode(text);
  // The common case (formulas full of &quot; and &gt;): every '&' starts one of the five, so its next letters
  // tell which.
  let out = "";
  let from = 0;
  for (let at = text.indexOf("&"); at >= 0; at = text.indexOf("&", from)) {
    const c = text.charCodeAt(at + 1);
    const [character, length] =
      c === 113 /* q */
        ? ['"', 6]
        : c === 108 /* l */
          ? ["<", 4]
          : c === 103 /* g */
            ? [">", 4]
            : text.charCodeAt(at + 2) === 109 /* m */
              ? ["&", 5]
              : ["'", 6];
    out += text.slice(from, at) + character;
    from = at + length;
  }
  return out + text.slice(from);
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

const WHITESPACE = /[\r\n\t]/;

/** Raw text and attribute values as found in a part, read as XML reads them. */
export interface PartText {
  /** Turns the scanned chars into text: UTF-8 decoding of a latin1 view, or nothing for a decoded part. */
  readonly decode: (raw: string) => string;
  text(raw: string): string;
  attribute(raw: string): string;
}

const partText = (decode: (raw: string) => string): PartText => ({
  decode,
  text: (raw) => {
    const decoded = decode(raw);
    const lines = decoded.includes("\r") ? decoded.replace(/\r\n?/g, "\n") : decoded;
    return lines.includes("&") ? decodeEntities(lines) : lines;
  },
  attribute: (raw) => {
    const decoded = decode(raw);
    const spaced = WHITESPACE.test(decoded) ? decoded.replace(/\r\n|[\r\n\t]/g, " ") : decoded;
    return spaced.includes("&") ? decodeEntities(spaced) : spaced;
  },
});

const LATIN1_PART = partText(utf8);
const DECODED_PART = partText((raw) => raw);

const ONLY_SPACE = /^[ \t\r\n]*$/;
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;
/** Characters that end a tag or attribute name, or cannot be in one. */
const endsName = (c: number): boolean =>
  isSpace(c) ||
  c === 62 /* > */ ||
  c === 47 /* / */ ||
  c === 61 /* = */ ||
  c === 60 /* < */ ||
  c === 34 ||
  c === 39;

/**
 * A tag's attributes, found while the tag was checked and decoded only when asked for. It is the scanner's
 * own object, valid during the open() call that receives it.
 */
export class Attributes {
  constructor(private readonly read: PartText) {}

  /** The scanned string, and [nameStart, nameEnd, valueStart, valueEnd] of each attribute in it. */
  source = "";
  readonly spans: number[] = [];
  /** How many of `spans` are this tag's (the array is reused from tag to tag). */
  length = 0;

  get(name: string): string | undefined {
    const { source, spans } = this;
    for (let k = 0; k < this.length; k += 4)
      if (spans[k + 1] - spans[k] === name.length && source.startsWith(name, spans[k]))
        return this.read.attribute(source.slice(spans[k + 2], spans[k + 3]));
    return undefined;
  }

  /** Every attribute, for tests and diagnostics. */
  all(): Readonly<Record<string, string>> {
    const out: Record<string, string> = {};
    for (let k = 0; k < this.length; k += 4)
      out[this.read.decode(this.source.slice(this.spans[k], this.spans[k + 1]))] = this.read.attribute(
        this.source.slice(this.spans[k + 2], this.spans[k + 3]),
      );
    return out;
  }
}

/**
 * An element a part repeats thousands of times (a sheet's cells), read in one go: where an element of that
 * name starts, the sticky `pattern` is tried, and a match — which must be a whole, well-formed element — goes
 * to `element` with its groups still raw (see text and attributeValue). Anything the pattern does not match
 * goes tag by tag through open/text/close, which must read it the same way.
 */
export interface WholeElement {
  readonly name: string;
  readonly pattern: RegExp;
  /**
   * Reads the commonest shape of the element at `at` by hand, before `pattern` is tried: the index after it,
   * or -1 to try the pattern. For whole elements only (not with startTag).
   */
  readonly scan?: (s: string, at: number, read: PartText) => number;
  /** The pattern matches only the start tag (never self-closing); the content and end tag follow as usual. */
  readonly startTag?: boolean;
  /** Returns false to have this match read tag by tag after all; `read` turns its groups into text. */
  element(match: RegExpExecArray, read: PartText): boolean | void;
}

/**
 * An element that parts of a batch repeat byte for byte (a template's data validations: a third of a sheet).
 * Where one starts and its end tag is already in the input, `repeated` gets its raw text (start tag to end tag):
 * returning true takes it as read (the handler read it, or replayed what reading the same text gave before),
 * false reads it tag by tag as usual.
 */
export interface RepeatedElement {
  readonly name: string;
  repeated(raw: string, read: PartText): boolean;
}

export interface XmlHandlers {
  /**
   * Returning true skips the element's content (found by its closing tag, so it must not nest itself).
   * `attributes` is only valid during the call.
   */
  open(name: string, attributes: Attributes): boolean | void;
  text?(text: string): void;
  close?(name: string): void;
  readonly whole?: readonly WholeElement[];
  readonly repeated?: readonly RepeatedElement[];
}

/** A tag still unmatched after this much input is malformed, not merely cut by a chunk boundary. */
const MAX_PENDING = 1024 * 1024;
const BOM = "\xef\xbb\xbf";
/** tag() found the input cut before the tag's end. */
const CUT = -1;

/** Feed a part's bytes with write(), then close(); handlers are called as tags complete. */
export class XmlScanner {
  private rest = "";
  private atStart = true;
  private readonly open: string[] = [];
  private rootSeen = false;
  /** The closing tag being looked for while skipping an element's content. */
  private skipping: string | null = null;
  private readonly attributes: Attributes;
  /** Where the '<' after the current tag is (found while checking its attributes), or -1 when not known. */
  private nextLt = -1;
  private readonly read: PartText;
  /** For a part decoded up front. */
  private readonly decoder: TextDecoder | null;

  /**
   * `utf8` decodes the part up front instead of reading it as latin1: for a part that is mostly text (the
   * shared strings), where one decoding costs less than one per string.
   */
  constructor(
    private readonly handlers: XmlHandlers,
    options: { readonly utf8?: boolean } = {},
  ) {
    this.decoder = options.utf8 ? new TextDecoder() : null;
    this.read = options.utf8 ? DECODED_PART : LATIN1_PART;
    this.attributes = new Attributes(this.read);
  }

  write(bytes: Uint8Array): void {
    this.feed(
      this.decoder
        ? this.decoder.decode(bytes, { stream: true })
        : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"),
    );
  }

  private feed(chunk: string): void {
    let s = this.rest === "" ? chunk : this.rest + chunk;
    if (this.atStart) {
      // A byte-order mark is dropped, as TextDecoder drops it.
      if (s.length < BOM.length && BOM.startsWith(s)) {
        this.rest = s;
        return;
      }
      if (s.startsWith(BOM)) s = s.slice(BOM.length);
      this.atStart = false;
    }
    let i = 0;
    this.nextLt = -1;
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
        this.nextLt = -1;
        this.handlers.close?.(this.read.decode(this.open.pop() ?? ""));
        continue;
      }
      // Elements mostly follow one another: the next '<' is often right here.
      // (Every read here stays within the string: one past its end makes optimised code start over.)
      const lt =
        i < s.length && s.charCodeAt(i) === 60 ? i : this.nextLt >= i ? this.nextLt : s.indexOf("<", i);
      // Text cut by the chunk boundary (maybe inside an entity) waits for the next chunk.
      if (lt < 0) break;
      if (lt > i) this.flushText(s.slice(i, lt));
      i = lt;
      if (lt + 1 >= s.length) break; // the chunk ends at the '<'
      const next = s.charCodeAt(lt + 1);
      if (next === 63 /* ? */ || next === 33 /* ! */) {
        const end = this.special(s, lt);
        if (end < 0) break;
        i = end;
        continue;
      }
      // An end tag is never a whole or repeated element.
      const starts = next !== 47 && this.open.length > 0;
      if (starts && this.handlers.whole) {
        const end = this.wholeElement(this.handlers.whole, s, lt);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      if (starts && this.handlers.repeated) {
        const end = this.repeatedElement(this.handlers.repeated, s, lt);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      const end = this.tag(s, lt);
      if (end === CUT) {
        if (s.length - lt > MAX_PENDING) throw this.malformed(s, lt);
        break;
      }
      i = end;
    }
    this.rest = s.slice(i);
  }

  /** The index after a whole element read at `lt`, or -1 when none of them matches there. */
  private wholeElement(elements: readonly WholeElement[], s: string, lt: number): number {
    const first = s.charCodeAt(lt + 1);
    for (const whole of elements) {
      const { name } = whole;
      if (name.charCodeAt(0) !== first || (name.length > 1 && !s.startsWith(name, lt + 1))) continue;
      const scanned = whole.scan ? whole.scan(s, lt, this.read) : -1;
      if (scanned > 0) return scanned;
      whole.pattern.lastIndex = lt;
      const match = whole.pattern.exec(s);
      if (match && whole.element(match, this.read) !== false) {
        if (whole.startTag) this.open.push(whole.name);
        return lt + match[0].length;
      }
    }
    return -1;
  }

  /** The index after a repeated element taken as read at `lt`, or -1. */
  private repeatedElement(elements: readonly RepeatedElement[], s: string, lt: number): number {
    for (const element of elements) {
      const { name } = element;
      const after = lt + 1 + name.length < s.length ? s.charCodeAt(lt + 1 + name.length) : -1;
      // The name whole, not a longer one it begins (the handler refuses any shape it does not know).
      if (!(after === 62 || isSpace(after)) || !s.startsWith(name, lt + 1)) continue;
      const close = s.indexOf(`</${name}>`, lt);
      if (close < 0) return -1;
      const end = close + name.length + 3;
      return element.repeated(s.slice(lt, end), this.read) ? end : -1;
    }
    return -1;
  }

  private malformed(s: string, at: number): XmlError {
    return new XmlError(`Malformed tag at ${this.read.decode(s.slice(at, at + 40))}`);
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
      this.handlers.text?.(this.read.decode(s.slice(lt + 9, end)));
      return end + 3;
    }
    if (s.length - lt < 9) return -1;
    throw new XmlError(`Unsupported markup at ${this.read.decode(s.slice(lt, lt + 20))}`);
  }

  private flushText(raw: string): void {
    if (this.open.length === 0) {
      if (!ONLY_SPACE.test(raw)) throw new XmlError("Text outside the root");
      return;
    }
    if (this.handlers.text) this.handlers.text(this.read.text(raw));
    else if (raw.includes("&")) decodeEntities(raw);
  }

  /**
   * Checks the tag starting at `lt` — a name, attributes each after whitespace and quoted without '<', then '>'
   * or '/>'; a closing tag only its name and whitespace — and calls its handler; returns the index after its
   * '>', or CUT.
   */
  private tag(s: string, lt: number): number {
    let p = lt + 1;
    const closing = s.charCodeAt(p) === 47;
    if (closing) p++;
    const nameStart = p;
    let wide = false;
    for (let c = s.charCodeAt(p); !endsName(c); c = s.charCodeAt(++p)) {
      if (c !== c) return CUT;
      if (c === 33 || c === 63 || c === 38) throw this.malformed(s, lt);
      if (c > 127) wide = true;
    }
    const stop = s.charCodeAt(p);
    if (p === nameStart || stop === 61 || stop === 60 || stop === 34 || stop === 39)
      throw this.malformed(s, lt);
    // As written in the part (what its closing tag must repeat), and as text for the handlers.
    const raw = s.slice(nameStart, p);
    const name = wide ? this.read.decode(raw) : raw;
    const { spans } = this.attributes;
    let length = 0;
    let selfClosing = false;
    let nextLt = -1;
    for (;;) {
      const spaceStart = p;
      let c = s.charCodeAt(p);
      while (isSpace(c)) c = s.charCodeAt(++p);
      if (c !== c) return CUT;
      if (c === 62) {
        p++;
        break;
      }
      if (c === 47) {
        const after = s.charCodeAt(p + 1);
        if (after !== after) return CUT;
        if (after !== 62 || closing) throw this.malformed(s, lt);
        selfClosing = true;
        p += 2;
        break;
      }
      if (closing || p === spaceStart) throw this.malformed(s, lt);
      const attrStart = p;
      while (!endsName(c) && c === c) c = s.charCodeAt(++p);
      if (c !== c) return CUT;
      const attrEnd = p;
      if (attrEnd === attrStart) throw this.malformed(s, lt);
      while (isSpace(c)) c = s.charCodeAt(++p);
      if (c !== 61) {
        if (c !== c) return CUT;
        throw this.malformed(s, lt);
      }
      c = s.charCodeAt(++p);
      while (isSpace(c)) c = s.charCodeAt(++p);
      if (c !== 34 && c !== 39) {
        if (c !== c) return CUT;
        throw this.malformed(s, lt);
      }
      const valueStart = p + 1;
      const valueEnd = s.indexOf(c === 34 ? '"' : "'", valueStart);
      if (valueEnd < 0) return CUT;
      // A value holds no '<': the next one in the input must come after it.
      if (nextLt < valueEnd) {
        nextLt = s.indexOf("<", valueStart);
        if (nextLt >= 0 && nextLt < valueEnd) throw this.malformed(s, lt);
      }
      spans[length++] = attrStart;
      spans[length++] = attrEnd;
      spans[length++] = valueStart;
      spans[length++] = valueEnd;
      p = valueEnd + 1;
    }
    this.nextLt = nextLt;
    if (closing) {
      const expected = this.open.pop();
      if (expected !== raw)
        throw new XmlError(`Unexpected </${name}>, expected </${this.read.decode(expected ?? "")}>`);
      this.handlers.close?.(name);
      return p;
    }
    if (this.open.length === 0) {
      if (this.rootSeen) throw new XmlError("More than one root element");
      this.rootSeen = true;
    }
    this.attributes.source = s;
    this.attributes.length = length;
    const skip = this.handlers.open(name, this.attributes) === true;
    if (selfClosing) this.handlers.close?.(name);
    else {
      this.open.push(raw);
      if (skip) this.skipping = `</${raw}>`;
    }
    return p;
  }

  close(): void {
    if (this.decoder) this.feed(this.decoder.decode());
    if (!ONLY_SPACE.test(this.rest) || this.open.length > 0 || this.skipping !== null)
      throw new XmlError("Unexpected end of the part");
    if (!this.rootSeen) throw new XmlError("No root element");
  }
}
