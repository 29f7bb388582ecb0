import { OfficeAdapterError, OfficePort, type OfficePortOptions } from "../src/excel";
import { SCORECARDS_PER_SYNC } from "../src/excel/readGrids";
import { gridFromUsedRange } from "../src/excel/read";
import { groupWrites } from "../src/excel/writes";
import { getRubric } from "../src/rubric";
import { COL, buildPlan, planToGrid, readScorecard, type GridValue } from "../src/sheet";
import { FakeExcel, a1, scoreCells } from "./support/fakeExcel";
import { strictOfficeMock } from "./support/strictOfficeMock";
import { coveredCells } from "./support/gridCompare";

const rubric = getRubric("2020-trial");
const entries = {
  self: { "1": 2, "12": 0.5, same: "否", "75.1": "否" } as Record<string, GridValue>,
  review: { "1": 1.5, "71": 3 } as Record<string, GridValue>,
  evidence: { "1": "学习记录.pdf" },
  notes: { "1": "复核扣0.5分" },
};
const planFor = (station: string) => buildPlan({ rubric, station, year: 2020, entries });
const plan = planFor("东城街道");
const row = (id: string): number => plan.layout.entryRows.get(id) ?? 0;
const self = (id: string): string => a1(row(id) - 1, COL.self);
const review = (id: string): string => a1(row(id) - 1, COL.review);

let fake: FakeExcel;
const portOf = (f: FakeExcel, options: OfficePortOptions = {}): OfficePort =>
  new OfficePort({ run: f.run, isSetSupported: f.isSetSupported, ...options });
afterEach(() => expect(fake.violations).toEqual([]));

describe("readGrids", () => {
  it("round-trips a sheet drawn from the plan: same grid, same entries, no findings", async () => {
    fake = new FakeExcel();
    fake.seedScorecard(plan, planToGrid(plan));
    const [grid] = await portOf(fake).readGrids([plan.sheetName]);
    const expected = planToGrid(plan);
    expect(grid.name).toBe(plan.sheetName);
    expect(grid.values).toEqual(expected.values);
    expect(grid.formulas).toEqual(expected.formulas);
    expect(grid.guards?.protected).toBe(true);
    expect(coveredCells(grid.guards?.validatedAreas ?? [])).toEqual(
      coveredCells(expected.guards?.validatedAreas ?? []),
    );
    const read = readScorecard(grid);
    expect(read.findings).toEqual([]);
    expect(read.entries).toEqual(readScorecard(expected).entries);
    expect(read.entries.review["71"]).toBe(3);
    expect(fake.runs).toHaveLength(1);
    expect(fake.syncCount).toBe(3);
  });

  it("reads 100 scorecards in 2 + ⌈100/40⌉ round trips (one more only when validation is mixed)", async () => {
    fake = new FakeExcel();
    const plans = Array.from({ length: 100 }, (_, i) => planFor(`第${i + 1}服务站`));
    for (const p of plans) fake.seedScorecard(p, planToGrid(p));
    const grids = await portOf(fake).readGrids();
    expect(fake.runs).toHaveLength(1);
    expect(fake.syncCount).toBe(2 + Math.ceil(100 / SCORECARDS_PER_SYNC));
    expect(grids.map((g) => g.name)).toEqual(plans.map((p) => p.sheetName));
    for (const grid of grids) {
      expect(grid.guards?.validatedAreas).toHaveLength(scoreCells(plan).length);
      expect(readScorecard(grid).findings).toEqual([]);
    }
  });

  it("reads 17 mixed sheets (scorecards, other sheets, an empty one) in 3 round trips", async () => {
    fake = new FakeExcel();
    const plans = Array.from({ length: 12 }, (_, i) => planFor(`站${i + 1}`));
    for (const p of plans) fake.seedScorecard(p, planToGrid(p));
    for (let i = 0; i < 4; i++) fake.createSheet(`其他${i}`).cell(i, i).value = `内容${i}`;
    fake.createSheet("空白");
    const grids = await portOf(fake).readGrids();
    expect(grids).toHaveLength(17);
    expect(fake.syncCount).toBe(3);
    const blank = grids.find((g) => g.name === "空白");
    expect(blank).toEqual({
      name: "空白",
      values: [],
      formulas: [],
      guards: { protected: false, validatedAreas: [] },
    });
    const other = grids.find((g) => g.name === "其他2");
    expect(other?.values).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, "内容2"],
    ]);
  });

  it("pads a used range that starts after A1 so the grid is rectangular from A1", async () => {
    fake = new FakeExcel();
    const sheet = fake.createSheet("数据");
    sheet.cell(2, 2).value = 1;
    sheet.cell(3, 3).value = "x";
    sheet.cell(3, 2).formula = "SUM(C3)";
    sheet.cell(3, 2).value = 1;
    const [grid] = await portOf(fake).readGrids(["数据"]);
    expect(grid.values).toEqual([
      [null, null, null, null],
      [null, null, null, null],
      [null, null, 1, null],
      [null, null, 1, "x"],
    ]);
    expect(grid.formulas[3]).toEqual([null, null, "SUM(C3)", null]);
    expect(grid.formulas[2]).toEqual([null, null, null, null]);
  });

  it("converts Office values: '' → null, numbers, booleans, error text; formulas only where '='", () => {
    const grid = gridFromUsedRange("S", {
      address: "'S'!B2:E2",
      values: [["", 0, true, "#REF!"]],
      formulas: [["", 0, "=TRUE()", "=A1/0"]],
    });
    expect(grid.values).toEqual([
      [null, null, null, null, null],
      [null, null, 0, true, "#REF!"],
    ]);
    expect(grid.formulas[1]).toEqual([null, null, null, "TRUE()", "A1/0"]);
  });

  it("asks single cells only where a pair's validation is mixed (one more round trip), and reports the gap", async () => {
    fake = new FakeExcel();
    const sheet = fake.seedScorecard(plan, planToGrid(plan));
    const pasted = sheet.cell(row("12") - 1, COL.self);
    delete pasted.validation;
    const [grid] = await portOf(fake).readGrids([plan.sheetName]);
    expect(fake.syncCount).toBe(4);
    expect(grid.guards?.validatedAreas).not.toContain(self("12"));
    expect(grid.guards?.validatedAreas).toContain(review("12"));
    expect(readScorecard(grid).findings.map((f) => [f.code, f.cell])).toEqual([
      ["validation-removed", self("12")],
    ]);
  });

  it("reports an unprotected scorecard", async () => {
    fake = new FakeExcel();
    fake.seedScorecard(plan, { ...planToGrid(plan), guards: { protected: false, validatedAreas: [] } });
    const [grid] = await portOf(fake).readGrids([plan.sheetName]);
    expect(grid.guards?.protected).toBe(false);
    expect(readScorecard(grid).findings.map((f) => f.code)).toEqual(["protection-removed"]);
  });

  it("omits guards where ExcelApi 1.8 is missing, in 3 round trips", async () => {
    fake = new FakeExcel({ api: "1.7" });
    fake.seedScorecard(plan, planToGrid(plan));
    const [grid] = await portOf(fake).readGrids([plan.sheetName]);
    expect(grid.guards).toBeUndefined();
    expect(fake.syncCount).toBe(3);
    expect(readScorecard(grid).findings).toEqual([]);
  });

  it("leaves out sheets that do not exist and keeps the order asked for", async () => {
    fake = new FakeExcel();
    fake.createSheet("A").cell(0, 0).value = "a";
    fake.createSheet("B").cell(0, 0).value = "b";
    const grids = await portOf(fake).readGrids(["B", "无此表", "A"]);
    expect(grids.map((g) => g.name)).toEqual(["B", "A"]);
    expect(await portOf(fake).readGrids(["无此表"])).toEqual([]);
  });
});

describe("write", () => {
  const writes = [
    { cell: self("1"), value: 1 },
    { cell: review("1"), value: 0.5 },
    { cell: self("2"), value: 1 },
    { cell: self("3"), value: null },
    { cell: a1(row("1") - 1, COL.evidence), value: "=附件1" },
  ];

  it("groups adjacent cells into rectangles", () => {
    expect(groupWrites(writes)).toEqual([
      { address: `${self("1")}:${a1(row("1") - 1, COL.evidence)}`, values: [[1, 0.5, "=附件1"]] },
      { address: `${self("2")}:${self("3")}`, values: [[1], [null]] },
    ]);
    expect(
      groupWrites([
        { cell: "F5", value: 1 },
        { cell: "F5", value: 2 },
      ]),
    ).toEqual([{ address: "F5", values: [[2]] }]);
    expect(() => groupWrites([{ cell: "F5:G5", value: 1 }])).toThrow(/single cell/);
  });

  it("writes the unlocked cells of a protected sheet without unprotecting it, in one run of 2 syncs", async () => {
    fake = new FakeExcel();
    const sheet = fake.seedScorecard(plan, planToGrid(plan));
    const options = { ...sheet.protection.options };
    await portOf(fake).write(plan.sheetName, writes);
    expect(fake.runs).toHaveLength(1);
    expect(fake.syncCount).toBe(2);
    expect(fake.log.map((e) => e.kind)).toEqual(["values", "values"]);
    expect(fake.entries("values").map((e) => e.address)).toEqual([
      `${self("1")}:${a1(row("1") - 1, COL.evidence)}`,
      `${self("2")}:${self("3")}`,
    ]);
    expect(sheet.protection).toMatchObject({ protected: true, options });
    expect(sheet.value(self("1"))).toBe(1);
    expect(sheet.value(review("1"))).toBe(0.5);
    expect(sheet.value(self("3"))).toBeNull();
    expect(sheet.value(a1(row("1") - 1, COL.evidence))).toBe("=附件1");
    expect(sheet.formula(a1(row("1") - 1, COL.evidence))).toBeNull();
    const read = readScorecard((await portOf(fake).readGrids([plan.sheetName]))[0]);
    expect(read.entries.self["1"]).toBe(1);
    expect(read.findings).toEqual([]);
  });

  it("leaves protection alone on an unprotected sheet", async () => {
    fake = new FakeExcel();
    fake.createSheet("草稿");
    await portOf(fake).write("草稿", [{ cell: "A1", value: "x" }]);
    expect(fake.log.map((e) => e.kind)).toEqual(["values"]);
    expect(fake.syncCount).toBe(2);
  });

  it("fills a password-protected sheet without the password; a locked cell needs it (BadPassword without)", async () => {
    fake = new FakeExcel();
    fake.seedScorecard(plan, planToGrid(plan), { password: "pw" });
    await portOf(fake).write(plan.sheetName, writes);
    expect(fake.entries("unprotect")).toHaveLength(0);
    expect(fake.sheet(plan.sheetName).value(self("1"))).toBe(1);
    // B5 holds rubric text: locked, so the write must lift protection, which takes the password.
    const locked = [{ cell: "B5", value: "x" }];
    const error = await portOf(fake)
      .write(plan.sheetName, locked)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeAdapterError);
    expect((error as OfficeAdapterError).kind).toBe("bad-password");
    expect(fake.sheet(plan.sheetName).value("B5")).not.toBe("x");
    expect(fake.sheet(plan.sheetName).protection).toMatchObject({ protected: true, password: "pw" });
    await portOf(fake, { passwordFor: () => "pw" }).write(plan.sheetName, locked);
    expect(fake.sheet(plan.sheetName).value("B5")).toBe("x");
    expect(fake.sheet(plan.sheetName).protection).toMatchObject({ protected: true, password: "pw" });
  });

  it("lets other Office errors through unchanged", async () => {
    fake = new FakeExcel();
    const error = await portOf(fake)
      .write("无此表", [{ cell: "A1", value: 1 }])
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(OfficeAdapterError);
    expect(error).toMatchObject({ code: "ItemNotFound" });
  });

  it("does nothing for no writes", async () => {
    fake = new FakeExcel();
    await portOf(fake).write("任意", []);
    expect(fake.runs).toHaveLength(0);
  });
});

describe("sheetNames, activeSheet, select", () => {
  it("sheetNames: one round trip", async () => {
    fake = new FakeExcel();
    fake.createSheet("甲");
    fake.createSheet("乙");
    expect(await portOf(fake).sheetNames()).toEqual(["甲", "乙"]);
    expect(fake.syncCount).toBe(1);
  });

  it("select activates the sheet and selects the cell in one round trip", async () => {
    fake = new FakeExcel();
    fake.createSheet("甲");
    fake.createSheet("乙");
    await portOf(fake).select("乙", "F12");
    expect(fake.selection).toEqual({ sheet: "乙", address: "F12" });
    expect(fake.activeId).toBe(fake.sheet("乙").id);
    expect(fake.syncCount).toBe(1);
  });

  // The same calls against office-addin-mock, made strict about loads.
  it("activeSheet on office-addin-mock: loads name, one sync", async () => {
    fake = new FakeExcel();
    const mock = strictOfficeMock({
      context: {
        workbook: {
          worksheets: {
            active: { name: "东城街道2020评分表" },
            getActiveWorksheet(this: { active: unknown }) {
              return this.active;
            },
          },
        },
      },
    });
    const port = new OfficePort({ run: mock.run, isSetSupported: () => true });
    expect(await port.activeSheet()).toBe("东城街道2020评分表");
    expect(mock.syncs()).toBe(1);
  });

  it("select on office-addin-mock: activate + select, one sync", async () => {
    fake = new FakeExcel();
    const mock = strictOfficeMock({
      context: {
        workbook: {
          worksheets: {
            sheet: {
              range: { select() {} },
              activate() {},
              getRange(this: { range: unknown }) {
                return this.range;
              },
            },
            getItem(this: { sheet: unknown }) {
              return this.sheet;
            },
          },
        },
      },
    });
    await new OfficePort({ run: mock.run, isSetSupported: () => true }).select("乙", "F12");
    expect(mock.calls.map((c) => c.path)).toEqual([
      "context.workbook.worksheets.getItem",
      "context.workbook.worksheets.getItem.activate",
      "context.workbook.worksheets.getItem.getRange",
      "context.workbook.worksheets.getItem.getRange.select",
    ]);
    expect(mock.calls[2].args).toEqual(["F12"]);
    expect(mock.syncs()).toBe(1);
  });

  it("the strict mock fails a read that was not loaded, and one that was loaded but not synced", async () => {
    fake = new FakeExcel();
    const data = { context: { workbook: { sheet: { name: "甲" } } } };
    const unloaded = strictOfficeMock(data);
    await expect(
      unloaded.run(async (context) => {
        const sheet = (context.workbook as unknown as { sheet: Excel.Worksheet }).sheet;
        return sheet.name;
      }),
    ).rejects.toThrow(
      /Property not loaded: context\.workbook\.sheet\.name \(Error, property was not loaded\)/,
    );
    const unsynced = strictOfficeMock(data);
    await expect(
      unsynced.run(async (context) => {
        const sheet = (context.workbook as unknown as { sheet: Excel.Worksheet }).sheet;
        sheet.load("name");
        return sheet.name;
      }),
    ).rejects.toThrow(/context\.sync\(\) was not called/);
  });

  it("the fake fails a read that was not loaded", async () => {
    fake = new FakeExcel();
    fake.createSheet("甲");
    await expect(
      fake.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("甲");
        await context.sync();
        // eslint-disable-next-line office-addins/load-object-before-read -- the mistake under test
        return sheet.name;
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
    expect(fake.violations).toHaveLength(1);
    fake.violations.length = 0;
  });
});
