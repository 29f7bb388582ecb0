import type { Lang } from "../../i18n/types";
import { format, type Strings } from "../../i18n/strings";
import type { Rubric } from "../../rubric";
import type { ColumnScore } from "../../scoring";
import {
  COL,
  addr,
  evidenceFindings,
  isIntegrity,
  type ReadScorecard,
  type ScoreColumnName,
} from "../../sheet";
import { groupOf, type ProblemGroup } from "../shared/groups";
import type { Refused } from "../shared/session";

export type ProblemKind = "invalid" | "integrity" | "empty" | "evidence" | "shortfall";

export interface Problem {
  readonly key: string;
  readonly kind: ProblemKind;
  readonly group: ProblemGroup;
  readonly severity: "error" | "warning";
  /** A1 address on the scorecard sheet. */
  readonly cell: string;
  readonly text: string;
  /** Points lost, for shortfalls. */
  readonly lost?: number;
  /** The entry the problem is about (an item, 同一事项 or a veto condition), when it is one. */
  readonly item?: string;
  readonly column: ScoreColumnName;
}

/** How much of an item's 创建标准 a shortfall row shows, so the list reads without opening the item. */
const STANDARD_SHOWN = 28;
const standardStart = (text: string): string =>
  text.length > STANDARD_SHOWN ? `${text.slice(0, STANDARD_SHOWN)}…` : text;

/** The filter's choices in sheet order, with their names in the pane's language. */
export function problemGroups(rubric: Rubric, lang: Lang, s: Strings): { id: ProblemGroup; name: string }[] {
  return [
    ...rubric.categories.map((c) => ({ id: c.id, name: lang === "en" ? c.nameEn : c.name })),
    { id: "bonus", name: lang === "en" ? rubric.bonus.nameEn : rubric.bonus.name },
    { id: "veto", name: lang === "en" ? rubric.veto.nameEn : rubric.veto.name },
    { id: "sheet", name: s.categorySheet },
  ];
}

/**
 * Everything to fix or look at in one score column, what matters first: refused inputs and invalid entries,
 * integrity findings (errors first), empty items, shortfalls with the most points lost first, then the
 * reminders: scored items without evidence.
 */
export function problemsOf(
  read: ReadScorecard,
  score: ColumnScore,
  column: ScoreColumnName,
  lang: Lang,
  s: Strings,
  refused: ReadonlyMap<string, Refused> = new Map(),
): Problem[] {
  const { rubric } = read;
  const col = column === "self" ? COL.self : COL.review;
  const cellOf = (id: string): string =>
    addr(col, read.entryRows.get(id) ?? read.layout.entryRows.get(id) ?? 0);
  const problems: Problem[] = [];
  // What was typed and refused comes first: it is in no cell, so nothing else would show it.
  for (const [id, r] of refused)
    problems.push({
      key: `refused:${column}:${id}`,
      kind: "invalid",
      group: groupOf(rubric, id),
      severity: "error",
      cell: cellOf(id),
      item: id,
      column,
      text: format(s.refusedProblem, { message: r.judgement.message[lang] }),
    });
  for (const { id, judgement } of score.invalid) {
    problems.push({
      key: `invalid:${column}:${id}`,
      kind: "invalid",
      group: groupOf(rubric, id),
      severity: "error",
      cell: cellOf(id),
      item: id,
      column,
      text: judgement.message[lang],
    });
  }
  const integrity = read.findings.filter(isIntegrity);
  [
    ...integrity.filter((f) => f.severity === "error"),
    ...integrity.filter((f) => f.severity !== "error"),
  ].forEach((f, i) =>
    problems.push({
      key: `integrity:${i}:${f.code}:${f.cell}`,
      kind: "integrity",
      group: groupOf(rubric, f.item),
      severity: f.severity,
      cell: f.cell,
      ...(rubric.itemById.has(f.item) ? { item: f.item } : {}),
      column,
      text: f.message[lang],
    }),
  );
  for (const id of score.empty) {
    if (refused.has(id)) continue;
    const item = rubric.itemById.get(id);
    problems.push({
      key: `empty:${column}:${id}`,
      kind: "empty",
      group: groupOf(rubric, id),
      severity: "warning",
      cell: cellOf(id),
      item: id,
      column,
      text: format(s.emptyItem, { no: id, max: item?.max ?? "" }),
    });
  }
  for (const f of score.shortfalls) {
    problems.push({
      key: `shortfall:${column}:${f.id}`,
      kind: "shortfall",
      group: f.categoryId,
      severity: "warning",
      cell: cellOf(f.id),
      item: f.id,
      column,
      text: format(s.shortfallStandard, {
        text: format(s.shortfallItem, { no: f.id, lost: f.lost, score: f.score, max: f.max }),
        standard: standardStart(rubric.itemById.get(f.id)?.text ?? ""),
      }),
      lost: f.lost,
    });
  }
  for (const f of evidenceFindings(read)) {
    problems.push({
      key: `evidence:${f.item}`,
      kind: "evidence",
      group: groupOf(rubric, f.item),
      severity: f.severity,
      cell: f.cell,
      item: f.item,
      column,
      text: format(s.evidenceItem, {
        no: f.item,
        standard: standardStart(rubric.itemById.get(f.item)?.text ?? ""),
      }),
    });
  }
  return problems;
}
