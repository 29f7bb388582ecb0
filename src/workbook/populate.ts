import type { Rubric } from "../rubric";
import { buildPlan, isScorecard, readScorecard, sheetNameFor, type SheetPlan } from "../sheet";
import type { RenderReport, WorkbookPort } from "./port";

/** A sheet of that name exists and is not a scorecard: drawing over it would destroy someone's work. */
export class SheetNameTakenError extends Error {
  constructor(readonly sheet: string) {
    super(
      `工作表“${sheet}”已存在且不是评分表，请先重命名该工作表 / Sheet "${sheet}" exists and is not a scorecard; rename it first`,
    );
    this.name = "SheetNameTakenError";
  }
}

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
  const sheet = sheetNameFor(options.station, options.year);
  const existing = (await port.sheetNames()).includes(sheet) ? (await port.readGrids([sheet]))[0] : undefined;
  if (existing && !isScorecard(existing)) throw new SheetNameTakenError(sheet);
  const previous = existing ? readScorecard(existing) : undefined;
  const plan = buildPlan({
    ...options,
    entries: previous?.entries,
    state: previous?.meta.state,
    submission: previous?.meta.submission,
  });
  const report = await port.render(plan);
  return { plan, report, repaired: previous !== undefined };
}
