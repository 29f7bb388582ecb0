/*
 * The streaming reader over a whole workbook, in Node and in the browser alike: the package's relationships lead
 * to workbook.xml, its sheets, shared strings and styles (whatever the parts are named), each part is streamed
 * through the XML scanner once, and every sheet becomes a sparse SheetGrid (./sheet). `check`, `summary` and
 * `sample` read with it through ./read (Node's zlib and UTF-8 check); the page runs it on a file's bytes before
 * ExcelJS loads them, so that both refuse the same files and read the same cells.
 */
import { isScorecard, readScorecard, type ReadScorecard } from "../../sheet/reader";
import type { SheetGrid } from "../../sheet/types";
import { formatError } from "../format";
import { READ_LIMITS, type ReadLimit } from "../limits";
import { openPackage, packageError } from "../package";
import type { Utf8Check } from "./bytes";
import { SPREADSHEET_PART } from "./namespaces";
import { Package, PartMemo } from "./package";
import { refused } from "./refusal";
import { readSheet, type CellBudget, type SheetContext, type SheetRead } from "./sheet";
import { isBuiltinDateFormat, isDateFormat, parseBoolean, unescapeText } from "./values";
import { ZipError, type ZipCodec } from "./zip";

export interface ReadOptions {
  /** How parts are inflated and checked: Node passes its native zlib (./nodeCodec), the page fflate's. */
  readonly codec?: ZipCodec;
  readonly utf8Check?: Utf8Check;
  /**
   * "scorecards" reads in full only the sheets whose head shows a scorecard (others keep their first
   * HEADER_SCAN_ROWS rows, and are still checked to the end); "all" reads every sheet in full.
   */
  readonly sheets: "scorecards" | "all";
  /**
   * The limit of cells the sheets may hold (<c> elements), refused as soon as passed, before they are stored:
   * what builds an ExcelJS model of the file gives "modelCells" (see loadWorkbook), so that memory follows the
   * limit, not the file.
   */
  readonly cellLimit?: ReadLimit;
  /** The limit of cells the grids may keep, refused as soon as passed (check: "checkCells"). */
  readonly keptCellLimit?: ReadLimit;
}

/** A worksheet of the workbook, in tab order, and the part it was read from. */
export interface WorkbookSheet extends SheetRead {
  readonly part: string;
}

export interface WorkbookRead {
  readonly sheets: readonly WorkbookSheet[];
  readonly date1904: boolean;
  /** The first workbook view's activeTab as written (0 when absent): the page opens on that worksheet. */
  readonly activeTab: number;
  /** The package read, and where its workbook, styles and shared strings are (entry names). */
  readonly package: Package;
  readonly parts: { readonly workbook: string; readonly styles?: string; readonly sharedStrings?: string };
}

/** A shared string of one plain text, the usual kind, read in one match. */
const PLAIN_STRING = /<si><t(?: (?!xmlns)[\w:]+="[^"<&]*")*>([^<]*)<\/t><\/si>/y;

/**
 * Shared strings as the text a cell shows: rule "rich-text" — every <t> of an entry, the plain one and its runs',
 * joined in order; phonetic runs (<rPh>) are not shown, so not read.
 */
function sharedStrings(pkg: Package, part: string | undefined): string[] {
  const out: string[] = [];
  if (part === undefined) return out;
  let texts: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  let root = true;
  pkg.parse(
    part,
    SPREADSHEET_PART,
    {
      whole: [
        {
          name: "si",
          // The plainest entry, `<si><t>…</t></si>`, by hand; PLAIN_STRING reads it with attributes on <t>.
          scan: (s, lt, read) => {
            if (texts !== null || !s.startsWith("<si><t>", lt)) return -1;
            const close = s.indexOf("<", lt + 7);
            if (close < 0 || !s.startsWith("</t></si>", close)) return -1;
            out.push(unescapeText(read.text(s.slice(lt + 7, close))));
            return close + 9;
          },
          pattern: PLAIN_STRING,
          element: (m, read) => {
            if (texts !== null) return false;
            out.push(unescapeText(read.text(m[1])));
          },
        },
      ],
      open: (tag) => {
        if (root) {
          if (tag !== "sst") throw notSpreadsheetMl(part, tag, "sst");
          root = false;
        } else if (tag === "si") texts = [];
        else if (tag === "rPh") phonetic++;
        else if (tag === "t" && texts !== null && phonetic === 0) {
          texts.push("");
          inText = true;
        }
      },
      text: (t) => {
        if (inText && texts) texts[texts.length - 1] += t;
      },
      close: (tag) => {
        if (tag === "rPh") phonetic--;
        else if (tag === "t") inText = false;
        else if (tag === "si" && texts) {
          out.push(texts.map(unescapeText).join(""));
          texts = null;
        }
      },
    },
    { utf8: true },
  );
  return out;
}

const notSpreadsheetMl = (part: string, tag: string, expected: string): Error =>
  refused(
    "not-spreadsheetml",
    { part, value: tag },
    `${part}: the root is ${tag}, not SpreadsheetML's ${expected}`,
  );

const dateStylesMemo = new PartMemo<readonly boolean[]>((pkg, part) => {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  let root = true;
  pkg.parse(part, SPREADSHEET_PART, {
    open: (tag, a) => {
      if (root) {
        if (tag !== "styleSheet") throw notSpreadsheetMl(part, tag, "styleSheet");
        root = false;
      } else if (tag === "numFmt") {
        const code = a.get("formatCode");
        if (code !== undefined) custom.set(parseInt(a.get("numFmtId") ?? "", 10), code);
      } else if (tag === "cellXfs") inCellXfs = true;
      else if (tag === "xf" && inCellXfs) formats.push(parseInt(a.get("numFmtId") ?? "0", 10));
    },
    close: (tag) => {
      if (tag === "cellXfs") inCellXfs = false;
    },
  });
  return formats.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : isBuiltinDateFormat(id);
  });
});

/** The workbook part: the package's officeDocument relationship, else where every writer puts it. */
function workbookPart(pkg: Package): string {
  for (const rel of pkg.relationships("").values())
    if (rel.kind === "officeDocument" && !rel.external) return rel.target;
  return "xl/workbook.xml";
}

interface SheetEntry {
  readonly name: string;
  readonly id: string | undefined;
}

function readWorkbookPart(
  pkg: Package,
  part: string,
): { sheets: SheetEntry[]; date1904: boolean; activeTab: number } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let activeTab: number | null = null;
  let root = true;
  let inSheets = false;
  pkg.parse(part, SPREADSHEET_PART, {
    open: (tag, a) => {
      if (root) {
        // Not a SpreadsheetML workbook (a document of another kind, or of no namespace): no sheets to read.
        if (tag !== "workbook") throw formatError("no-sheets");
        root = false;
      } else if (tag === "sheets") inSheets = true;
      else if (tag === "sheet" && inSheets) sheets.push({ name: a.get("name") ?? "", id: a.get("r:id") });
      else if (tag === "workbookPr") date1904 = parseBoolean(a.get("date1904") ?? "0") === true;
      else if (tag === "workbookView" && activeTab === null)
        activeTab = parseInt(a.get("activeTab") ?? "0", 10);
    },
    close: (tag) => {
      if (tag === "sheets") inSheets = false;
    },
  });
  return { sheets, date1904, activeTab: activeTab ?? 0 };
}

/**
 * Reads the workbook, its bytes through the package gate (openPackage: every part inflated once and checked);
 * anything unreadable throws a WorkbookFormatError naming the limit or damage and where.
 */
export function readWorkbook(data: Uint8Array, options: ReadOptions): WorkbookRead {
  const pkg = new Package(openPackage(data, options.codec), options.utf8Check);
  try {
    const book = workbookPart(pkg);
    if (pkg.entry(book) === undefined) throw formatError("no-sheets");
    const { sheets, date1904, activeTab } = readWorkbookPart(pkg, book);
    const rels = pkg.relationships(book);
    const first = (kind: string): string | undefined =>
      [...rels.values()].find((r) => r.kind === kind && !r.external)?.target;
    const parts: { name: string; entry: string }[] = [];
    const byPart = new Map<string, string>();
    for (const { name, id } of sheets) {
      // A sheet without a relationship (Excel 4 macro and VBA module sheets of .xlsm files) has no part to read.
      if (!id) continue;
      const rel = rels.get(id);
      if (rel === undefined)
        throw refused(
          "missing-part",
          { sheet: name, part: book, value: id ?? "" },
          `Sheet ${name}: relationship ${id} not found`,
        );
      if (rel.kind !== "worksheet") continue;
      const entry = pkg.entry(rel.target);
      if (entry === undefined)
        throw refused(
          "missing-part",
          { sheet: name, part: rel.target },
          `Sheet ${name}: no part ${rel.target}`,
        );
      const other = byPart.get(entry);
      if (other !== undefined)
        throw refused(
          "shared-part",
          { sheet: name, part: entry, value: other },
          `Sheets ${other} and ${name} share ${entry}`,
        );
      byPart.set(entry, name);
      parts.push({ name, entry });
    }
    if (parts.length === 0) throw formatError("no-sheets");
    const stylesPart = first("styles");
    const stylesEntry = stylesPart === undefined ? undefined : pkg.entry(stylesPart);
    const stringsPart = first("sharedStrings");
    const stringsEntry = stringsPart === undefined ? undefined : (pkg.entry(stringsPart) ?? stringsPart);
    const ctx: SheetContext = {
      strings: sharedStrings(pkg, stringsEntry),
      dates: stylesEntry === undefined ? [] : dateStylesMemo.get(pkg, stylesEntry),
      date1904,
    };
    const keep = options.sheets === "all" ? "all" : "head";
    const budget = (limit?: ReadLimit): CellBudget => ({
      left: limit === undefined ? Infinity : READ_LIMITS[limit],
      limit,
    });
    const budgets = { cells: budget(options.cellLimit), stored: budget(options.keptCellLimit) };
    return {
      sheets: parts.map(({ name, entry }) => ({
        ...readSheet(pkg, entry, name, ctx, keep, budgets),
        part: entry,
      })),
      date1904,
      activeTab,
      package: pkg,
      parts: { workbook: pkg.entry(book) ?? book, styles: stylesEntry, sharedStrings: stringsEntry },
    };
  } catch (e) {
    if (e instanceof Error && e.name === "WorkbookFormatError") throw e;
    if (e instanceof ZipError) throw packageError(e);
    throw formatError("damaged", e);
  }
}

/** Grids of every worksheet in tab order (non-scorecards to their head in "scorecards" mode). */
export const readGrids = (data: Uint8Array, options: ReadOptions): SheetGrid[] =>
  readWorkbook(data, options).sheets.map((s) => s.grid);

/** Every sheet recognised as a scorecard, read into entries and findings. */
export const readWorkbookScorecards = (
  data: Uint8Array,
  options: Omit<ReadOptions, "sheets">,
): ReadScorecard[] =>
  readGrids(data, { keptCellLimit: "checkCells", ...options, sheets: "scorecards" })
    .filter(isScorecard)
    .map(readScorecard);
