import type { Strings } from "../../i18n/strings";
import type { Blocker, Transition } from "../../review";
import type { ScorecardState } from "../../sheet";

export const ACTION_KEYS: Readonly<Record<Transition, keyof Strings>> = {
  submit: "actionSubmit",
  startReview: "actionStartReview",
  finishReview: "actionFinishReview",
  reopen: "actionReopen",
};

export const BLOCKER_KEYS: Readonly<Record<Blocker, keyof Strings>> = {
  state: "blockerState",
  "self-invalid": "blockerSelfInvalid",
  "self-empty": "blockerSelfEmpty",
  "review-invalid": "blockerReviewInvalid",
  "review-empty": "blockerReviewEmpty",
  integrity: "blockerIntegrity",
  operator: "blockerOperator",
  reason: "blockerReason",
};

/** The actions offered in each state, reopening last. */
export const ACTIONS_BY_STATE: Readonly<Record<ScorecardState, readonly Transition[]>> = {
  填报中: ["submit"],
  已提交: ["startReview", "reopen"],
  复核中: ["finishReview", "reopen"],
  已复核: ["reopen"],
};
