import { edition2020Trial } from "./editions/2020-trial";
import { loadRubric } from "./load";
import type { Rubric, RubricSource } from "./types";

export * from "./types";
export { loadRubric, RubricError } from "./load";
export { coversYear, defaultYear } from "./years";

/** Every edition the product knows, newest last. Adding an edition is adding its data file here. */
const SOURCES: readonly RubricSource[] = [edition2020Trial];

export const EDITIONS: readonly Rubric[] = SOURCES.map(loadRubric);
export const DEFAULT_EDITION = EDITIONS[EDITIONS.length - 1].edition;

export function getRubric(edition: string = DEFAULT_EDITION): Rubric {
  const rubric = EDITIONS.find((r) => r.edition === edition);
  if (!rubric)
    throw new Error(`Unknown edition "${edition}". Known: ${EDITIONS.map((r) => r.edition).join(", ")}`);
  return rubric;
}

/** Entry keys of the veto conditions, e.g. 75.1 … 75.4. */
export const vetoKeys = (rubric: Rubric): string[] => rubric.veto.conditions.map((c) => c.key);
export { timelineStatus, localDate, daysBetween, type TimelineStatus, type IsoDate } from "./timeline";
