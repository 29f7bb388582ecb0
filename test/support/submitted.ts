import { entriesHash } from "../../src/review/submission";
import { buildPlan, layoutFor, type PlanOptions, type SheetPlan } from "../../src/sheet";

/** When fixtures were submitted: a fixed time, so that plans compare equal run to run. */
export const SUBMITTED_AT = "2020-11-01T08:00:00.000Z";

/**
 * A scorecard plan in the given 状态 with, past 填报中, the submission the pane's 提交 records (the hash of the
 * self-assessment and a time): the roll-up counts only such a submission.
 */
export function submittedPlan(options: PlanOptions): SheetPlan {
  const state = options.state ?? "填报中";
  if (state === "填报中" || options.submission) return buildPlan(options);
  const self = options.entries?.self ?? {};
  const hash = entriesHash(layoutFor(options.rubric).entryIds, self);
  return buildPlan({ ...options, submission: { hash, time: SUBMITTED_AT } });
}
