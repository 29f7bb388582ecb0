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
} as const;

/** Subtotal label of a category, e.g. 思想政治教育小计. */
export const subtotalLabel = (categoryName: string): string => `${categoryName}小计`;

/** Key in 序号 of the row recording that 71 and 72 cite the same matter. */
export const SAME_MATTER_KEY = "同一事项";

export const META_LABELS = { station: "服务站", year: "年度", edition: "标准版本", state: "状态" } as const;

export const VERDICT_TEXT = { pass: "达标", fail: "未达标", veto: "否决", incomplete: "未完成" } as const;

export const VETO_HEADING = "一票否决";

export const SIGNATURE_LABELS = { filler: "填报人", reviewer: "审核人", date: "日期" } as const;
export type SignatureKey = keyof typeof SIGNATURE_LABELS;

/** Where the signature line sits: label in `labelCol` (zero-based), the space to write in up to `lastCol`. */
export const SIGNATURE_CELLS: readonly { key: SignatureKey; labelCol: number; lastCol: number }[] = [
  { key: "filler", labelCol: 0, lastCol: 2 },
  { key: "reviewer", labelCol: 3, lastCol: 6 },
  { key: "date", labelCol: 7, lastCol: 8 },
];

/** Marks a draft export, on the sheet and in the file name. */
export const DRAFT_MARK = "草稿";
