import type { Item, Rubric } from "../rubric";
import { oncePer } from "../memo";
import { YES } from "../scoring";
import { VERDICT_TEXT } from "./labels";
import { addr, COL, helperOf, rangeAddr, rowOf, type Layout, type ScoreColumnName } from "./layout";

/*
 * Every formula uses only functions that Excel 2010+, WPS and LibreOffice share (IF, AND, OR, ISNUMBER, MOD,
 * SUM, N, MAX, MIN, COUNT, COUNTIF). Hidden helper columns hold what each entry counts for, so totals skip
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
}

const summariesOf = oncePer<Layout, Partial<Record<ScoreColumnName, SummaryFormulas>>>(() => ({}));

/** The summary formulas of a column, worked out once per layout (the reader compares them on every sheet). */
export function summaryFormulas(rubric: Rubric, layout: Layout, column: ScoreColumnName): SummaryFormulas {
  return (summariesOf(layout)[column] ??= computeSummaryFormulas(rubric, layout, column));
}

function computeSummaryFormulas(rubric: Rubric, layout: Layout, column: ScoreColumnName): SummaryFormulas {
  const c = col(column);
  const h = helperOf(column);
  const s = layout.summaryRows;
  const subtotals = new Map(
    rubric.categories.map((cat) => [cat.id, `SUM(${helperRange(rubric, layout, cat.items, column)})`]),
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
    base: `SUM(${baseRange})`,
    bonus: `MIN(${rubric.bonus.cap},${bonusSum})`,
    total: `${addr(c, s.base)}+${addr(c, s.bonus)}`,
    needed: `MAX(0,${rubric.passLine}-${total})`,
    unscored: `${rubric.baseItems.length}-COUNT(${baseRange})`,
    verdict:
      `IF(COUNTIF(${vetoRange},"${YES}")>0,"${VERDICT_TEXT.veto}",` +
      `IF(${addr(c, s.unscored)}>0,"${VERDICT_TEXT.incomplete}",` +
      `IF(${total}>=${rubric.passLine},"${VERDICT_TEXT.pass}","${VERDICT_TEXT.fail}")))`,
  };
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
