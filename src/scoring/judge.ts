import { invalidEntryMessage, type InvalidDetail, type InvalidReason } from "../i18n/entryMessages";
import type { Message } from "../i18n/types";
import { oncePer } from "../memo";
import type { Item } from "../rubric";

/** A cell value as any adapter reads it. */
export type CellValue = string | number | boolean | null | undefined;

export type Judgement =
  | { readonly status: "empty" }
  /** answer is set for 是/否 cells: value 1 means 是. */
  | { readonly status: "valid"; readonly value: number; readonly answer?: typeof YES | typeof NO }
  | {
      readonly status: "invalid";
      readonly reason: InvalidReason;
      readonly raw: string;
      readonly message: Message;
    };

export const YES = "是";
export const NO = "否";

const EMPTY: Judgement = { status: "empty" };
const isHalfStep = (v: number): boolean => Math.abs(v * 2 - Math.round(v * 2)) < 1e-9;

function invalid(detail: InvalidDetail): Judgement {
  return { status: "invalid", reason: detail.reason, raw: detail.raw, message: invalidEntryMessage(detail) };
}

/** Text that would read as a number once retyped: "2", " 1.5", full-width "２" from a Chinese IME. */
function looksNumeric(s: string): boolean {
  const ascii = s.normalize("NFKC").trim();
  return ascii !== "" && Number.isFinite(Number(ascii));
}

/** Turns a raw cell value into text for messages and returns "empty" for blank cells. */
function classify(
  value: CellValue,
): { kind: "empty" } | { kind: "number"; n: number } | { kind: "text"; s: string } {
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  if (typeof value === "number") return { kind: "number", n: value };
  return { kind: "text", s: String(value) };
}

function textProblem(id: string, s: string): Judgement {
  if (s.trim() === "") return invalid({ reason: "blank-text", id, raw: s });
  return invalid({ reason: looksNumeric(s) ? "number-as-text" : "not-a-number", id, raw: s });
}

/** The scores a tiered or all-or-nothing item admits, ascending, worked out once per item. */
const allowedPoints = oncePer((item: Item): readonly number[] =>
  item.award.kind === "tiers"
    ? [0, ...item.award.tiers.map((t) => t.points).sort((a, b) => a - b)]
    : [0, item.max],
);

/** Judges one score cell of items 1–74 against the item's award rule. */
export function judgeScore(item: Item, value: CellValue): Judgement {
  const c = classify(value);
  if (c.kind === "empty") return EMPTY;
  if (c.kind === "text") return textProblem(item.id, c.s);
  const v = c.n;
  const raw = String(v);
  const award = item.award;
  if (award.kind === "tiers") {
    const allowed = allowedPoints(item);
    return allowed.includes(v)
      ? { status: "valid", value: v }
      : invalid({ reason: "not-a-tier", id: item.id, raw, allowed });
  }
  if (award.kind === "all-or-nothing") {
    const allowed = allowedPoints(item);
    return allowed.includes(v)
      ? { status: "valid", value: v }
      : invalid({ reason: "not-all-or-nothing", id: item.id, raw, allowed });
  }
  if (v < 0) return invalid({ reason: "negative", id: item.id, raw });
  if (v > item.max) return invalid({ reason: "over-max", id: item.id, raw, max: item.max });
  if (!isHalfStep(v)) return invalid({ reason: "not-half-step", id: item.id, raw });
  return { status: "valid", value: v };
}

/** Judges a 是/否 cell (veto conditions, same matter). Valid value 1 means 是; an empty cell means 否. */
export function judgeYesNo(id: string, value: CellValue): Judgement {
  const c = classify(value);
  if (c.kind === "empty") return EMPTY;
  if (c.kind === "text" && c.s === YES) return { status: "valid", value: 1, answer: YES };
  if (c.kind === "text" && c.s === NO) return { status: "valid", value: 0, answer: NO };
  return invalid({ reason: "not-yes-no", id, raw: c.kind === "text" ? c.s : String(c.n) });
}

export const isYes = (j: Judgement): boolean => j.status === "valid" && j.value === 1;
export const validValue = (j: Judgement): number => (j.status === "valid" ? j.value : 0);
