import { OfficeAdapterError, OfficePort, type OfficePortOptions } from "../src/excel";
import { getRubric } from "../src/rubric";
import { COL, buildPlan, planToGrid, readScorecard, type GridValue, type SheetPlan } from "../src/sheet";
import { SheetNameTakenError, populate } from "../src/workbook";
import { FakeExcel, a1, parseA1, rectA1, scoreCells } from "./support/fakeExcel";

const rubric = getRubric("2020-trial");
const entries = {
  self: { "1": 2, "12": 0.5, "74": 1, same: "是", "75.2": "否" } as Record<string, GridValue>,
  review: { "1": 1.5 } as Record<string, GridValue>,
  evidence: { "1": "学习记录.pdf", "2": "=见附件" },
  notes: { "1": "复核扣0.5分" },
};
const plan = buildPlan({ rubric, station: "东城街道", year: 2020, entries });
const cells = plan.cells;
const lastRow = cells.length;
const lastCol = cells[0].length - 1;

let fake: FakeExcel;
const portOf = (f: FakeExcel, options: OfficePortOptions = {}): OfficePort =>
  new OfficePort({ run: f.run, isSetSupported: f.isSetSupported, ...options });

afterEach(() => expect(fake.violations).toEqual([]));

/** What a cell of the plan should be written as. */
const expected = (row: number, col: number): unknown => {
  const cell = cells[row][col];
  if (cell.formula !== undefined) return `=${cell.formula}`;
  if (cell.value === null) return "";
  return typeof cell.value === "string" && cell.value.startsWith("=") ? `'${cell.value}` : cell.value;
};

describe("render: populating a new scorecard sheet", () => {
  let report: Awaited<ReturnType<OfficePort["render"]>>;
  beforeAll(async () => {
    fake = new FakeExcel({ api: "1.14" });
    fake.createSheet("Sheet1");
    report = await portOf(fake).render(plan);
  });
  afterAll(() => expect(fake.violations).toEqual([]));

  it("takes one Excel.run and 3 round trips: find, draw, freeze", () => {
    expect(fake.runs).toHaveLength(1);
    expect(fake.syncCount).toBe(3);
    // Everything is drawn in the second round trip; only the frozen title rows come in the third.
    expect(new Set(fake.log.filter((e) => e.kind !== "freezeRows").map((e) => e.sync))).toEqual(new Set([2]));
    expect(fake.entries("freezeRows").map((e) => e.sync)).toEqual([3]);
    expect(report.skipped).toEqual([]);
  });

  it("writes the whole plan rectangle as one formulas array", () => {
    const writes = fake.entries("formulas");
    expect(writes).toHaveLength(1);
    expect(fake.entries("values")).toHaveLength(0);
    expect(writes[0].address).toBe(`A1:${a1(lastRow - 1, lastCol)}`);
    const data = writes[0].data as unknown[][];
    expect(data).toHaveLength(lastRow);
    expect(data[0][0]).toBe(cells[0][0].value);
    expect(data[lastRow - 1][lastCol]).toBe(expected(lastRow - 1, lastCol));
    const total = plan.layout.summaryRows.total;
    expect(data[total - 1][COL.self]).toBe(`=${cells[total - 1][COL.self].formula}`);
    expect(String(data[total - 1][COL.self])).toMatch(/^=.*[A-Z]+\d+/);
    data.forEach((row, r) => row.forEach((v, c) => expect([r, c, v]).toEqual([r, c, expected(r, c)])));
    // An entry that looks like a formula stays text.
    const sheet = fake.sheet(plan.sheetName);
    const evidenceRow = plan.layout.entryRows.get("2") ?? 0;
    expect(sheet.formula(a1(evidenceRow - 1, COL.evidence))).toBeNull();
    expect(sheet.value(a1(evidenceRow - 1, COL.evidence))).toBe("=见附件");
  });

  it("writes the number formats as one array before the values", () => {
    const formats = fake.entries("numberFormat");
    expect(formats).toHaveLength(1);
    const data = formats[0].data as string[][];
    cells.forEach((row, r) =>
      row.forEach((c, col) => expect(data[r][col]).toBe(plan.styles[c.style].numberFormat ?? "General")),
    );
    expect(fake.log.indexOf(formats[0])).toBeLessThan(fake.log.indexOf(fake.entries("formulas")[0]));
  });

  it("formats rectangles of equal style once each, and every cell ends up in its style", () => {
    const sheet = fake.sheet(plan.sheetName);
    const fillWrites = fake
      .entries("format")
      .filter((e) => Object.keys(e.data as object)[0] === "fill.color");
    const styled = new Set(fillWrites.map((e) => e.address));
    expect(styled.size).toBe(fillWrites.length); // no rectangle filled twice
    const rects = new Set(
      fake
        .entries("format")
        .filter((e) => Object.keys(e.data as object)[0] === "horizontalAlignment")
        .map((e) => e.address),
    );
    expect(rects.size).toBeLessThan((lastRow * (lastCol + 1)) / 4);
    cells.forEach((row, r) =>
      row.forEach((c, col) => {
        const style = plan.styles[c.style];
        const cell = sheet.peek(r, col);
        expect(cell).toBeDefined();
        const at = a1(r, col);
        expect([at, cell?.format["fill.color"]]).toEqual([at, style.fill ? `#${style.fill}` : undefined]);
        expect([at, cell?.format["font.bold"]]).toEqual([at, style.bold ?? false]);
        expect([at, cell?.locked]).toEqual([at, style.locked]);
        expect([at, cell?.format["borders.EdgeTop.style"]]).toEqual([
          at,
          style.border ? "Continuous" : undefined,
        ]);
      }),
    );
  });

  it("merges every planned merge", () => {
    const merges = fake.sheet(plan.sheetName).merges.map(rectA1);
    expect(merges.sort()).toEqual(plan.merges.map((m) => rectA1(parseA1(m))).sort());
  });

  it("adds one validation per rule, covering every score cell (ExcelApi 1.8)", () => {
    const sheet = fake.sheet(plan.sheetName);
    expect(sheet.validations.size).toBe(plan.validations.length);
    for (const cell of scoreCells(plan))
      expect([cell, sheet.validationAt(cell) !== undefined]).toEqual([cell, true]);
    const first = rubric.items[0];
    const rule = sheet.validationAt(a1((plan.layout.entryRows.get(first.id) ?? 0) - 1, COL.self));
    expect(rule?.rule).toEqual({ decimal: { formula1: 0, formula2: first.max, operator: "Between" } });
    expect(rule?.errorAlert?.style).toBe("Stop");
    expect(rule?.prompt?.showPrompt).toBe(true);
    const veto = sheet.validationAt(a1(plan.layout.vetoRows[0] - 1, COL.review));
    expect(veto?.rule?.list?.source).toBe("是,否");
  });

  it("adds one conditional format per area, in the plan's priority order", () => {
    const formats = fake.sheet(plan.sheetName).conditionalFormats;
    const areas = plan.conditionalFormats.flatMap((rule) => rule.areas.map((area) => ({ rule, area })));
    expect(formats).toHaveLength(areas.length);
    expect(fake.entries("cfAdd")).toHaveLength(areas.length);
    // Office puts a new format on top: the first rule of the plan must end up first.
    const firstRule = plan.conditionalFormats[0];
    expect(rectA1(formats[0].rect)).toBe(rectA1(parseA1(firstRule.areas[firstRule.areas.length - 1])));
    expect(formats[0].type).toBe(firstRule.kind === "expression" ? "Custom" : "CellValue");
    const custom = formats.find((f) => f.type === "Custom");
    expect(custom?.formula).toMatch(/^=/);
    const cellIs = formats.find((f) => f.type === "CellValue");
    expect(cellIs?.rule?.formula1).toMatch(/^=/);
    expect(formats.every((f) => typeof f.format["fill.color"] === "string")).toBe(true);
  });

  it("sets columns, rows, freeze panes and the page (ExcelApi 1.9)", () => {
    const sheet = fake.sheet(plan.sheetName);
    plan.columns.forEach((column, c) => {
      expect(sheet.columnWidths.get(c)).toBeGreaterThan(column.width * 5);
      expect(sheet.hiddenColumns.has(c)).toBe(column.hidden);
    });
    plan.rowHeights.forEach((h, r) => expect(sheet.rowHeights.get(r)).toBe(h));
    expect(sheet.frozenRows).toBe(plan.freeze.rows);
    expect(sheet.page).toEqual({
      paperSize: "A4",
      orientation: "Landscape",
      printArea: plan.print.area,
      printTitleRows: "$3:$3",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      leftMargin: 50.4,
      rightMargin: 50.4,
      topMargin: 36,
      bottomMargin: 36,
      headerMargin: 21.6,
      footerMargin: 18,
      "defaultForAllPages.centerFooter": plan.print.footer,
      // A page starts at the row after each of the plan's breaks.
      rowBreaks: plan.print.rowBreaks.map((row) => row + 1),
    });
    expect(plan.print.rowBreaks.length).toBeGreaterThan(0);
  });

  it("replaces the manual page breaks of an earlier drawing when it redraws", async () => {
    const other = new FakeExcel({ api: "1.14" });
    await portOf(other).render(plan);
    const sheet = other.sheet(plan.sheetName);
    sheet.page.rowBreaks = [7, 11];
    await portOf(other).render(plan);
    expect(sheet.page.rowBreaks).toEqual(plan.print.rowBreaks.map((row) => row + 1));
    expect(other.violations).toEqual([]);
  });

  it("protects the sheet without a password, allowing selection and column/row formatting, and activates it", () => {
    const sheet = fake.sheet(plan.sheetName);
    expect(sheet.protection.protected).toBe(true);
    expect(sheet.protection.password).toBeUndefined();
    expect(sheet.protection.options).toEqual({
      selectionMode: "Normal",
      allowFormatColumns: true,
      allowFormatRows: true,
    });
    expect(fake.entries("protect")).toHaveLength(1);
    expect(fake.entries("unprotect")).toHaveLength(0);
    // Protection comes back before anything cosmetic; freezing the title rows is the last, separate step.
    const kinds = fake.log.map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(["activate", "freezeRows"]);
    expect(kinds.indexOf("protect")).toBeLessThan(kinds.indexOf("activate"));
    expect(fake.entries("freezeRows")[0].sync).toBe(3);
    expect(fake.activeId).toBe(sheet.id);
  });

  it("draws a sheet the reader accepts without findings", async () => {
    const [grid] = await portOf(fake).readGrids([plan.sheetName]);
    const read = readScorecard(grid);
    expect(read.findings).toEqual([]);
    expect(read.entries).toEqual(readScorecard(planToGrid(plan)).entries);
  });
});

describe("render: hosts without ExcelApi 1.8 / 1.9", () => {
  it("skips data validation and page layout on ExcelApi 1.7 and reports both", async () => {
    fake = new FakeExcel({ api: "1.7" });
    const report = await portOf(fake).render(plan);
    expect(report.skipped).toEqual([
      { feature: "dataValidation", requirement: "ExcelApi 1.8" },
      { feature: "pageLayout", requirement: "ExcelApi 1.9" },
    ]);
    expect(fake.entries("validation")).toHaveLength(0);
    expect(fake.entries("pageLayout")).toHaveLength(0);
    expect(fake.syncCount).toBe(3);
    expect(fake.sheet(plan.sheetName).protection.protected).toBe(true);
  });

  it("skips only the page layout on ExcelApi 1.8", async () => {
    fake = new FakeExcel({ api: "1.8" });
    const report = await portOf(fake).render(plan);
    expect(report.skipped).toEqual([{ feature: "pageLayout", requirement: "ExcelApi 1.9" }]);
    expect(fake.sheet(plan.sheetName).validations.size).toBe(plan.validations.length);
  });

  it("the fake does refuse gated APIs, so the gating is what keeps render working", async () => {
    fake = new FakeExcel({ api: "1.7" });
    const lying = portOf(fake, { isSetSupported: () => true });
    const error = await lying.render(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeAdapterError);
    expect((error as OfficeAdapterError).kind).toBe("requirement-missing");
    expect((error as OfficeAdapterError).code).toBe("ApiNotFound");
  });

  it("refuses hosts below ExcelApi 1.7 before touching the workbook", async () => {
    fake = new FakeExcel({ api: "1.6" });
    const error = await portOf(fake)
      .render(plan)
      .catch((e: unknown) => e);
    expect((error as OfficeAdapterError).kind).toBe("requirement-missing");
    expect(fake.runs).toHaveLength(0);
  });
});

describe("render: redrawing an existing scorecard", () => {
  const seeded = (p: SheetPlan, password?: string): FakeExcel => {
    const f = new FakeExcel();
    const sheet = f.seedScorecard(p, planToGrid(p), { password });
    // Leftovers of an older drawing below the table, and the user's own note beside it.
    sheet.cell(lastRow + 2, 0).value = "旧版合计";
    sheet.cell(5, 12).value = "用户备注";
    return f;
  };

  it("unprotects first, redraws, protects, in one run of 3 syncs", async () => {
    fake = seeded(plan);
    await portOf(fake).render(plan);
    expect(fake.runs).toHaveLength(1);
    expect(fake.syncCount).toBe(3);
    const kinds = fake.log.map((e) => e.kind);
    expect(kinds[0]).toBe("unprotect");
    expect(kinds.filter((k) => k === "protect")).toHaveLength(1);
    expect(kinds.indexOf("protect")).toBeGreaterThan(kinds.lastIndexOf("cfAdd"));
    expect(kinds.indexOf("protect")).toBeGreaterThan(kinds.lastIndexOf("formulas"));
    const sheet = fake.sheet(plan.sheetName);
    expect(sheet.protection.protected).toBe(true);
    expect(sheet.value(a1(lastRow + 2, 0))).toBeNull(); // cleared with the scorecard columns
    expect(sheet.value("M6")).toBe("用户备注"); // outside them: kept
    expect(sheet.validations.size).toBeGreaterThanOrEqual(plan.validations.length);
    for (const cell of scoreCells(plan)) expect(sheet.validationAt(cell)).toBeDefined();
    expect(sheet.conditionalFormats).toHaveLength(
      plan.conditionalFormats.reduce((n, r) => n + r.areas.length, 0),
    );
  });

  it("uses the plan's password to unprotect and protect", async () => {
    const withPassword = buildPlan({ rubric, station: "东城街道", year: 2020, entries, password: "pw" });
    fake = seeded(withPassword, "pw");
    await portOf(fake).render(withPassword);
    expect(fake.entries("unprotect")[0].data).toEqual({ password: "pw" });
    expect(fake.entries("protect")[0].data).toMatchObject({ password: "pw" });
    expect(fake.sheet(withPassword.sheetName).protection.password).toBe("pw");
  });

  it("reports a sheet protected with another password as 'bad-password', keeping the Office error", async () => {
    fake = seeded(plan, "secret");
    const error = await portOf(fake)
      .render(plan)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeAdapterError);
    expect((error as OfficeAdapterError).kind).toBe("bad-password");
    expect((error as OfficeAdapterError).cause).toMatchObject({ code: "BadPassword" });
    expect(fake.entries("formulas")).toHaveLength(0);
    expect(fake.sheet(plan.sheetName).protection).toMatchObject({ protected: true, password: "secret" });
    // Refused before anything changed: no second attempt, no repair batch.
    expect(fake.runs).toHaveLength(1);
  });
});

describe("populate() through OfficePort", () => {
  it("inserts a new scorecard in 4 round trips: sheet names, then render's 3", async () => {
    fake = new FakeExcel();
    fake.createSheet("Sheet1");
    const result = await populate(portOf(fake), { rubric, station: "东城街道", year: 2020 });
    expect(result.repaired).toBe(false);
    expect(fake.runs).toHaveLength(2);
    expect(fake.syncCount).toBe(4);
    // The pane's 插入评分表 answers the veto conditions 否 in the self-assessment, as `scorecard new` does.
    const inserted = fake.sheet(result.plan.sheetName);
    for (const row of result.plan.layout.vetoRows) expect(inserted.value(`F${row}`)).toBe("否");
  });

  it("repairs a damaged scorecard and keeps its entries and state", async () => {
    const submitted = buildPlan({ rubric, station: "东城街道", year: 2020, entries, state: "已提交" });
    fake = new FakeExcel();
    fake.createSheet("封面");
    const sheet = fake.seedScorecard(submitted, planToGrid(submitted));
    // Damage: a summary formula typed over, a score cell's validation pasted away.
    const total = submitted.layout.summaryRows.total;
    const totalCell = sheet.cell(total - 1, COL.self);
    totalCell.value = 99;
    delete totalCell.formula;
    delete sheet.cell((submitted.layout.entryRows.get("12") ?? 0) - 1, COL.self).validation;
    const port = portOf(fake);
    const before = readScorecard((await port.readGrids([submitted.sheetName]))[0]);
    expect(before.findings.map((f) => f.code).sort()).toEqual(["formula-overwritten", "validation-removed"]);

    fake.runs.length = 0;
    const syncs = fake.syncCount;
    const result = await populate(port, { rubric, station: "东城街道", year: 2020 });
    expect(result.repaired).toBe(true);
    expect(fake.runs).toHaveLength(3); // sheetNames, readGrids, render
    // sheetNames 1; readGrids 4 (a pair has lost its validation: its cells are asked one by one); render 2.
    expect(fake.syncCount - syncs).toBe(1 + 4 + 3);
    const after = readScorecard((await port.readGrids([submitted.sheetName]))[0]);
    expect(after.findings).toEqual([]);
    expect(after.entries).toEqual(before.entries);
    expect(after.entries.self["12"]).toBe(0.5);
    expect(after.entries.evidence["2"]).toBe("=见附件");
    expect(after.meta.state).toBe("已提交");
    expect(fake.sheets.map((s) => s.name)).toEqual(["封面", submitted.sheetName]);
  });

  it("refuses to draw over a sheet of that name that is not a scorecard", async () => {
    fake = new FakeExcel();
    const other = fake.createSheet(plan.sheetName);
    other.cell(0, 0).value = "别人的表";
    const error = await populate(portOf(fake), { rubric, station: "东城街道", year: 2020 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SheetNameTakenError);
    expect(fake.log).toEqual([]);
  });
});

describe("cell edit mode", () => {
  it("retries once with delayForCellEdit where ExcelApi 1.11 is supported", async () => {
    fake = new FakeExcel({ api: "1.11" });
    fake.editMode = true;
    await portOf(fake).render(plan);
    expect(fake.runs.map((r) => r.options?.delayForCellEdit ?? false)).toEqual([false, true]);
    expect(fake.sheet(plan.sheetName).protection.protected).toBe(true);
  });

  it("reports edit mode on older hosts, with the Office error as cause", async () => {
    fake = new FakeExcel({ api: "1.10" });
    fake.editMode = true;
    const error = await portOf(fake)
      .render(plan)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeAdapterError);
    expect((error as OfficeAdapterError).kind).toBe("edit-mode");
    expect((error as OfficeAdapterError).cause).toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(fake.runs).toHaveLength(1);
  });
});
