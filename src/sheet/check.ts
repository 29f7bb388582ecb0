import type { Lang } from "../i18n/types";
import { compareColumns, type ColumnScore, type Verdict } from "../scoring";
import { evidenceFindings } from "./evidence";
import { findingMessage } from "./findingMessages";
import type { Finding, FindingCode } from "./findings";
import { COL, addr, type ScoreColumnName } from "./layout";
import type { ReadScorecard } from "./reader";
import type { ScorecardState } from "./types";

/** The JSON shape of `scorecard check --json`, one per scorecard. A contract for reviewers' scripts. */
export interface ColumnSummary {
  readonly base: number;
  readonly bonus: number;
  readonly total: number;
  readonly vetoed: boolean;
  /** The veto conditions answered 是 ("75.2"…): why the verdict is 否决. Additive to the JSON contract. */
  readonly vetoItems: readonly string[];
  readonly verdict: Verdict;
  readonly missing: readonly string[];
}

export interface CheckIssue {
  readonly item: string;
  readonly column?: ScoreColumnName;
  readonly cell: string;
  readonly severity: "error" | "warning";
  /** The finding's kind, e.g. "invalid-entry", "no-evidence" (see FindingCode); always set by check. */
  readonly code?: FindingCode;
  readonly message: string;
}

export interface ScorecardCheck {
  readonly sheet: string;
  readonly station: string;
  readonly year: number;
  readonly edition: string;
  /** 状态 as read (填报中 / 已提交 / 复核中 / 已复核). Additive to the JSON contract. */
  readonly state: ScorecardState;
  readonly self: ColumnSummary;
  readonly review: ColumnSummary;
  readonly issues: readonly CheckIssue[];
  readonly shortfalls: readonly {
    item: string;
    column: ScoreColumnName;
    cell: string;
    max: number;
    score: number;
    lost: number;
  }[];
  readonly differences: readonly {
    item: string;
    cell: string;
    self: number | string;
    review: number | string;
    delta: number | null;
  }[];
}

const summary = (s: ColumnScore): ColumnSummary => ({
  base: s.base,
  bonus: s.bonus,
  total: s.total,
  vetoed: s.vetoed,
  vetoItems: s.vetoConditions,
  verdict: s.verdict,
  missing: s.missing,
});

/** Findings that only show across scorecards: two scorecards for the same station (and year). */
export function workbookFindings(reads: readonly ReadScorecard[]): Map<ReadScorecard, Finding[]> {
  const byStation = new Map<string, ReadScorecard[]>();
  for (const r of reads) {
    const key = `${r.meta.station}\u0000${r.meta.year}`;
    byStation.set(key, [...(byStation.get(key) ?? []), r]);
  }
  const out = new Map<ReadScorecard, Finding[]>();
  for (const group of byStation.values()) {
    if (group.length < 2) continue;
    const sheets = group.map((g) => g.sheet).join("、");
    for (const r of group) {
      const cell = addr(1, r.layout.metaRow);
      out.set(r, [
        {
          item: "sheet",
          cell,
          severity: "error",
          code: "duplicate-station",
          message: findingMessage("duplicate-station", {
            item: "sheet",
            cell,
            station: r.meta.station,
            sheets,
          }),
        },
      ]);
    }
  }
  return out;
}

/**
 * Every finding about one scorecard, in the order reports list them: the reader's (the file and its entries),
 * those only the workbook shows (`extra`, from workbookFindings), then missing evidence. The one list behind
 * `scorecard check`, the pane's 检查整个工作簿 and the 审核结果 sheet, so that they never disagree.
 */
export function scorecardFindings(read: ReadScorecard, extra: readonly Finding[] = []): Finding[] {
  return [...read.findings, ...extra, ...evidenceFindings(read)];
}

/** Findings as the report lists them, in one language; a loop, as scoreColumn's (see src/scoring/score.ts). */
function issuesOf(findings: readonly Finding[], lang: Lang): CheckIssue[] {
  const out: CheckIssue[] = [];
  for (const f of findings)
    out.push({
      item: f.item,
      ...(f.column ? { column: f.column } : {}),
      cell: f.cell,
      severity: f.severity,
      code: f.code,
      message: f.message[lang],
    });
  return out;
}

export function checkScorecard(
  read: ReadScorecard,
  lang: Lang,
  extra: readonly Finding[] = [],
): ScorecardCheck {
  const scored = { ...read.scores, differences: compareColumns(read.scores.self, read.scores.review) };
  const cellOf = (id: string, column: ScoreColumnName): string =>
    addr(column === "self" ? COL.self : COL.review, read.entryRows.get(id) ?? 0);
  const shortfalls = (["self", "review"] as const).flatMap((column) =>
    scored[column].shortfalls.map((s) => ({
      item: s.id,
      column,
      cell: cellOf(s.id, column),
      max: s.max,
      score: s.score,
      lost: s.lost,
    })),
  );
  return {
    sheet: read.sheet,
    station: read.meta.station,
    year: read.meta.year,
    edition: read.meta.edition,
    state: read.meta.state,
    self: summary(scored.self),
    review: summary(scored.review),
    issues: issuesOf(scorecardFindings(read, extra), lang),
    shortfalls,
    differences: scored.differences.map((d) => ({
      item: d.id,
      cell: cellOf(d.id, "review"),
      self: d.self,
      review: d.review,
      delta: d.delta,
    })),
  };
}

/** Exit status of a check: 1 when any entry is invalid or any integrity finding is an error. */
export const hasErrors = (checks: readonly ScorecardCheck[]): boolean =>
  checks.some((c) => c.issues.some((i) => i.severity === "error"));
