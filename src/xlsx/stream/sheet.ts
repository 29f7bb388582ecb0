/*
 * One worksheet part to a SheetGrid, streamed: cells are stored as they are read into sparse rows (a far-away
 * cell costs one entry, never the rectangle up to it), merges and data validations are kept as areas, and a sheet
 * that is not a scorecard keeps only its head (enough to tell, HEADER_SCAN_ROWS) while the rest is still checked.
 * What each cell means follows ./values; what makes the sheet unreadable is refused (./refusal).
 */
import { areaSize, areaText, parseArea, type Area } from "../../sheet/areas";
import { HEADER_SCAN_ROWS, isScorecard } from "../../sheet/reader";
import type { GridValue, SheetGrid } from "../../sheet/types";
import { slideFormula } from "./formula";
import type { Package } from "./package";
import { SPREADSHEET_PART } from "./namespaces";
import { formatError, type WorkbookWhere } from "../format";
import type { ReadLimit } from "../limits";
import { refused, type ContentDamage } from "./refusal";
import { checkReferences, type PartText, type RepeatedElement, type WholeElement } from "./xml";
import {
  MAX_COLUMN,
  MAX_ROW,
  isoDateCell,
  parseBoolean,
  parseDouble,
  serialToIso,
  unescapeText,
} from "./values";

/** Cells a reading may still take before it refuses (shared by the sheets of one workbook). */
export interface CellBudget {
  left: number;
  /** The limit of READ_LIMITS it counts down from (none: no limit). */
  readonly limit?: ReadLimit;
}

/**
 * What one reading may take: `cells`, the <c> elements an ExcelJS model would hold (READ_LIMITS.modelCells),
 * and `stored`, the cells kept in grids (READ_LIMITS.checkCells; what check holds in memory).
 */
export interface CellBudgets {
  readonly cells: CellBudget;
  readonly stored: CellBudget;
}

export const noBudgets = (): CellBudgets => ({
  cells: { left: Infinity },
  stored: { left: Infinity },
});

/** What every sheet of a workbook reads its cells with. */
export interface SheetContext {
  /** Shared strings as the text a cell shows ("" for an entry with none). */
  readonly strings: readonly string[];
  /** For each cellXfs index: is its number format a date or time? */
  readonly dates: readonly boolean[];
  readonly date1904: boolean;
}

/** One worksheet as read, with what it would cost a reader that expands every cell (ExcelJS). */
export interface SheetRead {
  readonly grid: SheetGrid;
  /** Only rows up to HEADER_SCAN_ROWS were kept: the sheet is not a scorecard. */
  readonly head: boolean;
  /** <c> elements, and the cells data validations (not x14's) cover: what ExcelJS would expand. */
  readonly cost: { readonly cells: number; readonly validated: number };
  /** The merged areas (merged-away cells already read empty). */
  readonly merges: readonly Area[];
  /** The extent of what the sheet holds (rows and columns of cells with a value or formula). */
  readonly extent: { readonly rows: number; readonly cols: number };
}

/** The cell types of ECMA-376 Part 1 §18.18.11. */
const CELL_TYPES = new Set(["b", "d", "e", "inlineStr", "n", "s", "str"]);
/** Data validation types that check something (ST_DataValidationType; "none", the default, checks nothing). */
const CHECKING = new Set(["whole", "decimal", "list", "date", "time", "textLength", "custom"]);

export const columnLetters = (col: number): string => {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** "B12" → column 2, row 12 (letters in either case, no '$'); null for anything else. */
function decodeCellRef(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  for (let ch = ref.charCodeAt(0) | 32; ch >= 97 && ch <= 122; ch = ref.charCodeAt(++i) | 32)
    col = col * 26 + ch - 96;
  if (i === 0 || i > 3) return null;
  const digits = i;
  let row = 0;
  for (let ch = ref.charCodeAt(i); ch >= 48 && ch <= 57; ch = ref.charCodeAt(++i)) row = row * 10 + ch - 48;
  return i === digits || i !== ref.length || i - digits > 7 ? null : { row, col };
}

/** Attribute values with nothing to decode and no namespace declaration. */
const PLAIN_ATTRIBUTES = String.raw`((?: (?!xmlns)[\w:]+="[^"<&\t\r\n\x80-\xff]*")*)`;
/**
 * A cell as Excel, ExcelJS and LibreOffice write it — r, s and t first, maybe a formula, maybe a value — read
 * in one match; any other shape goes tag by tag. Groups: 1 reference, 2 style, 3 type, 4 other attributes,
 * 5 formula attributes, 6 formula text, 7 value text.
 */
const CELL = new RegExp(
  String.raw`<c(?: r="([A-Z]{1,3}[0-9]{1,7})")?(?: s="([0-9]{1,9})")?(?: t="([a-zA-Z]{1,9})")?${PLAIN_ATTRIBUTES}` +
    String.raw`(?:\/>|>(?:<f${PLAIN_ATTRIBUTES}(?:\/>|>([^<]*)<\/f>))?(?:<v>([^<]*)<\/v>)?<\/c>)`,
  "y",
);

/** A row's start tag with its number first. Groups: 1 the number, 2 its other attributes. */
const ROW = new RegExp(String.raw`<row r="([0-9]{1,7})"${PLAIN_ATTRIBUTES}>`, "y");

/** A merge as every writer puts it. Group 1: its range. */
const MERGE = /<mergeCell ref="([^"<&\t\r\n\x80-\xff]*)"\/>/y;

/**
 * A data validation as Excel and ExcelJS write it (its formulas are not read): 79 of them in a scorecard, each
 * with a long prompt and error message. Group 1: its attributes.
 */
const VALIDATION = new RegExp(
  String.raw`<dataValidation((?: (?!xmlns)[\w:]+="[^"<]*")*)` +
    String.raw`(?:\/>|>(?:<formula1>[^<]*<\/formula1>)?(?:<formula2>[^<]*<\/formula2>)?<\/dataValidation>)`,
  "y",
);
const VALIDATIONS_START = /<dataValidations(?: (?!xmlns)[\w:]+="[^"<&]*")*>/y;
const VALIDATIONS_END = "</dataValidations>";

/**
 * The raw values of `names` in a ` name="value"` list whose values hold no '"' (a PLAIN_ATTRIBUTES group, or one
 * checked by a pattern like it); throws when a name repeats, as XML forbids.
 */
function plainAttributes(
  raw: string,
  names: readonly string[],
  known: readonly string[] = [],
): (string | undefined)[] {
  const out: (string | undefined)[] = names.map(() => undefined);
  const seen: string[] = [...known];
  for (let at = 0; at < raw.length;) {
    const equals = raw.indexOf('="', at);
    const end = raw.indexOf('"', equals + 2);
    const name = raw.slice(at + 1, equals);
    if (seen.includes(name))
      throw refused("malformed-xml", { xml: "duplicate-attribute" }, `Attribute ${name} repeated`);
    seen.push(name);
    const k = names.indexOf(name);
    if (k >= 0) out[k] = raw.slice(equals + 2, end);
    at = end + 1;
  }
  return out;
}

/** What a dataValidations element gave: each validation's areas and whether it checks anything. */
interface ValidationsRead {
  readonly raw: string;
  readonly checked: readonly string[];
  readonly size: number;
}

/** Every file from one template holds the same dataValidations, byte for byte: the last one read. */
let lastValidations: ValidationsRead | null = null;

/** A validation's sqref split into its areas (LibreOffice and Excel separate them with spaces). */
const areasOf = (sqref: string): string[] => sqref.split(/\s+/).filter(Boolean);

/**
 * A whole dataValidations element read in one pass when it is nothing but validations VALIDATION reads (what
 * writers put there); null for anything else, which goes tag by tag.
 */
function validationsBlock(raw: string, read: PartText): ValidationsRead | null {
  VALIDATIONS_START.lastIndex = 0;
  if (!VALIDATIONS_START.test(raw)) return null;
  const checked: string[] = [];
  let size = 0;
  let at = VALIDATIONS_START.lastIndex;
  for (;;) {
    VALIDATION.lastIndex = at;
    const m = VALIDATION.exec(raw);
    if (!m) break;
    checkReferences(m[0]);
    const [sqref, type] = plainAttributes(m[1], ["sqref", "type"]);
    for (const area of areasOf(read.attribute(sqref ?? ""))) {
      const parsed = parseArea(area);
      if (parsed) size += areaSize(parsed);
      if (CHECKING.has(type !== undefined ? read.attribute(type) : "none")) checked.push(area);
    }
    at = VALIDATION.lastIndex;
  }
  return at + VALIDATIONS_END.length === raw.length && raw.endsWith(VALIDATIONS_END)
    ? { raw, checked, size }
    : null;
}

/**
 * Formula texts as read, by the cell they are in: every file from one template repeats the same ones (172 in a
 * scorecard, each full of &quot;) in the same cells, and comparing a text with the one seen there last costs
 * less than decoding it. Only for parts read as latin1 (a decoded part's chars are not the same raw text).
 */
const FORMULA_TEXTS = new Map<number, { raw: string; text: string }>();
const formulaText = (read: PartText, key: number, raw: string): string => {
  if (read.decoded) return read.text(raw);
  const seen = FORMULA_TEXTS.get(key);
  if (seen !== undefined && seen.raw === raw) return seen.text;
  if (FORMULA_TEXTS.size >= 20_000) FORMULA_TEXTS.clear();
  const text = read.text(raw);
  FORMULA_TEXTS.set(key, { raw, text });
  return text;
};
const KEY_COLUMNS = 1 << 15;

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

/** A cell being read tag by tag. */
interface OpenCell {
  ref: string | undefined;
  t: string | undefined;
  style: number;
  /** Formula text pieces; undefined while no <f> was seen. */
  f: string[] | undefined;
  share: string | undefined;
  si: string | undefined;
  fref: string | undefined;
  value: string | undefined;
  /** Texts of <is>: its <t>, its runs' <t>, not its phonetic runs'. */
  inline: string[] | undefined;
}

/** Reads one worksheet part; `keep` "head" keeps rows past HEADER_SCAN_ROWS only if the head is a scorecard's. */
export function readSheet(
  pkg: Package,
  part: string,
  name: string,
  ctx: SheetContext,
  keep: "all" | "head",
  budgets: CellBudgets = noBudgets(),
): SheetRead {
  const values: (GridValue | undefined)[][] = [];
  const formulas: (string | null | undefined)[][] = [];
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  const merges: Area[] = [];
  const checked: string[] = [];
  const hyperlinks: { ref: string; id: string }[] = [];
  let protectedSheet = false;
  let cellElements = 0;
  let validationCovered = 0;
  let maxRow = 0;
  let maxCol = 0;

  // Where the reading is.
  let root = true;
  let inSheetData = false;
  let inMergeCells = false;
  let inValidations = false;
  let inHyperlinks = false;
  /** Depth inside extLst, where only Excel 2010's validations are read. */
  let extDepth = 0;
  let x14Validation: { type: string; sqref: string[] | null } | null = null;
  let xmSqref = false;
  let rowOpen = false;
  let rowNumber = 0;
  let prevRow = 0;
  let rowsSeen: Set<number> | null = null;
  const rowList: number[] = [];
  let prevCol = 0;
  /** Columns of the current row's cells, for a cell written out of order. */
  const rowCols: number[] = [];
  let storing = true;
  let decided = keep === "all";

  let cell: OpenCell | null = null;
  let target: "f" | "v" | "t" | undefined;
  let phonetic = 0;
  let choice = 0;
  let validation: { type: string; sqref: string } | null = null;

  const where = (extra: WorkbookWhere = {}): WorkbookWhere => ({ part, sheet: name, ...extra });
  const refuse = (damage: ContentDamage, extra: WorkbookWhere, detail: string): never => {
    throw refused(damage, where(extra), `${part} (${name}): ${detail}`);
  };
  /** Past a cell budget: the limit, and where it was passed. */
  const overBudget = (budget: CellBudget, detail: string): never => {
    throw formatError("too-large", `${part} (${name}): ${detail}`, { ...where(), limit: budget.limit });
  };

  /** Rows past the head are kept once the head shows a scorecard (decided at the first such row). */
  const decide = (): void => {
    decided = true;
    storing = isScorecard({ name, values, formulas });
  };

  const openRow = (r: string | undefined): void => {
    const number = r === undefined ? prevRow + 1 : Number(r.trim());
    if (!Number.isInteger(number) || number < 1 || !/^\s*\d+\s*$/.test(r ?? "1"))
      refuse("bad-value", { value: r }, `Row number ${r} is none`);
    if (number > MAX_ROW)
      refuse("beyond-sheet", { row: number }, `Row ${number} is past Excel's ${MAX_ROW} rows`);
    if (number <= prevRow) {
      rowsSeen ??= new Set(rowList);
      if (rowsSeen.has(number)) refuse("row-twice", { row: number }, `Row ${number} is written twice`);
    }
    rowsSeen?.add(number);
    rowList.push(number);
    prevRow = Math.max(prevRow, number);
    rowNumber = number;
    rowOpen = true;
    prevCol = 0;
    rowCols.length = 0;
    if (!decided && number > HEADER_SCAN_ROWS) decide();
  };

  /** The column of a cell (from its reference, else the one after the previous), checked against its row. */
  const placeCell = (ref: string | undefined): number => {
    let col: number;
    if (ref === undefined) col = prevCol + 1;
    else {
      const at = decodeCellRef(ref);
      if (!at) return refuse("bad-value", { value: ref }, `Cell reference ${ref} is none`);
      if (at.row !== rowNumber)
        refuse("misplaced-cell", { cell: ref, row: rowNumber }, `Cell ${ref} is written in row ${rowNumber}`);
      col = at.col;
    }
    if (col > MAX_COLUMN)
      refuse(
        "beyond-sheet",
        { cell: ref ?? `${columnLetters(col)}${rowNumber}` },
        `Column ${col} is past XFD`,
      );
    if (col <= prevCol && rowCols.includes(col))
      refuse(
        "cell-twice",
        { cell: `${columnLetters(col)}${rowNumber}` },
        `Cell ${columnLetters(col)}${rowNumber} is written twice`,
      );
    rowCols.push(col);
    prevCol = Math.max(prevCol, col);
    cellElements++;
    spend();
    return col;
  };
  const spend = (): void => {
    if (--budgets.cells.left < 0) overBudget(budgets.cells, "More cells than an ExcelJS model may hold");
  };

  // The row's cells, stored when it closes: an array grown cell by cell keeps room for 17 (~180 bytes for a row of
  // one cell), one made at its size does not; and a row without formulas gets no formula row at all.
  const pendingCols: number[] = [];
  const pendingValues: GridValue[] = [];
  const pendingFormulas: (string | null)[] = [];
  const put = (col: number, value: GridValue, formula: string | null): void => {
    if (!storing && rowNumber > HEADER_SCAN_ROWS) return;
    if (--budgets.stored.left < 0) overBudget(budgets.stored, "More cells than check keeps");
    pendingCols.push(col);
    pendingValues.push(value);
    pendingFormulas.push(formula);
  };
  const closeRow = (): void => {
    rowOpen = false;
    const n = pendingCols.length;
    if (n === 0) return;
    let last = 0;
    for (const col of pendingCols) if (col > last) last = col;
    // A row as wide as its last cell, unless that would hold mostly holes (one far-away note).
    const dense = last <= 4 * n + 16;
    const rowValues: (GridValue | undefined)[] = dense ? new Array<GridValue | undefined>(last) : [];
    let rowFormulas: (string | null | undefined)[] | undefined;
    for (let k = 0; k < n; k++) {
      rowValues[pendingCols[k] - 1] = pendingValues[k];
      const formula = pendingFormulas[k];
      if (formula !== null)
        (rowFormulas ??= dense ? new Array<string | null | undefined>(last) : [])[pendingCols[k] - 1] =
          formula;
    }
    values[rowNumber - 1] = rowValues;
    if (rowFormulas) formulas[rowNumber - 1] = rowFormulas;
    if (rowNumber > maxRow) maxRow = rowNumber;
    if (last > maxCol) maxCol = last;
    pendingCols.length = 0;
    pendingValues.length = 0;
    pendingFormulas.length = 0;
  };

  const isDateStyle = (style: number): boolean => style > 0 && ctx.dates[style] === true;
  const cellName = (col: number): string => `${columnLetters(col)}${rowNumber}`;

  /** A stored number, a date when its format is one (rule "date-serial"). */
  const numberValue = (text: string, style: number, col: number): GridValue => {
    const n = parseDouble(text);
    if (n === null) return refuse("bad-value", { cell: cellName(col), value: text }, `${text} is no number`);
    return isDateStyle(style) ? (serialToIso(n, ctx.date1904) ?? n) : n;
  };

  /** What a cell holds: `text` the raw <v> (or inline text), already decoded; null when it holds nothing. */
  const valueOf = (
    t: string | undefined,
    style: number,
    text: string | undefined,
    col: number,
  ): GridValue => {
    if (text === undefined || text === "") return null;
    switch (t) {
      case undefined:
      case "n":
        return numberValue(text, style, col);
      case "s": {
        const index = parseDouble(text);
        const shared = index !== null && Number.isInteger(index) ? ctx.strings[index] : undefined;
        if (shared === undefined)
          return refuse(
            "shared-string",
            { cell: cellName(col), value: text },
            `Shared string ${text} not found`,
          );
        return shared === "" ? null : shared;
      }
      case "b": {
        const b = parseBoolean(text);
        return b === null
          ? refuse("bad-value", { cell: cellName(col), value: text }, `${text} is no boolean`)
          : b;
      }
      case "d": {
        const date = isoDateCell(text);
        return date === null
          ? refuse("bad-value", { cell: cellName(col), value: text }, `${text} is no ISO 8601 date`)
          : date;
      }
      default:
        // str, inlineStr and e: the text itself (a formula's text result, an inline string, an error).
        return text;
    }
  };

  const checkType = (t: string | undefined, col: number): void => {
    if (t !== undefined && !CELL_TYPES.has(t))
      refuse(
        "unknown-cell-type",
        { cell: cellName(col), value: t },
        `Cell ${cellName(col)} has the unknown type ${t}`,
      );
  };

  /** A formula cell's own text, or its shared master's moved to it (rule "shared-formula"); null for none. */
  const formulaOf = (
    col: number,
    written: string | undefined,
    share: string | undefined,
    si: string | undefined,
    fref: string | undefined,
  ): string | null => {
    const own = written ? (written.charCodeAt(0) === 61 ? written.slice(1) : written) : null;
    if (share !== "shared" || si === undefined) return own;
    if (fref !== undefined && own !== null) {
      masters.set(si, { formula: own, row: rowNumber, col });
      return own;
    }
    if (own !== null) return own;
    const master = masters.get(si);
    return master ? slideFormula(master.formula, rowNumber - master.row, col - master.col) : null;
  };

  /** Stores a cell; `formula` undefined when it has no <f>. */
  const store = (
    col: number,
    t: string | undefined,
    style: number,
    text: string | undefined,
    f:
      | {
          written: string | undefined;
          share: string | undefined;
          si: string | undefined;
          ref: string | undefined;
        }
      | undefined,
  ): void => {
    checkType(t, col);
    const isFormula = f !== undefined && (f.written !== undefined || f.share !== undefined);
    if (!isFormula) {
      const value = valueOf(t, style, text, col);
      if (value !== null) put(col, value, null);
      return;
    }
    const formula = formulaOf(col, f.written, f.share, f.si, f.ref);
    put(col, valueOf(t, style, text, col), formula);
  };

  const closeCell = (): void => {
    const c = cell;
    if (!c) return;
    cell = null;
    const col = placeCell(c.ref);
    const text = c.inline !== undefined ? c.inline.map(unescapeText).join("") : c.value;
    const written = c.f && c.f.length > 0 ? c.f.join("") : undefined;
    store(col, c.t, c.style, text, c.f ? { written, share: c.share, si: c.si, ref: c.fref } : undefined);
  };

  const addValidation = (sqref: string, type: string): void => {
    for (const area of areasOf(sqref)) {
      const parsed = parseArea(area);
      if (parsed) validationCovered += areaSize(parsed);
      if (CHECKING.has(type)) checked.push(area);
    }
  };
  const addMerge = (ref: string): void => {
    const area = parseArea(ref);
    if (area && areaSize(area) > 1) merges.push(area);
  };

  const wholeValidation: WholeElement = {
    name: "dataValidation",
    pattern: VALIDATION,
    element: (m, read) => {
      if (!inValidations || validation) return false;
      if (m[0].includes("&")) checkReferences(m[0]);
      const [sqref, type] = plainAttributes(m[1], ["sqref", "type"]);
      if (sqref === undefined) return refuse("bad-value", {}, "A data validation without sqref");
      addValidation(read.attribute(sqref), type !== undefined ? read.attribute(type) : "none");
    },
  };
  const repeatedValidations: RepeatedElement = {
    name: "dataValidations",
    repeated: (raw, read) => {
      if (root || inSheetData || extDepth > 0 || cell) return false;
      if (raw !== lastValidations?.raw) {
        const block = validationsBlock(raw, read);
        if (!block) return false;
        lastValidations = block;
      }
      for (const area of lastValidations.checked) checked.push(area);
      validationCovered += lastValidations.size;
      return true;
    },
  };

  // The usual cell, read by hand (a regex match costs more than the rest of the cell): `<c r="B12"`, maybe
  // ` s="3"`, maybe ` t="s"`, then `/>` or `>`, maybe `<f>…</f>` (a formula of its own), maybe `<v>…</v>`,
  // `</c>`; -1 for any other shape. Char codes, not startsWith: this runs a thousand times a sheet.
  const scanPlainCell = (s: string, lt: number, read: PartText): number => {
    if (cell || !rowOpen || !isAttributeStart(s, lt + 2, 114 /* r */)) return -1;
    let p = lt + 6;
    const refStart = p;
    let col = 0;
    let c = s.charCodeAt(p);
    for (; c >= 65 && c <= 90; c = s.charCodeAt(++p)) col = col * 26 + c - 64;
    const digits = p;
    if (digits === refStart || digits - refStart > 3) return -1;
    let row = 0;
    for (; c >= 48 && c <= 57; c = s.charCodeAt(++p)) row = row * 10 + c - 48;
    if (p === digits || p - digits > 7 || c !== 34 || row !== rowNumber || col > MAX_COLUMN || col <= prevCol)
      return -1;
    p++;
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
        formula = formulaText(read, rowNumber * KEY_COLUMNS + col, s.slice(p + 3, close));
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
    rowCols.push(col);
    prevCol = col;
    cellElements++;
    spend();
    const text = raw === undefined || raw === "" ? undefined : isPlainNumber(raw) ? raw : read.text(raw);
    store(
      col,
      t,
      style,
      text,
      formula !== undefined
        ? { written: formula, share: undefined, si: undefined, ref: undefined }
        : undefined,
    );
    return p;
  };

  const wholeCell: WholeElement = {
    name: "c",
    scan: scanPlainCell,
    pattern: CELL,
    element: (m, read) => {
      if (cell || !rowOpen) return false;
      const [otherR, otherT, otherS] = m[4]
        ? plainAttributes(
            m[4],
            ["r", "t", "s"],
            [m[1] !== undefined ? "r" : "", m[2] !== undefined ? "s" : "", m[3] !== undefined ? "t" : ""],
          )
        : [];
      const ref = m[1] ?? otherR;
      const t = m[3] ?? otherT;
      const styleText = m[2] ?? otherS;
      const col = placeCell(ref);
      const style = styleText ? parseInt(styleText, 10) : 0;
      let f:
        | {
            written: string | undefined;
            share: string | undefined;
            si: string | undefined;
            ref: string | undefined;
          }
        | undefined;
      if (m[5] !== undefined) {
        const [share, si, fref] = m[5] ? plainAttributes(m[5], ["t", "si", "ref"]) : [];
        // An empty element has no text, as tag by tag.
        const written = m[6] ? formulaText(read, rowNumber * KEY_COLUMNS + col, m[6]) : undefined;
        f = { written, share, si, ref: fref };
      }
      store(col, t, style, m[7] ? read.text(m[7]) : undefined, f);
    },
  };

  const wholeRow: WholeElement = {
    name: "row",
    pattern: ROW,
    startTag: true,
    element: (m) => {
      if (cell || !inSheetData) return false;
      if (m[2]) plainAttributes(m[2], [], ["r"]);
      openRow(m[1]);
    },
  };
  const wholeMerge: WholeElement = {
    name: "mergeCell",
    pattern: MERGE,
    element: (m) => {
      if (!inMergeCells) return false;
      addMerge(m[1]);
    },
  };

  pkg.parse(part, SPREADSHEET_PART, {
    whole: [wholeCell, wholeRow, wholeValidation, wholeMerge],
    repeated: [repeatedValidations],
    open: (tag, a) => {
      if (root) {
        if (tag !== "worksheet")
          refuse("not-spreadsheetml", { value: tag }, `The root is ${tag}, not SpreadsheetML's worksheet`);
        root = false;
        return;
      }
      // Markup compatibility: a Choice needs what this reader does not know (x14 controls, …); its Fallback is
      // read as if it stood alone.
      if (choice > 0 || tag === "mc:Choice") {
        choice++;
        return;
      }
      if (cell) {
        if (phonetic > 0 || tag === "rPh") {
          if (tag === "rPh") phonetic++;
          return;
        }
        if (tag === "f") {
          cell.f = [];
          cell.share = a.get("t");
          cell.si = a.get("si");
          cell.fref = a.get("ref");
          target = "f";
        } else if (tag === "v") {
          cell.value = "";
          target = "v";
        } else if (tag === "is") cell.inline ??= [];
        else if (tag === "t" && cell.inline) {
          cell.inline.push("");
          target = "t";
        }
        return;
      }
      if (extDepth > 0) {
        extDepth++;
        if (tag === "x14:dataValidation") x14Validation = { type: a.get("type") ?? "none", sqref: null };
        else if (tag === "xm:sqref" && x14Validation) {
          x14Validation.sqref = [];
          xmSqref = true;
        }
        return;
      }
      switch (tag) {
        case "sheetData":
          inSheetData = true;
          break;
        case "row":
          if (inSheetData) openRow(a.get("r"));
          break;
        case "c":
          if (rowOpen)
            cell = {
              ref: a.get("r"),
              t: a.get("t"),
              style: parseInt(a.get("s") ?? "0", 10) || 0,
              f: undefined,
              share: undefined,
              si: undefined,
              fref: undefined,
              value: undefined,
              inline: undefined,
            };
          break;
        case "mergeCells":
          inMergeCells = true;
          break;
        case "mergeCell":
          if (inMergeCells) addMerge(a.get("ref") ?? "");
          break;
        case "dataValidations":
          inValidations = true;
          break;
        case "dataValidation": {
          if (!inValidations) break;
          const sqref = a.get("sqref");
          if (sqref === undefined) refuse("bad-value", {}, "A data validation without sqref");
          validation = { sqref: sqref ?? "", type: a.get("type") ?? "none" };
          break;
        }
        case "sheetProtection":
          protectedSheet = parseBoolean(a.get("sheet") ?? "0") === true;
          break;
        case "hyperlinks":
          inHyperlinks = true;
          break;
        case "hyperlink": {
          const id = a.get("r:id");
          const ref = a.get("ref");
          if (inHyperlinks && id && ref !== undefined) hyperlinks.push({ ref, id });
          break;
        }
        case "extLst":
          extDepth = 1;
          break;
      }
    },
    text: (t) => {
      if (cell) {
        if (target === "f") cell.f?.push(t);
        else if (target === "v") cell.value += t;
        else if (target === "t" && cell.inline) cell.inline[cell.inline.length - 1] += t;
      } else if (xmSqref && x14Validation?.sqref) x14Validation.sqref.push(t);
    },
    close: (tag) => {
      if (choice > 0) {
        choice--;
        return;
      }
      if (cell) {
        if (tag === "rPh") phonetic--;
        else if (tag === "c") closeCell();
        else if (tag === "f" || tag === "v" || tag === "t") target = undefined;
        return;
      }
      if (extDepth > 0) {
        extDepth--;
        if (tag === "xm:sqref") xmSqref = false;
        else if (tag === "x14:dataValidation" && x14Validation) {
          if (x14Validation.sqref) addX14Validation(x14Validation.sqref.join(""), x14Validation.type);
          x14Validation = null;
        }
        return;
      }
      switch (tag) {
        case "row":
          closeRow();
          break;
        case "sheetData":
          inSheetData = false;
          break;
        case "mergeCells":
          inMergeCells = false;
          break;
        case "dataValidations":
          inValidations = false;
          break;
        case "dataValidation":
          if (validation) addValidation(validation.sqref, validation.type);
          validation = null;
          break;
        case "hyperlinks":
          inHyperlinks = false;
          break;
      }
    },
  });

  /** Excel 2010's validations (lists over other sheets): they guard cells as much as the others. */
  function addX14Validation(sqref: string, type: string): void {
    if (CHECKING.has(type)) checked.push(...areasOf(sqref));
  }

  if (!decided) decide();
  const head = !storing;
  // A head row written after the rows past it (rows out of order) can make a scorecard of what looked like none.
  if (
    head &&
    keep === "head" &&
    rowList.some((r, i) => i > 0 && r < rowList[i - 1]) &&
    isScorecard({ name, values, formulas })
  )
    return readSheet(pkg, part, name, ctx, "all", budgets);
  clearMergedAway(values, formulas, merges, where);
  const links = linksOf(pkg, part, hyperlinks, where);
  const grid: SheetGrid = {
    name,
    values,
    formulas,
    guards: { protected: protectedSheet, validatedAreas: checked },
    ...(Object.keys(links).length > 0 ? { links } : {}),
  };
  return {
    grid,
    head,
    cost: { cells: cellElements, validated: validationCovered },
    merges,
    extent: { rows: maxRow, cols: maxCol },
  };
}

/** A value that reads as written: digits, sign, point and exponent only (numbers, shared-string indexes). */
function isPlainNumber(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 69 || c === 101)) return false;
  }
  return true;
}

/**
 * Rule "merged-away": a cell a merge covers, other than its top-left one, reads empty (Excel shows only the
 * top-left cell's value). Merges must not overlap (Excel refuses such a file). Done by a sweep over rows that
 * hold cells, so that a merge over a whole sheet costs its cells, not its area.
 */
function clearMergedAway(
  values: (GridValue | undefined)[][],
  formulas: (string | null | undefined)[][],
  merges: readonly Area[],
  where: (extra?: WorkbookWhere) => WorkbookWhere,
): void {
  if (merges.length === 0) return;
  const byTop = [...merges].sort((a, b) => a.top - b.top || a.left - b.left);
  // Overlaps: merges sorted by top, each checked against those still open at its top row.
  let open: Area[] = [];
  for (const m of byTop) {
    open = open.filter((o) => o.bottom >= m.top);
    const hit = open.find((o) => o.left <= m.right && m.left <= o.right);
    if (hit) {
      const text = (a: Area): string =>
        `${columnLetters(a.left)}${a.top}:${columnLetters(a.right)}${a.bottom}`;
      throw refused(
        "merges-overlap",
        where({ value: `${text(hit)} ${text(m)}` }),
        `Merges ${text(hit)} and ${text(m)} overlap`,
      );
    }
    open.push(m);
  }
  let next = 0;
  let active: Area[] = [];
  values.forEach((row, r0) => {
    const r = r0 + 1;
    while (next < byTop.length && byTop[next].top <= r) active.push(byTop[next++]);
    if (active.some((a) => a.bottom < r)) active = active.filter((a) => a.bottom >= r);
    // Each merge over this row clears the cells it covers there (merges do not overlap): its width, not the row.
    for (const m of active)
      for (let c = m.left; c <= Math.min(m.right, row.length); c++)
        if ((r !== m.top || c !== m.left) && row[c - 1] !== undefined) {
          delete row[c - 1];
          delete formulas[r0]?.[c - 1];
        }
  });
}

/**
 * Hyperlink targets by the cell or area they are on: rule "hyperlink-keeps-value" — a linked cell keeps its value
 * and formula (a linked 自评得分 still counts), and its external target is recorded; a link over an area is kept
 * as that area (see linkAt in src/sheet).
 */
function linksOf(
  pkg: Package,
  part: string,
  hyperlinks: readonly { ref: string; id: string }[],
  where: (extra?: WorkbookWhere) => WorkbookWhere,
): Record<string, string> {
  const links: Record<string, string> = {};
  if (hyperlinks.length === 0) return links;
  const rels = pkg.relationships(part);
  for (const { ref, id } of hyperlinks) {
    const rel = rels.get(id);
    if (rel === undefined)
      throw refused("missing-part", where({ value: id }), `${part}: hyperlink relationship ${id} not found`);
    const area = parseArea(ref.trim());
    if (!rel.external || !rel.target || !area) continue;
    const key = areaText(area);
    // The first link over a cell is the one Excel follows.
    links[key] ??= rel.target;
  }
  return links;
}
