import fc from "fast-check";
import { getRubric, vetoKeys, type Item } from "../src/rubric";
import { SAME_MATTER_ID, scoreColumn, type CellValue, type ColumnEntries } from "../src/scoring";

const rubric = getRubric("2020-trial");
const RUNS = 200;

const scoreIds = rubric.items.map((i) => i.id);
const yesNoIds = [...vetoKeys(rubric), SAME_MATTER_ID];

/** Valid values by the rules, written out independently of the rubric's award data. */
function validValues(item: Item): number[] {
  if (item.no === 71 || item.no === 72) return [0, 2, 3, 4];
  if (item.no === 73) return [0, 1];
  return Array.from({ length: item.max * 2 + 1 }, (_, k) => k / 2);
}

const emptyArb: fc.Arbitrary<CellValue> = fc.constantFrom<CellValue>(undefined, null, "");

const textGarbageArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom<CellValue>(
    "优",
    "良",
    "有",
    "无",
    "N/A",
    " ",
    "  ",
    "是 ",
    "２",
    "１．５",
    "０",
    "1",
    "0.5",
    " 2 ",
  ),
  fc.integer({ min: 0, max: 9 }).map((n) => String(n)),
  fc.integer({ min: 0, max: 9 }).map((n) => String.fromCharCode(0xff10 + n)),
  fc.string({ minLength: 1, maxLength: 4 }).filter((s) => s !== "是" && s !== "否"),
);

/** Values the rules reject for a score item. */
function scoreGarbageArb(item: Item): fc.Arbitrary<CellValue> {
  const valid = validValues(item);
  const badNumber = fc.oneof(
    // over the maximum
    fc.integer({ min: 1, max: 40 }).map((k) => item.max + k / 4),
    // negative
    fc.integer({ min: 1, max: 40 }).map((k) => -k / 4),
    // not on a half step (or not a tier / not all-or-nothing)
    fc
      .tuple(fc.integer({ min: 0, max: item.max * 2 }), fc.constantFrom(0.1, 0.25, 0.3, 0.7, 0.01))
      .map(([k, frac]) => Math.min(k / 2 + frac, item.max - frac / 2)),
    // half steps that are not a tier of 71/72 or not 0/1 for 73 (and over-max ones elsewhere)
    fc.constantFrom(...[0.5, 1, 1.5, 2.5, 3.5, 4.5].filter((v) => !valid.includes(v))),
  );
  return fc.oneof(badNumber, textGarbageArb, fc.boolean());
}

const yesNoGarbageArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom<CellValue>(0, 1, -1, 0.5, "有", "无", "yes", "no", "是 ", " 否", "Y", "１"),
  fc.boolean(),
);

const validArb = (item: Item): fc.Arbitrary<CellValue> => fc.constantFrom(...validValues(item));
/** Skewed toward the maximum, so that complete, passing columns are common. */
const highValidArb = (item: Item, maxWeight: number): fc.Arbitrary<CellValue> => {
  const values = validValues(item);
  return fc.oneof(
    { arbitrary: fc.constant(values[values.length - 1]), weight: maxWeight },
    { arbitrary: fc.constantFrom(...values.slice(Math.max(0, values.length - 3))), weight: 1 },
  );
};

interface Weights {
  empty: number;
  valid: number;
  garbage: number;
}

/** high: 0 for uniform valid values, otherwise the weight of the maximum against the next values down. */
function entryArb(id: string, w: Weights, high: number): fc.Arbitrary<CellValue> {
  const item = rubric.itemById.get(id);
  const valid: fc.Arbitrary<CellValue> = item
    ? high
      ? highValidArb(item, high)
      : validArb(item)
    : fc.constantFrom<CellValue>("是", "否");
  const garbage = item ? scoreGarbageArb(item) : yesNoGarbageArb;
  return fc.oneof(
    { arbitrary: emptyArb, weight: w.empty },
    { arbitrary: valid, weight: w.valid },
    { arbitrary: garbage, weight: w.garbage },
  );
}

function columnArb(w: Weights, high = 0, yesNo: Weights = w): fc.Arbitrary<Record<string, CellValue>> {
  const shape: Record<string, fc.Arbitrary<CellValue>> = {};
  for (const id of scoreIds) shape[id] = entryArb(id, w, high);
  for (const id of yesNoIds) shape[id] = entryArb(id, yesNo, high);
  return fc.record(shape);
}

/** Any mix of empty, valid and garbage entries. */
const anyColumn = columnArb({ empty: 1, valid: 3, garbage: 1 });
/** Mostly complete and near full marks, veto rarely 是: exercises pass and fail at the line. */
const nearlyComplete = fc.oneof(
  ...[4, 1].map((high) =>
    columnArb({ empty: 1, valid: 400, garbage: 1 }, high, { empty: 30, valid: 10, garbage: 1 }),
  ),
);
const mixedColumn = fc.oneof(anyColumn, nearlyComplete);

const score = (entries: ColumnEntries) => scoreColumn(rubric, entries);

describe("scoring properties", () => {
  it("generators: garbage is judged invalid, valid values are judged valid", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...rubric.items),
        fc.constantFrom(...yesNoIds),
        fc.context(),
        (item, yesNoId, ctx) => {
          const garbage = fc.sample(scoreGarbageArb(item), 5);
          const yesNoGarbage = fc.sample(yesNoGarbageArb, 5);
          ctx.log(JSON.stringify({ item: item.id, garbage, yesNoGarbage }));
          for (const g of garbage) expect(score({ [item.id]: g }).judgements[item.id].status).toBe("invalid");
          for (const g of yesNoGarbage)
            expect(score({ [yesNoId]: g }).judgements[yesNoId].status).toBe("invalid");
          for (const v of validValues(item)) {
            expect(score({ [item.id]: v }).judgements[item.id]).toEqual({ status: "valid", value: v });
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("base ≤ 100, bonus ≤ 10, total ≤ 110, and total = base + bonus", () => {
    fc.assert(
      fc.property(mixedColumn, (entries) => {
        const r = score(entries);
        expect(r.base).toBeGreaterThanOrEqual(0);
        expect(r.base).toBeLessThanOrEqual(100);
        expect(r.bonus).toBeGreaterThanOrEqual(0);
        expect(r.bonus).toBeLessThanOrEqual(10);
        expect(r.bonus).toBeLessThanOrEqual(r.bonusUncapped);
        expect(r.total).toBeLessThanOrEqual(110);
        expect(r.total).toBe(r.base + r.bonus);
        expect(r.needed).toBe(Math.max(0, 90 - r.total));
      }),
      { numRuns: RUNS },
    );
  });

  it("total = sum of category scores + bonus; each category within 0..max with lost = max − score", () => {
    fc.assert(
      fc.property(mixedColumn, (entries) => {
        const r = score(entries);
        const sum = r.categories.reduce((s, c) => s + c.score, 0);
        expect(r.base).toBe(sum);
        expect(r.total).toBe(sum + r.bonus);
        expect(r.categories.map((c) => c.max)).toEqual([22, 12, 26, 8, 28, 4]);
        for (const c of r.categories) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(c.max);
          expect(c.lost).toBe(c.max - c.score);
        }
        // Shortfalls account for exactly the points lost on validly scored items.
        const validBase = rubric.baseItems.filter((i) => r.judgements[i.id].status === "valid");
        const lostOnValid = validBase.reduce(
          (s, i) => s + i.max - (r.judgements[i.id] as { value: number }).value,
          0,
        );
        expect(r.shortfalls.reduce((s, f) => s + f.lost, 0)).toBe(lostOnValid);
        for (let k = 1; k < r.shortfalls.length; k++) {
          const [a, b] = [r.shortfalls[k - 1], r.shortfalls[k]];
          expect(a.lost > b.lost || (a.lost === b.lost && Number(a.id) < Number(b.id))).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("raising one valid score to a higher valid value never lowers the total", () => {
    fc.assert(
      fc.property(
        mixedColumn,
        fc.constantFrom(...rubric.items),
        fc.nat(),
        fc.nat(),
        (entries, item, i, j) => {
          const values = validValues(item);
          const lo = values[i % (values.length - 1)];
          const higher = values.filter((v) => v > lo);
          const hi = higher[j % higher.length];
          const before = score({ ...entries, [item.id]: lo });
          const after = score({ ...entries, [item.id]: hi });
          expect(after.total).toBeGreaterThanOrEqual(before.total);
          if (item.section === "base") {
            expect(after.base - before.base).toBe(hi - lo);
            expect(after.total - before.total).toBe(hi - lo);
          } else {
            expect(after.base).toBe(before.base);
            expect(after.bonus).toBeGreaterThanOrEqual(before.bonus);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("any veto condition answered 是 → verdict veto, whatever else the column holds", () => {
    fc.assert(
      fc.property(mixedColumn, fc.constantFrom(...vetoKeys(rubric)), (entries, key) => {
        const r = score({ ...entries, [key]: "是" });
        expect(r.verdict).toBe("veto");
        expect(r.vetoed).toBe(true);
        expect(r.vetoConditions).toContain(key);
      }),
      { numRuns: RUNS },
    );
  });

  it("verdict pass ⇔ total ≥ 90, not vetoed and nothing missing (and the precedence veto → incomplete → pass → fail)", () => {
    const seen = { pass: 0, fail: 0, veto: 0, incomplete: 0 };
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: nearlyComplete, weight: 3 }, { arbitrary: anyColumn, weight: 1 }),
        (entries) => {
          const r = score(entries);
          seen[r.verdict] += 1;
          const vetoed = vetoKeys(rubric).some((k) => entries[k] === "是");
          const missing = rubric.baseItems
            .filter((i) => r.judgements[i.id].status !== "valid")
            .map((i) => i.id);
          expect(r.vetoed).toBe(vetoed);
          expect(r.missing).toEqual(missing);
          if (r.verdict === "pass") {
            expect(r.total).toBeGreaterThanOrEqual(90);
            expect(r.vetoed).toBe(false);
            expect(r.missing).toEqual([]);
            expect(r.needed).toBe(0);
          }
          const expected = vetoed
            ? "veto"
            : missing.length > 0
              ? "incomplete"
              : r.total >= 90
                ? "pass"
                : "fail";
          expect(r.verdict).toBe(expected);
        },
      ),
      { numRuns: RUNS, seed: 20200715 },
    );
    // The generators must actually reach every verdict, or the property above proves little.
    expect(seen.pass).toBeGreaterThan(0);
    expect(seen.fail).toBeGreaterThan(0);
    expect(seen.veto).toBeGreaterThan(0);
    expect(seen.incomplete).toBeGreaterThan(0);
  });

  it("an invalid score entry counts 0: total equals the total with it cleared, and never exceeds the original", () => {
    const arb = fc
      .tuple(mixedColumn, fc.constantFrom(...rubric.items))
      .chain(([entries, item]) => fc.tuple(fc.constant(entries), fc.constant(item), scoreGarbageArb(item)));
    fc.assert(
      fc.property(arb, ([entries, item, garbage]) => {
        const original = score(entries);
        const replaced = score({ ...entries, [item.id]: garbage });
        const cleared = score({ ...entries, [item.id]: undefined });
        const j = replaced.judgements[item.id];
        expect(j.status).toBe("invalid");
        expect(replaced.invalid.map((e) => e.id)).toContain(item.id);
        expect(replaced.total).toBeLessThanOrEqual(original.total);
        expect(replaced.total).toBe(cleared.total);
        expect(replaced.base).toBe(cleared.base);
        expect(replaced.bonus).toBe(cleared.bonus);
        expect(replaced.categories).toEqual(cleared.categories);
        if (item.section === "base") {
          expect(replaced.missing).toContain(item.id);
          expect(replaced.verdict === "veto" || replaced.verdict === "incomplete").toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("an invalid 是/否 cell counts as empty (否): same result as with it cleared", () => {
    const arb = fc.tuple(mixedColumn, fc.constantFrom(...yesNoIds), yesNoGarbageArb);
    fc.assert(
      fc.property(arb, ([entries, id, garbage]) => {
        const replaced = score({ ...entries, [id]: garbage });
        const cleared = score({ ...entries, [id]: undefined });
        expect(replaced.judgements[id].status).toBe("invalid");
        expect(replaced.total).toBe(cleared.total);
        expect(replaced.bonus).toBe(cleared.bonus);
        expect(replaced.sameMatter).toBe(cleared.sameMatter);
        expect(replaced.vetoConditions).toEqual(cleared.vetoConditions);
        expect(replaced.verdict).toBe(cleared.verdict);
      }),
      { numRuns: RUNS },
    );
  });
});
