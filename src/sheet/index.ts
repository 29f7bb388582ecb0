export * from "./types";
export * from "./labels";
export * from "./layout";
export * from "./findings";
export {
  buildPlan,
  planFromRead,
  verdictFormats,
  sheetNameFor,
  sameSheetName,
  findSheetName,
  titleFor,
  editionLabel,
  newEntries,
  type PlanOptions,
} from "./plan";
export { MAX_ROW_HEIGHT, COLUMN_WIDTHS, PRINT_MARGINS } from "./print";
export { readScorecard, findHeaderRow, isScorecard, HEADER_SCAN_ROWS, type ReadScorecard } from "./reader";
export { planToGrid, expandRange } from "./grid";
export { normalizeFormula } from "./formulas";
export { evidenceStatus, evidenceFindings, type EvidenceStatus } from "./evidence";
export {
  checkScorecard,
  workbookFindings,
  hasErrors,
  type ScorecardCheck,
  type CheckIssue,
  type ColumnSummary,
} from "./check";
