/*
 * The ExcelJS adapter: draws plans into .xlsx workbooks and reads them back. Browser-safe; file-system helpers
 * live in ./files (Node only) and are not re-exported here.
 */
export { renderPlan, excelStyle, excelValue, excelValidation, excelCfRule } from "./render";
export { sheetToGrid, sheetGuards, gridValue, cellGridValue, cellFormula, columnLetters } from "./grid";
export {
  loadWorkbook,
  newWorkbook,
  readScorecards,
  workbookBytes,
  workbookGrids,
  WorkbookFormatError,
  type WorkbookFormatProblem,
} from "./workbook";
export { XlsxPort, type StagedXlsx } from "./port";
export { preinflatedCodec } from "./stream/nativeInflate";
