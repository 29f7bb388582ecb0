import { planFromRead, type ReadScorecard, type SheetPlan } from "../sheet";

/*
 * The plan of the compliant copy, apart from the ExcelJS renderer (./compliant): the CSV export and the task
 * pane's first bundle need the plan, not ExcelJS.
 */

export interface CompliantOptions {
  /** Mark the copy 草稿 in its title (plan option draft). */
  readonly draft?: boolean;
}

/**
 * The plan of the compliant copy: the official sheet drawn afresh from the rubric, with the entries read out
 * of the source (scores, 是/否 answers, evidence, notes), its station, year, edition and state. Nothing else
 * of the source survives, so a copy of a sheet re-saved by another program is as clean as a new one.
 */
export function compliantPlan(read: ReadScorecard, options: CompliantOptions = {}): SheetPlan {
  return planFromRead(read, { draft: options.draft === true });
}
