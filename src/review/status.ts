import type { ReadScorecard } from "../sheet/reader";
import { entriesHash } from "./submission";

/**
 * Where a received scorecard stands, as a district counts it. Only a submission the file can prove counts:
 * 状态 past 填报中 *and* the recorded hash of the self-assessment still matching its entries. A 状态 typed by
 * hand (no hash) or a self-assessment changed after submission is received, but not submitted.
 */
export type ReceiptStatus =
  /** 填报中: still being filled in. */
  | "draft"
  | "submitted"
  | "reviewing"
  | "reviewed"
  /** 状态 says submitted, but the self-assessment no longer matches the recorded hash. */
  | "edited"
  /** 状态 says submitted, but no submission (hash and time) is recorded. */
  | "unrecorded";

const BY_STATE = { 已提交: "submitted", 复核中: "reviewing", 已复核: "reviewed" } as const;

export function receiptStatus(read: Pick<ReadScorecard, "meta" | "layout" | "entries">): ReceiptStatus {
  const { state, submission } = read.meta;
  if (state === "填报中") return "draft";
  if (!submission) return "unrecorded";
  if (entriesHash(read.layout.entryIds, read.entries.self) !== submission.hash) return "edited";
  return BY_STATE[state];
}

/** A submission that counts: submitted, under review or reviewed, with its hash intact. */
export const isSubmitted = (status: ReceiptStatus | "missing"): boolean =>
  status === "submitted" || status === "reviewing" || status === "reviewed";

/** The review column counts (and shows) once the review has started: 复核中 or 已复核, validly submitted. */
export const reviewStarted = (status: ReceiptStatus | "missing"): boolean =>
  status === "reviewing" || status === "reviewed";
