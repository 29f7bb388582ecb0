import * as ExcelJS from "exceljs";
import { Zip, ZipDeflate, strToU8, type ZipInputFile } from "fflate";
import { isScorecard, readScorecard, type ReadScorecard, type SheetGrid } from "../sheet";
import { sheetToGrid } from "./grid";
import { formatError } from "./format";
import {
  type WorkbookModelInternals,
  type WorksheetModelInternals,
  type XlsxWriterInternals,
  type ZipSink,
} from "./internals";
import { areaSize } from "../sheet/areas";
import { excelJsInput, expandsTooFar } from "./exceljsInput";
import { READ_LIMITS } from "./limits";
import { reconcile } from "./reconcile";
import { readWorkbook, type ReadOptions, type WorkbookRead } from "./stream/workbook";

export { WorkbookFormatError, formatError, sniffWorkbook, type WorkbookFormatProblem } from "./format";

/** A new, empty workbook set to recalculate on open. */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "veteran-station-scorecard";
  workbook.created = new Date();
  workbook.calcProperties.fullCalcOnLoad = true;
  return workbook;
}

/**
 * Refuses, before ExcelJS is given it, a workbook whose merges would make more cells than READ_LIMITS allows
 * (but those ExcelJS is spared, see ./exceljsInput). Its cells were counted against the limit as they were read.
 */
function refuseBeyondModel(read: WorkbookRead): void {
  let merged = 0;
  for (const sheet of read.sheets) {
    for (const area of sheet.merges) if (!expandsTooFar(area)) merged += areaSize(area);
    if (merged > READ_LIMITS.modelMergedCells)
      throw formatError("too-large", `${merged} merged cells`, {
        limit: "modelMergedCells",
        sheet: sheet.grid.name,
        part: sheet.part,
      });
  }
}

/** Whether ExcelJS's model of a workbook was built from a lean package (see ./exceljsInput). */
const leanModels = new WeakSet<ExcelJS.Workbook>();
export const isLean = (workbook: ExcelJS.Workbook): boolean => leanModels.has(workbook);

async function excelJsLoad(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // JSZip, underneath, reads any Uint8Array; ExcelJS only types Buffer.
  await workbook.xlsx.load(bytes as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/**
 * A file read and checked, its ExcelJS model not built yet: what the page can show at once (the streamed grids)
 * while the model, the slow half of opening, is built. See loadWorkbook.
 */
export interface StagedWorkbook {
  readonly reading: WorkbookRead;
  /** Builds ExcelJS's model of the file, reconciled with the reading. */
  model(): Promise<ExcelJS.Workbook>;
}

/**
 * The first half of loadWorkbook: the package gate, the streaming reader and the model limits, each refusal
 * thrown here. The model comes from model().
 */
export function stageWorkbook(
  data: ArrayBuffer | Uint8Array,
  read: Omit<ReadOptions, "sheets"> = {},
): StagedWorkbook {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const reading = readWorkbook(bytes, { ...read, sheets: "all", cellLimit: "modelCells" });
  refuseBeyondModel(reading);
  return { reading, model: () => modelOf(reading) };
}

async function modelOf(reading: WorkbookRead): Promise<ExcelJS.Workbook> {
  let input = excelJsInput(reading, false);
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await excelJsLoad(input.bytes);
  } catch {
    try {
      input = excelJsInput(reading, true);
      workbook = await excelJsLoad(input.bytes);
    } catch (error) {
      throw formatError("damaged", error, { damage: "model-failed" });
    }
  }
  if (workbook.worksheets.length === 0) throw formatError("no-sheets");
  input.restore(workbook);
  reconcile(workbook, reading);
  if (input.lean) leanModels.add(workbook);
  return workbook;
}

/**
 * Loads .xlsx bytes into an ExcelJS model that reads as the streaming reader reads them (one file, one reading).
 * The bytes pass the package gate (openPackage: not a workbook, damaged or past a limit is refused; every part
 * inflated once and checked), the streaming reader reads them and refuses what it refuses, a workbook past the
 * model limits is refused — each a WorkbookFormatError naming the limit or damage and where. ExcelJS then gets
 * the checked parts stored, in the shape it reads (./exceljsInput; the lean package when it fails on the file as
 * it is): JSZip, underneath, copies them and inflates nothing. Its model is reconciled with the streamed grids
 * (./reconcile). `read` lets Node pass its native zlib and UTF-8 check.
 */
export async function loadWorkbook(
  data: ArrayBuffer | Uint8Array,
  read: Omit<ReadOptions, "sheets"> = {},
): Promise<ExcelJS.Workbook> {
  return stageWorkbook(data, read).model();
}

/**
 * ExcelJS writes a print area "A1:I96" as the defined name $A1:$I96, leaving the rows relative (Excel would then
 * shift the print area with the active cell). Given "A$1:I$96" it writes the proper $A$1:$I$96.
 */
const rowsAbsolute = (area: string): string =>
  area
    .split("&&")
    .map((part) =>
      part
        .split(":")
        .map((ref) => ref.replace(/^\$?([A-Z]{1,3})\$?(\d+)$/i, "$1$$$2"))
        .join(":"),
    )
    .join("&&");

/** The .xlsx bytes of a workbook (always write through here: it fixes ExcelJS's print-area references). */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const areas = workbook.worksheets.map((sheet) => sheet.pageSetup.printArea);
  workbook.worksheets.forEach((sheet, i) => {
    const area = areas[i];
    if (area) sheet.pageSetup.printArea = rowsAbsolute(area);
  });
  try {
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  } finally {
    workbook.worksheets.forEach((sheet, i) => (sheet.pageSetup.printArea = areas[i]));
  }
}

/** Draws one worksheet into the workbook it is given (see streamedWorkbookBytes). */
export type DrawSheet = (workbook: ExcelJS.Workbook) => ExcelJS.Worksheet;

/**
 * Rewrites parts on their way into the zip (path → XML; add, change or delete entries): called with each sheet's
 * parts (its worksheet XML and relationships) and the sheet's name, then with the workbook's parts and null.
 */
export type PartsEdit = (parts: Map<string, string>, sheetName: string | null) => void;

/**
 * Raw DEFLATE of a part with the CRC-32 of its bytes, for a faster compressor than fflate's where there is one
 * (Node's zlib: a quarter of the time for a 1,000-station roll-up).
 */
export type Deflate = (data: Uint8Array) => { readonly deflated: Uint8Array; readonly crc: number };

/** writeBuffer's steps after the sheets, in its order (workbook.xml needs the rIds the relationships give). */
const PARTS_AFTER_SHEETS = [
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
] as const;

/** Accessors that keep one value whatever ExcelJS assigns: see streamedWorkbookBytes. */
const pinned = (value: unknown): PropertyDescriptor => ({ get: () => value, set: () => undefined });

/**
 * The .xlsx bytes of the workbook of these sheets, written one sheet at a time: each is drawn into a scratch
 * workbook, rendered by ExcelJS's own writer, compressed and dropped before the next is drawn, so memory holds one
 * sheet and the compressed output instead of the whole workbook's cells, their model and every sheet's XML (a
 * 1,000-station roll-up: 400 MB). The parts are those workbookBytes writes for a workbook of the same sheets
 * (print areas fixed the same way). Sheets must not hold images or tables: ExcelJS numbers those per workbook.
 */
export async function streamedWorkbookBytes(
  draws: Iterable<DrawSheet>,
  views: ExcelJS.WorkbookView[],
  edit: PartsEdit = () => undefined,
  deflate?: Deflate,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const batch = new Map<string, string>();
  const sink: ZipSink = {
    append: (data, { name, base64 }) => {
      if (base64) throw new Error(`Binary part ${name}: streamed workbooks hold no media`);
      batch.set(name.replace(/^\//, ""), data);
    },
  };
  const flush = (sheetName: string | null): void => {
    edit(batch, sheetName);
    for (const [name, xml] of batch) {
      const data = strToU8(xml);
      if (deflate) {
        const { deflated, crc } = deflate(data);
        const file: ZipInputFile = { filename: name, size: data.length, crc, compression: 8 };
        zip.add(file);
        file.ondata?.(null, deflated, true);
      } else {
        const file = new ZipDeflate(name, { level: 6 });
        zip.add(file);
        file.push(data, true);
      }
    }
    batch.clear();
  };

  const shell = newWorkbook();
  shell.views = views;
  const writer = shell.xlsx as unknown as XlsxWriterInternals;
  const model = shell.model as unknown as WorkbookModelInternals;
  // Makes the shared strings and the styles every sheet adds to, as writeBuffer does once for all sheets.
  writer.prepareModel(model, {});
  const shared = { sharedStrings: pinned(model.sharedStrings), styles: pinned(model.styles) };
  const collected = { drawings: [] as unknown[], commentRefs: [] as unknown[], tables: [] as unknown[] };
  const stubs: WorksheetModelInternals[] = [];
  for (const draw of draws) {
    const sheet = draw(new ExcelJS.Workbook());
    const area = sheet.pageSetup.printArea;
    if (area) sheet.pageSetup.printArea = rowsAbsolute(area);
    const sheetModel = sheet.model as unknown as WorksheetModelInternals;
    sheetModel.id = stubs.length + 1;
    // prepareModel on a workbook of this one sheet, pinned to the shared strings and styles it would replace.
    const one: WorkbookModelInternals = Object.defineProperties(
      { ...model, worksheets: [sheetModel], definedNames: [] },
      shared,
    );
    writer.prepareModel(one, {});
    // The print area and titles names, numbered for this sheet's place in the whole workbook.
    for (const name of one.definedNames) model.definedNames.push({ ...name, localSheetId: stubs.length });
    collected.drawings.push(...(one.drawings ?? []));
    collected.commentRefs.push(...(one.commentRefs ?? []));
    collected.tables.push(...(one.tables ?? []));
    await writer.addWorksheets(sink, one);
    flush(sheetModel.name);
    const { id, name, state, pageSetup, tables, drawing } = sheetModel;
    stubs.push({ id, name, state, pageSetup, tables, drawing });
  }
  model.worksheets = model.sheets = stubs;
  Object.assign(model, collected);
  for (const step of PARTS_AFTER_SHEETS) await writer[step](sink, model);
  flush(null);
  zip.end();
  if (failure) throw failure;
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
  return bytes;
}

/** Grids of every worksheet, in tab order. */
export const workbookGrids = (workbook: ExcelJS.Workbook): SheetGrid[] =>
  workbook.worksheets.map(sheetToGrid);

/** Every sheet recognised as a scorecard by its header row, read into entries and findings. */
export function readScorecards(workbook: ExcelJS.Workbook): ReadScorecard[] {
  return workbookGrids(workbook).filter(isScorecard).map(readScorecard);
}
