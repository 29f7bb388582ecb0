import type { Rubric } from "../../rubric";

/** Where an entry belongs in the pane's lists and form: a category id, "bonus", "veto", or "sheet". */
export type ProblemGroup = string;

/** The group of an item, 同一事项 ("same") or a veto condition; anything else is about the sheet. */
export function groupOf(rubric: Rubric, item: string): ProblemGroup {
  const found = rubric.itemById.get(item);
  if (found) return found.categoryId;
  if (item === "same") return "bonus";
  if (rubric.veto.conditions.some((c) => c.key === item)) return "veto";
  return "sheet";
}
