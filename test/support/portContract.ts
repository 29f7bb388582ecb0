/*
 * What every WorkbookPort does, whatever the host: the same plan drawn and read back, the same entries written,
 * the same sheets listed. test/port.contract.test.ts runs it over the Office.js adapter (on FakeExcel), the WPS
 * adapter (on FakeEt) and the .xlsx adapter (ExcelJS), so each rule is stated once.
 */
import { getRubric } from "../../src/rubric";
import {
  COL,
  addr,
  buildPlan,
  planToGrid,
  readScorecard,
  type GridValue,
  type SheetGrid,
} from "../../src/sheet";
import { populate, type WorkbookPort } from "../../src/workbook";

export interface PortHarness {
  readonly port: WorkbookPort;
  /** Whether the sheet is protected now, as the host holds it. */
  protectedNow(sheet: string): boolean;
  /** A user typing into a cell in the host, raising its change event; absent where there are no events. */
  readonly userEdit?: (sheet: string, cell: string, value: GridValue) => void;
  /** Lets the host deliver raised events. */
  readonly settle?: () => Promise<void>;
  /** Moves the adapter's clock past its own-write window, where it has one. */
  readonly passTime?: () => void;
  /** What the harness's strict host recorded against the adapter (unloaded reads, misspelled members…). */
  problems(): string[];
}

const rubric = getRubric("2020-trial");
// Free text as clerks type it: each must come back as typed, never as a date, number or formula.
const entries = {
  self: { "1": 2, "12": 0.5, "74": 1, same: "是", "75.2": "否" } as Record<string, GridValue>,
  review: { "1": 1.5 } as Record<string, GridValue>,
  evidence: { "1": "学习记录.pdf", "2": "=见附件", "3": "2023-05-01", "4": "007", "5": "50%" },
  notes: { "1": "复核扣0.5分" },
};
const plan = buildPlan({ rubric, station: "东城街道", year: 2020, entries });
const cellOf = (id: string, col: number): string => addr(col, plan.layout.entryRows.get(id) ?? 0);

export function describePortContract(name: string, make: () => Promise<PortHarness>): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    let h: PortHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(() => expect(h.problems()).toEqual([]));

    it("draws a new scorecard that reads back with the plan's entries and no findings, active and protected", async () => {
      const report = await h.port.render(plan);
      expect(report.skipped).toEqual([]);
      const [grid] = await h.port.readGrids([plan.sheetName]);
      const read = readScorecard(grid);
      expect(read.findings).toEqual([]);
      expect(read.entries).toEqual(readScorecard(planToGrid(plan)).entries);
      expect(read.entries.evidence["2"]).toBe("=见附件");
      expect(read.entries.evidence["3"]).toBe("2023-05-01");
      expect(h.protectedNow(plan.sheetName)).toBe(true);
      expect(await h.port.activeSheet()).toBe(plan.sheetName);
      expect(await h.port.sheetNames()).toContain(plan.sheetName);
    });

    it("writes entries into the protected sheet as given (text stays text), leaving it protected", async () => {
      await h.port.render(plan);
      await h.port.write(plan.sheetName, [
        { cell: cellOf("2", COL.self), value: 1 },
        { cell: cellOf("2", COL.review), value: 0.5 },
        { cell: cellOf("2", COL.evidence), value: "1,200" },
        { cell: cellOf("1", COL.self), value: null },
        { cell: cellOf("9", COL.notes), value: "TRUE" },
      ]);
      expect(h.protectedNow(plan.sheetName)).toBe(true);
      const read = readScorecard((await h.port.readGrids([plan.sheetName]))[0]);
      expect(read.entries.self["2"]).toBe(1);
      expect(read.entries.review["2"]).toBe(0.5);
      expect(read.entries.evidence["2"]).toBe("1,200");
      expect(read.entries.self["1"] ?? null).toBeNull();
      expect(read.entries.notes["9"]).toBe("TRUE");
      expect(read.findings).toEqual([]);
    });

    it("repairs a scorecard in place: entries and state carried over", async () => {
      await h.port.render(plan);
      const result = await populate(h.port, { rubric, station: "东城街道", year: 2020 });
      expect(result.repaired).toBe(true);
      const read = readScorecard((await h.port.readGrids([plan.sheetName]))[0]);
      expect(read.findings).toEqual([]);
      expect(read.entries).toEqual(readScorecard(planToGrid(plan)).entries);
      expect((await h.port.sheetNames()).filter((n) => n === plan.sheetName)).toHaveLength(1);
    });

    it("reads named sheets in the order asked; all sheets when unnamed", async () => {
      await h.port.render(plan);
      const other = buildPlan({ rubric, station: "西城街道", year: 2020 });
      await h.port.render(other);
      const named = await h.port.readGrids([other.sheetName, plan.sheetName]);
      expect(named.map((g: SheetGrid) => g.name)).toEqual([other.sheetName, plan.sheetName]);
      const all = await h.port.readGrids();
      expect(all.map((g) => g.name)).toEqual(await h.port.sheetNames());
      expect(all.filter((g) => g.values.length > 0 && readScorecard(g).findings.length === 0)).toHaveLength(
        2,
      );
    });

    it("appends log rows under the last one, creating the sheet with its header, protected", async () => {
      await h.port.render(plan);
      await h.port.appendRows("变更记录", ["时间", "操作"], [["2020-11-01 08:00", "提交"]]);
      await h.port.appendRows("变更记录", ["时间", "操作"], [["2020-11-02 09:00", "开始复核"]]);
      const [log] = await h.port.readGrids(["变更记录"]);
      expect(log.values.slice(0, 3)).toEqual([
        ["时间", "操作"],
        ["2020-11-01 08:00", "提交"],
        ["2020-11-02 09:00", "开始复核"],
      ]);
      expect(h.protectedNow("变更记录")).toBe(true);
      expect(await h.port.activeSheet()).toBe(plan.sheetName);
    });

    it("selects a cell of a sheet, activating it", async () => {
      await h.port.render(plan);
      await h.port.render(buildPlan({ rubric, station: "西城街道", year: 2020 }));
      await h.port.select(plan.sheetName, cellOf("3", COL.self));
      expect(await h.port.activeSheet()).toBe(plan.sheetName);
    });

    it("reports a user's edit by sheet name, and not its own writes", async () => {
      if (!h.userEdit || !h.settle) return; // a file has no one else editing it
      await h.port.render(plan);
      const seen: string[] = [];
      const unsubscribe = await h.port.onChanged((sheet) => seen.push(sheet));
      await h.port.write(plan.sheetName, [{ cell: cellOf("2", COL.self), value: 1 }]);
      await h.settle();
      expect(seen).toEqual([]);
      h.passTime?.();
      h.userEdit(plan.sheetName, cellOf("3", COL.self), 1);
      await h.settle();
      expect(seen).toEqual([plan.sheetName]);
      await unsubscribe();
      h.userEdit(plan.sheetName, cellOf("4", COL.self), 1);
      await h.settle();
      expect(seen).toEqual([plan.sheetName]);
    });
  });
}
