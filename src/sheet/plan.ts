import type { Item, Rubric } from "../rubric";
import { NO, SAME_MATTER_ID, YES, scoreColumn, type ColumnScore, type Judgement } from "../scoring";
import { helperFormula, summaryFormulas } from "./formulas";
import {
  DRAFT_MARK,
  HEADERS,
  HELPER_HEADERS,
  META_LABELS,
  SAME_MATTER_KEY,
  SIGNATURE_CELLS,
  SIGNATURE_LABELS,
  SUMMARY,
  type SignatureKey,
  VERDICT_TEXT,
  VETO_HEADING,
  subtotalLabel,
} from "./labels";
import {
  COL,
  COLUMN_COUNT,
  SCORE_COLUMNS,
  VISIBLE_COLUMN_COUNT,
  addr,
  helperOf,
  layoutFor,
  rangeAddr,
  rowOf,
  type Layout,
  type ScoreColumnName,
} from "./layout";
import { reviewLocked, selfLocked } from "../review/submission";
import type { ReadScorecard } from "./reader";
import { sheetNameFor } from "./names";
import { CF_STYLES, STYLES } from "./styles";
import {
  emptyEntries,
  type CfRule,
  type PlanCell,
  type PlanValue,
  type ScorecardEntries,
  type ScorecardMeta,
  type ScorecardState,
  type SheetPlan,
  type StyleName,
  type ValidationRule,
} from "./types";

export interface PlanOptions {
  readonly rubric: Rubric;
  readonly station: string;
  readonly year: number;
  readonly entries?: ScorecardEntries;
  readonly state?: ScorecardState;
  /** Optional sheet protection password; none by default. */
  readonly password?: string;
  /** Hash and time of the submitted self-assessment (see src/review). */
  readonly submission?: ScorecardMeta["submission"];
  /** An incomplete scorecard exported on request: marked 草稿 in the title. */
  readonly draft?: boolean;
}

const SAME_MATTER_TEXT =
  "第71项与第72项为同一事项时填“是”，只计其中最高加分（同一事项只计最高加分，不累计加分）";
const COLUMN_WIDTHS = [13, 16, 10, 62, 8, 10, 10, 26, 20, 12, 12];

export { sheetNameFor, sameSheetName, findSheetName } from "./names";

export const titleFor = (rubric: Rubric, station: string, year: number, draft = false): string =>
  `${draft ? `【${DRAFT_MARK}】` : ""}${station}${year}年全国示范型退役军人服务站创建评分表\n依据《${rubric.title}》`;

const cell = (value: PlanValue, style: StyleName): PlanCell => ({ value, style });

/** Lines a text needs in a column holding about `perLine` Chinese characters, counting its own line breaks. */
const linesFor = (text: PlanValue | undefined, perLine: number): number =>
  String(text ?? "")
    .split("\n")
    .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);

/** Excel's tallest row ("Excel specifications and limits"); longer text wraps inside and scrolls in the cell. */
export const MAX_ROW_HEIGHT = 409;

/** Estimated row height in points, from the tallest of 创建标准, 佐证材料 and 备注 (Excel does not autofit on open). */
const heightFor = (text: string, evidence?: PlanValue, note?: PlanValue): number =>
  Math.min(MAX_ROW_HEIGHT, Math.max(linesFor(text, 30), linesFor(evidence, 12), linesFor(note, 9)) * 15 + 6);

function resultOf(j: Judgement): string | number {
  return j.status === "valid" ? j.value : "";
}

/** Builds the one declarative plan every renderer draws. Entries, when given, fill the entry cells. */
export function buildPlan(options: PlanOptions): SheetPlan {
  const { rubric, station, year } = options;
  const entries = options.entries ?? emptyEntries();
  const layout = layoutFor(rubric);
  const state = options.state ?? "填报中";
  const rows: PlanCell[][] = Array.from({ length: layout.lastRow }, () =>
    Array.from({ length: COLUMN_COUNT }, () => cell(null, "helper")),
  );
  const heights: number[] = Array.from({ length: layout.lastRow }, () => 20);
  const set = (row: number, col: number, c: PlanCell): void => {
    rows[row - 1][col] = c;
  };
  const scores: Record<ScoreColumnName, ColumnScore> = {
    self: scoreColumn(rubric, entries.self),
    review: scoreColumn(rubric, entries.review),
  };
  const merges: string[] = [];

  // Title and metadata.
  set(layout.titleRow, 0, cell(titleFor(rubric, station, year, options.draft), "title"));
  merges.push(rangeAddr(0, layout.titleRow, VISIBLE_COLUMN_COUNT - 1, layout.titleRow));
  heights[layout.titleRow - 1] = 48;
  const meta: [number, PlanCell][] = [
    [0, cell(META_LABELS.station, "metaLabel")],
    [1, cell(station, "metaValue")],
    [2, cell(META_LABELS.year, "metaLabel")],
    [3, cell(year, "metaNumber")],
    [4, cell(META_LABELS.edition, "metaLabel")],
    [5, cell(rubric.edition, "metaValue")],
    [7, cell(META_LABELS.state, "metaLabel")],
    [8, cell(state, "metaValue")],
    [COL.selfHelper, cell(options.submission?.hash ?? null, "helperText")],
    [COL.reviewHelper, cell(options.submission?.time ?? null, "helperText")],
  ];
  for (const [c, v] of meta) set(layout.metaRow, c, v);
  set(layout.metaRow, 6, cell(null, "metaValue"));
  merges.push(rangeAddr(5, layout.metaRow, 6, layout.metaRow));
  [...HEADERS, ...HELPER_HEADERS].forEach((h, c) =>
    set(layout.headerRow, c, cell(h, c < HEADERS.length ? "header" : "helper")),
  );
  heights[layout.headerRow - 1] = 24;

  // Entry rows: items, the same-matter row, the veto conditions.
  const entryCells = (id: string, row: number): void => {
    for (const column of SCORE_COLUMNS) {
      const c = column === "self" ? COL.self : COL.review;
      const locked = column === "self" ? selfLocked(state) : reviewLocked(state);
      set(row, c, cell(entries[column][id] ?? null, locked ? "entryLocked" : "entry"));
    }
    const link = entries.links?.[id];
    set(row, COL.evidence, { ...cell(entries.evidence[id] ?? null, "note"), ...(link ? { link } : {}) });
    set(row, COL.notes, cell(entries.notes[id] ?? null, "note"));
  };
  for (const category of rubric.categories) {
    const first = rowOf(layout, category.items[0].id);
    const last = rowOf(layout, category.items[category.items.length - 1].id);
    set(first, COL.category, cell(category.heading, "category"));
    const hasTasks = category.tasks.some((t) => t.name !== null);
    if (hasTasks) {
      if (last > first) merges.push(rangeAddr(COL.category, first, COL.category, last));
      for (const task of category.tasks) {
        const tFirst = rowOf(layout, task.items[0].id);
        const tLast = rowOf(layout, task.items[task.items.length - 1].id);
        set(tFirst, COL.task, cell(task.name, "task"));
        for (let r = tFirst + 1; r <= tLast; r++) set(r, COL.task, cell(null, "task"));
        if (tLast > tFirst) merges.push(rangeAddr(COL.task, tFirst, COL.task, tLast));
      }
    } else {
      merges.push(rangeAddr(COL.category, first, COL.task, last));
    }
    for (let r = first + 1; r <= last; r++) set(r, COL.category, cell(null, "category"));
    for (let r = first; r <= last; r++) if (!hasTasks) set(r, COL.task, cell(null, "category"));
  }
  const itemRow = (item: Item): void => {
    const row = rowOf(layout, item.id);
    set(row, COL.key, cell(item.no, "key"));
    set(row, COL.text, cell(item.text, "text"));
    set(row, COL.max, cell(item.max, "max"));
    entryCells(item.id, row);
    for (const column of SCORE_COLUMNS) {
      set(row, helperOf(column), {
        value: null,
        formula: helperFormula(item, row, column),
        result: resultOf(scores[column].judgements[item.id]),
        style: "helper",
      });
    }
    heights[row - 1] = heightFor(item.text, entries.evidence[item.id], entries.notes[item.id]);
  };
  rubric.items.forEach(itemRow);

  const bonusFirst = rowOf(layout, rubric.bonus.items[0].id);
  set(bonusFirst, COL.category, cell(rubric.bonus.heading, "category"));
  for (let r = bonusFirst; r <= layout.sameMatterRow; r++) {
    if (r > bonusFirst) set(r, COL.category, cell(null, "category"));
    set(r, COL.task, cell(null, "category"));
  }
  merges.push(rangeAddr(COL.category, bonusFirst, COL.task, layout.sameMatterRow));
  set(layout.sameMatterRow, COL.key, cell(SAME_MATTER_KEY, "key"));
  set(layout.sameMatterRow, COL.text, cell(SAME_MATTER_TEXT, "text"));
  set(layout.sameMatterRow, COL.max, cell(null, "max"));
  entryCells(SAME_MATTER_ID, layout.sameMatterRow);
  heights[layout.sameMatterRow - 1] = heightFor(
    SAME_MATTER_TEXT,
    entries.evidence[SAME_MATTER_ID],
    entries.notes[SAME_MATTER_ID],
  );

  const vetoFirst = layout.vetoRows[0];
  const vetoLast = layout.vetoRows[layout.vetoRows.length - 1];
  rubric.veto.conditions.forEach((condition, index) => {
    const row = layout.vetoRows[index];
    set(row, COL.category, cell(index === 0 ? VETO_HEADING : null, "category"));
    set(row, COL.task, cell(null, "category"));
    set(row, COL.key, cell(condition.key, "key"));
    set(row, COL.text, cell(condition.text, "text"));
    set(row, COL.max, cell(null, "max"));
    entryCells(condition.key, row);
    heights[row - 1] = heightFor(
      condition.text,
      entries.evidence[condition.key],
      entries.notes[condition.key],
    );
  });
  merges.push(rangeAddr(COL.category, vetoFirst, COL.task, vetoLast));

  // Subtotals and summary: label across A:D, 分值 in E, live formulas in 自评得分 and 复核得分.
  const formulas = {
    self: summaryFormulas(rubric, layout, "self"),
    review: summaryFormulas(rubric, layout, "review"),
  };
  const summaryRow = (
    row: number,
    label: string,
    max: PlanValue,
    labelStyle: StyleName,
    valueStyle: StyleName,
    pick: (column: ScoreColumnName) => { formula: string; result: string | number },
  ): void => {
    set(row, 0, cell(label, labelStyle));
    for (let c = 1; c <= 3; c++) set(row, c, cell(null, labelStyle));
    merges.push(rangeAddr(0, row, 3, row));
    set(row, COL.max, cell(max, valueStyle));
    for (const column of SCORE_COLUMNS) {
      const { formula, result } = pick(column);
      set(row, column === "self" ? COL.self : COL.review, {
        value: null,
        formula,
        result,
        style: valueStyle,
      });
    }
    set(row, COL.evidence, cell(null, labelStyle));
    set(row, COL.notes, cell(null, labelStyle));
    merges.push(rangeAddr(COL.evidence, row, COL.notes, row));
  };
  for (const category of rubric.categories) {
    const row = layout.subtotalRows.get(category.id) ?? 0;
    summaryRow(
      row,
      subtotalLabel(category.name),
      category.max,
      "subtotalLabel",
      "summaryValue",
      (column) => ({
        formula: formulas[column].subtotals.get(category.id) ?? "",
        result: scores[column].categories.find((c) => c.id === category.id)?.score ?? 0,
      }),
    );
  }
  const s = layout.summaryRows;
  summaryRow(s.base, SUMMARY.base, rubric.baseMax, "summaryLabel", "summaryValue", (c) => ({
    formula: formulas[c].base,
    result: scores[c].base,
  }));
  summaryRow(s.bonus, SUMMARY.bonus, rubric.bonus.cap, "summaryLabel", "summaryValue", (c) => ({
    formula: formulas[c].bonus,
    result: scores[c].bonus,
  }));
  summaryRow(
    s.total,
    SUMMARY.total,
    rubric.baseMax + rubric.bonus.cap,
    "summaryLabel",
    "summaryValue",
    (c) => ({ formula: formulas[c].total, result: scores[c].total }),
  );
  summaryRow(s.needed, SUMMARY.needed, rubric.passLine, "summaryLabel", "summaryValue", (c) => ({
    formula: formulas[c].needed,
    result: scores[c].needed,
  }));
  summaryRow(s.unscored, SUMMARY.unscored, rubric.baseItems.length, "summaryLabel", "summaryValue", (c) => ({
    formula: formulas[c].unscored,
    result: scores[c].missing.length,
  }));
  summaryRow(s.verdict, SUMMARY.verdict, null, "summaryLabel", "verdict", (c) => ({
    formula: formulas[c].verdict,
    result: VERDICT_TEXT[scores[c].verdict],
  }));
  heights[s.verdict - 1] = 26;

  // Signature line of the paper copy: labels locked, the spaces to write in left editable.
  const sig = layout.signatureRow;
  const signature = SIGNATURE_CELLS.map(
    ({ key, labelCol, lastCol }): [number, number, string, SignatureKey] => [
      labelCol,
      lastCol,
      SIGNATURE_LABELS[key],
      key,
    ],
  );
  const signed = entries.signature ?? {};
  for (const [labelCol, lastCol, label, key] of signature) {
    set(sig, labelCol, cell(`${label}：`, "signatureLabel"));
    for (let c = labelCol + 1; c <= lastCol; c++)
      set(sig, c, cell(c === labelCol + 1 ? (signed[key] ?? null) : null, "signature"));
    if (lastCol > labelCol + 1) merges.push(rangeAddr(labelCol + 1, sig, lastCol, sig));
  }
  heights[sig - 1] = 30;

  return {
    sheetName: sheetNameFor(station, year),
    meta: {
      station,
      year,
      edition: rubric.edition,
      state,
      ...(options.submission ? { submission: options.submission } : {}),
    },
    layout,
    cells: rows,
    merges,
    styles: STYLES,
    columns: COLUMN_WIDTHS.map((width, c) => ({ width, hidden: c >= VISIBLE_COLUMN_COUNT })),
    rowHeights: heights,
    validations: validationsFor(rubric, layout),
    conditionalFormats: conditionalFormatsFor(rubric, layout),
    protection: options.password ? { password: options.password } : {},
    print: {
      paper: "A4",
      orientation: "landscape",
      titleRows: [layout.titleRow, layout.headerRow],
      fitToWidth: 1,
      area: rangeAddr(0, 1, VISIBLE_COLUMN_COUNT - 1, layout.lastRow),
      footer: "第 &P 页，共 &N 页",
    },
    freeze: { rows: layout.headerRow },
  };
}

const entryPair = (row: number): string => rangeAddr(COL.self, row, COL.review, row);

function validationsFor(rubric: Rubric, layout: Layout): ValidationRule[] {
  const rules: ValidationRule[] = rubric.items.map((item): ValidationRule => {
    const range = entryPair(rowOf(layout, item.id));
    const award = item.award;
    if (award.kind === "tiers" || award.kind === "all-or-nothing") {
      const list =
        award.kind === "tiers"
          ? [0, ...award.tiers.map((t) => t.points).sort((a, b) => a - b)]
          : [0, item.max];
      const levels =
        award.kind === "tiers"
          ? award.tiers.map((t) => `${t.level}${t.points}分`).join("，")
          : `符合得${item.max}分`;
      return {
        range,
        kind: "list",
        list,
        promptTitle: `第${item.no}项（加分项）`,
        prompt: `请从下拉列表选择：${list.join("、")}。${levels}，不符合填0。`,
        errorTitle: "加分不正确",
        error: `第${item.no}项只能填 ${list.join("、")} 分。`,
      };
    }
    return {
      range,
      kind: "decimal",
      min: 0,
      max: item.max,
      promptTitle: `第${item.no}项（满分${item.max}分）`,
      prompt: `请输入 0～${item.max} 之间的分数，按 0.5 分递进。`,
      errorTitle: "得分超出范围",
      error: `第${item.no}项满分 ${item.max} 分：请输入 0～${item.max} 之间的数字。`,
    };
  });
  const yesNo = (row: number, title: string, prompt: string): ValidationRule => ({
    range: entryPair(row),
    kind: "list",
    list: [YES, NO],
    promptTitle: title,
    prompt,
    errorTitle: "只能填是或否",
    error: `请从下拉列表选择“${YES}”或“${NO}”。`,
  });
  rules.push(
    yesNo(layout.sameMatterRow, "同一事项", `第71项与第72项为同一事项填“${YES}”，否则填“${NO}”或留空。`),
  );
  rubric.veto.conditions.forEach((c, i) =>
    rules.push(
      yesNo(
        layout.vetoRows[i],
        `一票否决 ${c.key}`,
        `${c.text}：是填“${YES}”，否填“${NO}”或留空。任一项为“${YES}”即否决。`,
      ),
    ),
  );
  return rules;
}

/** Contiguous runs of rows, as areas over both score columns. */
function areasOf(rows: readonly number[]): string[] {
  const sorted = [...rows].sort((a, b) => a - b);
  const areas: string[] = [];
  let start = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[i - 1] + 1) {
      areas.push(rangeAddr(COL.self, start, COL.review, sorted[i - 1]));
      start = sorted[i];
    }
  }
  return areas;
}

function groupByMax(rubric: Rubric, layout: Layout, items: readonly Item[]): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const item of items) groups.set(item.max, [...(groups.get(item.max) ?? []), rowOf(layout, item.id)]);
  return groups;
}

/** Rules refer only to the formatted cell itself where possible (office-js#5299: rules reading other cells may not refresh). */
function conditionalFormatsFor(rubric: Rubric, layout: Layout): CfRule[] {
  const rules: CfRule[] = [];
  const pointItems = rubric.items.filter(
    (i) => i.award.kind === "points" || i.award.kind === "discretionary",
  );
  const firstItem = rowOf(layout, rubric.items[0].id);
  const lastItem = rowOf(layout, rubric.items[rubric.items.length - 1].id);
  const topLeft = (row: number): string => addr(COL.self, row);

  // Invalid: text where a score belongs, numbers outside 0..max, off the half-point grid, or not an allowed tier.
  rules.push({
    kind: "expression",
    areas: [rangeAddr(COL.self, firstItem, COL.review, lastItem)],
    formula: `ISTEXT(${topLeft(firstItem)})`,
    style: CF_STYLES.invalid,
    purpose: "invalid",
  });
  for (const [max, rows] of groupByMax(rubric, layout, pointItems)) {
    rules.push({
      kind: "cellIs",
      areas: areasOf(rows),
      operator: "notBetween",
      formulae: ["0", String(max)],
      style: CF_STYLES.invalid,
      purpose: "invalid",
    });
  }
  for (const area of areasOf(pointItems.map((i) => rowOf(layout, i.id)))) {
    const tl = area.split(":")[0];
    rules.push({
      kind: "expression",
      areas: [area],
      formula: `AND(ISNUMBER(${tl}),MOD(${tl}*2,1)<>0)`,
      style: CF_STYLES.invalid,
      purpose: "invalid",
    });
  }
  for (const item of rubric.bonus.items) {
    const award = item.award;
    if (award.kind !== "tiers" && award.kind !== "all-or-nothing") continue;
    const row = rowOf(layout, item.id);
    const allowed = award.kind === "tiers" ? [0, ...award.tiers.map((t) => t.points)] : [0, item.max];
    const tl = topLeft(row);
    rules.push({
      kind: "expression",
      areas: [entryPair(row)],
      formula: `AND(ISNUMBER(${tl}),${allowed.map((p) => `${tl}<>${p}`).join(",")})`,
      style: CF_STYLES.invalid,
      purpose: "invalid",
    });
  }
  const yesNoArea = rangeAddr(
    COL.self,
    layout.sameMatterRow,
    COL.review,
    layout.vetoRows[layout.vetoRows.length - 1],
  );
  const yn = topLeft(layout.sameMatterRow);
  rules.push({
    kind: "expression",
    areas: [yesNoArea],
    formula: `AND(LEN(${yn})>0,${yn}<>"${YES}",${yn}<>"${NO}")`,
    style: CF_STYLES.invalid,
    purpose: "invalid",
  });

  // Veto answered 是.
  rules.push({
    kind: "cellIs",
    areas: areasOf(layout.vetoRows),
    operator: "equal",
    formulae: [`"${YES}"`],
    style: CF_STYLES.veto,
    purpose: "veto",
  });

  // Self-assessment and review disagree (review column only); this rule must read the self cell beside it.
  // It outranks shortfall and empty, so a reviewer sees the disagreement first.
  const rv = addr(COL.review, firstItem);
  const sf = addr(COL.self, firstItem);
  rules.push({
    kind: "expression",
    areas: [rangeAddr(COL.review, firstItem, COL.review, layout.vetoRows[layout.vetoRows.length - 1])],
    formula: `AND(LEN(${rv})>0,LEN(${sf})>0,${rv}<>${sf})`,
    style: CF_STYLES.difference,
    purpose: "difference",
  });

  // Shortfall: a scored item below its maximum (items 1–70). A blank cell counts as 0 in a cell-value rule,
  // so the rule asks ISNUMBER of the cell itself; one rule per run of rows sharing a maximum.
  for (const [max, rows] of groupByMax(rubric, layout, rubric.baseItems)) {
    for (const area of areasOf(rows)) {
      const tl = area.split(":")[0];
      rules.push({
        kind: "expression",
        areas: [area],
        formula: `AND(ISNUMBER(${tl}),${tl}<${max})`,
        style: CF_STYLES.shortfall,
        purpose: "shortfall",
      });
    }
  }
  // Empty: items 1–70 not yet self-assessed (an empty review column is normal until review starts).
  rules.push({
    kind: "expression",
    areas: [rangeAddr(COL.self, firstItem, COL.self, layout.lastBaseRow)],
    formula: `LEN(${topLeft(firstItem)})=0`,
    style: CF_STYLES.empty,
    purpose: "empty",
  });

  rules.push(...verdictFormats(entryPair(layout.summaryRows.verdict)));
  return rules;
}

/** Colours a cell holding a verdict (达标 / 未达标 / 否决 / 未完成); the 汇总 sheet uses them too. */
export function verdictFormats(area: string): CfRule[] {
  return (["pass", "fail", "veto", "incomplete"] as const).map((key) => ({
    kind: "cellIs",
    areas: [area],
    operator: "equal",
    formulae: [`"${VERDICT_TEXT[key]}"`],
    style: CF_STYLES.verdict[key],
    purpose: "verdict",
  }));
}

/** The plan that redraws a scorecard read from a sheet: same station, year, edition, entries, state and submission. */
export function planFromRead(
  read: ReadScorecard,
  extra: Partial<Omit<PlanOptions, "rubric" | "station" | "year">> = {},
): SheetPlan {
  return buildPlan({
    rubric: read.rubric,
    station: read.meta.station,
    year: read.meta.year,
    entries: read.entries,
    state: read.meta.state,
    submission: read.meta.submission,
    ...extra,
  });
}
