import type { ChartSpec, GridCell, GridSheetPlan } from "../sheet";
import { cellAddress, columnName, rectAddress, rowsAddress, stripSheet } from "./a1";
import { columnWidthPoints, lookRects, rowHeightRuns, officeText, type OfficeCellInput } from "./layout";
import { PROTECTION_OPTIONS, drawConditionalFormat, formatRect, type RenderFeatures } from "./render";

/** Name of the chart renderGrid draws, so that a redraw finds and replaces it. */
export const GRID_CHART_NAME = "汇总图表";

const BAR_COLOUR = "#2E75B6";
// Dark grey: red would read as 否决.
const LINE_COLOUR = "#404040";

/** A grid cell as Office.js `formulas` input; cells the plan leaves untouched are written empty. */
export function gridInput(cell: GridCell | null, numberFormat = "General"): OfficeCellInput {
  if (cell === null) return "";
  if (cell.formula !== undefined) return `=${cell.formula}`;
  if (cell.value === null) return "";
  return typeof cell.value === "string" ? officeText(cell.value, numberFormat) : cell.value;
}

/** Width of the plan rectangle: its widest row. */
const widthOf = (plan: GridSheetPlan): number => Math.max(0, ...plan.cells.map((row) => row.length));

/** Every row padded to the rectangle's width, as Office.js wants 2-D arrays. */
function rectangle<T>(plan: GridSheetPlan, f: (cell: GridCell | null) => T): T[][] {
  const width = widthOf(plan);
  return plan.cells.map((row) => Array.from({ length: width }, (_, c) => f(row[c] ?? null)));
}

export const gridFormulasOf = (plan: GridSheetPlan): OfficeCellInput[][] =>
  rectangle(plan, (cell) =>
    gridInput(cell, cell === null ? undefined : plan.styles[cell.style].numberFormat),
  );

export const gridNumberFormatsOf = (plan: GridSheetPlan): string[][] =>
  rectangle(plan, (cell) =>
    cell === null ? "General" : (plan.styles[cell.style].numberFormat ?? "General"),
  );

/** The grid sheet as the first round trips found it. */
export interface FoundGridSheet {
  readonly sheet: Excel.Worksheet;
  readonly existed: boolean;
  readonly protected: boolean;
  /** Charts already on an existing sheet, to be replaced. */
  readonly charts: readonly Excel.Chart[];
  readonly password?: string;
  /** The existing sheet's used range (formats included), the only part an earlier drawing can have left. */
  readonly used?: string | null;
}

/**
 * The chart of a ChartSpec (clustered columns with a line series for the pass line), within ExcelApi 1.7: each
 * bar in its own colour (ChartPoint, 1.1). With `legend` (ExcelApi 1.8), the legend names the colours: one empty
 * series per colour over the bars (overlap 100), the bars' own entry hidden (ChartLegendEntry, 1.7).
 */
export function queueChart(sheet: Excel.Worksheet, spec: ChartSpec, legend: boolean): void {
  const range = (ref: string): Excel.Range => sheet.getRange(stripSheet(ref));
  const categories = range(spec.categories.ref);
  const chart = sheet.charts.add("ColumnClustered", range(spec.bars.ref), "Columns");
  chart.name = GRID_CHART_NAME;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  chart.setPosition(
    cellAddress(spec.from.row, spec.from.col),
    cellAddress(Math.max(spec.from.row, spec.to.row - 1), Math.max(spec.from.col, spec.to.col - 1)),
  );
  const bars = chart.series.getItemAt(0);
  bars.name = spec.bars.name;
  // Set explicitly: Excel may take a blank or text first cell (a station not yet submitted) for a header.
  bars.setValues(range(spec.bars.ref));
  bars.setXAxisValues(categories);
  bars.format.fill.setSolidColor(BAR_COLOUR);
  (spec.barColours ?? []).forEach((hex, i) => bars.points.getItemAt(i).format.fill.setSolidColor(`#${hex}`));
  if (legend && spec.legend) {
    bars.overlap = 100;
    for (const entry of spec.legend.entries) {
      const key = chart.series.add(entry.name);
      key.setValues(range(spec.legend.blankRef));
      key.format.fill.setSolidColor(`#${entry.colour}`);
    }
    chart.legend.legendEntries.getItemAt(0).visible = false;
  }
  const line = chart.series.add(spec.line.name);
  line.chartType = "Line";
  line.setValues(range(spec.line.ref));
  line.setXAxisValues(categories);
  line.format.line.color = LINE_COLOUR;
  line.format.line.lineStyle = "Dash";
  const axis = chart.axes.valueAxis;
  axis.minimum = spec.axis.min;
  axis.maximum = spec.axis.max;
  axis.majorUnit = spec.axis.majorUnit;
  axis.title.text = spec.axis.title;
}

function drawGridPage(sheet: Excel.Worksheet, plan: GridSheetPlan): void {
  const page = sheet.pageLayout;
  page.paperSize = "A4";
  page.orientation = plan.print.orientation === "landscape" ? "Landscape" : "Portrait";
  page.setPrintArea(plan.print.area);
  page.setPrintTitleRows(`$${plan.print.titleRows[0]}:$${plan.print.titleRows[1]}`);
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: plan.print.fitToHeight };
  page.headersFooters.defaultForAllPages.centerFooter = "第 &P 页，共 &N 页";
}

/**
 * Queues a whole grid plan (no loads, no syncs): an existing sheet is unprotected and cleared of contents,
 * formats, merges, conditional formats and charts first; then values and formulas as one 2-D array, formats
 * as rectangles of equal look, merges, sizes, conditional formats, the chart, the page and protection.
 * Freezing the title rows is left to the caller's next sync (see queueFreeze).
 */
export function queueGridPlan(
  found: FoundGridSheet,
  plan: GridSheetPlan,
  features: RenderFeatures,
  chart?: ChartSpec,
): void {
  const { sheet, password } = found;
  if (found.protected) sheet.protection.unprotect(password);
  if (found.existed) {
    for (const old of found.charts) old.delete();
    // The used range, not the whole sheet: Excel on the web refuses operations over 33,554,000 cells
    // ("Error handling with the application-specific JavaScript APIs", OperationCellsExceedLimit).
    if (found.used) {
      const all = sheet.getRange(found.used);
      all.conditionalFormats.clearAll();
      all.unmerge();
      all.clear("All");
    }
  }
  const height = plan.cells.length;
  const width = widthOf(plan);
  if (height > 0 && width > 0) {
    const all = sheet.getRange(rectAddress({ r1: 0, c1: 0, r2: height - 1, c2: width - 1 }));
    all.numberFormat = gridNumberFormatsOf(plan);
    all.formulas = gridFormulasOf(plan);
    const styles = plan.cells.map((row) =>
      row.map((cell) => (cell === null ? null : plan.styles[cell.style])),
    );
    for (const rect of lookRects(styles)) formatRect(sheet, rect);
    for (const merge of plan.merges) sheet.getRange(merge).merge(false);
  }
  plan.columns.forEach((column, c) => {
    sheet.getRange(`${columnName(c)}:${columnName(c)}`).format.columnWidth = columnWidthPoints(column.width);
  });
  for (const [first, last, points] of rowHeightRuns(plan.rowHeights))
    sheet.getRange(rowsAddress(first, last)).format.rowHeight = points;
  for (const rule of [...plan.conditionalFormats].reverse())
    for (const area of rule.areas) drawConditionalFormat(sheet, rule, area);
  if (chart) queueChart(sheet, chart, features.chartLegend);
  if (features.pageLayout) drawGridPage(sheet, plan);
  sheet.protection.protect(PROTECTION_OPTIONS, password);
}
