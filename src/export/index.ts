/*
 * Exporting compliant scorecards: the decision (may this scorecard be exported?), the compliant workbook, the
 * CSV text and the output names. Browser-safe; the PDF conversion (Node, LibreOffice) lives in ./pdf and is
 * not re-exported here. Only ./compliant needs ExcelJS: the task pane loads it lazily (exportLoader), and
 * imports the decision, the plan, the CSV and the names directly.
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
export { compliantPlan, type CompliantOptions } from "./plan";
export { compliantWorkbook, compliantXlsx, type CompliantWorkbookOptions } from "./compliant";
export { toCsv, csvRows, csvText, csvField, neutralise, BOM, type CsvValue } from "./csv";
export { exportFormatOf, draftPath, EXPORT_FORMATS, type ExportFormat } from "./names";
