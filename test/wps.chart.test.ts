/*
 * The 汇总 chart in WPS: WpsPort.renderGrid draws the rollup's ChartSpec through the ET object model on the strict
 * fake (test/support/fakeEt.ts, each chart rule with the WPS page it follows): the bars' and the pass line's series
 * over the 汇总 cells, each bar in its 认定结论's colour, a legend of those colours, labels at the bars' feet, the
 * dashed line, the fixed value axis, the title; one chart however often it is drawn; and the calls it takes.
 */
import { stripSheet } from "../src/excel/a1";
import { BAR_COLOUR, GRID_CHART_NAME, LINE_COLOUR } from "../src/excel/gridRender";
import { getRubric } from "../src/rubric";
import { LIST_SHEET, ROLLUP_SHEET, VERDICT_COLOURS } from "../src/rollup";
import { workbookRollup } from "../src/review";
import type { ChartSpec } from "../src/sheet";
import { WpsPort, XL, bgr } from "../src/wps";
import type { EtApplication, EtHost } from "../src/wps/et";
import { FakeEt, a1, type EtChartModel } from "./support/fakeEt";
import { threeVerdictReads } from "./support/submitted";

const rubric = getRubric("2020-trial");
const reads = threeVerdictReads(rubric);
const { plans } = workbookRollup(reads);
const spec: ChartSpec = plans.chart;

let fake: FakeEt;
const portOf = (f: FakeEt): WpsPort =>
  new WpsPort({ app: f.application, events: f.apiEvent } as EtHost, { now: () => 0 });
const fresh = (): FakeEt => {
  const f = new FakeEt();
  f.addSheet("Sheet1");
  return f;
};
beforeEach(() => {
  fake = fresh();
});
afterEach(() => expect(fake.problems).toEqual([]));

/** A spec reference as the fake records a range: its sheet and relative address. */
const refOf = (ref: string) => ({ sheet: ROLLUP_SHEET, address: stripSheet(ref).replace(/\$/g, "") });
const chartOn = (f: FakeEt): EtChartModel[] => f.sheet(ROLLUP_SHEET).charts;

describe("WpsPort.renderGrid draws the 汇总 chart", () => {
  it("from the ChartSpec: bars and pass line over the 汇总 cells, colours by 认定结论, legend, labels, axis, title", async () => {
    const report = await portOf(fake).renderGrid(plans.summary, spec);
    expect(report.skipped).toEqual([]);
    const sheet = fake.sheet(ROLLUP_SHEET);
    expect(sheet.charts).toHaveLength(1);
    const [chart] = sheet.charts;
    expect(chart.name).toBe(GRID_CHART_NAME);
    // Over the cells the spec names, from the top-left corner of `from` to that of `to`, after the sizes were set.
    expect(chart.box).toEqual(
      sheet.box(`${a1(spec.from.row, spec.from.col)}:${a1(spec.to.row - 1, spec.to.col - 1)}`),
    );

    // The bars, then one empty series per verdict colour for the legend, then the pass line.
    const legend = spec.legend?.entries ?? [];
    expect(legend).toHaveLength(5);
    expect(chart.series).toHaveLength(1 + legend.length + 1);
    const [bars] = chart.series;
    expect(bars).toMatchObject({
      name: spec.bars.name,
      values: refOf(spec.bars.ref),
      xValues: refOf(spec.categories.ref),
      chartType: XL.columnClustered,
      format: { "Fill.ForeColor.RGB": bgr(BAR_COLOUR) },
      hasDataLabels: true,
      // At each bar's foot, where the 90 line never crosses it; "General": 95 and 92.5, never 95.0.
      dataLabels: { Position: XL.labelInsideBase, NumberFormat: "General" },
    });
    const fillOf = (station: string) =>
      bars.points.get(spec.categories.values.indexOf(station) + 1)?.["Fill.ForeColor.RGB"];
    expect(fillOf("巴川街道")).toBe(bgr(VERDICT_COLOURS.pass));
    expect(fillOf("东城街道")).toBe(bgr(VERDICT_COLOURS.fail));
    expect(fillOf("土桥镇")).toBe(bgr(VERDICT_COLOURS.unsubmitted));
    expect(bgr(VERDICT_COLOURS.veto)).toBe(0x0000c0); // 0xBBGGRR: C00000 is red
    // Every bar in its colour, in category order.
    expect([...bars.points.keys()].sort((a, b) => a - b)).toEqual(
      spec.categories.values.map((_, i) => i + 1),
    );
    spec.barColours?.forEach((hex, i) =>
      expect(bars.points.get(i + 1)?.["Fill.ForeColor.RGB"]).toBe(bgr(hex)),
    );

    expect(
      chart.series.slice(1, 1 + legend.length).map((s) => [s.name, s.format["Fill.ForeColor.RGB"], s.values]),
    ).toEqual([
      ["达标", bgr(VERDICT_COLOURS.pass), refOf(spec.legend?.blankRef ?? "")],
      ["未达标", bgr(VERDICT_COLOURS.fail), refOf(spec.legend?.blankRef ?? "")],
      ["否决", bgr(VERDICT_COLOURS.veto), refOf(spec.legend?.blankRef ?? "")],
      ["未完成", bgr(VERDICT_COLOURS.incomplete), refOf(spec.legend?.blankRef ?? "")],
      ["未提交", bgr(VERDICT_COLOURS.unsubmitted), refOf(spec.legend?.blankRef ?? "")],
    ]);
    // The legend keys are columns drawn over the bars, taking no room.
    expect(chart.series.slice(0, 1 + legend.length).every((s) => s.chartType === XL.columnClustered)).toBe(
      true,
    );
    expect(chart.overlap.get(XL.columnClustered)).toBe(100);
    // The legend names the colours: the bars' own entry (one blue) is deleted, the others stay.
    expect(chart).toMatchObject({ hasLegend: true, legend: { Position: XL.legendBottom } });
    expect(chart.series.map((s) => s.legendDeleted)).toEqual([true, ...legend.map(() => false), false]);

    const line = chart.series[chart.series.length - 1];
    expect(line).toMatchObject({
      name: spec.line.name,
      values: refOf(spec.line.ref),
      xValues: refOf(spec.categories.ref),
      chartType: XL.lineChart,
      hasDataLabels: false,
      format: { "Line.ForeColor.RGB": bgr(LINE_COLOUR), "Line.DashStyle": XL.dash, "Line.Weight": 2.25 },
    });

    expect(chart).toMatchObject({ hasTitle: true, title: spec.title });
    expect(chart.axes.get(XL.valueAxis)).toEqual({
      MinimumScale: spec.axis.min,
      MaximumScale: spec.axis.max,
      MajorUnit: spec.axis.majorUnit,
      HasTitle: true,
      "AxisTitle.Text": spec.axis.title,
    });
    expect(spec.axis).toMatchObject({ min: 0, max: 110, majorUnit: 10 });
    // Drawn before protection, which then covers it.
    expect(sheet.protection.protected).toBe(true);
    expect(sheet.drawingsProtected).toBe(true);
    expect(fake.active?.name).toBe("Sheet1");
  });

  it("once, however often it is drawn: a redraw deletes its chart and draws it again, and leaves other charts", async () => {
    const port = portOf(fake);
    await port.renderGrid(plans.summary, spec);
    await port.renderGrid(plans.summary, spec);
    expect(chartOn(fake).map((c) => c.name)).toEqual([GRID_CHART_NAME]);
    // Someone's own chart, added with the sheet unprotected, stays through the next redraw; ours is replaced.
    const own = { ...chartOn(fake)[0], name: "图表 2", series: [] };
    chartOn(fake).push(own);
    const before = chartOn(fake)[0];
    await port.renderGrid(plans.summary, spec);
    expect(chartOn(fake).map((c) => c.name)).toEqual(["图表 2", GRID_CHART_NAME]);
    expect(chartOn(fake)[0]).toBe(own);
    expect(chartOn(fake)[1]).not.toBe(before);
    expect(chartOn(fake)[1].series).toHaveLength(7);
  });

  it("in 56 calls, plus 5 a bar and 7 a legend entry; a redraw deletes the old one in 3 more (Item, Name, Delete)", async () => {
    const withChart = await counted(fake, () => portOf(fake).renderGrid(plans.summary, spec));
    const other = fresh();
    const without = await counted(other, () => portOf(other).renderGrid(plans.summary));
    const bars = spec.categories.values.length;
    const entries = spec.legend?.entries.length ?? 0;
    // Place (Range, its box: 5; ChartObjects, Add, Name, Chart: 4); SeriesCollection; the categories' Range; the
    // bars (NewSeries, Name, Range + Values, XValues: 5), the chart's type, their fill (Format, Fill, ForeColor,
    // RGB: 4), 5 a point; the blank cell's Range, 7 a legend series, ChartGroups + Overlap; labels (HasDataLabels,
    // DataLabels, Position, NumberFormat); the line (6, then Format, Line, ForeColor, RGB, DashStyle, Weight); the
    // title (3), the legend (HasLegend, Legend, Position; LegendEntries, Item, Delete), the axis (Axes + 6).
    const fixed = 5 + 4 + 1 + 1 + 5 + 1 + 4 + 1 + 2 + 4 + 12 + 3 + 6 + 7;
    expect(fixed).toBe(56);
    expect(withChart - without).toBe(fixed + 5 * bars + 7 * entries);
    const again = await counted(fake, () => portOf(fake).renderGrid(plans.summary, spec));
    const plainAgain = await counted(other, () => portOf(other).renderGrid(plans.summary));
    // Both redraws look for charts (ChartObjects, Count); only the first finds one, ours, to delete.
    expect(again - withChart - (plainAgain - without)).toBe(3);
    console.info(
      `WPS 汇总 chart of ${bars} stations: ${withChart - without} calls (≈${Math.round((withChart - without) * 0.2)} ms at the docs' rate)`,
    );
  });

  it("draws nothing for a sheet without a chart (创建名单), and reports nothing skipped", async () => {
    const report = await portOf(fake).renderGrid(plans.list);
    expect(report.skipped).toEqual([]);
    expect(fake.sheet(LIST_SHEET).charts).toEqual([]);
  });
});

describe("the fake's charts are strict, as WPS is", () => {
  it("refuses a chart on a protected sheet, labels before HasDataLabels, a point past the values, a title before HasTitle", async () => {
    await portOf(fake).renderGrid(plans.summary, spec);
    const sheet = (fake.application as EtApplication).ActiveWorkbook.Worksheets.Item(ROLLUP_SHEET);
    expect(() => sheet.ChartObjects().Add(0, 0, 100, 100)).toThrow(/受保护/);
    expect(() => sheet.ChartObjects().Item(1).Delete()).toThrow(/受保护/);
    fake.sheet(ROLLUP_SHEET).protection.protected = false;
    expect(() => sheet.ChartObjects().Add(0, 0, 0, 100)).toThrow(/参数无效/);
    const chart = sheet.ChartObjects().Add(0, 0, 100, 100).Chart;
    const one = chart.SeriesCollection().NewSeries();
    expect(() => one.DataLabels()).toThrow(/HasDataLabels/);
    expect(() => one.Points(1)).toThrow(/下标越界/);
    expect(() => chart.ChartTitle).toThrow(/HasTitle/);
    expect(() => chart.Legend.LegendEntries()).toThrow(/HasLegend/);
    expect(() => (chart.ChartGroups(1).Overlap = 100)).toThrow(/柱形图/);
    expect(() => (one.Values = "=汇总!H4:H20")).toThrow(/类型不匹配/);
    (one as unknown as Record<string, unknown>).Colour = 1; // silently ignored by WPS, recorded by the fake
    expect(fake.problems).toEqual(["unknown property written: Series.Colour"]);
    fake.unknownWrites.length = 0;
  });
});

async function counted(f: FakeEt, run: () => Promise<unknown>): Promise<number> {
  const before = f.calls;
  await run();
  return f.calls - before;
}
