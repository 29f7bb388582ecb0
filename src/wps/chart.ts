import type { ChartSpec } from "../sheet";
import { rectAddress, stripSheet } from "../excel/a1";
import { BAR_COLOUR, GRID_CHART_NAME, LINE_COLOUR } from "../excel/gridRender";
import { XL, bgr, type EtChartFormat, type EtWorksheet } from "./et";

/** The pass line's width in points, as in the .xlsx chart (28,575 EMU). */
const LINE_WEIGHT = 2.25;

const fill = (format: EtChartFormat, hex: string): void => {
  format.Fill.ForeColor.RGB = bgr(hex);
};

/** Deletes the charts an earlier drawing left on the sheet (by name), last first: a deletion renumbers the rest. */
export function deleteGridChart(sheet: EtWorksheet): void {
  const charts = sheet.ChartObjects();
  for (let i = charts.Count; i >= 1; i--) {
    const chart = charts.Item(i);
    if (chart.Name === GRID_CHART_NAME) chart.Delete();
  }
}

/**
 * The 汇总 chart of a ChartSpec through the ET object model, as the Office.js adapter draws it (queueChart):
 * clustered columns of the counted totals, each bar in its 认定结论's colour; the legend names the colours by one
 * empty series per colour drawn over the bars (overlap 100), the bars' own entry deleted; each bar's total at its
 * foot, where the pass line never crosses it, as "General" (95, not 95.0); the pass line a dashed line series; the
 * value axis fixed. Over the cells `from`…`to`, placed by their box in points, so it lands on them whatever the
 * column widths. 56 calls, plus 5 a bar and 7 a legend entry.
 */
export function drawGridChart(sheet: EtWorksheet, spec: ChartSpec): void {
  const range = (ref: string) => sheet.Range(stripSheet(ref));
  const box = sheet.Range(
    rectAddress({
      r1: spec.from.row,
      c1: spec.from.col,
      r2: Math.max(spec.from.row, spec.to.row - 1),
      c2: Math.max(spec.from.col, spec.to.col - 1),
    }),
  );
  const holder = sheet.ChartObjects().Add(box.Left, box.Top, box.Width, box.Height);
  holder.Name = GRID_CHART_NAME;
  const chart = holder.Chart;
  const collection = chart.SeriesCollection();
  const categories = range(spec.categories.ref);

  const bars = collection.NewSeries();
  bars.Name = spec.bars.name;
  bars.Values = range(spec.bars.ref);
  bars.XValues = categories;
  const { legend } = spec;
  const blank = legend ? range(legend.blankRef) : null;
  const keys = (legend?.entries ?? []).map((entry) => {
    const key = collection.NewSeries();
    key.Name = entry.name;
    key.Values = blank;
    return { key, colour: entry.colour };
  });
  // On the chart once its columns are all there (it sets every series' type), before any of their formats.
  chart.ChartType = XL.columnClustered;
  fill(bars.Format, BAR_COLOUR);
  (spec.barColours ?? []).forEach((hex, i) => fill(bars.Points(i + 1).Format, hex));
  for (const { key, colour } of keys) fill(key.Format, colour);
  if (keys.length > 0) chart.ChartGroups(1).Overlap = 100;
  bars.HasDataLabels = true;
  const labels = bars.DataLabels();
  labels.Position = XL.labelInsideBase;
  labels.NumberFormat = "General";

  const line = collection.NewSeries();
  line.Name = spec.line.name;
  line.Values = range(spec.line.ref);
  line.XValues = categories;
  line.ChartType = XL.lineChart;
  const stroke = line.Format.Line;
  stroke.ForeColor.RGB = bgr(LINE_COLOUR);
  stroke.DashStyle = XL.dash;
  stroke.Weight = LINE_WEIGHT;

  chart.HasTitle = true;
  chart.ChartTitle.Text = spec.title;
  chart.HasLegend = true;
  const key = chart.Legend;
  key.Position = XL.legendBottom;
  // Last, once every series is there: the bars' entry, whose one colour is none of the bars'.
  if (keys.length > 0) key.LegendEntries().Item(1).Delete();
  const axis = chart.Axes(XL.valueAxis);
  axis.MinimumScale = spec.axis.min;
  axis.MaximumScale = spec.axis.max;
  axis.MajorUnit = spec.axis.majorUnit;
  axis.HasTitle = true;
  axis.AxisTitle.Text = spec.axis.title;
}
