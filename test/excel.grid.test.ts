import { OfficePort, type OfficePortOptions } from "../src/excel";
import { GRID_CHART_NAME, gridFormulasOf } from "../src/excel/gridRender";
import { getRubric } from "../src/rubric";
import { LIST_SHEET, ROLLUP_SHEET, VERDICT_COLOURS } from "../src/rollup";
import { LOG_HEADERS, LOG_SHEET, scanWorkbook, workbookRollup } from "../src/review";
import { buildPlan, planToGrid, type GridSheetPlan } from "../src/sheet";
import { FakeExcel, a1 } from "./support/fakeExcel";
import { threeVerdictReads } from "./support/submitted";

const rubric = getRubric("2020-trial");
const stations = ["巴川街道", "东城街道", "土桥镇"];
const reads = threeVerdictReads(rubric, stations);
const { plans } = workbookRollup(reads);

let fake: FakeExcel;
const portOf = (f: FakeExcel, options: OfficePortOptions = {}): OfficePort =>
  new OfficePort({ run: f.run, isSetSupported: f.isSetSupported, ...options });
afterEach(() => expect(fake.violations).toEqual([]));

const lastCell = (plan: GridSheetPlan): string =>
  a1(plan.cells.length - 1, Math.max(...plan.cells.map((r) => r.length)) - 1);

describe("OfficePort.renderGrid", () => {
  it("draws a new 汇总 sheet in one run and three syncs: find, draw (one formulas array, chart, protection), freeze", async () => {
    fake = new FakeExcel({ api: "1.14" });
    fake.createSheet("Sheet1");
    const report = await portOf(fake).renderGrid(plans.summary, plans.chart);
    expect(fake.runs).toHaveLength(1);
    expect(fake.syncCount).toBe(3);
    expect(fake.entries("freezeRows").map((e) => e.sync)).toEqual([3]);
    expect(report.skipped).toEqual([]);

    const writes = fake.entries("formulas");
    expect(writes).toHaveLength(1);
    expect(fake.entries("values")).toHaveLength(0);
    expect(writes[0].address).toBe(`A1:${lastCell(plans.summary)}`);
    expect(writes[0].data).toEqual(gridFormulasOf(plans.summary));
    const sheet = fake.sheet(ROLLUP_SHEET);
    // Live formulas into the scorecards, e.g. the self total of the first station.
    expect(sheet.formula("D4")).toBe(`'${reads[0].sheet}'!F${reads[0].layout.summaryRows.total}`);

    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    expect(chart).toMatchObject({ name: GRID_CHART_NAME, type: "ColumnClustered", source: "H4:H20" });
    expect(chart.props["title.text"]).toBe(plans.chart.title);
    expect(chart.props["valueAxis.maximum"]).toBe(110);
    // The bars, then one empty series per verdict colour for the legend, then the pass line.
    expect(chart.series).toHaveLength(7);
    expect(chart.series[0]).toMatchObject({ name: "认定总分", values: "H4:H20", xValues: "B4:B20" });
    const rowOf = (station: string): number => plans.chart.categories.values.indexOf(station);
    expect(chart.series[0].pointFills?.[rowOf("巴川街道")]).toBe(`#${VERDICT_COLOURS.pass}`);
    expect(chart.series[0].pointFills?.[rowOf("东城街道")]).toBe(`#${VERDICT_COLOURS.fail}`);
    expect(chart.series[0].pointFills?.[rowOf("土桥镇")]).toBe(`#${VERDICT_COLOURS.unsubmitted}`);
    expect(chart.series[0].overlap).toBe(100);
    expect(chart.series.slice(1, 6).map((s) => [s.name, s.format["fill"], s.values])).toEqual([
      ["达标", `#${VERDICT_COLOURS.pass}`, "N1"],
      ["未达标", `#${VERDICT_COLOURS.fail}`, "N1"],
      ["否决", `#${VERDICT_COLOURS.veto}`, "N1"],
      ["未完成", `#${VERDICT_COLOURS.incomplete}`, "N1"],
      ["未提交", `#${VERDICT_COLOURS.unsubmitted}`, "N1"],
    ]);
    expect(chart.props["legend.entries.0.visible"]).toBe(false);
    expect(chart.series[6]).toMatchObject({
      name: "达标线",
      chartType: "Line",
      values: "K4:K20",
      xValues: "B4:B20",
    });
    expect(sheet.protection.protected).toBe(true);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Sheet1", ROLLUP_SHEET]);
    expect(fake.find(fake.activeId)?.name).toBe("Sheet1");
  });

  it("redraws an existing, protected sheet in place in four syncs, replacing its chart", async () => {
    fake = new FakeExcel({ api: "1.14" });
    const port = portOf(fake);
    await port.renderGrid(plans.summary, plans.chart);
    fake.sheet(ROLLUP_SHEET).cell(60, 20).value = "stale";
    const before = fake.syncCount;
    await port.renderGrid(plans.summary, plans.chart);
    expect(fake.syncCount - before).toBe(4);
    const sheet = fake.sheet(ROLLUP_SHEET);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.value("U61")).toBeNull();
    expect(sheet.protection.protected).toBe(true);
    expect(fake.entries("chartDelete")).toHaveLength(1);
  });

  it("draws the chart on an ExcelApi 1.7 host and reports the page setup it skipped", async () => {
    fake = new FakeExcel({ api: "1.7" });
    const report = await portOf(fake).renderGrid(plans.summary, plans.chart);
    expect(report.skipped).toEqual([{ feature: "pageLayout", requirement: "ExcelApi 1.9" }]);
    // Without series overlap (ExcelApi 1.8) the bars keep their colours and the legend its own entries.
    const chart = fake.sheet(ROLLUP_SHEET).charts[0];
    expect(chart.series.map((s) => s.name)).toEqual(["认定总分", "达标线"]);
    expect(chart.series[1].chartType).toBe("Line");
    expect(Object.keys(chart.series[0].pointFills ?? {})).toHaveLength(plans.chart.categories.values.length);
  });

  it("draws 创建名单 without a chart", async () => {
    fake = new FakeExcel();
    await portOf(fake).renderGrid(plans.list);
    expect(fake.sheet(LIST_SHEET).charts).toEqual([]);
    expect(fake.sheet(LIST_SHEET).value("A3")).toBe("序号");
  });
});

describe("OfficePort.appendRows", () => {
  const row = (n: number): string[] => [
    `2020-11-0${n} 08:00:00`,
    "巴川街道",
    "巴川街道2020评分表",
    "提交",
    "填报中",
    "已提交",
    "李四",
    "",
  ];

  it("creates the log with its header, then appends under the last row, three syncs each", async () => {
    fake = new FakeExcel();
    fake.createSheet("Sheet1");
    const port = portOf(fake);
    await port.appendRows(LOG_SHEET, LOG_HEADERS, [row(1)]);
    expect(fake.syncCount).toBe(3);
    const before = fake.syncCount;
    await port.appendRows(LOG_SHEET, LOG_HEADERS, [row(2)]);
    expect(fake.syncCount - before).toBe(3);
    const sheet = fake.sheet(LOG_SHEET);
    // An empty cell (no reason) reads back as null.
    const read = (r: string[]): (string | null)[] => r.map((v) => (v === "" ? null : v));
    expect(fake.grid(LOG_SHEET).values).toEqual([[...LOG_HEADERS], read(row(1)), read(row(2))]);
    // Times stay text, and the log is protected against slips.
    expect(sheet.peek(1, 0)?.numberFormat).toBe("@");
    expect(sheet.protection.protected).toBe(true);
    expect(fake.find(fake.activeId)?.name).toBe("Sheet1");
  });
});

describe("whole-workbook check through OfficePort", () => {
  it("reads 100 scorecards and a 200,000-cell data sheet in 2 + ⌈100/40⌉ syncs, no response above 4 MB", async () => {
    fake = new FakeExcel({ api: "1.14" });
    for (let i = 0; i < 100; i++) {
      const plan = buildPlan({ rubric, station: `第${i + 1}服务站`, year: 2020 });
      fake.seedScorecard(plan, planToGrid(plan));
    }
    // An unrelated sheet whose values alone would pass the 5 MB limit of Excel on the web if it were loaded.
    const data = fake.createSheet("台账数据");
    for (let r = 0; r < 20_000; r++)
      for (let c = 0; c < 10; c++) data.cell(r, c).value = `退役军人服务台账第${r}行第${c}列`;
    const progress: string[] = [];
    const result = await scanWorkbook(portOf(fake), {
      onProgress: (p) => progress.push(p.phase === "reading" ? "reading" : `${p.done}/${p.total}`),
      pause: async () => undefined,
    });
    expect(fake.runs).toHaveLength(1);
    expect(fake.syncCount).toBe(2 + Math.ceil(100 / 40));
    expect(Math.max(...fake.responses)).toBeLessThan(4 * 1024 * 1024);
    expect(result.rows).toHaveLength(100);
    expect(result.rows.every((r) => r.counts.errors === 0)).toBe(true);
    expect(progress[0]).toBe("reading");
    expect(progress[progress.length - 1]).toBe("100/100");
  });
});
