import { timelineText } from "../i18n/campaign";
import { DEFAULT_EDITION, getRubric, timelineStatus, type IsoDate } from "../rubric";
import {
  buildRollup,
  buildRollupPlans,
  compareYears,
  yearsHeaders,
  yearsPlan,
  type Rollup,
  type RollupOptions,
  type RollupPlans,
  type YearsComparison,
} from "../rollup";
import { LIST_HEADERS, LIST_SHEET, ROLLUP_FIRST_HEADERS, ROLLUP_SHEET, YEARS_SHEET } from "../rollup/labels";
import type { ReadScorecard } from "../sheet/reader";
import type { RenderReport, WorkbookPort } from "../workbook/port";
import type { SheetGrid } from "../sheet/types";

/** A sheet the pane would draw over holds something else: it is left alone and the user is told. */
export class GridSheetTakenError extends Error {
  constructor(readonly sheet: string) {
    super(`Sheet "${sheet}" exists and was not drawn by the add-in; rename it first`);
    this.name = "GridSheetTakenError";
  }
}

/** Header row of the add-in's table sheets (汇总, 创建名单, 审核结果). */
export const GRID_HEADER_ROW = 3;

/** Throws when a sheet of that name exists and its header row is not `headers` (someone else's sheet). */
export function assertOwnSheet(grids: readonly SheetGrid[], sheet: string, headers: readonly string[]): void {
  const grid = grids.find((g) => g.name === sheet);
  if (!grid) return;
  const row = grid.values[GRID_HEADER_ROW - 1] ?? [];
  if (!headers.every((h, c) => String(row[c] ?? "").trim() === h)) throw new GridSheetTakenError(sheet);
}

function mostCommonEdition(reads: readonly ReadScorecard[]): string {
  const counts = new Map<string, number>();
  for (const r of reads) counts.set(r.meta.edition, (counts.get(r.meta.edition) ?? 0) + 1);
  let best = DEFAULT_EDITION;
  let most = 0;
  for (const [edition, n] of counts)
    if (n > most) {
      best = edition;
      most = n;
    }
  return best;
}

/**
 * The roll-up model alone (no sheet plans: the pane's roll-up view draws it, and the plans' print layout of every
 * station's copy is the slow part of workbookRollup): the edition most scorecards use, rows pointing at their sheets.
 */
export function rollupOfReads(
  reads: readonly ReadScorecard[],
  options: Pick<RollupOptions, "unit"> = {},
): Rollup {
  const built = buildRollup(reads, getRubric(mostCommonEdition(reads)), { unit: options.unit });
  return {
    ...built,
    rows: built.rows.map((row) =>
      row.readIndex === null ? row : { ...row, sheet: reads[row.readIndex].sheet },
    ),
  };
}

/**
 * The roll-up of the scorecards in this workbook: the edition most of them use, the rows' sheets being the
 * scorecards' own sheets so that the 汇总 formulas reference them live. `unit` names another unit than the
 * notice's issuer in the titles (the command line's --unit).
 */
export function workbookRollup(
  reads: readonly ReadScorecard[],
  today?: IsoDate,
  options: Pick<RollupOptions, "unit"> = {},
): { rollup: Rollup; plans: RollupPlans; years: YearsComparison } {
  const rollup = rollupOfReads(reads, options);
  const rubric = rollup.rubric;
  const timeline =
    today === undefined ? undefined : timelineText(timelineStatus(rubric.notice, rollup.year, today)).zh;
  return { rollup, plans: buildRollupPlans(rollup, { timeline }), years: compareYears(reads, rubric) };
}

/**
 * Draws 汇总 (with its chart) and 创建名单 into the workbook and shows 汇总. `grids` are the workbook's sheets
 * as just read: sheets of those names that the add-in did not draw are refused.
 */
export async function renderRollup(
  port: WorkbookPort,
  grids: readonly SheetGrid[],
  reads: readonly ReadScorecard[],
  today?: IsoDate,
  options: Pick<RollupOptions, "unit"> = {},
): Promise<{ rollup: Rollup; report: RenderReport; years: readonly number[] }> {
  // A 汇总 drawn before 状态 and 否决原因 were added is the add-in's own too.
  assertOwnSheet(grids, ROLLUP_SHEET, ROLLUP_FIRST_HEADERS);
  assertOwnSheet(grids, LIST_SHEET, LIST_HEADERS);
  const { rollup, plans, years } = workbookRollup(reads, today, options);
  const several = years.years.length > 1;
  if (several) assertOwnSheet(grids, YEARS_SHEET, yearsHeaders(years.years).slice(0, 2));
  const report = await port.renderGrid(plans.summary, plans.chart);
  // 创建名单 has the same page setup as 汇总: whatever the host skipped there it skips here too.
  await port.renderGrid(plans.list);
  if (several) await port.renderGrid(yearsPlan(years, rollup.issuer));
  await port.select(ROLLUP_SHEET, "A1");
  return { rollup, report, years: several ? years.years : [] };
}
