import { validValue } from "../scoring";
import { findingMessage } from "./findingMessages";
import type { Finding } from "./findings";
import { COL, SCORE_COLUMNS, addr } from "./layout";
import type { ReadScorecard } from "./reader";

/**
 * Evidence completeness (“及时准确提供相关数据和佐证材料”): every item 1–74 that either column scores above 0
 * needs its 佐证材料 cell filled. A zero or an empty score asks for none, so an item is 应填 exactly when it
 * earns points somewhere.
 */
export interface EvidenceStatus {
  /** Items scored above 0 (应填). */
  readonly required: number;
  /** Of those, items whose 佐证材料 is filled (已填). */
  readonly filled: number;
  /** Required items without evidence, in row order. */
  readonly missing: readonly string[];
}

type EvidenceInput = Pick<ReadScorecard, "rubric" | "scores" | "entries">;

const hasText = (s: string | undefined): boolean => s !== undefined && s.trim() !== "";

export function evidenceStatus(read: EvidenceInput): EvidenceStatus {
  const required = read.rubric.items.filter((item) =>
    SCORE_COLUMNS.some((c) => validValue(read.scores[c].judgements[item.id] ?? { status: "empty" }) > 0),
  );
  const missing = required.filter((item) => !hasText(read.entries.evidence[item.id])).map((i) => i.id);
  return { required: required.length, filled: required.length - missing.length, missing };
}

/** One `no-evidence` warning per scored item without evidence, pinned to its 佐证材料 cell. */
export function evidenceFindings(read: EvidenceInput & Pick<ReadScorecard, "entryRows">): Finding[] {
  return evidenceStatus(read).missing.map((item) => {
    const cell = addr(COL.evidence, read.entryRows.get(item) ?? 0);
    return {
      item,
      cell,
      severity: "warning",
      code: "no-evidence",
      message: findingMessage("no-evidence", { item, cell }),
    };
  });
}
