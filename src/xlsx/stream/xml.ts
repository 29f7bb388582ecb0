/*
 * A small streaming XML tokenizer for the parts of an .xlsx, fast enough that `check` runs near the floor of
 * unzipping plus one regex pass. It reads a UTF-8 part's bytes as latin1 — one char per byte, which V8 keeps as a
 * one-byte string and makes in microseconds — and decodes UTF-8 only in the texts and attribute values it hands
 * out: markup is ASCII, and no byte of a multi-byte UTF-8 sequence is below 0x80, so tags are found exactly. A part
 * in another encoding (UTF-16 with or without its byte-order mark, or one its XML declaration names) is decoded
 * up front instead.
 *
 * It checks well-formedness as far as a workbook needs it to mean one thing to every reader: the bytes are valid
 * in their encoding, every char is an XML Char (no NUL, no control char, no U+FFFE/U+FFFF, literal or as a
 * reference), tags balance, attributes are quoted, unique and hold no '<', entities are the five predefined ones,
 * no DOCTYPE, one root. With a vocabulary it reads names by namespace (Namespaces in XML 1.0): the handlers see
 * the part's own namespace as bare names whatever prefix the file uses (`<x:c>` and `<c>` are both "c"), other
 * known namespaces under a fixed prefix ("r:id" for `relationships:id`), and unknown ones as "{uri}name".
 */
import { latin1, portableUtf8Check, utf8OfLatin1, type Utf8Check } from "./bytes";
import type { XmlProblem } from "./refusal";

export class XmlError extends Error {
  constructor(
    readonly problem: XmlProblem,
    message: string,
  ) {
    super(message);
    this.name = "XmlError";
  }
}

const NON_ASCII = /[\x80-\xff]/;
/** A latin1 slice of UTF-8 bytes back to the text they encode. */
const utf8 = (raw: string): string => (NON_ASCII.test(raw) ? utf8OfLatin1(raw) : raw);

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Any reference other than the five named entities: those take the careful path below. */
const UNUSUAL_REFERENCE = /&(?!(?:lt|gt|quot|apos|amp);)/;

/** XML 1.0's Char production: what a character reference may name. */
const isXmlChar = (code: number): boolean =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);

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
    if (!whole.endsWith(";")) throw new XmlError("bad-reference", `Unterminated entity &${name}`);
    if (name[0] === "#") {
      const digits = name[1] === "x" ? name.slice(2) : name.slice(1);
      const valid = name[1] === "x" ? /^[0-9a-fA-F]{1,8}$/.test(digits) : /^[0-9]{1,9}$/.test(digits);
      const code = valid ? parseInt(digits, name[1] === "x" ? 16 : 10) : NaN;
      if (!isXmlChar(code))
        throw new XmlError("bad-reference", `Character reference &${name}; names no XML character`);
      return String.fromCodePoint(code);
    }
    throw new XmlError("bad-reference", `Unknown entity &${name};`);
  });
}

/** Throws when `raw` holds a reference XML does not allow (used where the text itself is not needed). */
export const checkReferences = (raw: string): void => {
  if (raw.includes("&")) decodeEntities(raw);
};

const WHITESPACE = /[\r\n\t]/;

/** Raw text and attribute values as found in a part, read as XML reads them. */
export interface PartText {
  /** Turns the scanned chars into text: UTF-8 decoding of a latin1 view, or nothing for a decoded part. */
  readonly decode: (raw: string) => string;
  /** Whether the scanned chars are the text itself (a decoded part), not a latin1 view of its bytes. */
  readonly decoded: boolean;
  text(raw: string): string;
  attribute(raw: string): string;
}

const partText = (decode: (raw: string) => string, decoded: boolean): PartText => ({
  decode,
  decoded,
  text: (raw) => {
    const text = decode(raw);
    const lines = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
    return lines.includes("&") ? decodeEntities(lines) : lines;
  },
  attribute: (raw) => {
    const text = decode(raw);
    const spaced = WHITESPACE.test(text) ? text.replace(/\r\n|[\r\n\t]/g, " ") : text;
    return spaced.includes("&") ? decodeEntities(spaced) : spaced;
  },
});

const LATIN1_PART = partText(utf8, false);
const DECODED_PART = partText((raw) => raw, true);

/** Chars XML 1.0 forbids, literal: C0 controls but tab, LF and CR; in a latin1 view also U+FFFE/U+FFFF's bytes. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
/** In a latin1 view: a control char, or U+FFFE/U+FFFF's UTF-8 bytes (looked for only where EF BF is). */
const forbiddenLatin1 = (text: string): boolean =>
  CONTROL.test(text) || (text.includes("\xef\xbf") && /\xef\xbf[\xbe\xbf]/.test(text));
// eslint-disable-next-line no-control-regex -- as above
const FORBIDDEN_DECODED = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

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
/** A name may not start with a digit, '-' or '.'. */
const badNameStart = (c: number): boolean => (c >= 48 && c <= 57) || c === 45 || c === 46;

/** Namespace URIs a part's handlers know, each by the prefix they see it under ("" for bare names). */
export type Vocabulary = ReadonlyMap<string, string>;

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

/** The prefix → namespace bindings in scope, as Namespaces in XML 1.0 declares them. */
class Namespaces {
  private readonly bound = new Map<string, string>([["xml", XML_NAMESPACE]]);
  /** Each declaration made, with what it replaced, and the depth it was made at. */
  private readonly undo: { depth: number; prefix: string; previous: string | undefined }[] = [];
  /** The handlers' prefix for the default namespace: "" for the vocabulary's own, null for none. */
  defaultPrefix: string | null;
  /**
   * Whether the part is spelled as literal-name readers (ExcelJS) read it: the vocabulary's own names bare, and
   * only the spellings `usual` lists of its namespaces (no Strict URIs).
   */
  plain = true;

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly usual: ReadonlySet<string> | undefined,
  ) {
    this.defaultPrefix = this.prefixOf(undefined);
  }

  private prefixOf(uri: string | undefined): string | null {
    if (uri === XML_NAMESPACE) return "xml";
    return uri === undefined ? null : (this.vocabulary.get(uri) ?? null);
  }

  declare(prefix: string, uri: string, depth: number): void {
    if (prefix !== "" && uri === "")
      throw new XmlError("namespace", `The prefix ${prefix} is undeclared to nothing`);
    if (prefix === "xmlns" || (prefix === "xml") !== (uri === XML_NAMESPACE))
      throw new XmlError("namespace", `The reserved prefix ${prefix} is rebound`);
    this.undo.push({ depth, prefix, previous: this.bound.get(prefix) });
    this.elements.clear();
    if (this.usual && this.vocabulary.has(uri) && !this.usual.has(uri)) this.plain = false;
    if (uri === "" && prefix === "") this.bound.delete("");
    else this.bound.set(prefix, uri);
    if (prefix === "") this.defaultPrefix = this.prefixOf(uri || undefined);
  }

  /** Forgets the declarations made at `depth` (its element closed). */
  leave(depth: number): void {
    while (this.undo.length > 0 && this.undo[this.undo.length - 1].depth === depth) {
      const { prefix, previous } = this.undo.pop() as { prefix: string; previous: string | undefined };
      this.elements.clear();
      if (previous === undefined) this.bound.delete(prefix);
      else this.bound.set(prefix, previous);
      if (prefix === "") this.defaultPrefix = this.prefixOf(previous);
    }
  }

  /** Element names as the handlers see them, while the bindings stay as they are. */
  private readonly elements = new Map<string, string>();

  /** An element's name (unprefixed names are in the default namespace) as the handlers see it. */
  element(name: string): string {
    if (this.defaultPrefix === "" && !name.includes(":")) return name;
    let seen = this.elements.get(name);
    if (seen === undefined) this.elements.set(name, (seen = this.resolveElement(name)));
    return seen;
  }

  private resolveElement(name: string): string {
    const colon = name.indexOf(":");
    if (colon < 0) {
      const prefix = this.defaultPrefix;
      if (prefix === "") return name;
      return prefix === null ? `{${this.bound.get("") ?? ""}}${name}` : `${prefix}:${name}`;
    }
    return this.qualified(name, colon);
  }

  /** An attribute's name (unprefixed names are in no namespace) as the handlers see it. */
  attribute(name: string): string {
    const colon = name.indexOf(":");
    return colon < 0 ? name : this.qualified(name, colon);
  }

  private qualified(name: string, colon: number): string {
    const given = name.slice(0, colon);
    const uri = this.bound.get(given);
    if (uri === undefined) throw new XmlError("namespace", `Unbound namespace prefix ${given} in ${name}`);
    const prefix = this.prefixOf(uri);
    const local = name.slice(colon + 1);
    if (prefix === "") {
      this.plain = false;
      return local;
    }
    if (prefix === null) return `{${uri}}${local}`;
    // Literal-name readers know a namespace by its usual prefix only (r:id, not d3p1:id).
    if (given !== prefix) this.plain = false;
    return `${prefix}:${local}`;
  }
}

/**
 * A tag's attributes, found while the tag was checked and decoded only when asked for. It is the scanner's
 * own object, valid during the open() call that receives it.
 */
export class Attributes {
  constructor(
    public read: PartText,
    private readonly namespaces: Namespaces | null,
  ) {}

  /** The scanned string, and [nameStart, nameEnd, valueStart, valueEnd] of each attribute in it. */
  source = "";
  readonly spans: number[] = [];
  /** How many of `spans` are this tag's (the array is reused from tag to tag). */
  length = 0;

  /** An attribute by the name the handlers know it by ("r:id" whatever prefix the part binds to that namespace). */
  get(name: string): string | undefined {
    const { source, spans } = this;
    const qualified = this.namespaces !== null && name.includes(":");
    for (let k = 0; k < this.length; k += 4) {
      const matches = qualified
        ? this.nameAt(k) === name
        : spans[k + 1] - spans[k] === name.length && source.startsWith(name, spans[k]);
      if (matches) return this.read.attribute(source.slice(spans[k + 2], spans[k + 3]));
    }
    return undefined;
  }

  private nameAt(k: number): string {
    const raw = this.read.decode(this.source.slice(this.spans[k], this.spans[k + 1]));
    return this.namespaces && !raw.startsWith("xmlns") ? this.namespaces.attribute(raw) : raw;
  }

  /** Every attribute but namespace declarations, for tests and diagnostics. */
  all(): Readonly<Record<string, string>> {
    const out: Record<string, string> = {};
    for (let k = 0; k < this.length; k += 4) {
      const name = this.nameAt(k);
      if (this.namespaces && (name === "xmlns" || name.startsWith("xmlns:"))) continue;
      out[name] = this.read.attribute(this.source.slice(this.spans[k + 2], this.spans[k + 3]));
    }
    return out;
  }
}

/**
 * An element a part repeats thousands of times (a sheet's cells), read in one go: where an element of that
 * name starts, the sticky `pattern` is tried, and a match — which must be a whole, well-formed element — goes
 * to `element` with its groups still raw (see text and attributeValue). Anything the pattern does not match
 * goes tag by tag through open/text/close, which must read it the same way. Whole elements are tried only where
 * unprefixed names are in the part's own namespace, so a pattern must not match a namespace declaration.
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

export interface ScannerOptions {
  /**
   * Decode a UTF-8 part up front instead of reading it as latin1: for a part that is mostly text (the shared
   * strings), where one decoding costs less than one per string.
   */
  readonly utf8?: boolean;
  /** Read names by namespace (see the module comment); without it names are given as written. */
  readonly vocabulary?: Vocabulary;
  /** The namespace URIs literal-name readers know (see `plain`). */
  readonly usual?: ReadonlySet<string>;
  /** Validates UTF-8 bytes (Node passes its native check). */
  readonly utf8Check?: Utf8Check;
}

/** A tag still unmatched after this much input is malformed, not merely cut by a chunk boundary. */
const MAX_PENDING = 1024 * 1024;
const BOM = "\xef\xbb\xbf";
/** tag() found the input cut before the tag's end. */
const CUT = -1;
/** Bytes enough to hold any XML declaration a writer puts first. */
const DECLARATION_BYTES = 256;

/** How many bytes the UTF-8 sequence led by `lead` has (1 for a byte that leads none: the check fails it). */
const sequenceLength = (lead: number): number => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

/** Where an incomplete UTF-8 sequence at the end of `bytes` starts, or bytes.length. */
function incompleteTail(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const b = bytes[i];
    if (b < 0x80) break;
    if (b >= 0xc0) return bytes.length - i < sequenceLength(b) ? i : bytes.length;
  }
  return bytes.length;
}

/** Feed a part's bytes with write(), then close(); handlers are called as tags complete. */
export class XmlScanner {
  private rest = "";
  private atStart = true;
  /** Tags open, as written (what their closing tags must repeat), and as the handlers know them. */
  private readonly open: string[] = [];
  private readonly openNames: string[] = [];
  private rootSeen = false;
  /** The closing tag being looked for while skipping an element's content. */
  private skipping: string | null = null;
  private readonly attributes: Attributes;
  /** Where the '<' after the current tag is (found while checking its attributes), or -1 when not known. */
  private nextLt = -1;
  /** The next '&' at or after the current attribute value in the string being scanned, or its length. */
  private nextAmp = -1;
  private read: PartText = LATIN1_PART;
  /** For a part decoded up front. */
  private decoder: TextDecoder | null = null;
  private readonly namespaces: Namespaces | null;
  /** Bytes before the encoding is known. */
  private head: Uint8Array | null = new Uint8Array(0);
  /** The bytes of a UTF-8 sequence cut by the chunk boundary, checked with the next chunk. */
  private carry: Uint8Array = new Uint8Array(0);
  /** The last two chars of the previous chunk (a latin1 U+FFFE may straddle chunks). */
  private tail = "";
  private readonly utf8Check: Utf8Check;

  constructor(
    private readonly handlers: XmlHandlers,
    private readonly options: ScannerOptions = {},
  ) {
    this.namespaces = options.vocabulary ? new Namespaces(options.vocabulary, options.usual) : null;
    this.attributes = new Attributes(this.read, this.namespaces);
    this.utf8Check = options.utf8Check ?? portableUtf8Check;
  }

  write(bytes: Uint8Array): void {
    if (this.head !== null) {
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head);
      joined.set(bytes, this.head.length);
      if (!this.chooseEncoding(joined, false)) {
        this.head = joined;
        return;
      }
      this.head = null;
      bytes = joined;
    }
    if (this.decoder) {
      let text: string;
      try {
        text = this.decoder.decode(bytes, { stream: true });
      } catch {
        throw new XmlError("encoding", `Invalid ${this.decoder.encoding} bytes`);
      }
      if (FORBIDDEN_DECODED.test(text)) throw this.forbidden();
      this.feed(text);
      return;
    }
    this.checkUtf8(bytes);
    const text = latin1(bytes);
    if (forbiddenLatin1(text) || (this.tail !== "" && forbiddenLatin1(this.tail + text.slice(0, 2))))
      throw this.forbidden();
    this.tail = (this.tail + text).slice(-2);
    this.feed(text);
  }

  private forbidden(): XmlError {
    return new XmlError(
      "forbidden-char",
      "A character XML does not allow (a control character, NUL or U+FFFE/U+FFFF)",
    );
  }

  /** Checks UTF-8 bytes chunk by chunk, a sequence cut by the boundary with the chunk that completes it. */
  private checkUtf8(bytes: Uint8Array): void {
    let start = 0;
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0]) - this.carry.length;
      const piece = new Uint8Array(this.carry.length + Math.min(need, bytes.length));
      piece.set(this.carry);
      piece.set(bytes.subarray(0, need), this.carry.length);
      if (bytes.length < need) {
        this.carry = piece;
        return;
      }
      if (!this.utf8Check(piece)) throw new XmlError("encoding", "Invalid UTF-8 bytes");
      start = need;
    }
    const rest = bytes.subarray(start);
    const cut = incompleteTail(rest);
    if (!this.utf8Check(rest.subarray(0, cut))) throw new XmlError("encoding", "Invalid UTF-8 bytes");
    this.carry = rest.slice(cut);
  }

  /**
   * Picks the part's encoding from its first bytes (XML 1.0 appendix F): a byte-order mark, UTF-16's '<' pattern,
   * or the encoding its declaration names. False until enough bytes are in (unless `final`).
   */
  private chooseEncoding(bytes: Uint8Array, final: boolean): boolean {
    const [a, b, c, d] = bytes;
    if (bytes.length < 4 && !final) return false;
    let label: string | null = null;
    if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0 && c === 0x3f && d === 0)) label = "utf-16le";
    else if ((a === 0xfe && b === 0xff) || (a === 0 && b === 0x3c && c === 0 && d === 0x3f))
      label = "utf-16be";
    else if (a === 0x3c && b === 0x3f) {
      // An ASCII-compatible declaration: its encoding, if it names one, is the part's.
      const text = latin1(bytes.subarray(0, DECLARATION_BYTES));
      const end = text.indexOf("?>");
      if (end < 0 && bytes.length < DECLARATION_BYTES && !final) return false;
      const named = /^<\?xml\s[^?]*?\bencoding\s*=\s*["']([A-Za-z][\w.-]*)["']/.exec(
        end < 0 ? text : text.slice(0, end),
      )?.[1];
      const lower = named?.toLowerCase();
      if (lower === "utf-16" || lower === "utf-16le" || lower === "utf-16be")
        throw new XmlError("encoding", `The declaration says ${named}, but the part is not in UTF-16`);
      if (lower !== undefined && lower !== "utf-8" && lower !== "utf8") label = lower;
    }
    if (label !== null) {
      try {
        this.decoder = new TextDecoder(label, { fatal: true });
      } catch {
        throw new XmlError("encoding", `Unsupported encoding ${label}`);
      }
      this.read = DECODED_PART;
    } else if (this.options.utf8) {
      this.decoder = new TextDecoder("utf-8", { fatal: true });
      this.read = DECODED_PART;
    }
    this.attributes.read = this.read;
    return true;
  }

  /**
   * Whether the part is spelled as readers of literal names read it (`usual` namespaces, own names unprefixed),
   * as far as it was read; true without a vocabulary.
   */
  get plain(): boolean {
    return this.namespaces?.plain ?? true;
  }

  /** How the part's chars were read: a latin1 view of UTF-8, or decoded up front. */
  get partText(): PartText {
    return this.read;
  }

  private feed(chunk: string): void {
    let s = this.rest === "" ? chunk : this.rest + chunk;
    if (this.atStart) {
      // A byte-order mark is dropped, as TextDecoder drops it.
      if (s.length < BOM.length && BOM.startsWith(s) && !this.decoder) {
        this.rest = s;
        return;
      }
      if (s.startsWith(BOM) && !this.decoder) s = s.slice(BOM.length);
      if (s === "") return;
      this.atStart = false;
      this.declarationAllowed = true;
    }
    let i = 0;
    this.nextLt = -1;
    this.nextAmp = -1;
    // Whole and repeated elements are read by patterns of bare names: only where those are the part's own.
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
        this.closeElement();
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
      this.declarationAllowed = false;
      // An end tag is never a whole or repeated element.
      const starts = next !== 47 && this.open.length > 0 && this.bareNamesOwn();
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

  /** Whether unprefixed element names are in the part's own namespace (or names are read as written). */
  private bareNamesOwn(): boolean {
    return this.namespaces === null || this.namespaces.defaultPrefix === "";
  }

  /** Where an XML declaration may still come: at the very start of the part only. */
  private declarationAllowed = true;

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
        if (whole.startTag) {
          this.open.push(whole.name);
          this.openNames.push(whole.name);
        }
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
    return new XmlError("malformed-tag", `Malformed tag at ${this.read.decode(s.slice(at, at + 40))}`);
  }

  /** Comments, processing instructions and CDATA; returns the index after them, or -1 when cut. */
  private special(s: string, lt: number): number {
    if (s.startsWith("<?", lt)) {
      const end = s.indexOf("?>", lt + 2);
      if (end < 0) return -1;
      const target = /^<\?([^\s?]*)/.exec(s.slice(lt, Math.min(end, lt + 40)))?.[1] ?? "";
      if (target.toLowerCase() === "xml" && !(this.declarationAllowed && lt === 0))
        throw new XmlError("structure", "An XML declaration that is not at the start of the part");
      if (target === "") throw this.malformed(s, lt);
      this.declarationAllowed = false;
      return end + 2;
    }
    this.declarationAllowed = false;
    if (s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith("<![CDATA[", lt)) {
      const end = s.indexOf("]]>", lt + 9);
      if (end < 0) return -1;
      if (this.open.length === 0) throw new XmlError("structure", "CDATA outside the root");
      this.handlers.text?.(this.read.decode(s.slice(lt + 9, end)));
      return end + 3;
    }
    if (s.length - lt < 9) return -1;
    throw new XmlError(
      "unsupported-markup",
      `Unsupported markup at ${this.read.decode(s.slice(lt, lt + 20))}`,
    );
  }

  private flushText(raw: string): void {
    this.declarationAllowed = false;
    if (this.open.length === 0) {
      if (!ONLY_SPACE.test(raw)) throw new XmlError("structure", "Text outside the root");
      return;
    }
    if (this.handlers.text) this.handlers.text(this.read.text(raw));
    else checkReferences(raw);
  }

  /** Whether the attribute named by s[from, to) repeats one of the tag's earlier ones. */
  private repeatsAttribute(s: string, from: number, to: number, count: number): boolean {
    const { spans } = this.attributes;
    for (let k = 0; k < count; k += 4) {
      if (spans[k + 1] - spans[k] !== to - from) continue;
      let same = true;
      for (let j = 0; j < to - from && same; j++)
        same = s.charCodeAt(spans[k] + j) === s.charCodeAt(from + j);
      if (same) return true;
    }
    return false;
  }

  /**
   * Checks the tag starting at `lt` — a name, attributes each after whitespace, quoted without '<' and unique,
   * then '>' or '/>'; a closing tag only its name and whitespace — and calls its handler; returns the index after
   * its '>', or CUT.
   */
  private tag(s: string, lt: number): number {
    let p = lt + 1;
    const closing = s.charCodeAt(p) === 47;
    if (closing) p++;
    const nameStart = p;
    let wide = false;
    if (badNameStart(s.charCodeAt(p))) throw this.malformed(s, lt);
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
    const written = wide ? this.read.decode(raw) : raw;
    const { spans } = this.attributes;
    let length = 0;
    let selfClosing = false;
    let nextLt = -1;
    let declares = false;
    let prefixedAttributes = false;
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
      if (badNameStart(c)) throw this.malformed(s, lt);
      while (!endsName(c) && c === c) {
        if (c === 58) prefixedAttributes = true;
        c = s.charCodeAt(++p);
      }
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
      // Its references must be XML's, whether or not a handler reads it.
      if (this.nextAmp < valueStart) {
        const amp = s.indexOf("&", valueStart);
        this.nextAmp = amp < 0 ? s.length : amp;
      }
      if (this.nextAmp < valueEnd) checkReferences(s.slice(valueStart, valueEnd));
      if (length > 0 && this.repeatsAttribute(s, attrStart, attrEnd, length))
        throw new XmlError(
          "duplicate-attribute",
          `Attribute ${this.read.decode(s.slice(attrStart, attrEnd))} repeated in <${written}>`,
        );
      if (s.charCodeAt(attrStart) === 120 /* x */ && s.startsWith("xmlns", attrStart))
        declares = attrEnd === attrStart + 5 || s.charCodeAt(attrStart + 5) === 58 || declares;
      spans[length++] = attrStart;
      spans[length++] = attrEnd;
      spans[length++] = valueStart;
      spans[length++] = valueEnd;
      p = valueEnd + 1;
    }
    this.nextLt = nextLt;
    if (closing) {
      const expected = this.open[this.open.length - 1];
      if (expected !== raw)
        throw new XmlError(
          "mismatched-tag",
          `Unexpected </${written}>, expected </${this.read.decode(expected ?? "")}>`,
        );
      this.closeElement();
      return p;
    }
    if (this.open.length === 0) {
      if (this.rootSeen) throw new XmlError("structure", "More than one root element");
      this.rootSeen = true;
    }
    this.attributes.source = s;
    this.attributes.length = length;
    const depth = this.open.length + 1;
    if (declares && this.namespaces) this.declareAll(s, length, depth);
    if (prefixedAttributes && this.namespaces) this.checkPrefixes(s, length);
    const name = this.namespaces ? this.namespaces.element(written) : written;
    const skip = this.handlers.open(name, this.attributes) === true;
    this.open.push(raw);
    this.openNames.push(name);
    if (selfClosing) this.closeElement();
    else if (skip) this.skipping = `</${raw}>`;
    return p;
  }

  /** The namespace declarations among the tag's attributes, in scope from this element on. */
  private declareAll(s: string, length: number, depth: number): void {
    const { spans } = this.attributes;
    for (let k = 0; k < length; k += 4) {
      const name = this.read.decode(s.slice(spans[k], spans[k + 1]));
      if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
      const uri = this.read.attribute(s.slice(spans[k + 2], spans[k + 3]));
      this.namespaces?.declare(name === "xmlns" ? "" : name.slice(6), uri, depth);
    }
  }

  /** Every prefixed attribute's prefix must be bound (Namespaces in XML 1.0), read or not. */
  private checkPrefixes(s: string, length: number): void {
    const { spans } = this.attributes;
    for (let k = 0; k < length; k += 4) {
      const name = this.read.decode(s.slice(spans[k], spans[k + 1]));
      if (name.includes(":") && !name.startsWith("xmlns:")) this.namespaces?.attribute(name);
    }
  }

  private closeElement(): void {
    const depth = this.open.length;
    this.open.pop();
    const name = this.openNames.pop() ?? "";
    this.handlers.close?.(name);
    this.namespaces?.leave(depth);
  }

  close(): void {
    if (this.head !== null) {
      const head = this.head;
      this.chooseEncoding(head, true);
      this.head = null;
      if (head.length > 0) this.write(head);
    }
    if (this.decoder) {
      let text: string;
      try {
        text = this.decoder.decode();
      } catch {
        throw new XmlError("encoding", `Invalid ${this.decoder.encoding} bytes`);
      }
      this.feed(text);
    } else if (this.carry.length > 0) throw new XmlError("encoding", "Invalid UTF-8 bytes");
    if (!ONLY_SPACE.test(this.rest) || this.open.length > 0 || this.skipping !== null)
      throw new XmlError("structure", "Unexpected end of the part");
    if (!this.rootSeen) throw new XmlError("structure", "No root element");
  }
}
