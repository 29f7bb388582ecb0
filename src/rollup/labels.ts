/**
 * Texts of the 汇总 and 创建名单 sheets and of the 创建名单 CSV. Reviewers' scripts locate cells by them: they are
 * an interoperability contract, like the scorecard's own labels in ../sheet/labels. Change none of them.
 */

export const ROLLUP_SHEET = "汇总";
export const LIST_SHEET = "创建名单";

/** Header row of the 汇总 table, columns A–N (状态 and 否决原因 were added after the first twelve). */
export const ROLLUP_HEADERS = [
  "序号",
  "服务站",
  "工作表",
  "自评总分",
  "复核总分",
  "自评结论",
  "复核结论",
  "认定总分",
  "认定结论",
  "认定依据",
  "达标线",
  "缺佐证项数",
  "状态",
  "否决原因",
] as const;

/** The 汇总 columns of the first drawings: a sheet whose header starts so is the add-in's own. */
export const ROLLUP_FIRST_HEADERS = ROLLUP_HEADERS.slice(0, 12);

/** Header row of the 创建名单, in the sheet and in the CSV. */
export const LIST_HEADERS = ["序号", "服务站", "总分", "结论"] as const;

/** Columns the 创建名单 CSV adds after LIST_HEADERS. */
export const LIST_CSV_EXTRA_HEADERS = ["认定依据", "状态", "标准"] as const;

/** 认定结论 of a station without a validly submitted scorecard: none came, or the one that came is not submitted. */
export const MISSING_TEXT = "未提交";

/** 状态 in the 汇总: the scorecard's own 状态 when its submission holds, else why it does not count. */
export const STATUS_TEXT = {
  missing: "未收到",
  draft: "填报中",
  submitted: "已提交",
  reviewing: "复核中",
  reviewed: "已复核",
  edited: "提交后被修改",
  unrecorded: "无提交记录",
} as const;

/** 认定依据: which column the counted verdict comes from. */
export const BASIS_TEXT = { self: "自评", review: "复核" } as const;

/** Labels of the totals under the 汇总 table (column A), their values in column D. */
export const TOTAL_LABELS = {
  stations: "服务站总数",
  received: "收到数",
  submitted: "已提交数",
  reviewed: "已复核数",
  missing: "未收到数",
  passed: "达标数",
  fail: "未达标数",
  veto: "否决数",
  incomplete: "未完成数",
  unsubmitted: "未提交数",
  rate: "达标率",
  targetRate: "目标比例",
  target: "目标数",
  needed: "还需达标数",
  reached: "目标完成情况",
} as const;

/** Which scorecards are judged at all, as printed under the 汇总 table. */
export const SUBMITTED_RULE =
  "收到不等于提交：只有状态为已提交、复核中或已复核且提交记录（自评内容哈希）有效的评分表参与认定；仍在“填报中”、提交后被修改或无提交记录的评分表，认定结论为“未提交”，不计为达标，也不列入创建名单。状态为生成本表时的状态。";

export const REACHED_TEXT = { yes: "已达到目标", no: "未达到目标" } as const;

/** The rule for the counted verdict, as printed under the 汇总 table. */
export const COUNTED_RULE =
  "认定规则：复核结论为达标、未达标或否决时以复核为准（认定依据为“复核”）；复核未完成时以自评为准（认定依据为“自评”）。";

export const SAMPLE_SHEET = "抽查名单";

/** Header row of the 抽查名单, in the sheet and in the CSV. */
export const SAMPLE_HEADERS = [
  "序号",
  "服务站",
  "工作表",
  "自评总分",
  "复核总分",
  "自评结论",
  "复核结论",
  "认定结论",
] as const;

/** Header of the inputs table under the 抽查名单. */
export const SAMPLE_INPUT_HEADERS = ["输入", "内容哈希"] as const;

export const YEARS_SHEET = "历年对比";

/** Column headers of the 历年对比 table: 序号, 服务站, then per year these, 较上年 from the second year on. */
export const YEARS_HEADERS = {
  fixed: ["序号", "服务站"],
  perYear: (year: number): string[] => [`${year}自评总分`, `${year}复核总分`, `${year}认定结论`],
  change: (year: number): string => `${year}较上年`,
} as const;

/** Header of the per-year totals under the 历年对比 table. */
export const YEARS_TOTAL_HEADERS = [
  "年度",
  "服务站总数",
  "达标数",
  "达标率",
  "目标数",
  "还需达标数",
  "目标完成情况",
] as const;

export const FALLS_TITLE = "下滑服务站（上年达标、本年未达标或否决）";
