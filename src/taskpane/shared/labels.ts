import type { BadgeProps } from "@fluentui/react-components";
import type { Strings } from "../../i18n/strings";
import type { Verdict } from "../../scoring";
import type { ScorecardState } from "../../sheet";

/** Names and badge colours several tabs give the verdicts and the submission states. */

export const VERDICT_KEYS: Readonly<Record<Verdict, keyof Strings>> = {
  pass: "verdictPass",
  fail: "verdictFail",
  veto: "verdictVeto",
  incomplete: "verdictIncomplete",
};

export const VERDICT_COLORS: Readonly<Record<Verdict, BadgeProps["color"]>> = {
  pass: "success",
  fail: "warning",
  veto: "danger",
  incomplete: "informative",
};

/** Names of the submission states in the pane's language (the sheet itself always says 填报中 … 已复核). */
export const STATE_KEYS: Readonly<Record<ScorecardState, keyof Strings>> = {
  填报中: "stateFilling",
  已提交: "stateSubmitted",
  复核中: "stateReviewing",
  已复核: "stateReviewed",
};
