import * as ExcelJS from "exceljs";
import { isScorecard, readScorecard, type ReadScorecard, type SheetGrid } from "../sheet";
import { sheetToGrid } from "./grid";
import { formatError } from "./format";
import { internals } from "./internals";
import { openPackage } from "./package";
import { PORTABLE_CODEC, foldName, type ZipCodec } from "./stream/zip";

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
 * The names ExcelJS looks parts up by, spelt as it spells them: it matches entry names exactly, and OPC part
 * names compare without regard to case, so xl/SharedStrings.xml is the shared strings too.
 */
const EXCELJS_NAMES = new Map(
  [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "docProps/app.xml",
    "docProps/core.xml",
  ].map((name) => [foldName(name), name]),
);
const exceljsName = (name: string): string => EXCELJS_NAMES.get(foldName(name)) ?? name;

/**
 * Loads .xlsx bytes; anything else (empty, not a zip, damaged, past a read limit, no sheets) throws a
 * WorkbookFormatError. The bytes pass the package gate first (openPackage), and ExcelJS is handed the checked
 * parts themselves, stored uncompressed: JSZip, underneath, copies them and inflates nothing, so it reads
 * exactly the package that was checked. `codec`: Node passes its native zlib.
 */
export async function loadWorkbook(
  data: ArrayBuffer | Uint8Array,
  codec: ZipCodec = PORTABLE_CODEC,
): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const checked = openPackage(bytes, codec).storedCopy(exceljsName);
  const workbook = new ExcelJS.Workbook();
  try {
    // JSZip reads any Uint8Array; ExcelJS only types Buffer.
    await workbook.xlsx.load(checked as Parameters<typeof workbook.xlsx.load>[0]);
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
