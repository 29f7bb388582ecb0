import type { Category, Item, Rubric, RubricSource } from "./types";

export class RubricError extends Error {
  constructor(edition: string, problems: string[]) {
    super(`Rubric edition "${edition}" is inconsistent:\n- ${problems.join("\n- ")}`);
    this.name = "RubricError";
  }
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Flattens an edition and checks it against its own printed figures; throws RubricError listing every problem. */
export function loadRubric(source: RubricSource): Rubric {
  const problems: string[] = [];
  const categories: Category[] = source.categories.map((c) => {
    const tasks = c.tasks.map((t) => ({
      name: t.name,
      nameEn: t.nameEn,
      items: t.items.map((i): Item => ({
        id: String(i.no),
        no: i.no,
        text: i.text,
        max: i.max,
        section: "base",
        categoryId: c.id,
        task: t.name,
        taskEn: t.nameEn,
        award: { kind: "points" },
      })),
    }));
    const items = tasks.flatMap((t) => t.items);
    const itemSum = sum(items.map((i) => i.max));
    if (itemSum !== c.max)
      problems.push(`category ${c.name}: items sum to ${itemSum}, printed maximum is ${c.max}`);
    return { id: c.id, name: c.name, nameEn: c.nameEn, heading: c.heading, max: c.max, items, tasks };
  });
  const baseItems = categories.flatMap((c) => c.items);
  const bonusItems: Item[] = source.bonus.items.map((i) => ({
    id: String(i.no),
    no: i.no,
    text: i.text,
    max: i.max,
    section: "bonus",
    categoryId: "bonus",
    task: null,
    taskEn: null,
    award: i.award,
  }));
  const items = [...baseItems, ...bonusItems];

  const baseSum = sum(categories.map((c) => c.max));
  if (baseSum !== source.baseMax)
    problems.push(`categories sum to ${baseSum}, base maximum is ${source.baseMax}`);
  const bonusSum = sum(bonusItems.map((i) => i.max));
  if (bonusSum < source.bonus.cap)
    problems.push(`bonus items sum to ${bonusSum}, below the cap ${source.bonus.cap}`);
  const seen = new Set<number>();
  items.forEach((item, index) => {
    if (seen.has(item.no)) problems.push(`item ${item.no} is numbered twice`);
    seen.add(item.no);
    if (item.no !== index + 1)
      problems.push(`item numbers must run 1..n without gaps: position ${index + 1} holds ${item.no}`);
    if (!(item.max > 0) || item.max * 2 !== Math.round(item.max * 2))
      problems.push(`item ${item.no}: maximum ${item.max} is not a positive half-point value`);
    if (item.text.trim() === "") problems.push(`item ${item.no}: empty text`);
    if (item.award.kind === "tiers") {
      const points = item.award.tiers.map((t) => t.points);
      if (Math.max(...points) !== item.max)
        problems.push(`item ${item.no}: top tier ${Math.max(...points)} differs from maximum ${item.max}`);
      if (new Set(points).size !== points.length) problems.push(`item ${item.no}: tiers repeat a value`);
    }
  });
  if (source.veto.no !== items.length + 1)
    problems.push(`veto item must follow the last item: ${source.veto.no}`);
  source.veto.conditions.forEach((c, index) => {
    if (c.key !== `${source.veto.no}.${index + 1}`)
      problems.push(`veto condition ${index + 1} is keyed ${c.key}`);
  });
  for (const no of source.bonus.sameMatterItems) {
    if (!bonusItems.some((i) => i.no === no)) problems.push(`same-matter item ${no} is not a bonus item`);
  }
  if (!(source.passLine > 0 && source.passLine <= source.baseMax + source.bonus.cap))
    problems.push(`pass line ${source.passLine} is out of range`);
  if (source.notice && new Set(source.notice.stations).size !== source.notice.stations.length)
    problems.push("notice names a station twice");
  if (problems.length > 0) throw new RubricError(source.edition, problems);

  return {
    ...source,
    categories,
    bonus: { ...source.bonus, items: bonusItems },
    items,
    baseItems,
    itemById: new Map(items.map((i) => [i.id, i])),
  };
}
