/*
 * Whether a transition may be made, apart from making it (./transitions): the pane asks on every render, which
 * needs neither the plan nor a port.
 */
import { scoreColumn } from "../scoring";
import { isIntegrity } from "../sheet/findings";
import type { ReadScorecard } from "../sheet/reader";
import { canTransition, type Transition } from "./submission";

/** Why a transition cannot be made now. */
export type Blocker =
  | "state"
  | "self-invalid"
  | "self-empty"
  | "review-invalid"
  | "review-empty"
  | "integrity"
  | "operator"
  | "reason";

/**
 * What stands in the way of a transition, from the scorecard as read: submitting needs a complete, valid
 * self-assessment and an intact sheet; finishing the review a complete, valid review column and an intact
 * sheet. Starting the review and reopening need only the right state.
 */
export function blockers(read: ReadScorecard, transition: Transition): Blocker[] {
  if (!canTransition(read.meta.state, transition)) return ["state"];
  const out: Blocker[] = [];
  const check = (column: "self" | "review"): void => {
    const score = scoreColumn(read.rubric, read.entries[column]);
    if (score.invalid.length > 0) out.push(column === "self" ? "self-invalid" : "review-invalid");
    if (score.empty.length > 0) out.push(column === "self" ? "self-empty" : "review-empty");
  };
  if (transition === "submit") check("self");
  if (transition === "finishReview") check("review");
  const integrityErrors = read.findings.some((f) => isIntegrity(f) && f.severity === "error");
  if ((transition === "submit" || transition === "finishReview") && integrityErrors) out.push("integrity");
  return out;
}

/** A transition refused for the reasons listed. */
export class TransitionRefusedError extends Error {
  constructor(
    readonly transition: Transition,
    readonly blockers: readonly Blocker[],
  ) {
    super(`Cannot ${transition}: ${blockers.join(", ")}`);
    this.name = "TransitionRefusedError";
  }
}
