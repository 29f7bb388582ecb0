import type { RollupVerdict } from "./model";

/**
 * Bar colours of the 汇总 chart by 认定结论 (hex, no '#'): green passes, amber fails, red vetoes, blue-grey for
 * a scorecard not yet complete and light grey for one not submitted, so that a vetoed 95 never looks like a pass.
 */
export const VERDICT_COLOURS: Readonly<Record<RollupVerdict, string>> = {
  pass: "70AD47",
  fail: "FFC000",
  veto: "C00000",
  incomplete: "8497B0",
  unsubmitted: "BFBFBF",
};
