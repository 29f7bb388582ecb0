import { entriesHash } from "../../src/review/submission";
import type { Rubric } from "../../src/rubric";
import {
  buildPlan,
  layoutFor,
  planToGrid,
  readScorecard,
  type PlanOptions,
  type ReadScorecard,
  type SheetPlan,
} from "../../src/sheet";

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

/** Three 2020 cards, one per bar colour: the first passes, the second fails (both submitted), the third is 填报中. */
export function threeVerdictReads(
  rubric: Rubric,
  stations: readonly string[] = ["巴川街道", "东城街道", "土桥镇"],
): ReadScorecard[] {
  return stations.map((station, i) =>
    readScorecard(
      planToGrid(
        submittedPlan({
          rubric,
          station,
          year: 2020,
          state: i === 2 ? "填报中" : "已提交",
          entries: {
            self: Object.fromEntries(rubric.baseItems.map((item) => [item.id, i === 1 ? 0 : item.max])),
            review: {},
            evidence: {},
            notes: {},
          },
        }),
      ),
    ),
  );
}
