import type { Item, Rubric } from "../rubric";
import { NO, SAME_MATTER_ID, YES, scoreColumn, type ColumnScore, type Judgement } from "../scoring";
import {
  helperFormula,
  summaryFormulas,
  VETO_KEY_SEPARATOR,
  VETO_TEXT_SEPARATOR,
  vetoTextFormula,
} from "./formulas";
import {
  DATE_BLANK,
  DATE_KEYS,
  DRAFT_MARK,
  HEADERS,
  HELPER_HEADERS,
  META_LABELS,
  SAME_MATTER_KEY,
  SIGNATURE_LABELS,
  SIGNATURE_ROWS,
  SUMMARY,
  VERDICT_TEXT,
  VETO_HEADING,
  subtotalLabel,
} from "./labels";
import {
  COL,
  COLUMN_COUNT,
  META_COL,
  SCORE_COLUMNS,
  VISIBLE_COLUMN_COUNT,
  addr,
  helperOf,
  layoutFor,
  rangeAddr,
  rowOf,
  type Layout,
  type ScoreColumnName,
  type SummaryKey,
} from "./layout";
import { rowPoints } from "./measure";
import {
  BOLD_FONT,
  COLUMN_WIDTHS,
  brokenText,
  heightOf,
  lineCount,
  linePoints,
  linesIn,
  printSetupFor,
} from "./print";
import { reviewLocked, selfLocked } from "../review/submission";
import type { ReadScorecard } from "./reader";
import { sheetNameFor } from "./names";
import { CF_STYLES, STYLES, verdictFormats } from "./styles";
import {
  emptyEntries,
  reviewStarted,
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
  /** What the cells hold; a new scorecard (newEntries) when omitted. */
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

/**
 * Entries of a new scorecard: the veto conditions answered 否 in the self-assessment, so that the printed form
 * shows them answered (they stay editable; the engine reads an empty one as 否 just the same).
 */
export const newEntries = (rubric: Rubric): ScorecardEntries => ({
  ...emptyEntries(),
  self: Object.fromEntries(rubric.veto.conditions.map((c) => [c.key, NO])),
});

export const titleFor = (rubric: Rubric, station: string, year: number, draft = false): string =>
  `${draft ? `【${DRAFT_MARK}】` : ""}${station}${year}年全国示范型退役军人服务站创建评分表\n依据《${rubric.title}》`;

/** What the 标准版本 cell shows: the edition's title (试行标准（2020）); the reader takes its id as well. */
export const editionLabel = (rubric: Rubric): string => rubric.shortTitle;

/** What a summary row's 分值 stands for, beside it: 110 is not a maximum anyone scores. */
function summaryNotes(rubric: Rubric): Partial<Record<SummaryKey, string>> {
  const { baseMax, passLine } = rubric;
  const cap = rubric.bonus.cap;
  return {
    total: `满分${baseMax + cap}＝基础分${baseMax}＋加分${cap}`,
    needed: `达标线${passLine}分（含加分）`,
    unscored: `基础分共${rubric.baseItems.length}项`,
  };
}

const cell = (value: PlanValue, style: StyleName): PlanCell => ({ value, style });

function resultOf(j: Judgement): string | number {
  return j.status === "valid" ? j.value : "";
}

/** The veto keys answered 是 in a column, as the 否决原因 formula joins them. */
const vetoKeysOf = (score: ColumnScore): string => score.vetoConditions.join(VETO_KEY_SEPARATOR);

/** Builds the one declarative plan every renderer draws. Entries, when given, fill the entry cells. */
export function buildPlan(options: PlanOptions): SheetPlan {
  const { rubric, station, year } = options;
  const entries = options.entries ?? newEntries(rubric);
  const layout = layoutFor(rubric);
  const state = options.state ?? "填报中";
  const started = reviewStarted(state);
  const rows: PlanCell[][] = Array.from({ length: layout.lastRow }, () =>
    Array.from({ length: COLUMN_COUNT }, () => cell(null, "helper")),
  );
  const heights: number[] = Array.from({ length: layout.lastRow }, () => rowPoints(1));
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
  heights[layout.titleRow - 1] = linePoints(2, STYLES.title.size ?? 11);
  const meta: [number, PlanCell][] = [
    [META_COL.station - 1, cell(META_LABELS.station, "metaLabel")],
    [META_COL.station, cell(station, "metaValue")],
    [META_COL.year - 1, cell(META_LABELS.year, "metaLabel")],
    [META_COL.year, cell(year, "metaNumber")],
    [META_COL.edition - 1, cell(META_LABELS.edition, "metaLabel")],
    [META_COL.edition, cell(editionLabel(rubric), "metaValue")],
    [META_COL.state - 1, cell(META_LABELS.state, "metaLabel")],
    [META_COL.state, cell(state, "metaValue")],
    [COL.selfHelper, cell(options.submission?.hash ?? null, "helperText")],
    [COL.reviewHelper, cell(options.submission?.time ?? null, "helperText")],
  ];
  for (const [c, v] of meta) set(layout.metaRow, c, v);
  set(layout.metaRow, META_COL.edition + 1, cell(null, "metaValue"));
  merges.push(rangeAddr(META_COL.edition, layout.metaRow, META_COL.edition + 1, layout.metaRow));
  [...HEADERS, ...HELPER_HEADERS].forEach((h, c) =>
    set(layout.headerRow, c, cell(h, c < HEADERS.length ? "header" : "helper")),
  );
  heights[layout.headerRow - 1] = rowPoints(1) + 3;

  // Entry rows: items, the same-matter row, the veto conditions.
  const entryCells = (id: string, row: number, text: string): void => {
    for (const column of SCORE_COLUMNS) {
      const c = column === "self" ? COL.self : COL.review;
      const locked = column === "self" ? selfLocked(state) : reviewLocked(state);
      set(row, c, cell(entries[column][id] ?? null, locked ? "entryLocked" : "entry"));
    }
    const link = entries.links?.[id];
    set(row, COL.evidence, { ...cell(entries.evidence[id] ?? null, "note"), ...(link ? { link } : {}) });
    set(row, COL.notes, cell(entries.notes[id] ?? null, "note"));
    const standard = brokenText(text, COL.text);
    set(row, COL.text, cell(standard, "text"));
    heights[row - 1] = heightOf(
      lineCount(standard),
      linesIn(entries.evidence[id], COL.evidence),
      linesIn(entries.notes[id], COL.notes),
    );
  };
  /** A merged block must be as tall as its text: the rows it spans grow at the bottom when they are not. */
  const fitBlock = (first: number, last: number, lines: number): void => {
    let height = 0;
    for (let r = first; r <= last; r++) height += heights[r - 1];
    heights[last - 1] += Math.max(0, rowPoints(lines) - height);
  };
  const categoryBlocks: [string, number, number, number][] = [];
  for (const category of rubric.categories) {
    const first = rowOf(layout, category.items[0].id);
    const last = rowOf(layout, category.items[category.items.length - 1].id);
    const hasTasks = category.tasks.some((t) => t.name !== null);
    const lastCol = hasTasks ? COL.category : COL.task;
    set(
      first,
      COL.category,
      cell(brokenText(category.heading, COL.category, lastCol, BOLD_FONT), "category"),
    );
    categoryBlocks.push([category.heading, first, last, lastCol]);
    if (hasTasks) {
      if (last > first) merges.push(rangeAddr(COL.category, first, COL.category, last));
      for (const task of category.tasks) {
        const tFirst = rowOf(layout, task.items[0].id);
        const tLast = rowOf(layout, task.items[task.items.length - 1].id);
        set(tFirst, COL.task, cell(task.name === null ? null : brokenText(task.name, COL.task), "task"));
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
    set(row, COL.max, cell(item.max, "max"));
    entryCells(item.id, row, item.text);
    for (const column of SCORE_COLUMNS) {
      set(row, helperOf(column), {
        value: null,
        formula: helperFormula(item, row, column),
        result: resultOf(scores[column].judgements[item.id]),
        style: "helper",
      });
    }
  };
  rubric.items.forEach(itemRow);

  const bonusFirst = rowOf(layout, rubric.bonus.items[0].id);
  set(
    bonusFirst,
    COL.category,
    cell(brokenText(rubric.bonus.heading, COL.category, COL.task, BOLD_FONT), "category"),
  );
  for (let r = bonusFirst; r <= layout.sameMatterRow; r++) {
    if (r > bonusFirst) set(r, COL.category, cell(null, "category"));
    set(r, COL.task, cell(null, "category"));
  }
  merges.push(rangeAddr(COL.category, bonusFirst, COL.task, layout.sameMatterRow));
  set(layout.sameMatterRow, COL.key, cell(SAME_MATTER_KEY, "key"));
  set(layout.sameMatterRow, COL.max, cell(null, "max"));
  entryCells(SAME_MATTER_ID, layout.sameMatterRow, SAME_MATTER_TEXT);

  const vetoFirst = layout.vetoRows[0];
  const vetoLast = layout.vetoRows[layout.vetoRows.length - 1];
  rubric.veto.conditions.forEach((condition, index) => {
    const row = layout.vetoRows[index];
    set(row, COL.category, cell(index === 0 ? VETO_HEADING : null, "category"));
    set(row, COL.task, cell(null, "category"));
    set(row, COL.key, cell(condition.key, "key"));
    set(row, COL.max, cell(null, "max"));
    entryCells(condition.key, row, condition.text);
  });
  merges.push(rangeAddr(COL.category, vetoFirst, COL.task, vetoLast));
  for (const [heading, first, last, lastCol] of categoryBlocks)
    fitBlock(first, last, lineCount(brokenText(heading, COL.category, lastCol, BOLD_FONT)));
  for (const task of rubric.categories.flatMap((c) => c.tasks))
    if (task.name !== null)
      fitBlock(
        rowOf(layout, task.items[0].id),
        rowOf(layout, task.items[task.items.length - 1].id),
        lineCount(brokenText(task.name, COL.task)),
      );

  // Subtotals and summary: label across A:D, 分值 in E, live formulas in 自评得分 and 复核得分, a note across H:I.
  const formulas = {
    self: summaryFormulas(rubric, layout, "self"),
    review: summaryFormulas(rubric, layout, "review"),
  };
  const notes = summaryNotes(rubric);
  const summaryRow = (
    row: number,
    label: string,
    max: PlanValue,
    labelStyle: StyleName,
    valueStyle: StyleName,
    pick: (column: ScoreColumnName) => { formula: string; result: string | number },
    note: PlanCell = cell(null, labelStyle),
  ): void => {
    set(row, 0, cell(label, labelStyle));
    for (let c = 1; c <= 3; c++) set(row, c, cell(null, labelStyle));
    merges.push(rangeAddr(0, row, 3, row));
    set(row, COL.max, cell(max, valueStyle));
    for (const column of SCORE_COLUMNS) {
      const { formula, result } = pick(column);
      // The 复核 column is blank on the sheet until the review starts; so is its cached result.
      const shown = column === "review" && !started ? "" : result;
      set(row, column === "self" ? COL.self : COL.review, {
        value: null,
        formula,
        result: shown,
        style: valueStyle,
      });
    }
    set(row, COL.evidence, note);
    set(row, COL.notes, cell(null, note.style));
    merges.push(rangeAddr(COL.evidence, row, COL.notes, row));
  };
  const noted = (key: SummaryKey): PlanCell | undefined => {
    const text = notes[key];
    return text === undefined ? undefined : cell(text, "summaryNote");
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
  const summary = (
    key: Exclude<SummaryKey, "verdict" | "vetoReasons">,
    max: number,
    result: (score: ColumnScore) => number,
  ): void =>
    summaryRow(
      s[key],
      SUMMARY[key],
      max,
      "summaryLabel",
      "summaryValue",
      (c) => ({ formula: formulas[c][key], result: result(scores[c]) }),
      noted(key),
    );
  summary("base", rubric.baseMax, (sc) => sc.base);
  summary("bonus", rubric.bonus.cap, (sc) => sc.bonus);
  summary("total", rubric.baseMax + rubric.bonus.cap, (sc) => sc.total);
  summary("needed", rubric.passLine, (sc) => sc.needed);
  summary("unscored", rubric.baseItems.length, (sc) => sc.missing.length);
  summaryRow(s.verdict, SUMMARY.verdict, null, "summaryLabel", "verdict", (c) => ({
    formula: formulas[c].verdict,
    result: VERDICT_TEXT[scores[c].verdict],
  }));
  heights[s.verdict - 1] = rowPoints(1) + 5;

  // 否决原因: the keys answered 是 under each column, and what they are across H:I, all live.
  const vetoTexts = rubric.veto.conditions
    .filter(
      (c) =>
        scores.self.vetoConditions.includes(c.key) ||
        (started && scores.review.vetoConditions.includes(c.key)),
    )
    .map((c) => `${c.key} ${c.text}`)
    .join(VETO_TEXT_SEPARATOR);
  summaryRow(
    s.vetoReasons,
    SUMMARY.vetoReasons,
    null,
    "summaryLabel",
    "summaryValue",
    (c) => ({ formula: formulas[c].vetoReasons, result: vetoKeysOf(scores[c]) }),
    { value: null, formula: vetoTextFormula(rubric, layout), result: vetoTexts, style: "summaryNote" },
  );
  heights[s.vetoReasons - 1] = heightOf(
    linesIn(vetoKeysOf(scores.self), COL.self),
    linesIn(vetoKeysOf(scores.review), COL.review),
    linesIn(vetoTexts, COL.evidence, COL.notes),
  );

  // The signature block of the paper copy: labels locked, the spaces to write in left editable, a date's space
  // showing 年 月 日 until something is written there.
  const signed = entries.signature ?? {};
  heights[layout.signatureRows[0] - 2] = 8;
  SIGNATURE_ROWS.forEach((cells, i) => {
    const row = layout.signatureRows[i];
    for (const { key, labelCol, labelLast, lastCol } of cells) {
      set(row, labelCol, cell(`${SIGNATURE_LABELS[key]}：`, "signatureLabel"));
      for (let c = labelCol + 1; c <= labelLast; c++) set(row, c, cell(null, "signatureLabel"));
      if (labelLast > labelCol) merges.push(rangeAddr(labelCol, row, labelLast, row));
      const written = signed[key] ?? (DATE_KEYS.has(key) ? DATE_BLANK : null);
      for (let c = labelLast + 1; c <= lastCol; c++)
        set(row, c, cell(c === labelLast + 1 ? written : null, "signature"));
      if (lastCol > labelLast + 1) merges.push(rangeAddr(labelLast + 1, row, lastCol, row));
    }
    // The unit rows leave room for the stamp.
    heights[row - 1] = cells === SIGNATURE_ROWS[1] ? rowPoints(1) + 3 : rowPoints(1) + 9;
  });

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
    print: printSetupFor(rubric, layout, heights, { station, year, draft: options.draft === true }),
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
