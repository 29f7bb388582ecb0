import { SAME_MATTER_ID } from "../scoring";
import type { Rubric } from "../rubric";
import { oncePer } from "../memo";
import { SIGNATURE_CELLS, SIGNATURE_ROWS, SUMMARY } from "./labels";

/** Zero-based column indexes of the scorecard. A–I are visible; J and K are hidden helper columns. */
export const COL = {
  category: 0,
  task: 1,
  key: 2,
  text: 3,
  max: 4,
  self: 5,
  review: 6,
  evidence: 7,
  notes: 8,
  selfHelper: 9,
  reviewHelper: 10,
} as const;
export const COLUMN_COUNT = 11;

/** Zero-based columns of the metadata values in the metadata row (each label sits just left of its value). */
export const META_COL = { station: 1, year: 3, edition: 5, state: 8 } as const;
export const VISIBLE_COLUMN_COUNT = 9;

export type ScoreColumnName = "self" | "review";
export const SCORE_COLUMNS: readonly ScoreColumnName[] = ["self", "review"];
export const helperOf = (column: ScoreColumnName): number =>
  column === "self" ? COL.selfHelper : COL.reviewHelper;

export const letter = (col: number): string => String.fromCharCode(65 + col);
/** A1 address from a zero-based column and a one-based row. */
export const addr = (col: number, row: number): string => `${letter(col)}${row}`;
export const rangeAddr = (c1: number, r1: number, c2: number, r2: number): string =>
  c1 === c2 && r1 === r2 ? addr(c1, r1) : `${addr(c1, r1)}:${addr(c2, r2)}`;

export type SummaryKey = keyof typeof SUMMARY;
export const SUMMARY_ORDER: readonly SummaryKey[] = [
  "base",
  "bonus",
  "total",
  "needed",
  "unscored",
  "verdict",
  "vetoReasons",
];

/** Where every row of a scorecard sits (one-based row numbers), derived from the rubric alone. */
export interface Layout {
  readonly titleRow: number;
  readonly metaRow: number;
  readonly headerRow: number;
  readonly firstItemRow: number;
  /** Entry id ("1"…"74", "same", "75.1"…) → row. */
  readonly entryRows: ReadonlyMap<string, number>;
  /** Entry ids in row order. */
  readonly entryIds: readonly string[];
  readonly lastBaseRow: number;
  readonly sameMatterRow: number;
  readonly vetoRows: readonly number[];
  readonly subtotalRows: ReadonlyMap<string, number>;
  readonly summaryRows: Readonly<Record<SummaryKey, number>>;
  /** 填报人 / 审核人 / 日期 line under the summary, for the signed paper copy. */
  readonly signatureRow: number;
  /** The signature block's rows in SIGNATURE_ROWS order (signatureRow among them), after a spacer row. */
  readonly signatureRows: readonly number[];
  readonly lastRow: number;
}

/** The layout of a rubric's scorecard, worked out once per rubric (the reader asks for it for every sheet). */
export const layoutFor = oncePer(function computeLayout(rubric: Rubric): Layout {
  const titleRow = 1;
  const metaRow = 2;
  const headerRow = 3;
  const firstItemRow = 4;
  const entryIds = [
    ...rubric.items.map((i) => i.id),
    SAME_MATTER_ID,
    ...rubric.veto.conditions.map((c) => c.key),
  ];
  const entryRows = new Map(entryIds.map((id, index) => [id, firstItemRow + index]));
  let row = firstItemRow + entryIds.length;
  const subtotalRows = new Map(rubric.categories.map((c) => [c.id, row++]));
  const summaryRows = Object.fromEntries(SUMMARY_ORDER.map((k) => [k, row++])) as Record<SummaryKey, number>;
  const signatureRows = SIGNATURE_ROWS.map((_, i) => row + 1 + i);
  const signatureRow = signatureRows[SIGNATURE_ROWS.indexOf(SIGNATURE_CELLS)];
  row = signatureRows[signatureRows.length - 1] + 1;
  const lastBaseItem = rubric.baseItems[rubric.baseItems.length - 1];
  return {
    titleRow,
    metaRow,
    headerRow,
    firstItemRow,
    entryRows,
    entryIds,
    lastBaseRow: entryRows.get(lastBaseItem.id) ?? firstItemRow,
    sameMatterRow: entryRows.get(SAME_MATTER_ID) ?? firstItemRow,
    vetoRows: rubric.veto.conditions.map((c) => entryRows.get(c.key) ?? firstItemRow),
    subtotalRows,
    summaryRows,
    signatureRow,
    signatureRows,
    lastRow: row - 1,
  };
});

export function rowOf(layout: Layout, id: string): number {
  const row = layout.entryRows.get(id);
  if (row === undefined) throw new Error(`No row for entry ${id}`);
  return row;
}
