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
  MAX_ROW_HEIGHT,
  type PlanOptions,
} from "./plan";
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
