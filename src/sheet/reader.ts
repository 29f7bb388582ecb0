import { entriesHash, selfLocked } from "../review/submission";
import { oncePer } from "../memo";
import { getRubric, EDITIONS, DEFAULT_EDITION, type Rubric } from "../rubric";
import { SAME_MATTER_ID, scoreColumn, type ColumnScore } from "../scoring";
import { AreaIndex, linkAt } from "./areas";
import type { Finding } from "./findings";
import { findingMessage } from "./findingMessages";
import {
  helperFormula,
  legacyReviewFormulas,
  normalizeFormula,
  summaryFormulas,
  vetoTextFormula,
  type SummaryFormulas,
} from "./formulas";
import {
  DATE_BLANK,
  DATE_KEYS,
  HEADERS,
  META_LABELS,
  OPTIONAL_SUMMARY,
  SAME_MATTER_KEY,
  SIGNATURE_LABELS,
  SIGNATURE_ROWS,
  SUMMARY,
  subtotalLabel,
  type SignatureKey,
} from "./labels";
import {
  COL,
  SCORE_COLUMNS,
  addr,
  helperOf,
  layoutFor,
  rowOf,
  type Layout,
  type ScoreColumnName,
} from "./layout";
import {
  STATES,
  type GridValue,
  type ScorecardEntries,
  type ScorecardMeta,
  type ScorecardState,
  type SheetGrid,
} from "./types";

/** Rows searched for the header row: a scorecard is recognised from its top rows alone. */
export const HEADER_SCAN_ROWS = 30;

const text = (v: GridValue | undefined): string => (v === null || v === undefined ? "" : String(v).trim());

/** One-based row of the header row, or null when the sheet is not a scorecard. */
export function findHeaderRow(grid: SheetGrid): number | null {
  const limit = Math.min(grid.values.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = grid.values[r];
    if (row && HEADERS.every((h, c) => text(row[c]).replace(/\s+/g, "") === h)) return r + 1;
  }
  return null;
}

export const isScorecard = (grid: SheetGrid): boolean => findHeaderRow(grid) !== null;

export interface ReadScorecard {
  readonly sheet: string;
  readonly meta: ScorecardMeta;
  readonly rubric: Rubric;
  readonly layout: Layout;
  readonly entries: ScorecardEntries;
  /** Where each entry was found (one-based row); differs from the layout when rows were moved. */
  readonly entryRows: ReadonlyMap<string, number>;
  readonly findings: readonly Finding[];
  /** Both columns scored by the engine, as read (the reader needs them for invalid entries anyway). */
  readonly scores: Readonly<Record<ScoreColumnName, ColumnScore>>;
}

function keyOf(v: GridValue): string {
  if (typeof v === "number") return String(v);
  const t = text(v);
  return t === SAME_MATTER_KEY ? SAME_MATTER_ID : t;
}

function readMeta(
  grid: SheetGrid,
  headerRow: number,
): { meta: Partial<ScorecardMeta>; cells: Partial<Record<keyof typeof META_LABELS, string>> } {
  const meta: { station?: string; year?: number; edition?: string; state?: ScorecardState } = {};
  const cells: Partial<Record<keyof typeof META_LABELS, string>> = {};
  for (let r = 0; r < headerRow - 1; r++) {
    const row = grid.values[r] ?? [];
    row.forEach((v, c) => {
      const label = text(v);
      const value = row[c + 1];
      const at = addr(c + 1, r + 1);
      if (label === META_LABELS.station && text(value)) ((meta.station = text(value)), (cells.station = at));
      if (label === META_LABELS.year && Number.isInteger(Number(text(value))) && text(value))
        ((meta.year = Number(text(value))), (cells.year = at));
      if (label === META_LABELS.edition && text(value)) ((meta.edition = text(value)), (cells.edition = at));
      if (label === META_LABELS.state && (STATES as readonly string[]).includes(text(value)))
        ((meta.state = text(value) as ScorecardState), (cells.state = at));
    });
  }
  return { meta, cells };
}

/** Excel date serials of 1982–2118: a number in the 日期 space is a date Excel converted, shown as ISO. */
const isoOfSerial = (n: number): string | null =>
  Number.isInteger(n) && n > 30_000 && n < 80_000
    ? new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10)
    : null;

/** Spaces (ideographic ones too) do not matter in a date's blank: DATE_BLANK and "  年  月  日" are both blank. */
const isDateBlank = (v: string): boolean =>
  v.replace(/[\s\u3000]/g, "") === DATE_BLANK.replace(/\u3000/g, "");

/**
 * What was written in the signature block under the summary, by key. Each of its rows is found by its first
 * label in column A (a file written before the block grew has only the 填报人 / 审核人 / 日期 line); a date's
 * space still showing its blank 年 月 日 counts as nothing written.
 */
function readSignature(grid: SheetGrid, from: number): Partial<Record<SignatureKey, string>> {
  const out: Partial<Record<SignatureKey, string>> = {};
  const label = (key: SignatureKey): string => `${SIGNATURE_LABELS[key]}：`;
  for (const cells of SIGNATURE_ROWS) {
    for (let r = from; r <= grid.values.length; r++) {
      const row = grid.values[r - 1] ?? [];
      if (text(row[cells[0].labelCol]) !== label(cells[0].key)) continue;
      for (const { key, labelCol, labelLast } of cells) {
        if (text(row[labelCol]) !== label(key)) continue;
        const v = row[labelLast + 1] ?? null;
        const shown = typeof v === "number" ? ((DATE_KEYS.has(key) ? isoOfSerial(v) : null) ?? String(v)) : v;
        if (shown === null || String(shown).trim() === "") continue;
        if (DATE_KEYS.has(key) && isDateBlank(String(shown))) continue;
        out[key] = String(shown);
      }
      break;
    }
  }
  return out;
}

/** The edition a 标准版本 cell names: by its id (files before the title was shown) or by its title. */
const editionNamed = (value: string): Rubric | undefined =>
  EDITIONS.find((e) => e.edition === value || e.shortTitle === value);

/** A rubric text as the sheet holds it, without the line breaks the plan puts in for print. */
const unbroken = (v: GridValue): string => text(v).replace(/\r?\n/g, "");

/** A rubric's entry keys and summary labels (label → category id or summary key), found once per rubric. */
const rowKeysOf = oncePer((rubric: Rubric) => {
  const summaryLabels = new Map<string, string>();
  for (const c of rubric.categories) summaryLabels.set(subtotalLabel(c.name), c.id);
  for (const [key, label] of Object.entries(SUMMARY)) summaryLabels.set(label, key);
  return { expected: new Set(layoutFor(rubric).entryIds), summaryLabels };
});

/**
 * Maps a grid back to entries and findings. Entries are read by their key in 序号 wherever the row now is,
 * so a moved row still reads correctly and is reported.
 */
export function readScorecard(grid: SheetGrid): ReadScorecard {
  const headerRow = findHeaderRow(grid);
  if (headerRow === null)
    throw new Error(`Sheet "${grid.name}" is not a scorecard: no header row ${HEADERS.join(" | ")}`);
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, "message">, params: Record<string, string | number> = {}): void => {
    findings.push({ ...f, message: findingMessage(f.code, { item: f.item, cell: f.cell, ...params }) });
  };
  const { meta: partial } = readMeta(grid, headerRow);
  let rubric: Rubric;
  const named = partial.edition === undefined ? undefined : editionNamed(partial.edition);
  if (named) rubric = named;
  else {
    rubric = getRubric(DEFAULT_EDITION);
    add(
      {
        item: "sheet",
        cell: addr(COL.self, headerRow - 1),
        severity: partial.edition ? "error" : "warning",
        code: partial.edition ? "unknown-edition" : "meta-missing",
      },
      { what: META_LABELS.edition, value: partial.edition ?? "" },
    );
  }
  if (!partial.station)
    add(
      { item: "sheet", cell: addr(1, headerRow - 1), severity: "warning", code: "meta-missing" },
      { what: META_LABELS.station, value: "" },
    );
  if (!partial.year)
    add(
      { item: "sheet", cell: addr(3, headerRow - 1), severity: "warning", code: "meta-missing" },
      { what: META_LABELS.year, value: "" },
    );
  const metaRow = headerRow - 1;
  const hash = text(grid.values[metaRow - 1]?.[COL.selfHelper]);
  const meta: ScorecardMeta = {
    station: partial.station ?? grid.name,
    year: partial.year ?? 0,
    edition: rubric.edition,
    state: partial.state ?? "填报中",
    ...(hash ? { submission: { hash, time: text(grid.values[metaRow - 1]?.[COL.reviewHelper]) } } : {}),
  };
  const layout = layoutFor(rubric);
  const offset = headerRow - layout.headerRow;
  const value = (row: number, col: number): GridValue => grid.values[row - 1]?.[col] ?? null;
  const formula = (row: number, col: number): string | null => grid.formulas[row - 1]?.[col] ?? null;

  // Locate entry rows and summary rows by their keys and labels.
  const { expected, summaryLabels } = rowKeysOf(rubric);
  const found = new Map<string, number[]>();
  const summaryFound = new Map<string, number>();
  let firstSummary = grid.values.length + 1;
  for (let r = headerRow + 1; r <= grid.values.length; r++) {
    const label = text(value(r, 0));
    if (summaryLabels.has(label)) {
      if (!summaryFound.has(label)) summaryFound.set(label, r);
      firstSummary = Math.min(firstSummary, r);
      continue;
    }
    const key = keyOf(value(r, COL.key));
    if (!expected.has(key)) continue;
    const rows = found.get(key);
    if (rows) rows.push(r);
    else found.set(key, [r]);
  }
  for (let r = headerRow + 1; r < firstSummary; r++) {
    const key = keyOf(value(r, COL.key));
    if (!expected.has(key))
      add({ item: "sheet", cell: addr(COL.key, r), severity: "error", code: "row-inserted" }, { row: r });
  }

  const entryRows = new Map<string, number>();
  let structureIntact = offset === 0;
  for (const id of layout.entryIds) {
    const rows = found.get(id) ?? [];
    const planned = rowOf(layout, id) + offset;
    if (rows.length === 0) {
      add({ item: id, cell: addr(COL.key, planned), severity: "error", code: "row-missing" });
      structureIntact = false;
      continue;
    }
    if (rows.length > 1) {
      add(
        { item: id, cell: addr(COL.key, rows[1]), severity: "error", code: "row-duplicated" },
        { rows: rows.join(", ") },
      );
      structureIntact = false;
    }
    if (rows[0] !== planned) {
      add(
        { item: id, cell: addr(COL.key, rows[0]), severity: "error", code: "row-moved" },
        { row: rows[0], planned },
      );
      structureIntact = false;
    }
    entryRows.set(id, rows[0]);
  }
  if (offset !== 0)
    add(
      { item: "sheet", cell: addr(0, headerRow), severity: "error", code: "row-moved" },
      { row: headerRow, planned: layout.headerRow },
    );

  // Rubric text and 分值 as printed.
  for (const item of rubric.items) {
    const row = entryRows.get(item.id);
    if (row === undefined) continue;
    if (unbroken(value(row, COL.text)) !== item.text)
      add({ item: item.id, cell: addr(COL.text, row), severity: "error", code: "text-changed" });
    if (value(row, COL.max) !== item.max)
      add(
        { item: item.id, cell: addr(COL.max, row), severity: "error", code: "max-changed" },
        { value: text(value(row, COL.max)), max: item.max },
      );
  }
  for (const condition of rubric.veto.conditions) {
    const row = entryRows.get(condition.key);
    if (row !== undefined && unbroken(value(row, COL.text)) !== condition.text)
      add({ item: condition.key, cell: addr(COL.text, row), severity: "error", code: "text-changed" });
  }

  // Entries.
  const self: Record<string, GridValue> = {};
  const review: Record<string, GridValue> = {};
  const evidence: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const links: Record<string, string> = {};
  for (const [id, row] of entryRows) {
    self[id] = value(row, COL.self);
    review[id] = value(row, COL.review);
    if (text(value(row, COL.evidence))) evidence[id] = String(value(row, COL.evidence));
    if (text(value(row, COL.notes))) notes[id] = String(value(row, COL.notes));
    const link = linkAt(grid.links, addr(COL.evidence, row));
    if (link) links[id] = link;
    for (const column of SCORE_COLUMNS) {
      const c = column === "self" ? COL.self : COL.review;
      if (formula(row, c) !== null)
        add({ item: id, column, cell: addr(c, row), severity: "warning", code: "entry-formula" });
    }
  }
  const scores = { self: scoreColumn(rubric, self), review: scoreColumn(rubric, review) };
  for (const column of SCORE_COLUMNS) {
    const c = column === "self" ? COL.self : COL.review;
    for (const { id, judgement } of scores[column].invalid) {
      findings.push({
        item: id,
        column,
        cell: addr(c, entryRows.get(id) ?? 0),
        severity: "error",
        code: "invalid-entry",
        message: judgement.message,
      });
    }
  }

  if (
    meta.submission &&
    selfLocked(meta.state) &&
    entriesHash(layout.entryIds, self) !== meta.submission.hash
  ) {
    add(
      {
        item: "sheet",
        column: "self",
        cell: addr(8, metaRow),
        severity: "error",
        code: "edited-after-submit",
      },
      { time: meta.submission.time },
    );
  }

  // Formulas: summary cells and hidden helper cells must still be the planned formulas. The 复核 column may
  // hold them as written before the review gate too (legacyReviewFormulas).
  const planned: Record<ScoreColumnName, readonly SummaryFormulas[]> = {
    self: [summaryFormulas(rubric, layout, "self")],
    review: [summaryFormulas(rubric, layout, "review"), legacyReviewFormulas(rubric, layout)],
  };
  const checkFormula = (
    item: string,
    column: ScoreColumnName | undefined,
    row: number,
    col: number,
    wants: readonly string[],
  ): void => {
    const got = formula(row, col);
    const at = { item, ...(column ? { column } : {}), cell: addr(col, row), severity: "error" } as const;
    if (got === null) add({ ...at, code: "formula-overwritten" }, { value: text(value(row, col)) });
    else if (
      structureIntact &&
      !wants.includes(got) &&
      !wants.some((want) => normalizeFormula(got) === normalizeFormula(want))
    )
      add({ ...at, code: "formula-changed" });
  };
  for (const [label, key] of summaryLabels) {
    const row = summaryFound.get(label);
    if (row === undefined) {
      // A row the contract gained later is simply absent from older files.
      if (!OPTIONAL_SUMMARY.has(label))
        add({ item: label, cell: addr(0, headerRow), severity: "error", code: "row-missing" });
      continue;
    }
    for (const column of SCORE_COLUMNS) {
      const wants = planned[column].map((f) =>
        key in SUMMARY ? f[key as keyof typeof SUMMARY] : (f.subtotals.get(key) ?? ""),
      );
      checkFormula(label, column, row, column === "self" ? COL.self : COL.review, wants);
    }
    if (label === SUMMARY.vetoReasons)
      checkFormula(label, undefined, row, COL.evidence, [vetoTextFormula(rubric, layout)]);
  }
  for (const item of rubric.items) {
    const row = entryRows.get(item.id);
    if (row === undefined) continue;
    for (const column of SCORE_COLUMNS)
      checkFormula(item.id, column, row, helperOf(column), [helperFormula(item, row, column)]);
  }

  // Guards the file should still carry.
  if (grid.guards) {
    if (!grid.guards.protected)
      add({ item: "sheet", cell: addr(0, 1), severity: "error", code: "protection-removed" });
    const validated = new AreaIndex(grid.guards.validatedAreas);
    for (const [id, row] of entryRows) {
      for (const column of SCORE_COLUMNS) {
        const col = column === "self" ? COL.self : COL.review;
        const cell = addr(col, row);
        if (!validated.covers(col + 1, row))
          add({ item: id, column, cell, severity: "error", code: "validation-removed" });
      }
    }
  }

  const signature = readSignature(grid, firstSummary);
  return {
    sheet: grid.name,
    meta,
    rubric,
    layout,
    entries: {
      self,
      review,
      evidence,
      notes,
      ...(Object.keys(links).length > 0 ? { links } : {}),
      ...(Object.keys(signature).length > 0 ? { signature } : {}),
    },
    entryRows,
    findings,
    scores,
  };
}
