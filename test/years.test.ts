import fc from "fast-check";
import { getRubric } from "../src/rubric";
import { compareYears, yearsHeaders, yearsPlan } from "../src/rollup";
import { planToGrid, readScorecard, type PlanValue, type ReadScorecard } from "../src/sheet";
import { submittedPlan } from "./support/submitted";

const rubric = getRubric();
const STATIONS = rubric.notice?.stations ?? [];

/** A submitted scorecard whose self-assessment totals `total` (full marks minus the drop), optionally vetoed. */
function card(station: string, year: number, total: number, veto = false): ReadScorecard {
  const self: Record<string, PlanValue> = {};
  let drop = rubric.baseMax - total;
  for (const item of rubric.baseItems) {
    const take = Math.min(item.max, Math.max(0, drop));
    self[item.id] = item.max - take;
    drop -= take;
  }
  if (veto) self["75.1"] = "是";
  const entries = { self, review: {}, evidence: {}, notes: {} };
  return readScorecard(planToGrid(submittedPlan({ rubric, station, year, entries, state: "已提交" })));
}

describe("year over year", () => {
  const reads = [
    card("巴川街道", 2020, 95),
    card("东城街道", 2020, 92),
    card("南城街道", 2020, 80),
    card("巴川街道", 2021, 88),
    card("东城街道", 2021, 96, true),
    card("南城街道", 2021, 91),
  ];
  const cmp = compareYears(reads, rubric);

  it("lines the stations up across the years with each year's counted result and the change", () => {
    expect(cmp.years).toEqual([2020, 2021]);
    const ba = cmp.rows.find((r) => r.station === "巴川街道");
    expect(ba?.years.map((y) => [y?.total, y?.verdict])).toEqual([
      [95, "pass"],
      [88, "fail"],
    ]);
    expect(ba?.change).toEqual([null, -7]);
    const nan = cmp.rows.find((r) => r.station === "南城街道");
    expect(nan?.change).toEqual([null, 11]);
    const other = cmp.rows.find((r) => r.station === "土桥镇");
    expect(other?.years).toEqual([null, null]);
    expect(cmp.rows).toHaveLength(17);
  });

  it("lists who fell below 90 or was vetoed after passing", () => {
    expect(cmp.falls).toEqual([
      { station: "巴川街道", from: 2020, to: 2021, verdict: "fail", total: 88 },
      { station: "东城街道", from: 2020, to: 2021, verdict: "veto", total: 96 },
    ]);
  });

  it("computes the 60% target per year", () => {
    expect(cmp.totals.map((t) => [t.stations, t.passed, t.target, t.needed])).toEqual([
      [17, 2, 11, 9],
      [17, 1, 11, 10],
    ]);
  });

  it("draws the 历年对比 sheet: headers per year, 较上年 from the second year, the falls", () => {
    const plan = yearsPlan(cmp, "铜梁区");
    expect(plan.sheetName).toBe("历年对比");
    expect(yearsHeaders([2020, 2021])).toEqual([
      "序号",
      "服务站",
      "2020自评总分",
      "2020复核总分",
      "2020认定结论",
      "2021自评总分",
      "2021复核总分",
      "2021认定结论",
      "2021较上年",
    ]);
    expect(plan.cells[2].map((x) => x?.value)).toEqual(yearsHeaders([2020, 2021]));
    // No review yet: 复核总分 blank, not 0.
    expect(plan.cells[3].map((x) => x?.value)).toEqual([
      1,
      "巴川街道",
      95,
      null,
      "达标",
      88,
      null,
      "未达标",
      -7,
    ]);
    const texts = plan.cells.flat().map((x) => String(x?.value ?? ""));
    expect(texts).toContain("巴川街道：2020年达标 → 2021年未达标（认定总分 88）");
    expect(texts).toContain("东城街道：2020年达标 → 2021年否决（认定总分 96）");
    expect(plan.conditionalFormats.flatMap((f) => f.areas)).toContain("H4:H20");
  });

  it("property: a fall is exactly a pass followed by fail or veto, and changes are the totals' differences", () => {
    const year = fc.record({
      total: fc.integer({ min: 80, max: 100 }),
      veto: fc.boolean(),
      sent: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(year, year), { minLength: 1, maxLength: 3 }), (stations) => {
        const rs = stations.flatMap(([a, b], i) => [
          ...(a.sent ? [card(STATIONS[i], 2020, a.total, a.veto)] : []),
          ...(b.sent ? [card(STATIONS[i], 2022, b.total, b.veto)] : []),
        ]);
        const c = compareYears(rs, rubric);
        const verdict = (y: { total: number; veto: boolean }): string =>
          y.veto ? "veto" : y.total >= 90 ? "pass" : "fail";
        const expected = stations.flatMap(([a, b], i) =>
          a.sent && b.sent && verdict(a) === "pass" && verdict(b) !== "pass" ? [STATIONS[i]] : [],
        );
        expect(c.falls.map((f) => f.station)).toEqual(expected);
        if (c.years.length === 2)
          stations.forEach(([a, b], i) => {
            const row = c.rows.find((r) => r.station === STATIONS[i]);
            expect(row?.change[1]).toBe(a.sent && b.sent ? b.total - a.total : null);
          });
      }),
      { seed: 21, numRuns: 25 },
    );
  });
});
