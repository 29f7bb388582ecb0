/*
 * The streaming reader: what `check` needs of a workbook, read straight from the zip (fflate, ./xml),
 * without building an ExcelJS model. It yields exactly the SheetGrid that sheetToGrid gives for the ExcelJS
 * workbook of the same bytes (test/xlsx.stream.test.ts compares them), quirks included: date-formatted numbers
 * as dates, shared formulas slid to each cell, hyperlinked cells reduced to their text, merged-away cells empty.
 * Node only (it uses ExcelJS's own conversion helpers from its lib folder).
 */
import { Buffer } from "buffer";
import { slideFormula } from "exceljs/lib/utils/shared-formula";
import utils from "exceljs/lib/utils/utils";
import defaultNumFormats from "exceljs/lib/xlsx/defaultnumformats";
import { isScorecard, readScorecard, type GridValue, type ReadScorecard, type SheetGrid } from "../../sheet";
import { columnLetters } from "../grid";
import { formatError } from "../format";
import { openPackage, packageError } from "../package";
import { NODE_CODEC } from "./nodeCodec";
import { XmlScanner, type PartText, type RepeatedElement, type WholeElement, type XmlHandlers } from "./xml";
import { ZipError, type ZipReader } from "./zip";

/** Streams one part through the tokenizer: the part never exists as one string. */
function parsePart(
  zip: ZipReader,
  name: string,
  handlers: XmlHandlers,
  options?: ConstructorParameters<typeof XmlScanner>[1],
): void {
  const scanner = new XmlScanner(handlers, options);
  zip.read(name, (chunk) => scanner.write(chunk));
  scanner.close();
}

/**
 * What was read from a kind of part that repeats byte for byte across a batch (the styles and relationships of
 * files written by one tool): a part stored exactly as one seen before gives that one's result, neither
 * inflated nor parsed again. The last few are kept; a result is shared, so it is read-only.
 */
class PartMemo<T> {
  private readonly seen: { method: number; size: number; data: Uint8Array; value: T }[] = [];

  constructor(private readonly read: (zip: ZipReader, name: string) => T) {}

  get(zip: ZipReader, name: string): T {
    const { method, size, data } = zip.stored(name);
    for (const s of this.seen)
      if (s.method === method && s.size === size && Buffer.compare(s.data, data) === 0) return s.value;
    const value = this.read(zip, name);
    this.seen.unshift({ method, size, data: data.slice(), value });
    this.seen.length = Math.min(this.seen.length, 4);
    return value;
  }
}

const relationshipsMemo = new PartMemo<ReadonlyMap<string, string>>((zip, name) => {
  const rels = new Map<string, string>();
  parsePart(zip, name, {
    open: (tag, a) => {
      if (tag === "Relationship") rels.set(a.get("Id") ?? "", a.get("Target") ?? "");
    },
  });
  return rels;
});

const relationships = (zip: ZipReader, name: string): ReadonlyMap<string, string> =>
  zip.has(name) ? relationshipsMemo.get(zip, name) : new Map();

/** `_x000D_`-style escapes, undone the way ExcelJS undoes them in shared strings and rich-text runs. */
const unescapeText = (text: string): string =>
  text.includes("_x")
    ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;

/** A shared string of one plain text, the usual kind, read in one match. */
const PLAIN_STRING = /<si><t(?: [\w:]+="[^"<]*")*>([^<]*)<\/t><\/si>/y;

/** Shared strings as the text a cell shows (rich text joined); null for an entry ExcelJS reads as no value. */
function sharedStrings(zip: ZipReader): (string | null)[] {
  const out: (string | null)[] = [];
  if (!zip.has("xl/sharedStrings.xml")) return out;
  let plain: string | undefined;
  let runs: string[] | undefined;
  let text: string[] | undefined;
  let phonetic = 0; // inside <rPh>, whose text ExcelJS skips
  let inEntry = false;
  parsePart(
    zip,
    "xl/sharedStrings.xml",
    {
      whole: [
        {
          name: "si",
          // The plainest entry, `<si><t>…</t></si>`, by hand; PLAIN_STRING reads it with attributes on <t>.
          scan: (s, lt, read) => {
            if (inEntry || !s.startsWith("<si><t>", lt)) return -1;
            const close = s.indexOf("<", lt + 7);
            if (close < 0 || !s.startsWith("</t></si>", close)) return -1;
            out.push(unescapeText(read.text(s.slice(lt + 7, close))));
            return close + 9;
          },
          pattern: PLAIN_STRING,
          element: (m, read) => {
            if (inEntry) return false;
            out.push(unescapeText(read.text(m[1])));
          },
        },
      ],
      open: (tag) => {
        if (tag === "si") {
          plain = undefined;
          runs = undefined;
          inEntry = true;
        } else if (tag === "rPh") phonetic++;
        else if (phonetic > 0) return;
        else if (tag === "r") (runs ??= []).push("");
        else if (tag === "t") text = [];
      },
      text: (t) => text?.push(t),
      close: (tag) => {
        if (tag === "rPh") phonetic--;
        else if (tag === "t" && text) {
          const value = unescapeText(text.join(""));
          if (runs) runs[runs.length - 1] = value;
          else plain = value;
          text = undefined;
        } else if (tag === "si") {
          out.push(runs ? runs.join("") : (plain ?? null));
          inEntry = false;
        }
      },
    },
    { utf8: true },
  );
  return out;
}

/** Elements of styles.xml and of a sheet that nothing here reads, none nesting in itself: skipped unparsed. */
const STYLE_SKIP = new Set(["fonts", "fills", "borders", "cellStyleXfs", "cellStyles", "dxfs", "colors"]);
const SHEET_SKIP = new Set([
  "sheetPr",
  "sheetViews",
  "cols",
  "conditionalFormatting",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "formula1",
  "formula2",
]);

const dateStylesMemo = new PartMemo<readonly boolean[]>((zip, name) => {
  const custom = new Map<number, string>();
  const formats: (number | undefined)[] = [];
  let inCellXfs = false;
  parsePart(zip, name, {
    open: (tag, a) => {
      if (STYLE_SKIP.has(tag)) return true;
      const code = tag === "numFmt" ? a.get("formatCode") : undefined;
      if (code !== undefined)
        custom.set(parseInt(a.get("numFmtId") ?? "", 10), code.replace(/[\\](.)/g, "$1"));
      else if (tag === "cellXfs") inCellXfs = true;
      else if (tag === "xf" && inCellXfs) formats.push(parseInt(a.get("numFmtId") ?? "", 10));
    },
    close: (tag) => {
      if (tag === "cellXfs") inCellXfs = false;
    },
  });
  return formats.map((id) => {
    if (!id) return false;
    return utils.isDateFmt(custom.get(id) ?? defaultNumFormats[id]?.f);
  });
});

/** For each cellXfs index: does its number format make ExcelJS load numbers as dates? */
const dateStyles = (zip: ZipReader): readonly boolean[] =>
  zip.has("xl/styles.xml") ? dateStylesMemo.get(zip, "xl/styles.xml") : [];

/** "$B$12" → { row: 12, col: 2 }; null unless 1–3 letters then digits (each optionally after a '$'). */
function decodeRef(ref: string): { row: number; col: number } | null {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0;
  let col = 0;
  const letters = i;
  for (let ch = ref.charCodeAt(i) | 32; ch >= 97 && ch <= 122; ch = ref.charCodeAt(++i) | 32)
    col = col * 26 + ch - 96;
  if (i === letters || i - letters > 3) return null;
  if (ref.charCodeAt(i) === 36) i++;
  const digits = i;
  let row = 0;
  for (let ch = ref.charCodeAt(i); ch >= 48 && ch <= 57; ch = ref.charCodeAt(++i)) row = row * 10 + ch - 48;
  return i === digits || i !== ref.length ? null : { row, col };
}

interface Range {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function decodeRange(ref: string): Range | null {
  // As `const [a, b = a] = ref.split(":")` would read it (a second ':' ends b), without building the array.
  const colon = ref.indexOf(":");
  const second = colon < 0 ? -1 : ref.indexOf(":", colon + 1);
  const from = decodeRef(colon < 0 ? ref : ref.slice(0, colon));
  const to = colon < 0 ? from : decodeRef(ref.slice(colon + 1, second < 0 ? ref.length : second));
  if (!from || !to) return null;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

/** Attribute values with nothing to decode: such an attribute list reads the same raw or parsed. */
const PLAIN_ATTRIBUTES = String.raw`((?: [\w:]+="[^"<&\t\r\n\x80-\xff]*")*)`;
/**
 * A cell as Excel, ExcelJS and LibreOffice write it — r, s and t first, maybe a formula, maybe a value — read
 * in one match (a sheet holds a thousand of them); any other shape goes tag by tag. Groups: 1 reference,
 * 2 style, 3 type, 4 other attributes, 5 formula attributes, 6 formula text, 7 value text.
 */
const CELL = new RegExp(
  String.raw`<c(?: r="([A-Z]{1,3}[0-9]{1,7})")?(?: s="([0-9]{1,9})")?(?: t="([a-zA-Z]{1,9})")?${PLAIN_ATTRIBUTES}` +
    String.raw`(?:\/>|>(?:<f${PLAIN_ATTRIBUTES}(?:\/>|>([^<]*)<\/f>))?(?:<v>([^<]*)<\/v>)?<\/c>)`,
  "y",
);

/**
 * A data validation as Excel and ExcelJS write it (its formulas are not read, as tag by tag): 79 of them in a
 * scorecard, each with a long prompt and error message. Group 1: its attributes.
 */
const VALIDATION = new RegExp(
  String.raw`<dataValidation((?: [\w:]+="[^"<]*")*)` +
    String.raw`(?:\/>|>(?:<formula1>[^<]*<\/formula1>)?(?:<formula2>[^<]*<\/formula2>)?<\/dataValidation>)`,
  "y",
);

/**
 * The raw values of `names` in a ` name="value"` list whose values hold no '"' (a PLAIN_ATTRIBUTES group, or
 * one checked by a pattern like it), each at its first occurrence (as Attributes.get).
 */
function plainAttributes(raw: string, names: readonly string[]): (string | undefined)[] {
  const out: (string | undefined)[] = names.map(() => undefined);
  for (let at = 0; at < raw.length;) {
    const equals = raw.indexOf('="', at);
    const end = raw.indexOf('"', equals + 2);
    for (let k = 0; k < names.length; k++)
      if (out[k] === undefined && equals - at - 1 === names[k].length && raw.startsWith(names[k], at + 1))
        out[k] = raw.slice(equals + 2, end);
    at = end + 1;
  }
  return out;
}

/*
 * ExcelJS keys a sheet's validations by address text: a range's cells as "B12", a single address as written.
 * Here a cell that text would name as "B12" is keyed by number (no string built per cell of a range), and any
 * other spelling ("$B$12", "b12") keeps its text, so that the keys stay as distinct as ExcelJS's.
 */
const KEY_COLUMNS = 1 << 15;
const cellKey = (row: number, col: number): number => row * KEY_COLUMNS + col;
const cellOfKey = (key: number): { row: number; col: number } => ({
  row: Math.floor(key / KEY_COLUMNS),
  col: key % KEY_COLUMNS,
});
function validationKey(address: string): number | string {
  const at = decodeRef(address);
  return at && `${columnLetters(at.col)}${at.row}` === address ? cellKey(at.row, at.col) : address;
}

/** Each cell a validation's sqref covers, by its key (see validationKey), as ExcelJS lists them. */
function validationCells(sqref: string, each: (key: number | string) => void): void {
  for (const addr of sqref.split(/\s+/g)) {
    if (addr.includes(":")) {
      const range = decodeRange(addr);
      if (!range) throw new Error(`Invalid range ${addr}`);
      for (let c = range.left; c <= range.right; c++)
        for (let r = range.top; r <= range.bottom; r++) each(cellKey(r, c));
    } else each(validationKey(addr));
  }
}

/** The sqref and type of a validation VALIDATION matched ("any" when it has none, as tag by tag). */
function wholeValidationOf(m: RegExpExecArray, read: PartText): { sqref: string; type: string } {
  const [sqref, type] = plainAttributes(m[1], ["sqref", "type"]);
  if (sqref === undefined) throw new Error("Data validation without sqref");
  return { sqref: read.attribute(sqref), type: (type !== undefined ? read.attribute(type) : "") || "any" };
}

/** A dataValidations start tag; its content is then VALIDATION after VALIDATION. */
const VALIDATIONS_START = /<dataValidations(?: [\w:]+="[^"<]*")*>/y;
const VALIDATIONS_END = "</dataValidations>";

/** What a dataValidations element gave: each cell (by validationKey) and its type, in order. */
interface ValidationsRead {
  readonly raw: string;
  readonly cells: readonly (number | string)[];
  readonly types: readonly string[];
}

/** Every file from one template holds the same dataValidations, byte for byte: the last one read. */
let lastValidations: ValidationsRead | null = null;

/**
 * A whole dataValidations element read in one pass when it is nothing but validations VALIDATION reads (what
 * writers put there); null for anything else, which goes tag by tag.
 */
function validationsBlock(raw: string, read: PartText): ValidationsRead | null {
  VALIDATIONS_START.lastIndex = 0;
  if (!VALIDATIONS_START.test(raw)) return null;
  const cells: (number | string)[] = [];
  const types: string[] = [];
  let at = VALIDATIONS_START.lastIndex;
  for (;;) {
    VALIDATION.lastIndex = at;
    const m = VALIDATION.exec(raw);
    if (!m) break;
    const { sqref, type } = wholeValidationOf(m, read);
    validationCells(sqref, (key) => {
      cells.push(key);
      types.push(type);
    });
    at = VALIDATION.lastIndex;
  }
  return at + VALIDATIONS_END.length === raw.length && raw.endsWith(VALIDATIONS_END)
    ? { raw, cells, types }
    : null;
}

/** The column of a reference CELL matched (1–3 capitals, then digits). */
const columnOfRef = (ref: string): number => {
  let col = 0;
  for (let i = 0, c = ref.charCodeAt(0); c >= 65 && c <= 90; c = ref.charCodeAt(++i)) col = col * 26 + c - 64;
  return col;
};

/**
 * Formula texts as read, by the cell they are in: every file from one template repeats the same ones (172 in a
 * scorecard, each full of &quot;) in the same cells, and comparing a text with the one seen there last costs
 * less than decoding it or hashing it as a key. Only sheets use it, which are all scanned the same way (latin1).
 */
const FORMULA_TEXTS = new Map<number, { raw: string; text: string }>();
const formulaText = (read: PartText, at: number, raw: string): string => {
  const seen = FORMULA_TEXTS.get(at);
  if (seen !== undefined && seen.raw === raw) return seen.text;
  if (FORMULA_TEXTS.size >= 20_000) FORMULA_TEXTS.clear();
  const text = read.text(raw);
  FORMULA_TEXTS.set(at, { raw, text });
  return text;
};

/** Whether ` name="` starts at `at`, for a one-letter name. */
const isAttributeStart = (s: string, at: number, name: number): boolean =>
  s.charCodeAt(at) === 32 &&
  s.charCodeAt(at + 1) === name &&
  s.charCodeAt(at + 2) === 61 &&
  s.charCodeAt(at + 3) === 34;

/** Whether `<x>` starts at `at`, for a one-letter name x. */
const isStartTag = (s: string, at: number, name: number): boolean =>
  s.charCodeAt(at) === 60 && s.charCodeAt(at + 1) === name && s.charCodeAt(at + 2) === 62;

/** Whether `</x>` starts at `at`, for a one-letter name x. */
const isEndTag = (s: string, at: number, name: number): boolean =>
  s.charCodeAt(at) === 60 &&
  s.charCodeAt(at + 1) === 47 &&
  s.charCodeAt(at + 2) === name &&
  s.charCodeAt(at + 3) === 62;

/** A value that reads as written: digits, sign, point and exponent only (numbers, shared-string indexes). */
const isPlainNumber = (raw: string): boolean => {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 69 || c === 101)) return false;
  }
  return true;
};

/** A row's start tag with its number first. Group 1: the number. */
const ROW = /<row r="([0-9]{1,7})"(?: [\w:]+="[^"<&\t\r\n\x80-\xff]*")*>/y;

/** A merge as every writer puts it. Group 1: its range. */
const MERGE = /<mergeCell ref="([^"<&\t\r\n\x80-\xff]*)"\/>/y;

/** A parsed <c>, before hyperlinks and merges apply; every field is set from the start (one shape for all). */
interface RawCell {
  /** The cell's own r attribute, which hyperlinks are matched against. */
  readonly ref: string | undefined;
  /** Null-type: styled but empty; such cells count for the sheet's extent only. */
  empty: boolean;
  value: GridValue;
  formula: string | null;
  /** The value is text ExcelJS holds as a string (not an error, not a date): what a hyperlink keeps. */
  readonly text: boolean;
  /** External hyperlink target. */
  link: string | undefined;
  /** Covered by a merge but not its top-left cell: reads empty, still counts for the extent. */
  mergedAway: boolean;
}

const rawCell = (
  ref: string | undefined,
  empty: boolean,
  value: GridValue,
  formula: string | null,
  text: boolean,
  link: string | undefined = undefined,
): RawCell => ({ ref, empty, value, formula, text, link, mergedAway: false });

/** A sheet's rows by number, each row's cells by column (a sparse array: columns are few and small). */
type RawRows = Map<number, RawCell[]>;

interface SheetContext {
  readonly strings: readonly (string | null)[];
  readonly dates: readonly boolean[];
  readonly date1904: boolean;
}

const isoDate = (d: Date): string => {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
};

/** A <c> being read: its attributes, and its formula's once <f> is seen. */
interface OpenCell {
  r?: string;
  /** The column of r, when the whole-cell match already knows it. */
  col?: number;
  t?: string;
  s: number;
  f?: string[];
  share?: string;
  si?: string;
  ref?: string;
}

/** One worksheet part to the grid sheetToGrid would give (see the module comment). */
function readSheet(zip: ZipReader, part: string, name: string, ctx: SheetContext): SheetGrid {
  const rows: RawRows = new Map();
  const masters = new Map<string, { formula: string | undefined; address: string }>();
  const merges: Range[] = [];
  // By the cell each key names (see validationKey), in the order ExcelJS would first list it.
  const validations = new Map<number | string, string>();
  const hyperlinkIds = new Map<string, string>();
  let protectedSheet = false;

  let row: RawCell[] | undefined;
  let rowNumber = 0;
  let prevCol = 0;
  // The cell being read.
  let cell: OpenCell | null = null;
  let value: string | undefined;
  let runs: (string | undefined)[] | undefined;
  let buffer: string[] | undefined;
  let target: "f" | "v" | "t" | "run" | undefined;
  let validation: { sqref: string; type: string } | null = null;

  // Cells with neither value nor style, which ExcelJS keeps only when a hyperlink (listed later) covers them.
  const bare: { row: number; ref: string }[] = [];

  const closeCell = (): void => {
    if (!cell || !row) return;
    const c = cell;
    const written = c.f && c.f.length > 0 ? c.f.join("") : undefined;
    const isFormula = written !== undefined || c.share !== undefined;
    const hasValue = runs !== undefined || value !== undefined;
    if (!isFormula && !hasValue && !c.s) {
      if (c.r !== undefined) bare.push({ row: rowNumber, ref: c.r });
      return;
    }
    const col = c.col ?? (c.r !== undefined ? decodeRef(c.r)?.col : prevCol > 0 ? prevCol + 1 : undefined);
    if (col === undefined) throw new Error("Cell without a reference");
    prevCol = col;
    if (!isFormula && runs !== undefined) {
      row[col] = rawCell(c.r, false, runs.map((r) => r ?? "").join(""), null, true);
      return;
    }
    let formula: string | null | undefined;
    if (isFormula) {
      if (c.share === "shared" && c.ref !== undefined) {
        if (c.si !== undefined)
          masters.set(c.si, { formula: written, address: `${columnLetters(col)}${rowNumber}` });
        formula = written ?? null;
      } else if (c.share === "shared") {
        const master = c.si !== undefined ? masters.get(c.si) : undefined;
        formula =
          written ??
          (master?.formula
            ? slideFormula(master.formula, master.address, `${columnLetters(col)}${rowNumber}`)
            : null);
      } else formula = written ?? null;
    }
    row[col] = cellOf(c.r, c.t, c.s, formula, value);
  };

  /**
   * A cell that is not bare, as ExcelJS loads it: `formula` as written (null for a formula cell without one,
   * undefined for no formula), `value` the text of its <v>. closeCell and scanPlainCell both store through it.
   */
  const cellOf = (
    ref: string | undefined,
    t: string | undefined,
    style: number,
    formula: string | null | undefined,
    value: string | undefined,
  ): RawCell => {
    if (formula !== undefined) {
      const written = formula ? (formula.charCodeAt(0) === 61 ? formula.slice(1) : formula) : null;
      return rawCell(ref, false, formulaResult(t, style, value), written, isFormulaText(t, style, value));
    }
    if (value === undefined) return rawCell(ref, true, null, null, false);
    const plain = plainValue(t, style, value);
    return rawCell(ref, false, plain, null, isText(t, plain));
  };

  const isDateStyle = (style: number): boolean => style > 0 && ctx.dates[style] === true;
  // A value without a formula, and whether a hyperlink over it keeps it (text ExcelJS holds as a string).
  const plainValue = (t: string | undefined, style: number, value: string): GridValue => {
    if (t === "s") {
      const index = parseInt(value, 10);
      if (!(index >= 0 && index < ctx.strings.length)) throw new Error(`Shared string ${value} not found`);
      return ctx.strings[index];
    }
    if (t === "str") return utils.xmlDecode(value);
    if (t === "inlineStr" || t === "e") return value;
    if (t === "b") return parseInt(value, 10) !== 0;
    const n = parseFloat(value);
    return isDateStyle(style) ? isoDate(utils.excelToDate(n, ctx.date1904)) : n;
  };
  const isText = (t: string | undefined, value: GridValue): boolean =>
    t === "s" ? value !== null : t === "str" || t === "inlineStr";
  // A formula's cached result as ExcelJS loads it (under a date format as a date, even when it cannot be one).
  const formulaResult = (t: string | undefined, style: number, value: string | undefined): GridValue => {
    if (!value) return null;
    let result: unknown =
      t === "str"
        ? utils.xmlDecode(value)
        : t === "b"
          ? parseInt(value, 10) !== 0
          : t === "e"
            ? { error: value }
            : parseFloat(value);
    if (isDateStyle(style)) result = isoDate(utils.excelToDate(result, ctx.date1904));
    return typeof result === "object" && result !== null
      ? (result as { error: string }).error
      : (result as GridValue);
  };
  const isFormulaText = (t: string | undefined, style: number, value: string | undefined): boolean =>
    t === "str" && !!value && !isDateStyle(style);

  // The same steps for a cell read tag by tag and one read whole.
  const openCell = (r: string | undefined, t: string | undefined, style: string | undefined): OpenCell => {
    cell = { r, t, s: style ? parseInt(style, 10) : 0 };
    value = undefined;
    runs = undefined;
    return cell;
  };
  const openFormula = (
    share: string | undefined,
    si: string | undefined,
    ref: string | undefined,
    text?: string,
  ): void => {
    if (!cell) return;
    cell.f = text !== undefined ? [text] : [];
    cell.share = share;
    cell.si = si;
    cell.ref = ref;
  };

  const addValidation = (sqref: string, type: string): void =>
    validationCells(sqref, (key) => validations.set(key, type));

  const wholeValidation: WholeElement = {
    name: "dataValidation",
    pattern: VALIDATION,
    element: (m, read) => {
      if (cell || validation) return false;
      const { sqref, type } = wholeValidationOf(m, read);
      addValidation(sqref, type);
    },
  };
  const repeatedValidations: RepeatedElement = {
    name: "dataValidations",
    repeated: (raw, read) => {
      if (cell || validation) return false;
      if (raw !== lastValidations?.raw) {
        const block = validationsBlock(raw, read);
        if (!block) return false;
        lastValidations = block;
      }
      const { cells, types } = lastValidations;
      for (let k = 0; k < cells.length; k++) validations.set(cells[k], types[k]);
      return true;
    },
  };
  // The usual cell, read by hand (a regex match costs more than the rest of the cell): `<c r="B12"`, maybe
  // ` s="3"`, maybe ` t="s"`, then `/>` or `>`, maybe `<f>…</f>` (a formula of its own), maybe `<v>…</v>`,
  // `</c>`; -1 for any other shape. Char codes, not startsWith: this runs a thousand times a sheet.
  const scanPlainCell = (s: string, lt: number, read: PartText): number => {
    if (cell || !row || !isAttributeStart(s, lt + 2, 114 /* r */)) return -1;
    let p = lt + 6;
    const refStart = p;
    let col = 0;
    let c = s.charCodeAt(p);
    for (; c >= 65 && c <= 90; c = s.charCodeAt(++p)) col = col * 26 + c - 64;
    const digits = p;
    if (digits === refStart || digits - refStart > 3) return -1;
    while (c >= 48 && c <= 57) c = s.charCodeAt(++p);
    if (p === digits || p - digits > 7 || c !== 34) return -1;
    const ref = s.slice(refStart, p++);
    let style = 0;
    if (isAttributeStart(s, p, 115 /* s */)) {
      const from = (p += 4);
      for (c = s.charCodeAt(p); c >= 48 && c <= 57; c = s.charCodeAt(++p)) style = style * 10 + c - 48;
      if (p === from || p - from > 9 || c !== 34) return -1;
      p++;
    }
    let t: string | undefined;
    if (isAttributeStart(s, p, 116 /* t */)) {
      const from = (p += 4);
      for (c = s.charCodeAt(p) | 32; c >= 97 && c <= 122; c = s.charCodeAt(++p) | 32);
      if (p === from || p - from > 9 || s.charCodeAt(p) !== 34) return -1;
      t = s.slice(from, p++);
    }
    let raw: string | undefined;
    let formula: string | undefined;
    if (s.charCodeAt(p) === 47 /* / */ && s.charCodeAt(p + 1) === 62) p += 2;
    else {
      if (s.charCodeAt(p++) !== 62) return -1;
      if (isStartTag(s, p, 102 /* f */)) {
        const close = s.indexOf("<", p + 3);
        // An empty <f></f> is no formula: the pattern's path reads it.
        if (close <= p + 3 || !isEndTag(s, close, 102)) return -1;
        formula = formulaText(read, cellKey(rowNumber, col), s.slice(p + 3, close));
        p = close + 4;
      }
      if (isStartTag(s, p, 118 /* v */)) {
        const close = s.indexOf("<", p + 3);
        if (close < 0 || !isEndTag(s, close, 118)) return -1;
        raw = s.slice(p + 3, close);
        p = close + 4;
      }
      if (!isEndTag(s, p, 99 /* c */)) return -1;
      p += 4;
    }
    // An empty <v></v> is no value, as on the other paths.
    const value = raw ? (isPlainNumber(raw) ? raw : read.text(raw)) : undefined;
    if (formula === undefined && value === undefined && !style) bare.push({ row: rowNumber, ref });
    else {
      prevCol = col;
      row[col] = cellOf(ref, t, style, formula, value);
    }
    return p;
  };
  const wholeCell: WholeElement = {
    name: "c",
    scan: scanPlainCell,
    pattern: CELL,
    element: (m, read) => {
      if (cell) return false;
      // Tag by tag an attribute's first occurrence counts (Attributes.get): the groups come first.
      // Groups that did not take part are undefined (RegExpExecArray's type says string).
      let r: string | undefined = m[1];
      let style: string | undefined = m[2];
      let t: string | undefined = m[3];
      if (m[4]) {
        const [otherR, otherT, otherS] = plainAttributes(m[4], ["r", "t", "s"]);
        r ??= otherR;
        t ??= otherT;
        style ??= otherS;
      }
      const opened = openCell(r, t, style);
      if (m[1] !== undefined) opened.col = columnOfRef(m[1]);
      if (m[5] !== undefined) {
        const [share, si, ref] = m[5] ? plainAttributes(m[5], ["t", "si", "ref"]) : [];
        // An empty element has no text, as tag by tag.
        const text = !m[6]
          ? undefined
          : opened.col !== undefined
            ? formulaText(read, cellKey(rowNumber, opened.col), m[6])
            : read.text(m[6]);
        openFormula(share, si, ref, text);
      }
      if (m[7]) value = read.text(m[7]);
      closeCell();
      cell = null;
    },
  };

  const openRow = (r: string | undefined): void => {
    rowNumber = parseInt(r ?? "", 10);
    if (!(rowNumber > 0)) throw new Error("Invalid row number in model");
    row = [];
    rows.set(rowNumber, row);
    prevCol = 0;
  };
  const wholeRow: WholeElement = {
    name: "row",
    pattern: ROW,
    startTag: true,
    element: (m) => {
      if (cell) return false;
      openRow(m[1]);
    },
  };
  const wholeMerge: WholeElement = {
    name: "mergeCell",
    pattern: MERGE,
    element: (m) => {
      if (cell) return false;
      const range = decodeRange(m[1]);
      if (range) merges.push(range);
    },
  };

  parsePart(zip, part, {
    whole: [wholeCell, wholeRow, wholeValidation, wholeMerge],
    repeated: [repeatedValidations],
    open: (tag, a) => {
      if (cell) {
        if (tag === "f") {
          openFormula(a.get("t"), a.get("si"), a.get("ref"));
          target = "f";
        } else if (tag === "v") target = "v";
        else if (tag === "r") {
          runs ??= [];
          runs.push(undefined);
          target = undefined;
        } else if (tag === "t") {
          buffer = [];
          target = runs ? "run" : "t";
        }
        return;
      }
      if (SHEET_SKIP.has(tag)) return true;
      switch (tag) {
        case "row":
          openRow(a.get("r"));
          break;
        case "c":
          openCell(a.get("r"), a.get("t"), a.get("s"));
          break;
        case "mergeCell": {
          const range = decodeRange(a.get("ref") ?? "");
          if (range) merges.push(range);
          break;
        }
        case "dataValidation": {
          const sqref = a.get("sqref");
          if (sqref === undefined) throw new Error("Data validation without sqref");
          validation = { sqref, type: a.get("type") || "any" };
          break;
        }
        case "sheetProtection":
          protectedSheet = true;
          break;
        case "hyperlink": {
          const id = a.get("r:id");
          const ref = a.get("ref");
          if (id && ref !== undefined) hyperlinkIds.set(ref, id);
          break;
        }
      }
    },
    text: (t) => {
      if (!cell || target === undefined) return;
      if (target === "f") cell.f?.push(t);
      else if (target === "run") buffer?.push(t);
      else value = (value ?? "") + t;
    },
    close: (tag) => {
      if (cell) {
        if (tag === "c") {
          closeCell();
          cell = null;
        } else if (tag === "t" && target === "run" && runs && buffer) {
          runs[runs.length - 1] = unescapeText(buffer.join(""));
          buffer = undefined;
        }
        if (tag === "f" || tag === "v" || tag === "t" || tag === "is") target = undefined;
        return;
      }
      if (tag === "dataValidation" && validation) {
        addValidation(validation.sqref, validation.type);
        validation = null;
      } else if (tag === "row") row = undefined;
    },
  });

  applyHyperlinks(zip, part, rows, bare, hyperlinkIds);
  applyMerges(rows, merges);

  const { values, formulas, links, validatedCells } = gridOf(rows, validations);
  return {
    name,
    values,
    formulas,
    guards: { protected: protectedSheet, validatedCells },
    ...(Object.keys(links).length > 0 ? { links } : {}),
  };
}

/**
 * The grid of a sheet's cells (merges and hyperlinks applied), its links, and the validated cells within its
 * extent, as sheetToGrid and sheetGuards give them.
 */
function gridOf(
  rows: RawRows,
  validations: ReadonlyMap<number | string, string>,
): Pick<SheetGrid, "values" | "formulas"> & { links: Record<string, string>; validatedCells: string[] } {
  // The extent counts rows of empty styled cells, columns only of rows holding something; the grid holds values.
  let rowCount = 0;
  let colCount = 0;
  let maxRow = 0;
  let maxCol = 0;
  const links: Record<string, string> = {};
  for (const [r, cells] of rows) {
    rowCount = Math.max(rowCount, r);
    let hasValues = false;
    const last = Math.max(cells.length - 1, 0);
    for (let c = 1; c < cells.length; c++) {
      const x = cells[c];
      if (x === undefined) continue;
      if (x.mergedAway) {
        hasValues = true;
        continue;
      }
      if (!x.empty) hasValues = true;
      if (x.link !== undefined) links[`${columnLetters(c)}${r}`] = x.link;
      if (x.value === null && x.formula === null) continue;
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, c);
    }
    if (hasValues) colCount = Math.max(colCount, last);
  }
  const values: GridValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = 0; r < maxRow; r++) {
    values.push(Array<GridValue>(maxCol).fill(null));
    formulas.push(Array<string | null>(maxCol).fill(null));
  }
  for (const [r, cells] of rows)
    for (let c = 1; c < cells.length; c++) {
      const x = cells[c];
      if (x !== undefined && !x.mergedAway && (x.value !== null || x.formula !== null)) {
        values[r - 1][c - 1] = x.value;
        formulas[r - 1][c - 1] = x.formula;
      }
    }

  const bounds = { rows: Math.max(rowCount, 1), cols: Math.max(colCount, 1) };
  const validated = new Set<string>();
  // Each key is one cell (ranges were expanded as ExcelJS does), so sheetGuards' clipping is a bounds check.
  for (const [key, type] of validations) {
    const at = type === "any" ? null : typeof key === "number" ? cellOfKey(key) : decodeRef(key.trim());
    if (at && at.row <= bounds.rows && at.col <= bounds.cols)
      validated.add(`${columnLetters(at.col)}${at.row}`);
  }
  return { values, formulas, links, validatedCells: [...validated] };
}

/**
 * ExcelJS turns a cell under an external hyperlink into { text, hyperlink }: the formula goes, only text stays
 * visible, and even a bare cell then exists.
 */
function applyHyperlinks(
  zip: ZipReader,
  part: string,
  rows: RawRows,
  bare: readonly { row: number; ref: string }[],
  ids: ReadonlyMap<string, string>,
): void {
  if (ids.size === 0) return;
  const slash = part.lastIndexOf("/");
  const rels = relationships(zip, `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`);
  const linked = new Map<string, string>();
  for (const [ref, id] of ids) {
    const target = rels.get(id);
    if (target === undefined) throw new Error(`Hyperlink relationship ${id} not found`);
    if (target) linked.set(ref, target);
  }
  for (const cells of rows.values())
    for (const cell of cells) {
      const link = cell?.ref !== undefined ? linked.get(cell.ref) : undefined;
      if (link === undefined) continue;
      if (!cell.text) cell.value = null;
      cell.formula = null;
      cell.empty = false;
      cell.link = link;
    }
  for (const { row, ref } of bare) {
    const link = linked.get(ref);
    const col = link !== undefined ? decodeRef(ref)?.col : undefined;
    const cells = col !== undefined ? rows.get(row) : undefined;
    if (cells && col !== undefined) cells[col] = rawCell(ref, false, null, null, false, link);
  }
}

/** Merges as ExcelJS applies them on load: overlapping ones fail, every covered cell exists, slaves read empty. */
function applyMerges(rows: RawRows, merges: readonly Range[]): void {
  const done: Range[] = [];
  const cellAt = (r: number, c: number): RawCell => {
    let cells = rows.get(r);
    if (!cells) rows.set(r, (cells = []));
    return (cells[c] ??= rawCell(undefined, true, null, null, false));
  };
  for (const m of merges) {
    if (done.some((d) => d.left <= m.right && m.left <= d.right && d.top <= m.bottom && m.top <= d.bottom))
      throw new Error("Cannot merge already merged cells");
    done.push(m);
    cellAt(m.top, m.left);
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) cellAt(r, c).mergedAway = true;
  }
}

/** The worksheet parts in tab order, as ExcelJS pairs workbook.xml's sheets with the zip's entries. */
function worksheetParts(zip: ZipReader): { part: string; name: string; date1904: boolean }[] {
  const sheets: { name?: string; rId?: string }[] = [];
  let date1904 = false;
  parsePart(zip, "xl/workbook.xml", {
    open: (tag, a) => {
      if (tag === "sheet") sheets.push({ name: a.get("name"), rId: a.get("r:id") });
      else if (tag === "workbookPr") date1904 = a.get("date1904") === "1";
    },
  });
  const rels = relationships(zip, "xl/_rels/workbook.xml.rels");
  const out: { part: string; name: string; date1904: boolean }[] = [];
  for (const { name, rId } of sheets) {
    const target = rId === undefined ? undefined : rels.get(rId);
    if (target === undefined || name === undefined) continue;
    const part = `xl/${target.replace(/^(\s|\/xl\/)+/, "")}`;
    if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(part) && zip.has(part)) out.push({ part, name, date1904 });
  }
  return out;
}

/**
 * Grids of every worksheet in tab order, from .xlsx bytes; anything unreadable throws a WorkbookFormatError
 * (problem "too-large" for a part that inflates beyond the limit).
 */
export function streamGrids(data: Uint8Array): SheetGrid[] {
  try {
    const zip = openPackage(data, NODE_CODEC);
    if (!zip.has("xl/workbook.xml")) throw formatError("no-sheets");
    const parts = worksheetParts(zip);
    if (parts.length === 0) throw formatError("no-sheets");
    const ctx = { strings: sharedStrings(zip), dates: dateStyles(zip), date1904: parts[0].date1904 };
    return parts.map(({ part, name }) => readSheet(zip, part, name, ctx));
  } catch (e) {
    if (e instanceof ZipError) throw packageError(e);
    if (e instanceof Error && e.name === "WorkbookFormatError") throw e;
    throw formatError("damaged", e);
  }
}

/** Every sheet recognised as a scorecard, read from .xlsx bytes by the streaming reader. */
export const streamScorecards = (data: Uint8Array): ReadScorecard[] =>
  streamGrids(data).filter(isScorecard).map(readScorecard);
