export * from "./types";
export * from "./labels";
export * from "./layout";
export * from "./findings";
export { sheetNameFor, sameSheetName, findSheetName } from "./names";
export { verdictFormats } from "./styles";
export { buildPlan, planFromRead, titleFor, editionLabel, newEntries, type PlanOptions } from "./plan";
export { MAX_ROW_HEIGHT, COLUMN_WIDTHS, PRINT_MARGINS } from "./print";
export { readScorecard, findHeaderRow, isScorecard, HEADER_SCAN_ROWS, type ReadScorecard } from "./reader";
export { planToGrid, expandRange } from "./grid";
export { normalizeFormula } from "./formulas";
export { evidenceStatus, evidenceFindings, type EvidenceStatus } from "./evidence";
export {
  checkScorecard,
  scorecardFindings,
  workbookFindings,
  hasErrors,
  type ScorecardCheck,
  type CheckIssue,
  type ColumnSummary,
} from "./check";
