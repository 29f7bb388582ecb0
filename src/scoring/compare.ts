import type { Rubric } from "../rubric";
import type { Judgement } from "./judge";
import { roundHalf, scoreColumn, type ColumnEntries, type ColumnScore } from "./score";

export interface Difference {
  readonly id: string;
  /** The counted value (是/否 for yes-no cells), or the raw text of an invalid entry. */
  readonly self: number | string;
  readonly review: number | string;
  /** review − self where both are valid numbers. */
  readonly delta: number | null;
}

const shown = (j: Judgement): number | string | null =>
  j.status === "valid" ? (j.answer ?? j.value) : j.status === "invalid" ? j.raw : null;

/**
 * Every entry where self-assessment and review both hold something and disagree. An item the reviewer has
 * not reached yet (review empty) is not a difference.
 */
export function compareColumns(selfScore: ColumnScore, reviewScore: ColumnScore): Difference[] {
  const diffs: Difference[] = [];
  for (const id of Object.keys(selfScore.judgements)) {
    const a = shown(selfScore.judgements[id]);
    const b = shown(reviewScore.judgements[id]);
    if (a === null || b === null || a === b) continue;
    const delta = typeof a === "number" && typeof b === "number" ? roundHalf(b - a) : null;
    diffs.push({ id, self: a, review: b, delta });
  }
  return diffs;
}

export interface ScorecardScore {
  readonly self: ColumnScore;
  readonly review: ColumnScore;
  readonly differences: readonly Difference[];
}

export function scoreScorecard(rubric: Rubric, self: ColumnEntries, review: ColumnEntries): ScorecardScore {
  const s = scoreColumn(rubric, self);
  const r = scoreColumn(rubric, review);
  return { self: s, review: r, differences: compareColumns(s, r) };
}
