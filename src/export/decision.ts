import type { Lang, Message } from "../i18n/types";
import { scoreColumn } from "../scoring";
import {
  COL,
  META_COL,
  META_LABELS,
  addr,
  type CheckIssue,
  type Finding,
  type FindingCode,
  type ReadScorecard,
  type ScoreColumnName,
} from "../sheet";

/**
 * Why something stands in the way of (or is worth noting about) an export:
 * - "invalid-entry": a score cell that cannot be counted;
 * - "integrity": the sheet itself was altered (rows, texts, formulas, guards, metadata);
 * - "unscored": an item 1–70 with no self-assessment score yet (only blocks a non-draft export);
 * - "not-submitted": the scorecard is still 填报中 (only blocks a non-draft export: the 上报 copy is the one a
 *   station submitted, so it is made from a submitted or reviewed scorecard).
 */
export type ExportProblemKind = "invalid-entry" | "integrity" | "unscored" | "not-submitted";

/** A problem pinned to a cell, with its text in both languages (pick one with `issueOf`). */
export interface ExportProblem {
  readonly kind: ExportProblemKind;
  readonly code: FindingCode | "unscored" | "not-submitted";
  /** Entry id ("1"…"74", "75.1"…, "same"), a summary label, or "sheet". */
  readonly item: string;
  readonly column?: ScoreColumnName;
  /** A1 address on the source sheet. */
  readonly cell: string;
  readonly severity: "error" | "warning";
  readonly message: Message;
}

export interface ExportDecisionOptions {
  /**
   * The user asked for a draft: an incomplete self-assessment, or one not yet submitted, no longer blocks, and
   * the copy is marked 草稿.
   */
  readonly draft?: boolean;
  /** Findings that only show across the workbook (workbookFindings), e.g. two scorecards for one station. */
  readonly extra?: readonly Finding[];
}

export type ExportDecision =
  | {
      readonly ok: true;
      /** Mark the copy 草稿 (in the title and the file name): true exactly when the user asked for a draft. */
      readonly draft: boolean;
      /** Items 1–70 of the self-assessment are not all validly scored. */
      readonly incomplete: boolean;
      /** Findings that do not block, to report beside the export (e.g. a score cell holding a formula). */
      readonly warnings: readonly ExportProblem[];
    }
  | {
      readonly ok: false;
      /**
       * "problems" when anything a draft would not lift blocks; else "not-submitted" when the scorecard is still
       * 填报中; else "incomplete" (only unscored items block).
       */
      readonly reason: "problems" | "not-submitted" | "incomplete";
      /** Blocking problems: errors first, in the reader's order, then 填报中, then unscored items in sheet order. */
      readonly problems: readonly ExportProblem[];
      readonly warnings: readonly ExportProblem[];
    };

/**
 * Findings that block an export: every error, and missing metadata (station, year, edition), because the
 * compliant copy must state them in its title. Other warnings (a score cell holding a formula: its value is
 * exported) are reported, not blocking.
 */
export const blocksExport = (f: Finding): boolean => f.severity === "error" || f.code === "meta-missing";

const fromFinding = (f: Finding): ExportProblem => ({
  kind: f.code === "invalid-entry" ? "invalid-entry" : "integrity",
  code: f.code,
  item: f.item,
  ...(f.column ? { column: f.column } : {}),
  cell: f.cell,
  severity: blocksExport(f) ? "error" : f.severity,
  message: f.message,
});

const unscored = (id: string, cell: string): ExportProblem => ({
  kind: "unscored",
  code: "unscored",
  item: id,
  column: "self",
  cell,
  severity: "error",
  message: {
    zh: `第${id}项尚未填写自评得分（${cell}）`,
    en: `Item ${id}: no self-assessment score yet (${cell})`,
  },
});

const notSubmitted = (cell: string): ExportProblem => ({
  kind: "not-submitted",
  code: "not-submitted",
  item: "sheet",
  cell,
  severity: "error",
  message: {
    zh: `${META_LABELS.state}为“填报中”，尚未提交：上报稿只能由已提交或已复核的评分表导出（${cell}）`,
    en: `Not yet submitted (still being filled in): the copy to report is made only from a submitted or reviewed scorecard (${cell})`,
  },
});

/**
 * Whether a scorecard may be exported as a compliant (上报) copy. Refused while it has invalid entries or
 * integrity errors (a draft does not change that); while it is still 填报中, and while items 1–70 of the
 * self-assessment are not all validly scored, unless the user asks for a draft. Pure: the CLI and the task pane
 * share it.
 */
export function exportDecision(read: ReadScorecard, options: ExportDecisionOptions = {}): ExportDecision {
  const draft = options.draft === true;
  const findings = [...read.findings, ...(options.extra ?? [])];
  const errors = findings.filter(blocksExport).map(fromFinding);
  const warnings = findings.filter((f) => !blocksExport(f)).map(fromFinding);
  const self = scoreColumn(read.rubric, read.entries.self);
  const incomplete = self.missing.length > 0;
  const cellOf = (id: string): string =>
    addr(COL.self, read.entryRows.get(id) ?? read.layout.entryRows.get(id) ?? 0);
  // Invalid entries are errors already; every other item still missing is listed as unscored.
  const listed = new Set(
    findings.filter((f) => f.code === "invalid-entry" && f.column === "self").map((f) => f.item),
  );
  const missing =
    incomplete && !draft
      ? self.missing.filter((id) => !listed.has(id)).map((id) => unscored(id, cellOf(id)))
      : [];
  const filling =
    read.meta.state === "填报中" && !draft ? [notSubmitted(addr(META_COL.state, read.layout.metaRow))] : [];
  const liftable = [...filling, ...missing];
  if (errors.length > 0)
    return { ok: false, reason: "problems", problems: [...errors, ...liftable], warnings };
  if (filling.length > 0) return { ok: false, reason: "not-submitted", problems: liftable, warnings };
  if (missing.length > 0) return { ok: false, reason: "incomplete", problems: missing, warnings };
  return { ok: true, draft, incomplete, warnings };
}

/** A problem as `scorecard check --json` shows issues, in one language. */
export const issueOf = (p: ExportProblem, lang: Lang): CheckIssue => ({
  item: p.item,
  ...(p.column ? { column: p.column } : {}),
  cell: p.cell,
  severity: p.severity,
  message: p.message[lang],
});
