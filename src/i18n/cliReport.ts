import type { FindingCode } from "../sheet/findings";
import type { ScorecardState } from "../sheet/types";
import type { Lang } from "./types";

/**
 * Texts of `scorecard check`'s readable report beyond the per-file lines of ./cli: the state, veto items,
 * grouped warnings and the closing summary. Chinese first.
 */
const zh = {
  state: "状态",
  states: { 填报中: "填报中", 已提交: "已提交", 复核中: "复核中", 已复核: "已复核" } satisfies Record<
    ScorecardState,
    string
  >,
  vetoedBy: (items: string) => `否决：${items}`,
  reviewNotStarted: "尚未开始",
  unscored: (n: number, items: string) => `未评分 ${n} 项：${items}`,
  /** Item numbers as a list, runs shortened: 第1–12、15项. */
  items: (list: string) => `第${list}项`,
  itemSeparator: "、",
  issueCounts: (errors: number, warnings: number) => `问题：错误 ${errors} 处，警告 ${warnings} 处`,
  grouped: (label: string, n: number, where: string) => `${label} ${n} 项：${where}`,
  detailsHint: "（--details 逐项列出）",
  /** Short names of the kinds of finding, for grouped warnings and the closing totals. */
  kinds: {
    "invalid-entry": "无效填写",
    "entry-formula": "得分含公式",
    "text-changed": "标准文字被改",
    "max-changed": "分值被改",
    "row-missing": "行缺失",
    "row-duplicated": "行重复",
    "row-moved": "行被移动",
    "row-inserted": "插入的行",
    "formula-overwritten": "公式被覆盖",
    "formula-changed": "公式被改",
    "meta-missing": "缺少表头信息",
    "unknown-edition": "未知标准版本",
    "validation-removed": "数据验证被去掉",
    "protection-removed": "保护被去掉",
    "duplicate-station": "同一服务站多张表",
    "edited-after-submit": "提交后被修改",
    "no-evidence": "缺佐证材料",
  } satisfies Record<FindingCode, string>,
  summaryHeading: (n: number) => `逐表汇总（${n} 张评分表，有错误的在前）：`,
  summaryLine: (p: {
    station: string;
    /** The file, and the sheet when the file holds several scorecards. */
    where: string;
    state: string;
    self: string;
    review: string;
    verdict: string;
    errors: number;
    warnings: number;
  }) =>
    `${p.station}（${p.where}）  ${p.state}  自评 ${p.self}  复核 ${p.review}  结论 ${p.verdict}  错误 ${p.errors}  警告 ${p.warnings}`,
  noReview: "—",
  totalLine: (p: { files: number; unreadable: number; withErrors: number; kinds: string }) =>
    `${p.files} 个文件：` +
    (p.unreadable > 0 ? `${p.unreadable} 个无法读取，` : "") +
    (p.withErrors > 0 ? `${p.withErrors} 个有错误` : "均无错误") +
    (p.kinds ? `；${p.kinds}` : ""),
  kindCount: (label: string, n: number) => `${label} ${n} 处`,
  kindSeparator: "，",
  whereSeparator: "，",
};

const en: typeof zh = {
  state: "State",
  states: { 填报中: "being filled in", 已提交: "submitted", 复核中: "under review", 已复核: "reviewed" },
  vetoedBy: (items) => `vetoed: ${items}`,
  reviewNotStarted: "not started",
  unscored: (n, items) => `${n} not scored: ${items}`,
  items: (list) => `items ${list}`,
  itemSeparator: ", ",
  issueCounts: (errors, warnings) => `Problems: ${errors} error(s), ${warnings} warning(s)`,
  grouped: (label, n, where) => `${label}: ${n}, ${where}`,
  detailsHint: " (--details lists each)",
  kinds: {
    "invalid-entry": "invalid entries",
    "entry-formula": "formulas in score cells",
    "text-changed": "standard text changed",
    "max-changed": "maximum changed",
    "row-missing": "rows missing",
    "row-duplicated": "rows duplicated",
    "row-moved": "rows moved",
    "row-inserted": "rows inserted",
    "formula-overwritten": "formulas overwritten",
    "formula-changed": "formulas changed",
    "meta-missing": "heading details missing",
    "unknown-edition": "unknown edition",
    "validation-removed": "validation removed",
    "protection-removed": "protection removed",
    "duplicate-station": "several scorecards for a station",
    "edited-after-submit": "changed after submission",
    "no-evidence": "no evidence",
  },
  summaryHeading: (n) => `Per scorecard (${n}, those with errors first):`,
  summaryLine: (p) =>
    `${p.station} (${p.where})  ${p.state}  self ${p.self}  review ${p.review}  verdict ${p.verdict}  errors ${p.errors}  warnings ${p.warnings}`,
  noReview: "—",
  totalLine: (p) =>
    `${p.files} file(s): ` +
    (p.unreadable > 0 ? `${p.unreadable} unreadable, ` : "") +
    (p.withErrors > 0 ? `${p.withErrors} with errors` : "no errors") +
    (p.kinds ? `; ${p.kinds}` : ""),
  kindCount: (label, n) => `${label} ${n}`,
  kindSeparator: ", ",
  whereSeparator: ", ",
};

export const cliReportText = (lang: Lang): typeof zh => (lang === "en" ? en : zh);
