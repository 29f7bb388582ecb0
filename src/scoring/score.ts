import type { Rubric, VetoCondition } from "../rubric";
import { isYes, judgeScore, judgeYesNo, validValue, type CellValue, type Judgement } from "./judge";

/** Entry id of the cell recording that 71 and 72 cite the same matter. */
export const SAME_MATTER_ID = "same";

/** One score column (自评 or 复核): raw cell values keyed by entry id ("1"…"74", "75.1"…, "same"). */
export type ColumnEntries = Readonly<Record<string, CellValue>>;

export type Verdict = "pass" | "fail" | "veto" | "incomplete";

export interface CategoryScore {
  readonly id: string;
  readonly score: number;
  readonly max: number;
  readonly lost: number;
}

export interface Shortfall {
  readonly id: string;
  readonly categoryId: string;
  readonly max: number;
  readonly score: number;
  readonly lost: number;
}

export interface InvalidEntry {
  readonly id: string;
  readonly judgement: Extract<Judgement, { status: "invalid" }>;
}

export interface ColumnScore {
  readonly judgements: Readonly<Record<string, Judgement>>;
  readonly categories: readonly CategoryScore[];
  /** Items 1–70. */
  readonly base: number;
  /** Bonus after the same-matter rule, before the cap. */
  readonly bonusUncapped: number;
  readonly bonus: number;
  readonly total: number;
  readonly vetoed: boolean;
  /** Keys of the veto conditions answered 是. */
  readonly vetoConditions: readonly string[];
  readonly sameMatter: boolean;
  readonly verdict: Verdict;
  /** Points still needed to reach the pass line; 0 once reached. */
  readonly needed: number;
  /** Items 1–70 not validly scored (empty or invalid). */
  readonly missing: readonly string[];
  readonly empty: readonly string[];
  readonly invalid: readonly InvalidEntry[];
  /** Items 1–70 scored below their maximum, most points lost first. */
  readonly shortfalls: readonly Shortfall[];
}

/** The veto conditions a column answered 是, in the rubric's order: what caused its 否决. */
export const vetoCauses = (
  rubric: Rubric,
  score: Pick<ColumnScore, "vetoConditions">,
): readonly VetoCondition[] => rubric.veto.conditions.filter((c) => score.vetoConditions.includes(c.key));

/** Rounds away binary floating-point noise; every valid score is a multiple of 0.5. */
export const roundHalf = (x: number): number => Math.round(x * 2) / 2;

export function judgeColumn(rubric: Rubric, entries: ColumnEntries): Record<string, Judgement> {
  const judgements: Record<string, Judgement> = {};
  for (const item of rubric.items) judgements[item.id] = judgeScore(item, entries[item.id]);
  for (const c of rubric.veto.conditions) judgements[c.key] = judgeYesNo(c.key, entries[c.key]);
  judgements[SAME_MATTER_ID] = judgeYesNo(SAME_MATTER_ID, entries[SAME_MATTER_ID]);
  return judgements;
}

/** Applies 同一事项只计最高加分，不累计加分 when the user says the items cite one matter. */
export function bonusPoints(
  rubric: Rubric,
  judgements: Readonly<Record<string, Judgement>>,
  sameMatter: boolean,
): number {
  const shared = new Set(sameMatter ? rubric.bonus.sameMatterItems.map(String) : []);
  let sum = 0;
  let sharedBest = 0;
  for (const item of rubric.bonus.items) {
    const v = validValue(judgements[item.id]);
    if (shared.has(item.id)) sharedBest = Math.max(sharedBest, v);
    else sum += v;
  }
  return roundHalf(sum + sharedBest);
}

export function verdictOf(rubric: Rubric, vetoed: boolean, missing: number, total: number): Verdict {
  if (vetoed) return "veto";
  if (missing > 0) return "incomplete";
  return total >= rubric.passLine ? "pass" : "fail";
}

/*
 * Plain loops over the rubric below, not chains of map/filter: every file scored in a batch then builds arrays
 * of the same kinds, so the optimised code made for the first files holds for the rest instead of being thrown
 * away and rebuilt whenever a column's lists come out empty or not (a third of check's compile time went there).
 */

function categoryScores(rubric: Rubric, judgements: Readonly<Record<string, Judgement>>): CategoryScore[] {
  const out: CategoryScore[] = [];
  for (const c of rubric.categories) {
    let sum = 0;
    for (const i of c.items) sum += validValue(judgements[i.id]);
    const score = roundHalf(sum);
    out.push({ id: c.id, score, max: c.max, lost: roundHalf(c.max - score) });
  }
  return out;
}

const mostLostFirst = (a: Shortfall, b: Shortfall): number => b.lost - a.lost || Number(a.id) - Number(b.id);

/** Items 1–70 left empty, not validly scored, and scored below their maximum. */
function baseGaps(
  rubric: Rubric,
  judgements: Readonly<Record<string, Judgement>>,
): { empty: string[]; missing: string[]; shortfalls: Shortfall[] } {
  const empty: string[] = [];
  const missing: string[] = [];
  const shortfalls: Shortfall[] = [];
  for (const item of rubric.baseItems) {
    const j = judgements[item.id];
    if (j.status !== "valid") {
      if (j.status === "empty") empty.push(item.id);
      missing.push(item.id);
    } else if (j.value < item.max)
      shortfalls.push({
        id: item.id,
        categoryId: item.categoryId,
        max: item.max,
        score: j.value,
        lost: roundHalf(item.max - j.value),
      });
  }
  shortfalls.sort(mostLostFirst);
  return { empty, missing, shortfalls };
}

/** Scores one column of entries against the rubric. Invalid entries count as not scored. */
export function scoreColumn(rubric: Rubric, entries: ColumnEntries): ColumnScore {
  const judgements = judgeColumn(rubric, entries);
  const categories = categoryScores(rubric, judgements);
  let baseSum = 0;
  for (const c of categories) baseSum += c.score;
  const base = roundHalf(baseSum);
  const sameMatter = isYes(judgements[SAME_MATTER_ID]);
  const bonusUncapped = bonusPoints(rubric, judgements, sameMatter);
  const bonus = Math.min(rubric.bonus.cap, bonusUncapped);
  const total = roundHalf(base + bonus);
  const vetoConditions: string[] = [];
  for (const c of rubric.veto.conditions) if (isYes(judgements[c.key])) vetoConditions.push(c.key);
  const vetoed = vetoConditions.length > 0;
  const { empty, missing, shortfalls } = baseGaps(rubric, judgements);
  const invalid: InvalidEntry[] = [];
  for (const id of Object.keys(judgements)) {
    const judgement = judgements[id];
    if (judgement.status === "invalid") invalid.push({ id, judgement });
  }
  return {
    judgements,
    categories,
    base,
    bonusUncapped,
    bonus,
    total,
    vetoed,
    vetoConditions,
    sameMatter,
    verdict: verdictOf(rubric, vetoed, missing.length, total),
    needed: Math.max(0, roundHalf(rubric.passLine - total)),
    missing,
    empty,
    invalid,
    shortfalls,
  };
}
