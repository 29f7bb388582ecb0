import type { Style } from "exceljs";
import Range from "exceljs/lib/doc/range";
import exceljsUtils from "exceljs/lib/utils/utils";
import XmlStream from "exceljs/lib/utils/xml-stream";
import WorkbookXform from "exceljs/lib/xlsx/xform/book/workbook-xform";
import RelationshipsXform from "exceljs/lib/xlsx/xform/core/relationships-xform";
import ListXform from "exceljs/lib/xlsx/xform/list-xform";
import RowBreaksXform from "exceljs/lib/xlsx/xform/sheet/row-breaks-xform";
import HyperlinkXform from "exceljs/lib/xlsx/xform/sheet/hyperlink-xform";
import WorksheetXform from "exceljs/lib/xlsx/xform/sheet/worksheet-xform";
import RelType from "exceljs/lib/xlsx/rel-type";
import { columnLetters } from "./grid";
import { centred, excelStyle, excelValue } from "./render";
import type { SheetPlan } from "../sheet";

/*
 * A scorecard plan's worksheet written straight to XML, for a workbook of many copies (the roll-up). ExcelJS
 * builds a model of every cell (objects, addresses, styles) and renders it through a generic XML writer: most of
 * the time of a 1,000-station roll-up. Here the first copy of each *frame* (everything of the plan but its cells,
 * row heights, page footer and page breaks: columns, merges, validations, conditional formats, protection, print
 * setup, views) is drawn and rendered by ExcelJS as usual; the frame is kept as the XML around the cells, and every
 * later copy of it gets its rows, dimension, hyperlinks, footer (it names the station) and page breaks (they
 * follow the rows' heights, which follow what was written) written here, cell by cell as ExcelJS's cell and row writers write them
 * (same escaping, same shared-string and style registries, called in the same order), between the frame's pieces.
 * test/xlsx.streamed.test.ts holds the output byte for byte against ExcelJS's own rendering. Node only.
 */

const xmlEncode = exceljsUtils.xmlEncode;

/** ExcelJS's value types (lib/doc/enums.js), which pick a cell's XML and, on a style's first use, its number format. */
const TYPE = { Null: 0, Merge: 1, Number: 2, String: 3, Hyperlink: 5, Formula: 6, Boolean: 9 } as const;
type ValueType = (typeof TYPE)[keyof typeof TYPE];

/** The registries every sheet of the workbook adds to (ExcelJS's SharedStringsXform and StylesXform). */
export interface SharedRegistries {
  readonly sharedStrings: { add(value: string): number };
  readonly styles: { addStyleModel(style: Partial<Style>, type: ValueType): number };
}

/**
 * The worksheet XML of one frame as UTF-8, cut where each copy's own XML goes (FRAME_SLOTS, in that order): a copy
 * is these pieces with its own between them, joined as bytes (joined as a string first, the 90 KB of each copy
 * cost eight times as long to encode).
 */
export interface PlanFrame {
  /** One more than FRAME_SLOTS: the XML before the first slot, between each two, after the last. */
  readonly pieces: readonly Uint8Array[];
  readonly state: string;
  readonly pageSetup: unknown;
  /** A page break as renderPlan has ExcelJS write it, but its row (the same for every break of every plan). */
  readonly pageBreak: object | null;
}

const utf8 = new TextEncoder();

const DIMENSION = "§dimension§";
const LINK = "§hyperlink§";
const FOOTER = "§footer§";
const BREAK = "§break§";

/** Where a copy's XML goes in its frame: the mark rendered there, and the XML cut out around it. */
const FRAME_SLOTS = [
  { from: `<dimension ref="${DIMENSION}"/>`, to: `<dimension ref="${DIMENSION}"/>` },
  { from: "<sheetData/>", to: "<sheetData/>" },
  { from: "<hyperlinks>", to: "</hyperlinks>" },
  { from: FOOTER, to: FOOTER },
  { from: "<rowBreaks", to: "</rowBreaks>" },
] as const;

/**
 * What makes two plans' worksheets differ beyond their cells, row heights and footer. renderPlan reads of the
 * plan only its cells, row heights, columns, merges, validations, conditional formats, protection, print setup,
 * freeze and the layout's first item row (the active cell); `selected` is the sheet's tab selection.
 */
export function planFrameKey(plan: SheetPlan, selected: boolean): string {
  return JSON.stringify([
    selected,
    plan.cells.length,
    plan.cells.map((row) => row.length),
    plan.rowHeights.length,
    plan.columns,
    plan.merges,
    plan.validations,
    plan.conditionalFormats,
    plan.protection,
    // Whether there are page breaks decides where the frame's one goes: see captureFrame.
    { ...plan.print, footer: null, rowBreaks: plan.print.rowBreaks.length > 0 },
    plan.freeze,
    plan.layout.firstItemRow,
  ]);
}

const render = (draw: (stream: XmlStream) => void): string => {
  const stream = new XmlStream();
  draw(stream);
  return stream.xml;
};

const worksheetXform = new WorksheetXform();
const hyperlinksXform = new ListXform({ tag: "hyperlinks", count: false, childXform: new HyperlinkXform() });
const relationshipsXform = new RelationshipsXform();
const rowBreaksXform = new RowBreaksXform();

/** The worksheet model's parts captureFrame reads and marks (renderPlan always sets the odd-page footer). */
interface FrameModel {
  readonly state: string;
  readonly pageSetup: unknown;
  readonly headerFooter?: object;
  readonly rowBreaks?: readonly { readonly id: number }[];
}

/**
 * The frame of a worksheet ExcelJS has just prepared for writing (its shared strings, styles, merges and
 * conditional formats' differential formats registered): its XML rendered again with marks in FRAME_SLOTS,
 * cut there.
 */
export function captureFrame(model: FrameModel): PlanFrame {
  const [first] = model.rowBreaks ?? [];
  const pageBreak = first ? { ...first, id: undefined } : null;
  let rest = render((stream) =>
    worksheetXform.render(stream, {
      ...model,
      dimensions: DIMENSION,
      rows: [],
      hyperlinks: [{ address: LINK, rId: "rId1", target: LINK }],
      headerFooter: { ...model.headerFooter, oddFooter: FOOTER },
      rowBreaks: [{ ...pageBreak, id: BREAK }],
    }),
  );
  const pieces: Uint8Array[] = [];
  for (const { from, to } of FRAME_SLOTS) {
    const start = rest.indexOf(from);
    const end = start < 0 ? -1 : rest.indexOf(to, start);
    if (end < 0) throw new Error(`The worksheet frame has no ${from}`);
    pieces.push(utf8.encode(rest.slice(0, start)));
    rest = rest.slice(end + to.length);
  }
  pieces.push(utf8.encode(rest));
  return { pieces, state: model.state, pageSetup: model.pageSetup, pageBreak };
}

interface Hyperlink {
  readonly address: string;
  readonly target: string;
  rId?: string;
}

/** The type ExcelJS gives a cell's value (cell-xform getValueType), for the values excelValue makes. */
function valueType(value: unknown): ValueType {
  if (value === null || value === undefined) return TYPE.Null;
  if (typeof value === "string") return TYPE.String;
  if (typeof value === "number") return TYPE.Number;
  if (typeof value === "boolean") return TYPE.Boolean;
  if (typeof value === "object" && "hyperlink" in value) return TYPE.Hyperlink;
  if (typeof value === "object" && "formula" in value) return TYPE.Formula;
  throw new Error(`A plan cell's value ExcelJS would not write as it is: ${JSON.stringify(value)}`);
}

/** Cells that a merge covers, but not its top-left cell: ExcelJS turns them into merge cells (style kept). */
function mergedAway(plan: SheetPlan): Set<string> {
  const covered = new Set<string>();
  for (const range of plan.merges) {
    const [from, to = from] = range.split(":");
    const [c1, r1] = at(from);
    const [c2, r2] = at(to);
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) if (r > r1 || c > c1) covered.add(`${columnLetters(c + 1)}${r}`);
  }
  return covered;
}

/** Zero-based column and one-based row of an A1 address. */
function at(ref: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(ref.replace(/\$/g, ""));
  if (!m) throw new Error(`Not a cell: ${ref}`);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return [col, Number(m[2])];
}

/** The cached result of a formula as ExcelJS writes it (cell-xform renderFormula): the t attribute and the <v>. */
function formulaXml(formula: string, result: unknown): string {
  const f = `<f>${xmlEncode(formula)}</f>`;
  const type = valueType(result);
  if (type === TYPE.Null) return `>${f}`;
  if (type === TYPE.String) return ` t="str">${f}<v>${xmlEncode(String(result))}</v>`;
  if (type === TYPE.Number) return `>${f}<v>${xmlEncode(String(result))}</v>`;
  if (type === TYPE.Boolean) return ` t="b">${f}<v>${result ? 1 : 0}</v>`;
  throw new Error(`A formula result ExcelJS would not write as it is: ${JSON.stringify(result)}`);
}

/**
 * The <sheetData> of a plan as ExcelJS writes it after renderPlan: every plan cell exists (styled), merged-away
 * cells are merge cells, rows carry their heights. Registers strings and styles as ExcelJS's prepare would, in
 * the same order; collects the hyperlinks and the dimension (ExcelJS's: every row written, from its first to
 * its last cell, styled or not).
 */
function sheetData(
  plan: SheetPlan,
  shared: SharedRegistries,
): { xml: string; dimension: string; hyperlinks: Hyperlink[] } {
  const covered = mergedAway(plan);
  const dimension = new Range();
  const hyperlinks: Hyperlink[] = [];
  const letters = Array.from({ length: Math.max(0, ...plan.cells.map((r) => r.length)) }, (_, c) =>
    columnLetters(c + 1),
  );
  const rows: string[] = ["<sheetData>"];
  const rowCount = Math.max(plan.cells.length, plan.rowHeights.length);
  for (let r = 0; r < rowCount; r++) {
    const cells = plan.cells[r] ?? [];
    const height = plan.rowHeights[r];
    if (cells.length === 0 && !height) continue;
    const number = r + 1;
    let xml = `<row r="${number}"`;
    if (height) xml += ` ht="${xmlEncode(String(height))}" customHeight="1"`;
    if (cells.length > 0) xml += ` spans="1:${cells.length}"`;
    xml += ` x14ac:dyDescent="0.25"`;
    let body = "";
    cells.forEach((cell, c) => {
      const address = `${letters[c]}${number}`;
      const value = covered.has(address) ? null : excelValue(cell);
      const type = covered.has(address) ? TYPE.Merge : valueType(value);
      const result = type === TYPE.Formula ? (value as { result?: unknown }).result : undefined;
      // A formula's style is registered with its result's type, as ExcelJS does (getEffectiveCellType).
      const styleType = type === TYPE.Formula ? valueType(result) : type;
      const styleId = shared.styles.addStyleModel(excelStyle(plan.styles[cell.style]), styleType);
      if (type === TYPE.Null && !styleId) return;
      const open = `<c r="${address}"${styleId ? ` s="${styleId}"` : ""}`;
      if (type === TYPE.Null || type === TYPE.Merge) body += `${open}/>`;
      else if (type === TYPE.Number) body += `${open}><v>${xmlEncode(String(value))}</v></c>`;
      else if (type === TYPE.Boolean) body += `${open} t="b"><v>${value ? "1" : "0"}</v></c>`;
      else if (type === TYPE.String)
        body += `${open} t="s"><v>${shared.sharedStrings.add(value as string)}</v></c>`;
      else if (type === TYPE.Hyperlink) {
        const link = value as { text: string; hyperlink: string };
        hyperlinks.push({ address, target: link.hyperlink });
        body += `${open} t="s"><v>${shared.sharedStrings.add(link.text)}</v></c>`;
      } else body += `${open}${formulaXml((value as { formula: string }).formula, result)}</c>`;
    });
    dimension.expand(number, cells.length > 0 ? 1 : 0, number, cells.length);
    rows.push(body ? `${xml}>${body}</row>` : `${xml}/>`);
  }
  rows.push("</sheetData>");
  return { xml: rows.length > 2 ? rows.join("") : "<sheetData/>", dimension: String(dimension), hyperlinks };
}

/** The parts of one copy of a frame: its worksheet XML, its relationships (hyperlinks only) and defined names. */
export interface PlanSheetParts {
  /** UTF-8. */
  readonly sheet: Uint8Array;
  readonly rels: string | null;
  readonly definedNames: readonly object[];
}

/** A plan's worksheet in a frame captured from an earlier plan of the same frame key. */
export function planSheetParts(frame: PlanFrame, plan: SheetPlan, shared: SharedRegistries): PlanSheetParts {
  const data = sheetData(plan, shared);
  data.hyperlinks.forEach((link, i) => (link.rId = `rId${i + 1}`));
  const links = data.hyperlinks.length > 0 ? render((s) => hyperlinksXform.render(s, data.hyperlinks)) : "";
  // In the order renderPlan adds them, each as the frame's (whether a plan has breaks is part of its frame key).
  const breaks = plan.print.rowBreaks.map((id) => ({ ...frame.pageBreak, id }));
  const own = [
    `<dimension ref="${xmlEncode(data.dimension)}"/>`,
    data.xml,
    links,
    // As ExcelJS writes the footer renderPlan sets (header-footer-xform: a leaf node's escaped text).
    xmlEncode(centred(plan.print.footer)),
    render((s) => rowBreaksXform.render(s, breaks)),
  ];
  const pieces = frame.pieces.flatMap((piece, i) =>
    i < own.length ? [piece, utf8.encode(own[i])] : [piece],
  );
  const sheet = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0));
  pieces.reduce((offset, piece) => (sheet.set(piece, offset), offset + piece.length), 0);
  const rels =
    data.hyperlinks.length > 0
      ? render((s) =>
          relationshipsXform.render(
            s,
            data.hyperlinks.map((link) => ({
              Id: link.rId,
              Type: RelType.Hyperlink,
              Target: link.target,
              TargetMode: "External",
            })),
          ),
        )
      : null;
  // The print area and titles, named as ExcelJS names them for a sheet of this name and page setup.
  const names = {
    worksheets: [{ name: plan.sheetName, pageSetup: frame.pageSetup }],
    definedNames: [],
    media: [],
  };
  new WorkbookXform().prepare(names);
  return { sheet, rels, definedNames: names.definedNames };
}
