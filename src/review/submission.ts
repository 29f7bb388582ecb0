import type { PlanValue, ScorecardState } from "../sheet/types";

/** The recorded fingerprint of a submitted self-assessment. */
export interface Submission {
  /** Content hash of the self-assessment entries at submission. */
  readonly hash: string;
  /** ISO 8601 time of submission. */
  readonly time: string;
}

export type Transition = "submit" | "startReview" | "finishReview" | "reopen";

const NEXT: Readonly<Record<Transition, { from: readonly ScorecardState[]; to: ScorecardState }>> = {
  submit: { from: ["填报中"], to: "已提交" },
  startReview: { from: ["已提交"], to: "复核中" },
  finishReview: { from: ["复核中"], to: "已复核" },
  // Reopening is the one way back; it must be explicit and is logged with who and why.
  reopen: { from: ["已提交", "复核中", "已复核"], to: "填报中" },
};

export const canTransition = (state: ScorecardState, t: Transition): boolean => NEXT[t].from.includes(state);

export function nextState(state: ScorecardState, t: Transition): ScorecardState {
  if (!canTransition(state, t)) throw new Error(`Cannot ${t} a scorecard in state ${state}`);
  return NEXT[t].to;
}

/** States in which the self-assessment column is locked and guarded by its hash. */
export const selfLocked = (state: ScorecardState): boolean => state !== "填报中";
/** The review column is locked once the review is finished. */
export const reviewLocked = (state: ScorecardState): boolean => state === "已复核";

/**
 * Two 32-bit FNV-1a passes (different offset bases) over the self-assessment entries in a canonical order.
 * A change detector for edits made after submission, inside or outside the add-in — not a signature: anyone
 * may recompute it. Plain 32-bit arithmetic keeps it valid in the ES5 entry bundle.
 */
export function entriesHash(ids: readonly string[], self: Readonly<Record<string, PlanValue>>): string {
  const canonical = ids.map((id) => `${id}=${canonicalValue(self[id])}`).join("\u001f");
  const bytes = new TextEncoder().encode(canonical);
  const pass = (basis: number): string => {
    let h = basis;
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    return (h >>> 0).toString(16).padStart(8, "0");
  };
  return `fnv1a:${pass(0x811c9dc5)}${pass(0x050c5d1f)}`;
}

function canonicalValue(v: PlanValue | undefined): string {
  if (v === null || v === undefined || v === "") return "";
  return `${typeof v}:${String(v)}`;
}
