import type { Rubric } from "../rubric";
import { buildPlan, findSheetName, isScorecard, readScorecard, sheetNameFor, type SheetPlan } from "../sheet";
import { SheetNameTakenError } from "./errors";
import type { RenderReport, WorkbookPort } from "./port";

export interface PopulateOptions {
  readonly rubric: Rubric;
  readonly station: string;
  readonly year: number;
  readonly password?: string;
}

export interface PopulateResult {
  readonly plan: SheetPlan;
  readonly report: RenderReport;
  /** True when a scorecard was already there and was redrawn around its entries. */
  readonly repaired: boolean;
}

/**
 * Inserts a station's scorecard, or repairs the one already there: layout and formulas are redrawn, and
 * entries, evidence, notes and the submission state are carried over by item key.
 */
export async function populate(port: WorkbookPort, options: PopulateOptions): Promise<PopulateResult> {
  // Excel takes "Xinqiao2020评分表" and "XINQIAO2020评分表" for one sheet: the one there is the one to repair.
  const sheet = findSheetName(await port.sheetNames(), sheetNameFor(options.station, options.year));
  const existing = sheet === undefined ? undefined : (await port.readGrids([sheet]))[0];
  if (sheet !== undefined && existing && !isScorecard(existing)) throw new SheetNameTakenError(sheet);
  const previous = existing ? readScorecard(existing) : undefined;
  const built = buildPlan({
    ...options,
    entries: previous?.entries,
    state: previous?.meta.state,
    submission: previous?.meta.submission,
  });
  const plan = sheet === undefined ? built : { ...built, sheetName: sheet };
  const report = await port.render(plan);
  return { plan, report, repaired: previous !== undefined };
}
