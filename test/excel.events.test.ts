import { OfficePort, type OfficePortOptions } from "../src/excel";
import { getRubric } from "../src/rubric";
import { COL, buildPlan, planToGrid, readScorecard } from "../src/sheet";
import type { SheetGrid } from "../src/sheet";
import { FakeExcel, a1 } from "./support/fakeExcel";

const rubric = getRubric("2020-trial");
const plan = buildPlan({ rubric, station: "东城街道", year: 2020 });
const entryCell = (id: string): string => a1((plan.layout.entryRows.get(id) ?? 0) - 1, COL.self);

let fake: FakeExcel;
const portOf = (f: FakeExcel, options: OfficePortOptions = {}): OfficePort =>
  new OfficePort({ run: f.run, isSetSupported: f.isSetSupported, ...options });
afterEach(() => expect(fake.violations).toEqual([]));

const setup = (api: string): FakeExcel => {
  const f = new FakeExcel({ api });
  f.createSheet("封面");
  f.seedScorecard(plan, planToGrid(plan));
  return f;
};

describe("onChanged on ExcelApi 1.14 (triggerSource)", () => {
  it("registers on workbook.worksheets in one round trip and reports a user edit once, by sheet name", async () => {
    fake = setup("1.14");
    const port = portOf(fake);
    const seen: string[] = [];
    await port.onChanged((sheet) => seen.push(sheet));
    expect(fake.syncCount).toBe(1);
    // Changes, and selection changes (a value picked from a list raises no change: office-js#420, #3888).
    expect(fake.registrations.map((r) => r.kind)).toEqual(["changed", "selection"]);
    expect(fake.registrations.every((r) => r.sheetId === undefined)).toBe(true);
    fake.userEdit(plan.sheetName, entryCell("1"), 1);
    await fake.settle();
    expect(seen).toEqual([plan.sheetName]);
  });

  it("ignores the add-in's own render and write (triggerSource ThisLocalAddin), even long after", async () => {
    let now = 0;
    fake = setup("1.14");
    const port = portOf(fake, { now: () => now });
    const seen: string[] = [];
    await port.onChanged((sheet) => seen.push(sheet));
    await port.render(plan);
    await port.write(plan.sheetName, [{ cell: entryCell("1"), value: 1 }]);
    now = 1e9; // far outside any own-write window: only triggerSource can tell
    await fake.settle();
    const own = fake.delivered.filter((e) => e.kind === "changed");
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(own.every((e) => e.byAddin)).toBe(true);
    expect(seen).toEqual([]);
    // A user edit right after the add-in's write is still reported.
    now = 0;
    await port.write(plan.sheetName, [{ cell: entryCell("2"), value: 1 }]);
    fake.userEdit(plan.sheetName, entryCell("3"), 1);
    await fake.settle();
    expect(seen).toEqual([plan.sheetName]);
  });

  it("stops calling the handler after unsubscribe, and removes the registration", async () => {
    fake = setup("1.14");
    const port = portOf(fake);
    const seen: string[] = [];
    const unsubscribe = await port.onChanged((sheet) => seen.push(sheet));
    await unsubscribe();
    expect(fake.registrations).toHaveLength(0);
    expect(fake.runs[fake.runs.length - 1].reused).toBe(true); // removed in the context it was added in
    fake.userEdit(plan.sheetName, entryCell("1"), 1);
    await fake.settle();
    expect(seen).toEqual([]);
  });

  it("wired as the pane wires it, a change leads to one re-read and no writes", async () => {
    fake = setup("1.14");
    const port = portOf(fake);
    const reads = jest.spyOn(port, "readGrids");
    const grids: SheetGrid[] = [];
    await port.onChanged((sheet) => {
      void port.readGrids([sheet]).then((g) => grids.push(...g));
    });
    const logBefore = fake.log.length;
    const runsBefore = fake.runs.length;
    fake.userEdit(plan.sheetName, entryCell("1"), 0.5);
    await fake.settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads).toHaveBeenCalledWith([plan.sheetName]);
    expect(fake.runs.length - runsBefore).toBe(2); // the sheet's name by id, then the read
    expect(fake.log.slice(logBefore)).toEqual([]);
    expect(readScorecard(grids[0]).entries.self["1"]).toBe(0.5);
  });
});

describe("onChanged before ExcelApi 1.14 (own-write guard)", () => {
  it("ignores events of the add-in's own writes inside the guard, reports the user's after it", async () => {
    let now = 1000;
    fake = setup("1.13");
    const port = portOf(fake, { now: () => now, ownWriteWindowMs: 500 });
    const seen: string[] = [];
    await port.onChanged((sheet) => seen.push(sheet));
    await port.write(plan.sheetName, [{ cell: entryCell("1"), value: 1 }]);
    await port.render(plan);
    await fake.settle();
    expect(fake.delivered.filter((e) => e.kind === "changed").length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual([]);
    // Another sheet is not covered by the guard.
    fake.userEdit("封面", "A1", "x");
    await fake.settle();
    expect(seen).toEqual(["封面"]);
    now += 501;
    fake.userEdit(plan.sheetName, entryCell("2"), 1);
    await fake.settle();
    expect(seen).toEqual(["封面", plan.sheetName]);
  });

  it("falls back to per-sheet handlers before ExcelApi 1.9, covering sheets added later", async () => {
    fake = setup("1.8");
    const port = portOf(fake, { ownWriteWindowMs: 0 });
    const seen: string[] = [];
    const unsubscribe = await port.onChanged((sheet) => seen.push(sheet));
    expect(fake.syncCount).toBe(2);
    expect(fake.registrations.map((r) => r.kind).sort()).toEqual([
      "added",
      "changed",
      "changed",
      "selection",
      "selection",
    ]);
    fake.userEdit(plan.sheetName, entryCell("1"), 1);
    await fake.settle();
    expect(seen).toEqual([plan.sheetName]);

    const other = buildPlan({ rubric, station: "西城街道", year: 2020 });
    await port.render(other); // adds a sheet: onAdded registers its onChanged
    await fake.settle();
    expect(fake.registrations.filter((r) => r.kind === "changed")).toHaveLength(3);
    fake.userEdit(other.sheetName, entryCell("1"), 1);
    await fake.settle();
    expect(seen).toEqual([plan.sheetName, other.sheetName]);

    await unsubscribe();
    expect(fake.registrations).toHaveLength(0);
  });
});

describe("onActivated", () => {
  it("reports the activated sheet by name until unsubscribed", async () => {
    fake = setup("1.7");
    const port = portOf(fake);
    const seen: string[] = [];
    const unsubscribe = await port.onActivated((sheet) => seen.push(sheet));
    fake.userActivate("封面");
    await fake.settle();
    expect(seen).toEqual(["封面"]);
    await unsubscribe();
    fake.userActivate(plan.sheetName);
    await fake.settle();
    expect(seen).toEqual(["封面"]);
  });
});
