import type { Message } from "./types";

/** Why an entry cannot be counted. */
export type InvalidReason =
  | "over-max"
  | "negative"
  | "not-half-step"
  | "not-a-tier"
  | "not-all-or-nothing"
  | "number-as-text"
  | "not-a-number"
  | "not-yes-no"
  | "blank-text";

export interface InvalidDetail {
  readonly reason: InvalidReason;
  /** Item id as on the sheet: "12", "75.2", or "same" for the same-matter cell. */
  readonly id: string;
  /** What the cell holds, shown back to the user. */
  readonly raw: string;
  readonly max?: number;
  readonly allowed?: readonly number[];
}

const itemZh = (id: string): string => (id === "same" ? "“同一事项”单元格" : `第${id}项`);
const itemEn = (id: string): string => (id === "same" ? "the same-matter cell" : `Item ${id}`);

/** The one place entry errors are worded, in Chinese and English, always naming the item. */
export function invalidEntryMessage(d: InvalidDetail): Message {
  const zi = itemZh(d.id);
  const ei = itemEn(d.id);
  const allowed = (d.allowed ?? []).join(d.allowed && d.allowed.length > 2 ? "、" : "或");
  const allowedEn = (d.allowed ?? []).join(", ");
  switch (d.reason) {
    case "over-max":
      return {
        zh: `${zi}得分 ${d.raw} 超过该项分值 ${d.max}`,
        en: `${ei}: ${d.raw} exceeds the item's maximum of ${d.max}`,
      };
    case "negative":
      return { zh: `${zi}得分 ${d.raw} 不能为负数`, en: `${ei}: ${d.raw} is negative` };
    case "not-half-step":
      return { zh: `${zi}得分 ${d.raw} 须为 0.5 分的整数倍`, en: `${ei}: ${d.raw} is not a multiple of 0.5` };
    case "not-a-tier":
      return {
        zh: `${zi}只能填 ${allowed} 分，不能填 ${d.raw}`,
        en: `${ei}: only ${allowedEn} may be awarded, not ${d.raw}`,
      };
    case "not-all-or-nothing":
      return {
        zh: `${zi}只能填 ${allowed} 分，不能填 ${d.raw}`,
        en: `${ei}: only ${allowedEn} may be awarded, not ${d.raw}`,
      };
    case "number-as-text":
      return {
        zh: `${zi}的“${d.raw}”是文本格式的数字，合计不会计入；请删除后用半角数字重新输入`,
        en: `${ei}: "${d.raw}" is a number stored as text and is left out of totals; delete it and retype it as a plain number`,
      };
    case "not-a-number":
      return {
        zh: `${zi}的“${d.raw}”不是分数，请填写数字`,
        en: `${ei}: "${d.raw}" is not a score; enter a number`,
      };
    case "not-yes-no":
      return {
        zh: `${zi}只能填“是”或“否”，不能填“${d.raw}”`,
        en: `${ei}: enter 是 (yes) or 否 (no), not "${d.raw}"`,
      };
    case "blank-text":
      return { zh: `${zi}只含空格，请清空该单元格`, en: `${ei}: the cell holds only spaces; clear it` };
  }
}
