import type { Lang } from "../../i18n/types";
import type { Rubric } from "../../rubric";
import { SAME_MATTER_ID, type ColumnScore } from "../../scoring";

/** A group of 填写: a category, the bonus items (with 同一事项) or the veto conditions. */
export interface FillSection {
  readonly id: string;
  readonly name: string;
  /** The section's subtotal and maximum; none for the veto conditions. */
  readonly score?: number;
  readonly max?: number;
  /** Its entries in sheet order. */
  readonly ids: readonly string[];
}

/** The sections of 填写 in sheet order, with the subtotals of one column. */
export function fillSections(rubric: Rubric, score: ColumnScore, lang: Lang): FillSection[] {
  const shared = rubric.bonus.items.filter((i) => rubric.bonus.sameMatterItems.includes(i.no));
  const others = rubric.bonus.items.filter((i) => !rubric.bonus.sameMatterItems.includes(i.no));
  return [
    ...rubric.categories.map((c) => ({
      id: c.id,
      name: lang === "en" ? c.nameEn : c.name,
      score: score.categories.find((x) => x.id === c.id)?.score ?? 0,
      max: c.max,
      ids: c.items.map((i) => i.id),
    })),
    {
      id: "bonus",
      name: lang === "en" ? rubric.bonus.nameEn : rubric.bonus.name,
      score: score.bonus,
      max: rubric.bonus.cap,
      ids: [...shared.map((i) => i.id), SAME_MATTER_ID, ...others.map((i) => i.id)],
    },
    {
      id: "veto",
      name: lang === "en" ? rubric.veto.nameEn : rubric.veto.name,
      ids: rubric.veto.conditions.map((c) => c.key),
    },
  ];
}

/** How many of a section's entries hold a valid value, of how many. */
export function filledCount(section: FillSection, score: ColumnScore): { filled: number; of: number } {
  const filled = section.ids.filter((id) => score.judgements[id]?.status === "valid").length;
  return { filled, of: section.ids.length };
}

/**
 * The next item 1–70 without a valid score after `after` (an entry id), wrapping round to item 1; the first one
 * when `after` is not an item; null when every item is scored.
 */
export function nextUnscored(rubric: Rubric, score: ColumnScore, after?: string): string | null {
  const missing = new Set(score.missing);
  const items = rubric.baseItems;
  const at = items.findIndex((i) => i.id === after);
  for (let k = 1; k <= items.length; k++) {
    const item = items[(at + k + items.length) % items.length];
    if (missing.has(item.id)) return item.id;
  }
  return null;
}
