/*
 * The roll-up of many scorecards: the model (buildRollup), the plans of the 汇总 and 创建名单 sheets, the chart
 * parts and the 创建名单 CSV. Pure: no ExcelJS, no file system. The ExcelJS/JSZip adapter is ./xlsx, imported
 * on its own (like ../xlsx/files).
 */
export * from "./labels";
export {
  buildRollup,
  countedBasis,
  passingRows,
  scorecardFacts,
  percentText,
  rollupCounts,
  stationKey,
  targetCount,
  VERDICTS,
  type Basis,
  type ColumnResult,
  type ExclusionReason,
  type Rollup,
  type RollupInput,
  type RollupCounts,
  type RollupOptions,
  type RollupRow,
  type RollupSource,
  type RollupStatus,
  type RollupTotals,
  type RollupVerdict,
  type ScorecardFacts,
} from "./model";
export {
  buildRollupPlans,
  GRID_STYLES,
  listTitle,
  MISSING_STYLE,
  ROLLUP_COL,
  rollupTitle,
  sheetRef,
  verdictText,
  type ChartSeries,
  type ChartSpec,
  type GridCell,
  type GridSheetPlan,
  type GridStyleName,
  type RollupAddresses,
  type RollupPlanOptions,
  type RollupPlans,
} from "./plan";
export { chartXml, drawingXml, relsXml, CONTENT_TYPES, REL_TYPES } from "./chart";
export { BOM, csvField, csvLine, listCsv, summaryCsv } from "./csv";
export { VERDICT_COLOURS } from "./verdicts";
export {
  DEFAULT_SAMPLE_RATE,
  drawIndexes,
  drawSample,
  fnv1a,
  mulberry32,
  sampleSize,
  type Sample,
  type SampleInput,
} from "./sample";
export { sampleCsv, sampleLines, samplePlan } from "./samplePlan";
export { compareYears, yearsOf, type Fall, type YearsComparison, type YearsRow } from "./years";
export { yearsHeaders, yearsPlan } from "./yearsPlan";
export { sourcesPlan, type InputFile } from "./sourcesPlan";
