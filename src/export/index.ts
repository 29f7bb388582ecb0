/*
 * Exporting compliant scorecards: the decision (may this scorecard be exported?), the compliant workbook, the
 * CSV text and the output names. Browser-safe; the PDF conversion (Node, LibreOffice) lives in ./pdf and is
 * not re-exported here.
 */
export {
  exportDecision,
  blocksExport,
  issueOf,
  type ExportDecision,
  type ExportDecisionOptions,
  type ExportProblem,
  type ExportProblemKind,
} from "./decision";
export {
  compliantPlan,
  compliantWorkbook,
  type CompliantOptions,
  type CompliantWorkbookOptions,
} from "./compliant";
export { toCsv, csvRows, csvText, csvField, neutralise, BOM, type CsvValue } from "./csv";
export { exportFormatOf, draftPath, EXPORT_FORMATS, type ExportFormat } from "./names";
