/**
 * Texts that other tools and reviewers use to locate cells: header texts, row keys and summary labels.
 * They are an interoperability contract; change none of them.
 */
export const HEADERS = [
  "主要内容",
  "具体任务",
  "序号",
  "创建标准",
  "分值",
  "自评得分",
  "复核得分",
  "佐证材料",
  "备注",
] as const;

/** Hidden helper columns: the points each entry counts for, blank when the entry is empty or invalid. */
export const HELPER_HEADERS = ["自评计分（辅助列）", "复核计分（辅助列）"] as const;

export const SUMMARY = {
  base: "基础分",
  bonus: "加分",
  total: "总分",
  needed: "距达标还差",
  unscored: "未评分项数",
  verdict: "结论",
  /** Added after 结论 (files written before it lack the row): the veto items answered 是, in each column. */
  vetoReasons: "否决原因",
} as const;

/** Summary rows a file may lack: rows added to the contract later, which older files never had. */
export const OPTIONAL_SUMMARY: ReadonlySet<string> = new Set([SUMMARY.vetoReasons]);

/** Subtotal label of a category, e.g. 思想政治教育小计. */
export const subtotalLabel = (categoryName: string): string => `${categoryName}小计`;

/** Key in 序号 of the row recording that 71 and 72 cite the same matter. */
export const SAME_MATTER_KEY = "同一事项";

export const META_LABELS = { station: "服务站", year: "年度", edition: "标准版本", state: "状态" } as const;

export const VERDICT_TEXT = { pass: "达标", fail: "未达标", veto: "否决", incomplete: "未完成" } as const;

export const VETO_HEADING = "一票否决";

/**
 * The signature block of the official forms. 填报人 / 审核人 / 日期 are the original line (reviewers' tools find
 * those labels); the unit with its stamp, its head and a telephone number, and the review's unit, reviewer and
 * date were added around it.
 */
export const SIGNATURE_LABELS = {
  filler: "填报人",
  reviewer: "审核人",
  date: "日期",
  unit: "填报单位（盖章）",
  head: "单位负责人",
  phone: "联系电话",
  reviewUnit: "复核单位（盖章）",
  reviewPerson: "复核人",
  reviewDate: "日期",
} as const;
export type SignatureKey = keyof typeof SIGNATURE_LABELS;

/** One label and the space to write in after it: label over `labelCol`…`labelLast`, the space up to `lastCol`. */
export interface SignatureCell {
  readonly key: SignatureKey;
  readonly labelCol: number;
  readonly labelLast: number;
  readonly lastCol: number;
}

const sig = (key: SignatureKey, labelCol: number, lastCol: number, labelLast = labelCol): SignatureCell => ({
  key,
  labelCol,
  labelLast,
  lastCol,
});

/** The original 填报人 / 审核人 / 日期 line, label and space where they always were. */
export const SIGNATURE_CELLS: readonly SignatureCell[] = [
  sig("filler", 0, 2),
  sig("reviewer", 3, 6),
  sig("date", 7, 8),
];

/**
 * The block's rows, top to bottom: the filing unit (stamp), its head and telephone; the original line; the
 * review's unit (stamp), reviewer and date. Each row is found again by its first label in column A.
 */
export const SIGNATURE_ROWS: readonly (readonly SignatureCell[])[] = [
  [sig("unit", 0, 3, 2), sig("head", 4, 6, 5), sig("phone", 7, 8)],
  SIGNATURE_CELLS,
  [sig("reviewUnit", 0, 3, 2), sig("reviewPerson", 4, 6, 5), sig("reviewDate", 7, 8)],
];

/** Printed in an empty date space, to be written in by hand; read back as nothing written. */
export const DATE_BLANK = "　　年　月　日";
/** The keys whose space is a date. */
export const DATE_KEYS: ReadonlySet<SignatureKey> = new Set(["date", "reviewDate"]);

/** Marks a draft export, on the sheet and in the file name. */
export const DRAFT_MARK = "草稿";
