/*
 * The WPS adapter (src/wps) on the strict fake ET (test/support/fakeEt.ts): what it draws, how it reads, how it
 * writes, its events, and how many synchronous calls into WPS each takes (every call crosses into the WPS process:
 * the docs time 10,000 single-cell writes at about 2 s). The rules all adapters share are in port.contract.test.ts.
 */
import { WpsAdapterError, WpsPort, XL, bgr } from "../src/wps";
import type { EtHost } from "../src/wps/et";
import { getRubric } from "../src/rubric";
import { COL, addr, buildPlan, expandRange, planToGrid, readScorecard, type GridValue } from "../src/sheet";
import { FakeEt, a1, parseA1 } from "./support/fakeEt";
import { coveredCells } from "./support/gridCompare";

const rubric = getRubric("2020-trial");
const full: Record<string, GridValue> = Object.fromEntries(rubric.items.map((i) => [i.id, i.max]));
const emptyPlan = buildPlan({ rubric, station: "东城街道", year: 2020 });
const fullPlan = buildPlan({
  rubric,
  station: "东城街道",
  year: 2020,
  entries: { self: full, review: full, evidence: { "1": "台账" }, notes: { "2": "备注" } },
});
const cellOf = (id: string, col: number): string => addr(col, emptyPlan.layout.entryRows.get(id) ?? 0);

let fake: FakeEt;
let now = 0;
const hostOf = (f: FakeEt): EtHost => ({ app: f.application, events: f.apiEvent }) as EtHost;
const portOf = (f: FakeEt, passwordFor?: (sheet: string) => string | undefined): WpsPort =>
  new WpsPort(hostOf(f), { now: () => now, passwordFor });

beforeEach(() => {
  fake = new FakeEt();
  fake.addSheet("Sheet1");
});
afterEach(() => expect(fake.problems).toEqual([]));

/** Calls one port method makes. */
async function counted(f: () => Promise<unknown>): Promise<number> {
  const before = fake.calls;
  await f();
  return fake.calls - before;
}

describe("the fake ET is strict, as WPS is", () => {
  it("records a method used without (), a misspelled property, and a Value2 of the wrong shape", () => {
    const app = fake.application as { ActiveSheet: Record<string, unknown> };
    const sheet = app.ActiveSheet as unknown as { Range(a: string): Record<string, unknown>; Nmae?: string };
    const range = sheet.Range("A1:B2");
    expect(String(range.Address)).toBe("[Range.Address]");
    sheet.Nmae = "x"; // silently ignored by WPS
    expect(() => (range.Value2 = [[1, 2]])).toThrow();
    expect(fake.problems).toEqual([
      "unknown property written: Worksheet.Nmae",
      "Range.Address used without ()",
      "Range.Value2: a 2×2 range was given an array of another shape",
    ]);
    fake.violations.length = 0;
    fake.unknownWrites.length = 0;
  });

  it("has 1-based collections reached with Item(i): Item(0) and Item(Count + 1) throw", () => {
    const sheets = (fake.application as { ActiveWorkbook: { Worksheets: { Item(i: number): unknown } } })
      .ActiveWorkbook.Worksheets;
    expect(() => sheets.Item(0)).toThrow(/下标越界/);
    expect(() => sheets.Item(2)).toThrow(/下标越界/);
    expect(sheets.Item(1)).toBeDefined();
  });
});

describe("render", () => {
  it("draws every part of the plan the way the object model takes it", async () => {
    await portOf(fake).render(fullPlan);
    const sheet = fake.sheet(fullPlan.sheetName);
    // Formulas and values as one array, then read back.
    const total = fullPlan.layout.summaryRows.total;
    expect(sheet.formula(addr(COL.self, total))).toBe(fullPlan.cells[total - 1][COL.self].formula);
    // Number formats, looks (colours as 0xBBGGRR), locks.
    fullPlan.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const style = fullPlan.styles[cell.style];
        const model = sheet.peek(r, c);
        const at = a1(r, c);
        expect([at, model?.numberFormat ?? "General"]).toEqual([at, style.numberFormat ?? "General"]);
        expect([at, model?.locked ?? true]).toEqual([at, style.locked]);
        expect([at, model?.format["Interior.Color"]]).toEqual([at, style.fill ? bgr(style.fill) : undefined]);
        expect([at, model?.format["Borders.LineStyle"]]).toEqual([
          at,
          style.border ? XL.continuous : undefined,
        ]);
      }),
    );
    expect(bgr("D9E1F2")).toBe(0xf2e1d9);
    expect(sheet.merges.map((m) => `${a1(m.r1, m.c1)}:${a1(m.r2, m.c2)}`).sort()).toEqual(
      fullPlan.merges.map((m) => m).sort(),
    );
    // Validation: Add with positional arguments, then its texts.
    const first = rubric.items[0];
    const rule = [...sheet.validations.values()].find(
      (v) => v.rect.r1 === (fullPlan.layout.entryRows.get(first.id) ?? 0) - 1,
    );
    expect(rule).toMatchObject({
      type: XL.validateDecimal,
      alertStyle: XL.alertStop,
      operator: XL.between,
      formula1: "0",
      formula2: String(first.max),
      props: { IgnoreBlank: true, ShowInput: true, ShowError: true },
    });
    for (const v of fullPlan.validations)
      for (const cell of expandRange(v.range)) {
        const { r1, c1 } = parseA1(cell);
        expect([cell, sheet.peek(r1, c1)?.validation !== undefined]).toEqual([cell, true]);
      }
    // Conditional formats in the plan's priority order.
    const areas = fullPlan.conditionalFormats.flatMap((rule) => rule.areas.map((area) => ({ rule, area })));
    expect(sheet.conditions.map((c) => `${a1(c.rect.r1, c.rect.c1)}`)).toEqual(
      areas.map(({ area }) => area.split(":")[0]),
    );
    expect(sheet.conditions[0].type).toBe(areas[0].rule.kind === "expression" ? XL.expression : XL.cellValue);
    // Page, protection, widths in characters, hidden helper columns, heights, frozen title rows.
    expect(sheet.page).toEqual({
      PaperSize: XL.paperA4,
      Orientation: XL.landscape,
      PrintArea: fullPlan.print.area,
      PrintTitleRows: `$${fullPlan.print.titleRows[0]}:$${fullPlan.print.titleRows[1]}`,
      Zoom: false,
      FitToPagesWide: 1,
      FitToPagesTall: false,
      CenterFooter: fullPlan.print.footer,
    });
    expect(sheet.protection).toEqual({ protected: true, password: "", allowColumns: true, allowRows: true });
    fullPlan.columns.forEach((column, c) => {
      expect(sheet.columnWidths.get(c)).toBe(column.width);
      expect(sheet.hiddenColumns.has(c)).toBe(column.hidden);
    });
    fullPlan.rowHeights.forEach((h, r) => expect(sheet.rowHeights.get(r)).toBe(h));
    expect(sheet.frozenRows).toBe(fullPlan.freeze.rows);
    expect(fake.active).toBe(sheet);
  });

  it("takes the same number of calls, about 2,000 (0.4 s at the docs' rate), however full the scorecard", async () => {
    const empty = await counted(() => portOf(fake).render(emptyPlan));
    const other = new FakeEt();
    other.addSheet("Sheet1");
    const before = other.calls;
    await portOf(other).render(fullPlan);
    const filled = other.calls - before;
    expect(filled).toBe(empty);
    expect(empty).toBeLessThan(2500);
    console.info(`WPS render: ${empty} calls into WPS`);
  });

  it("redraws an existing sheet in place, with its password, keeping what lies right of the table", async () => {
    const withPassword = buildPlan({
      rubric,
      station: "东城街道",
      year: 2020,
      entries: { self: full, review: {}, evidence: {}, notes: {} },
      password: "pw",
    });
    const port = portOf(fake);
    await port.render(withPassword);
    const sheet = fake.sheet(withPassword.sheetName);
    sheet.cell(5, 12).value = "用户备注";
    await port.render(withPassword);
    expect(fake.sheets.filter((s) => s.name === withPassword.sheetName)).toHaveLength(1);
    expect(sheet.value("M6")).toBe("用户备注");
    expect(sheet.protection).toMatchObject({ protected: true, password: "pw" });
    const read = readScorecard((await port.readGrids([withPassword.sheetName]))[0]);
    expect(read.findings).toEqual([]);
    expect(read.entries.self["1"]).toBe(full["1"]);
  });

  it("says so when the sheet's password is wrong, before changing anything", async () => {
    const withPassword = buildPlan({ rubric, station: "东城街道", year: 2020, password: "secret" });
    await portOf(fake).render(withPassword);
    const error = await portOf(fake)
      .render(emptyPlan)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WpsAdapterError);
    expect((error as WpsAdapterError).kind).toBe("bad-password");
    expect(fake.sheet(emptyPlan.sheetName).protection).toMatchObject({ protected: true, password: "secret" });
  });
});

describe("readGrids", () => {
  it("reads a scorecard in 10 calls (+3 to list the sheets, +2 per sheet), whatever its size", async () => {
    await portOf(fake).render(fullPlan);
    const sheets = fake.sheets.length;
    const calls = await counted(() => portOf(fake).readGrids([fullPlan.sheetName]));
    // Worksheets, Count, Item/Name per sheet; UsedRange, Address, ProtectContents, Value2, Formula, SpecialCells
    // + its Address, Hyperlinks + Count (and 4 per link, none here).
    expect(calls).toBe(3 + 2 * sheets + 9);
  });

  it("reads the guards: protection, and the cells still under validation (one SpecialCells call)", async () => {
    const port = portOf(fake);
    await port.render(emptyPlan);
    const sheet = fake.sheet(emptyPlan.sheetName);
    const pasted = parseA1(cellOf("12", COL.self));
    delete sheet.cell(pasted.r1, pasted.c1).validation;
    sheet.protection.protected = false;
    const [grid] = await port.readGrids([emptyPlan.sheetName]);
    expect(grid.guards?.protected).toBe(false);
    const validated = coveredCells(grid.guards?.validatedAreas ?? []);
    expect(validated).toContain(cellOf("12", COL.review));
    expect(validated).not.toContain(cellOf("12", COL.self));
    expect(
      readScorecard(grid)
        .findings.map((f) => f.code)
        .sort(),
    ).toEqual(["protection-removed", "validation-removed"]);
  });

  it("reads a sheet that is not a scorecard as its top rows only when no names are given; an empty one as nothing", async () => {
    const data = fake.addSheet("数据");
    for (let r = 0; r < 200; r++) data.cell(r, 0).value = r;
    const [other, ,] = await portOf(fake).readGrids();
    expect(other.name).toBe("Sheet1");
    expect(other.values).toEqual([]);
    const grids = await portOf(fake).readGrids();
    expect(grids.find((g) => g.name === "数据")?.values).toHaveLength(30);
    expect((await portOf(fake).readGrids(["数据"]))[0].values).toHaveLength(200);
  });

  it("reads the link of a 佐证材料 cell", async () => {
    const linked = buildPlan({
      rubric,
      station: "东城街道",
      year: 2020,
      entries: {
        self: {},
        review: {},
        evidence: { "1": "台账.pdf" },
        notes: {},
        links: { "1": "file:///D:/台账.pdf" },
      },
    });
    await portOf(fake).render(linked);
    const [grid] = await portOf(fake).readGrids([linked.sheetName]);
    expect(grid.links).toEqual({ [cellOf("1", COL.evidence)]: "file:///D:/台账.pdf" });
    expect(readScorecard(grid).entries.links).toEqual({ "1": "file:///D:/台账.pdf" });
  });
});

describe("write", () => {
  it("writes adjacent cells as one Value2 array: the calls grow only where a block mixes number formats", async () => {
    const port = portOf(fake);
    await port.render(emptyPlan);
    const sheets = fake.sheets.length;
    const one = await counted(() =>
      port.write(emptyPlan.sheetName, [{ cell: cellOf("1", COL.self), value: 1 }]),
    );
    const column = await counted(() =>
      port.write(
        emptyPlan.sheetName,
        ["2", "3", "4", "5", "6"].map((id) => ({ cell: cellOf(id, COL.self), value: 1 })),
      ),
    );
    // Scores (General) beside 佐证材料 and 备注 (text): NumberFormat reads null, so each cell's is asked.
    const row = await counted(() =>
      port.write(emptyPlan.sheetName, [
        { cell: cellOf("7", COL.self), value: 1 },
        { cell: cellOf("7", COL.review), value: 1 },
        { cell: cellOf("7", COL.evidence), value: "007" },
        { cell: cellOf("7", COL.notes), value: "=备注" },
      ]),
    );
    // Listing the sheets (3 + 2 per sheet), ProtectContents, and per rectangle Range, Locked, NumberFormat, Value2.
    expect(one).toBe(3 + 2 * sheets + 1 + 4);
    expect(column).toBe(one);
    expect(row).toBe(one + 4 * 2);
    const read = readScorecard((await port.readGrids([emptyPlan.sheetName]))[0]);
    expect(read.entries.evidence["7"]).toBe("007");
    expect(read.entries.notes["7"]).toBe("=备注");
    expect(fake.sheet(emptyPlan.sheetName).protection.protected).toBe(true);
  });

  it("lifts protection only for a locked target, with the password given, and protects again", async () => {
    const withPassword = buildPlan({ rubric, station: "东城街道", year: 2020, password: "pw" });
    await portOf(fake).render(withPassword);
    const locked = cellOf("1", COL.max);
    const error = await portOf(fake)
      .write(withPassword.sheetName, [{ cell: locked, value: 9 }])
      .catch((e: unknown) => e);
    expect((error as WpsAdapterError).kind).toBe("bad-password");
    await portOf(fake, () => "pw").write(withPassword.sheetName, [{ cell: locked, value: 9 }]);
    expect(fake.sheet(withPassword.sheetName).value(locked)).toBe(9);
    expect(fake.sheet(withPassword.sheetName).protection).toMatchObject({ protected: true, password: "pw" });
  });
});

describe("events (ApiEvent)", () => {
  it("reports user edits, not the add-in's own (guard), and selection changes as possible edits; removes its listeners", async () => {
    now = 0;
    const port = portOf(fake);
    await port.render(emptyPlan);
    const seen: string[] = [];
    const unsubscribe = await port.onChanged((sheet) => seen.push(sheet));
    expect([...fake.listeners.keys()].sort()).toEqual(["SheetChange", "SheetSelectionChange"]);
    await port.write(emptyPlan.sheetName, [{ cell: cellOf("1", COL.self), value: 1 }]);
    await fake.settle();
    expect(fake.raised.some((e) => e.event === "SheetChange")).toBe(true);
    expect(seen).toEqual([]);
    now += 60_000;
    fake.userEdit(emptyPlan.sheetName, cellOf("2", COL.self), 1);
    fake.userSelect(emptyPlan.sheetName, cellOf("3", COL.self));
    await fake.settle();
    expect(seen).toEqual([emptyPlan.sheetName, emptyPlan.sheetName]);
    unsubscribe();
    expect([...fake.listeners.values()].flat()).toEqual([]);
  });

  it("reports the user switching sheets", async () => {
    const port = portOf(fake);
    await port.render(emptyPlan);
    const seen: string[] = [];
    await port.onActivated((sheet) => seen.push(sheet));
    now += 60_000;
    fake.userActivate("Sheet1");
    await fake.settle();
    expect(seen).toEqual(["Sheet1"]);
  });
});

describe("renderGrid", () => {
  it("draws a grid sheet, keeps the active sheet, and reports the chart it cannot draw", async () => {
    const port = portOf(fake);
    await port.render(emptyPlan);
    const grid = {
      sheetName: "汇总",
      cells: [
        [{ value: "汇总表", style: "title" as const }],
        [{ value: 1, formula: "1", result: 1, style: "score" as const }],
      ],
      merges: [],
      styles: Object.fromEntries(
        [
          "title",
          "subtitle",
          "header",
          "index",
          "text",
          "score",
          "verdict",
          "totalLabel",
          "count",
          "percent",
          "note",
          "signature",
        ].map((k) => [k, { hAlign: "left", vAlign: "middle", wrap: false, border: false, locked: true }]),
      ) as never,
      columns: [{ width: 20 }],
      rowHeights: [null, null],
      conditionalFormats: [],
      print: {
        orientation: "portrait" as const,
        fitToHeight: 1 as const,
        area: "A1:A2",
        titleRows: [1, 1] as const,
      },
      freeze: { rows: 1 },
    };
    const report = await port.renderGrid(grid, {} as never);
    expect(report.skipped).toEqual([{ feature: "chart", requirement: "Excel" }]);
    expect(fake.active?.name).toBe(emptyPlan.sheetName);
    expect(fake.sheet("汇总").formula("A2")).toBe("1");
    expect(fake.sheet("汇总").frozenRows).toBe(1);
    expect(readScorecard(planToGrid(emptyPlan)).findings).toEqual([]);
  });
});
