import * as ExcelJS from "exceljs";
import { isScorecard, readScorecard, type ReadScorecard, type SheetGrid } from "../sheet";
import { sheetToGrid } from "./grid";
import { formatError, sniffWorkbook } from "./format";
import { internals } from "./internals";
import { ZipError, ZipReader } from "./stream/zip";

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
 * LibreOffice writes <sheetProtection sheet="true">, and ExcelJS only reads sheet="1": the sheet would look (and,
 * saved again, be) unprotected. Excel and LibreOffice write the element only for a protected sheet.
 */
function keepProtection(sheet: ExcelJS.Worksheet): void {
  const protection = internals(sheet).sheetProtection;
  if (protection && protection.sheet === undefined) protection.sheet = true;
}

/**
 * JSZip would inflate a hostile part whole (1.5 MB inflating to 1.5 GB takes gigabytes before failing): measure
 * every part first, streaming and keeping nothing, and refuse one beyond the limit. Other zip damage is left to
 * ExcelJS to report as before.
 */
function refuseZipBomb(bytes: Uint8Array): void {
  try {
    new ZipReader(bytes).checkSizes();
  } catch (e) {
    if (e instanceof ZipError && e.problem === "too-large") throw formatError("too-large", undefined, e.part);
  }
}

/** Loads .xlsx bytes; anything else (empty, not a zip, truncated, no sheets) throws a WorkbookFormatError. */
export async function loadWorkbook(data: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  sniffWorkbook(bytes);
  refuseZipBomb(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // JSZip, underneath, reads any Uint8Array; ExcelJS only types Buffer.
    await workbook.xlsx.load(bytes as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw formatError("damaged", error);
  }
  if (workbook.worksheets.length === 0) throw formatError("no-sheets");
  workbook.worksheets.forEach(keepProtection);
  return workbook;
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

/** Grids of every worksheet, in tab order. */
export const workbookGrids = (workbook: ExcelJS.Workbook): SheetGrid[] =>
  workbook.worksheets.map(sheetToGrid);

/** Every sheet recognised as a scorecard by its header row, read into entries and findings. */
export function readScorecards(workbook: ExcelJS.Workbook): ReadScorecard[] {
  return workbookGrids(workbook).filter(isScorecard).map(readScorecard);
}
