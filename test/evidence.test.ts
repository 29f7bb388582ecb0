import fc from "fast-check";
import { getRubric } from "../src/rubric";
import {
  buildPlan,
  checkScorecard,
  evidenceFindings,
  evidenceStatus,
  hasErrors,
  isIntegrity,
  planToGrid,
  readScorecard,
  type PlanValue,
} from "../src/sheet";
import { validValues } from "./support/fills";

const rubric = getRubric();

const readOf = (
  self: Record<string, PlanValue>,
  evidence: Record<string, string>,
  review: Record<string, PlanValue> = {},
): ReturnType<typeof readScorecard> =>
  readScorecard(
    planToGrid(
      buildPlan({
        rubric,
        station: "巴川街道",
        year: 2020,
        entries: { self, review, evidence, notes: {} },
      }),
    ),
  );

describe("evidence completeness", () => {
  it("asks for evidence only where an item earns points, in either column", () => {
    const read = readOf({ "1": 2, "2": 0, "3": 1, "71": 4 }, { "3": "学习记录.pdf" }, { "4": 1 });
    expect(evidenceStatus(read)).toEqual({ required: 4, filled: 1, missing: ["1", "4", "71"] });
  });

  it("pins each no-evidence warning to the item's 佐证材料 cell (column H)", () => {
    const read = readOf({ "1": 2 }, {});
    const row = read.entryRows.get("1");
    const [f] = evidenceFindings(read);
    expect(f).toMatchObject({ item: "1", cell: `H${row}`, severity: "warning", code: "no-evidence" });
    expect(f.message.zh).toBe(`第1项已得分，但未填写佐证材料（H${row}）`);
    expect(f.message.en).toBe(`Item 1 is scored but has no evidence (佐证材料) (H${row})`);
    expect(isIntegrity(f)).toBe(false);
  });

  it("treats blank-only evidence as missing", () => {
    expect(evidenceStatus(readOf({ "5": 1 }, { "5": "  " })).missing).toEqual(["5"]);
  });

  it("appears in check under the item, and leaves the exit status alone", () => {
    const check = checkScorecard(readOf({ "9": 2 }, {}), "zh");
    const issue = check.issues.find((i) => i.item === "9");
    expect(issue).toMatchObject({ severity: "warning", cell: expect.stringMatching(/^H\d+$/) });
    expect(hasErrors([check])).toBe(false);
  });

  it("property: filled + missing = required, and required counts exactly the items above 0", () => {
    const items = rubric.items;
    const entry = fc.record({
      score: fc.option(fc.nat({ max: 20 }), { nil: undefined }),
      evidence: fc.option(fc.constantFrom("照片", " ", "台账 #1"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: items.length, maxLength: items.length }), (picks) => {
        const self: Record<string, PlanValue> = {};
        const evidence: Record<string, string> = {};
        picks.forEach((p, k) => {
          const values = validValues(items[k]);
          if (p.score !== undefined) self[items[k].id] = values[p.score % values.length];
          if (p.evidence !== undefined) evidence[items[k].id] = p.evidence;
        });
        const read = readOf(self, evidence);
        const status = evidenceStatus(read);
        const scored = items.filter((i) => Number(self[i.id] ?? 0) > 0);
        expect(status.required).toBe(scored.length);
        expect(status.filled + status.missing.length).toBe(status.required);
        const bare = scored.filter((i) => (evidence[i.id] ?? "").trim() === "").map((i) => i.id);
        expect(status.missing).toEqual(bare);
        expect(evidenceFindings(read).map((f) => f.item)).toEqual(bare);
      }),
      { numRuns: 40, seed: 13 },
    );
  });
});
