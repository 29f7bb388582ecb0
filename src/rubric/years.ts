import type { RubricSource } from "./types";

type Years = Pick<RubricSource, "years">;

/** The year a new scorecard is for: this year while the edition covers it, else the edition's latest year. */
export function defaultYear(rubric: Years, thisYear: number): number {
  return rubric.years.includes(thisYear) ? thisYear : rubric.years[rubric.years.length - 1];
}

/** Whether the edition is used for that campaign year (a scorecard for another year is flagged, not refused). */
export const coversYear = (rubric: Years, year: number): boolean => rubric.years.includes(year);
