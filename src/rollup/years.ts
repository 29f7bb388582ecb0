import type { Rubric } from "../rubric";
import {
  buildRollup,
  stationKey,
  type Rollup,
  type RollupInput,
  type RollupRow,
  type RollupTotals,
} from "./model";

/*
 * Year over year (“2020年至2022年…每年开展一次”): each year rolled up on its own, with its own 60% target, and
 * the stations lined up across the years. A station's year is its roll-up row: self, review and the verdict
 * that counts; null when it sent no scorecard that year.
 */

export interface YearsRow {
  readonly station: string;
  /** One per year, in `years` order. */
  readonly years: readonly (RollupRow | null)[];
  /** Counted total minus the previous year's; null for the first year or when either year is missing. */
  readonly change: readonly (number | null)[];
}

/** A station that passed one year and fell below the pass line, or was vetoed, the next. */
export interface Fall {
  readonly station: string;
  readonly from: number;
  readonly to: number;
  readonly verdict: "fail" | "veto";
  readonly total: number;
}

export interface YearsComparison {
  readonly rubric: Rubric;
  readonly years: readonly number[];
  readonly rollups: readonly Rollup[];
  readonly rows: readonly YearsRow[];
  readonly totals: readonly RollupTotals[];
  readonly falls: readonly Fall[];
}

/** The years the reads of this edition carry, ascending; year 0 (unreadable 年度) left out. */
export const yearsOf = (reads: readonly RollupInput[], rubric: Rubric): number[] =>
  [
    ...new Set(
      reads.filter((r) => r.meta.edition === rubric.edition && r.meta.year > 0).map((r) => r.meta.year),
    ),
  ].sort((a, b) => a - b);

export function compareYears(reads: readonly RollupInput[], rubric: Rubric): YearsComparison {
  const years = yearsOf(reads, rubric);
  const rollups = years.map((year) => buildRollup(reads, rubric, { year }));
  // Stations in first-seen order across the years' roll-ups (the notice's stations come first in each).
  const stations = new Map<string, string>();
  for (const rollup of rollups)
    for (const row of rollup.rows)
      if (!stations.has(stationKey(row.station))) stations.set(stationKey(row.station), row.station);
  const rows = [...stations].map(([key, station]): YearsRow => {
    const cells = rollups.map((r) => {
      const row = r.rows.find((x) => stationKey(x.station) === key);
      return row && row.readIndex !== null ? row : null;
    });
    const change = cells.map((cell, i) => {
      const prev = i > 0 ? cells[i - 1] : null;
      return cell?.total != null && prev?.total != null
        ? Math.round((cell.total - prev.total) * 2) / 2
        : null;
    });
    return { station, years: cells, change };
  });
  const falls: Fall[] = [];
  for (const row of rows)
    row.years.forEach((cell, i) => {
      const prev = i > 0 ? row.years[i - 1] : null;
      if (prev?.verdict === "pass" && cell && (cell.verdict === "fail" || cell.verdict === "veto"))
        falls.push({
          station: row.station,
          from: years[i - 1],
          to: years[i],
          verdict: cell.verdict,
          total: cell.total ?? 0,
        });
    });
  return { rubric, years, rollups, rows, totals: rollups.map((r) => r.totals), falls };
}
