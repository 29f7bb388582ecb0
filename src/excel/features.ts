import type { RenderReport } from "../workbook";

/*
 * What the adapter needs of drawing outside a drawing: the features it checks, the protection it applies and the
 * frozen title rows. Apart from ./render, which the pane's first load in Excel does without (see OfficePort's
 * drawing()).
 */

/** Features drawn only where the host supports them; what was left out is reported. */
export const GATED_FEATURES = {
  dataValidation: { feature: "dataValidation", requirement: "ExcelApi 1.8" },
  pageLayout: { feature: "pageLayout", requirement: "ExcelApi 1.9" },
} as const;

export interface RenderFeatures {
  /** ExcelApi 1.8. */
  readonly dataValidation: boolean;
  /** ExcelApi 1.9. */
  readonly pageLayout: boolean;
  /**
   * ExcelApi 1.8: series overlap, which the chart's legend of verdict colours needs (its colour series would
   * otherwise take room beside each bar). Without it the bars keep their colours and the legend its one entry.
   */
  readonly chartLegend: boolean;
}

export const skippedFeatures = (features: RenderFeatures): RenderReport["skipped"] => [
  ...(features.dataValidation ? [] : [GATED_FEATURES.dataValidation]),
  ...(features.pageLayout ? [] : [GATED_FEATURES.pageLayout]),
];

/** Sheet protection the adapter applies: users may still select cells and resize columns and rows. */
export const PROTECTION_OPTIONS: Excel.WorksheetProtectionOptions = {
  selectionMode: "Normal",
  allowFormatColumns: true,
  allowFormatRows: true,
};

/**
 * Freezing panes is cosmetic and fails on some Excel 2019 builds (office-js#2196, GeneralException in
 * freezeRows): it goes in its own sync after everything else, and its failure is reported, not thrown.
 */
export function queueFreeze(sheet: Excel.Worksheet, rows: number): void {
  if (rows > 0) sheet.freezePanes.freezeRows(rows);
}
