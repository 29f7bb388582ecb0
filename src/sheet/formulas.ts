import type { Item, Rubric } from "../rubric";
import { oncePer } from "../memo";
import { YES } from "../scoring";
import { VERDICT_TEXT } from "./labels";
import { addr, COL, META_COL, helperOf, rangeAddr, rowOf, type Layout, type ScoreColumnName } from "./layout";
import { REVIEW_STATES } from "./types";

/*
 * Every formula uses only functions that Excel 2010+, WPS and LibreOffice share (IF, AND, OR, ISNUMBER, MOD,
 * SUM, N, MAX, MIN, COUNT, COUNTIF) and the & operator. Hidden helper columns hold what each entry counts for, so totals skip
 * invalid numbers exactly as the engine does, and text (which SUM would skip silently) never counts.
 */

const col = (column: ScoreColumnName): number => (column === "self" ? COL.self : COL.review);

/** Helper formulas by item, then row and column: the reader compares 140 of them on every sheet. */
const helpersOf = oncePer<Item, Map<number, string>>(() => new Map());

/** What one entry counts for: its value when valid for the item's rule, else "". */
export function helperFormula(item: Item, row: number, column: ScoreColumnName): string {
  const byPlace = helpersOf(item);
  // Moved rows put an item on other rows; a few hundred places an item is the most a batch of files needs.
  if (byPlace.size > 512) byPlace.clear();
  const place = row * 2 + (column === "self" ? 0 : 1);
  let formula = byPlace.get(place);
  if (formula === undefined) byPlace.set(place, (formula = buildHelperFormula(item, row, column)));
  return formula;
}

function buildHelperFormula(item: Item, row: number, column: ScoreColumnName): string {
  const c = addr(col(column), row);
  const award = item.award;
  let valid: string;
  if (award.kind === "tiers") {
    valid = `OR(${[0, ...award.tiers.map((t) => t.points)].map((p) => `${c}=${p}`).join(",")})`;
  } else if (award.kind === "all-or-nothing") {
    valid = `OR(${c}=0,${c}=${item.max})`;
  } else {
    valid = `AND(${c}>=0,${c}<=${item.max},MOD(${c}*2,1)=0)`;
  }
  return `IF(ISNUMBER(${c}),IF(${valid},${c},""),"")`;
}

function helperRange(
  rubric: Rubric,
  layout: Layout,
  items: readonly Item[],
  column: ScoreColumnName,
): string {
  const h = helperOf(column);
  return rangeAddr(h, rowOf(layout, items[0].id), h, rowOf(layout, items[items.length - 1].id));
}

export interface SummaryFormulas {
  readonly subtotals: ReadonlyMap<string, string>;
  readonly base: string;
  readonly bonus: string;
  readonly total: string;
  readonly needed: string;
  readonly unscored: string;
  readonly verdict: string;
  /** The keys of the veto conditions answered 是, e.g. "75.1、75.3". */
  readonly vetoReasons: string;
}

/** Separate the veto keys in a 否决原因 cell, and the conditions in the row's text cell. */
export const VETO_KEY_SEPARATOR = "、";
export const VETO_TEXT_SEPARATOR = "；";

/** True once the 状态 cell says the review has started (复核中 or 已复核). */
const reviewStartedTest = (layout: Layout): string => {
  const state = addr(META_COL.state, layout.metaRow);
  return `OR(${REVIEW_STATES.map((s) => `${state}="${s}"`).join(",")})`;
};

const summariesOf = oncePer<Layout, Partial<Record<ScoreColumnName | "legacyReview", SummaryFormulas>>>(
  () => ({}),
);

/** The summary formulas of a column, worked out once per layout (the reader compares them on every sheet). */
export function summaryFormulas(rubric: Rubric, layout: Layout, column: ScoreColumnName): SummaryFormulas {
  return (summariesOf(layout)[column] ??= computeSummaryFormulas(
    rubric,
    layout,
    column,
    column === "review",
  ));
}

/**
 * The 复核 formulas as files written before the review gate hold them (they showed 0 / 90 / 70 / 未完成 on a
 * self-assessment): still read as intact, and redrawn gated by the next repair.
 */
export function legacyReviewFormulas(rubric: Rubric, layout: Layout): SummaryFormulas {
  return (summariesOf(layout).legacyReview ??= computeSummaryFormulas(rubric, layout, "review", false));
}

function computeSummaryFormulas(
  rubric: Rubric,
  layout: Layout,
  column: ScoreColumnName,
  gated: boolean,
): SummaryFormulas {
  const c = col(column);
  const h = helperOf(column);
  const s = layout.summaryRows;
  // The 复核 column stays blank until the review starts: the engine scores an empty column as 未完成, the paper
  // must not print it as a result.
  const gate = (f: string): string => (gated ? `IF(${reviewStartedTest(layout)},${f},"")` : f);
  const subtotals = new Map(
    rubric.categories.map((cat) => [cat.id, gate(`SUM(${helperRange(rubric, layout, cat.items, column)})`)]),
  );
  const baseRange = helperRange(rubric, layout, rubric.baseItems, column);
  const counted = (no: number): string => `N(${addr(h, rowOf(layout, String(no)))})`;
  const shared = rubric.bonus.sameMatterItems;
  const others = rubric.bonus.items.filter((i) => !shared.includes(i.no)).map((i) => counted(i.no));
  let bonusSum = others.join("+");
  if (shared.length > 0) {
    const sameCell = addr(c, layout.sameMatterRow);
    const sharedTerm = `IF(${sameCell}="${YES}",MAX(${shared.map(counted).join(",")}),${shared.map(counted).join("+")})`;
    bonusSum = [sharedTerm, ...others].join("+");
  }
  const vetoRange = rangeAddr(c, layout.vetoRows[0], c, layout.vetoRows[layout.vetoRows.length - 1]);
  const total = addr(c, s.total);
  return {
    subtotals,
    base: gate(`SUM(${baseRange})`),
    bonus: gate(`MIN(${rubric.bonus.cap},${bonusSum})`),
    total: gate(`${addr(c, s.base)}+${addr(c, s.bonus)}`),
    needed: gate(`MAX(0,${rubric.passLine}-${total})`),
    unscored: gate(`${rubric.baseItems.length}-COUNT(${baseRange})`),
    verdict: gate(
      `IF(COUNTIF(${vetoRange},"${YES}")>0,"${VERDICT_TEXT.veto}",` +
        `IF(${addr(c, s.unscored)}>0,"${VERDICT_TEXT.incomplete}",` +
        `IF(${total}>=${rubric.passLine},"${VERDICT_TEXT.pass}","${VERDICT_TEXT.fail}")))`,
    ),
    vetoReasons: gate(
      vetoList(rubric, layout, (row) => `${addr(c, row)}="${YES}"`, VETO_KEY_SEPARATOR, false),
    ),
  };
}

/**
 * The veto conditions whose test holds, joined by `separator`: each condition's term adds the separator when an
 * earlier one held (COUNTIF and OR over the earlier tests, as the functions the file may use have no TEXTJOIN).
 */
function vetoList(
  rubric: Rubric,
  layout: Layout,
  holds: (row: number) => string,
  separator: string,
  withText: boolean,
): string {
  const rows = layout.vetoRows;
  return rubric.veto.conditions
    .map((condition, k) => {
      const label = withText ? `${condition.key} ${condition.text}` : condition.key;
      const earlier = rows.slice(0, k).map(holds);
      const sep = earlier.length > 0 ? `IF(OR(${earlier.join(",")}),"${separator}","")&` : "";
      return `IF(${holds(rows[k])},${sep}"${label}","")`;
    })
    .join("&");
}

const vetoTexts = oncePer<Layout, { formula?: string }>(() => ({}));

/**
 * The 否决原因 row's text: each veto condition answered 是 in the self-assessment, or in the review once it has
 * started, with its key and wording ("75.2 发生个人极端案事件的").
 */
export function vetoTextFormula(rubric: Rubric, layout: Layout): string {
  const memo = vetoTexts(layout);
  if (memo.formula !== undefined) return memo.formula;
  const started = reviewStartedTest(layout);
  const holds = (row: number): string =>
    `OR(${addr(COL.self, row)}="${YES}",AND(${started},${addr(COL.review, row)}="${YES}"))`;
  return (memo.formula = vetoList(rubric, layout, holds, VETO_TEXT_SEPARATOR, true));
}

/** Canonical form for comparing a formula read back from a file with the planned one. */
export function normalizeFormula(formula: string): string {
  return formula
    .replace(/^=/, "")
    .replace(/_xlfn\./gi, "")
    .replace(/\$/g, "")
    .replace(/\s+/g, "")
    .toUpperCase();
}
