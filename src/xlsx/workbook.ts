import * as ExcelJS from "exceljs";
import { isScorecard, readScorecard, type ReadScorecard, type SheetGrid } from "../sheet";
import { sheetToGrid } from "./grid";
import { formatError } from "./format";
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
export const rowsAbsolute = (area: string): string =>
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

/** Grids of every worksheet, in tab order. */
export const workbookGrids = (workbook: ExcelJS.Workbook): SheetGrid[] =>
  workbook.worksheets.map(sheetToGrid);

/** Every sheet recognised as a scorecard by its header row, read into entries and findings. */
export function readScorecards(workbook: ExcelJS.Workbook): ReadScorecard[] {
  return workbookGrids(workbook).filter(isScorecard).map(readScorecard);
}
