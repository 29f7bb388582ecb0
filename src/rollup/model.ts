import type { Rubric } from "../rubric";
import { scoreColumn, type ColumnScore, type Verdict } from "../scoring";
import { evidenceStatus, reviewStarted, sheetNameFor, type ReadScorecard } from "../sheet";

/**
 * The roll-up of many scorecards: one row per station, the verdict that counts for each, and the pass count
 * against the notice's target. Pure data; the 汇总 sheet (./plan) draws it with live formulas.
 *
 * The verdict that counts (认定结论): the review column's verdict once the review is finished, i.e. its verdict
 * is 达标, 未达标 or 否决; while the review is 未完成 (empty or partly filled, no veto) the self-assessment
 * counts. A veto in the review is final even when items are still unscored, as no further score can lift it.
 */

/** A counted verdict, or "missing" for a station the notice names that has no scorecard (未提交). */
export type RollupVerdict = Verdict | "missing";

/** Which column a row's counted verdict comes from. */
export type Basis = "self" | "review";

export interface ColumnResult {
  readonly total: number;
  readonly verdict: Verdict;
}

export interface RollupRow {
  /** 序号, from 1. */
  readonly no: number;
  /** The station as the notice names it, else as the scorecard names it. */
  readonly station: string;
  /** Sheet of this station's scorecard in the roll-up workbook; null when not submitted. */
  readonly sheet: string | null;
  /** Index into the reads given to buildRollup; null when not submitted. */
  readonly readIndex: number | null;
  readonly self: ColumnResult | null;
  /** Null when not submitted, and while the review has not started (状态 before 复核中). */
  readonly review: ColumnResult | null;
  readonly basis: Basis | null;
  /** The counted total; null when not submitted. */
  readonly total: number | null;
  readonly verdict: RollupVerdict;
  /** Items scored without 佐证材料; null when not submitted. */
  readonly missingEvidence: number | null;
}

export interface RollupTotals {
  /** Stations in the roll-up: the notice's named stations plus any other station that sent a scorecard. */
  readonly stations: number;
  readonly passed: number;
  /** passed / stations (0 when there are no stations). */
  readonly rate: number;
  /** Share of stations that must pass (0.6 in the 2020 notice); null when no notice sets one. */
  readonly targetRate: number | null;
  /** ceil(targetRate × stations): 11 of 17 for 60%. */
  readonly target: number | null;
  /** max(0, target − passed). */
  readonly needed: number | null;
  readonly reached: boolean | null;
  readonly counts: Readonly<Record<RollupVerdict, number>>;
}

export type ExclusionReason = "edition" | "year";

export interface Rollup {
  readonly rubric: Rubric;
  readonly year: number;
  /** The district bureau issuing the notice, when the edition carries one. */
  readonly issuer: string | null;
  readonly documentNo: string | null;
  /** True when the rows are the notice's named stations. */
  readonly named: boolean;
  readonly rows: readonly RollupRow[];
  readonly totals: RollupTotals;
  /** Scorecards for a station and year already taken from an earlier read: index, and the index kept. */
  readonly duplicates: readonly { readonly index: number; readonly keptIndex: number }[];
  /** Scorecards left out: another edition or another year. */
  readonly excluded: readonly { readonly index: number; readonly reason: ExclusionReason }[];
  /**
   * Scorecards of stations the notice does not name. Every scorecard gets its row, so they are listed after the
   * named stations (and counted), and reported so that a misspelt station name is noticed.
   */
  readonly notNamed: readonly number[];
}

export interface RollupOptions {
  /** The year rolled up; by default the year most of the reads (of this edition) carry, else the notice's. */
  readonly year?: number;
}

export const VERDICTS: readonly RollupVerdict[] = ["pass", "fail", "veto", "incomplete", "missing"];

/** The column whose verdict counts: the review once it is finished, else the self-assessment. */
export const countedBasis = (review: Verdict): Basis => (review === "incomplete" ? "self" : "review");

const SUFFIXES = ["退役军人服务站", "服务站"];

/** Station names compared loosely: no spaces, and 巴川街道退役军人服务站 matches 巴川街道. */
export function stationKey(name: string): string {
  let key = name.replace(/\s+/g, "");
  for (const suffix of SUFFIXES)
    if (key.endsWith(suffix) && key.length > suffix.length) {
      key = key.slice(0, -suffix.length);
      break;
    }
  return key;
}

/** ceil(rate × n), immune to binary noise such as 0.6 × 5 = 3.0000000000000004. */
export const targetCount = (rate: number, n: number): number => Math.ceil(Math.round(rate * n * 1e6) / 1e6);

function mostCommon(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | undefined;
  for (const [v, n] of counts) {
    const bestCount = best === undefined ? 0 : (counts.get(best) ?? 0);
    if (best === undefined || n > bestCount || (n === bestCount && v > best)) best = v;
  }
  return best;
}

const column = (score: ColumnScore): ColumnResult => ({ total: score.total, verdict: score.verdict });

/** A sheet name unused so far: the scorecard's own name, shortened with a counter on a clash. */
function uniqueSheet(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let k = 2; taken.has(candidate.toLowerCase()); k++) {
    const suffix = `(${k})`;
    candidate = `${name.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Rolls scorecards up. In an edition that carries its district notice, the rows are the stations the notice
 * names, in its order, a station without a scorecard showing 未提交; otherwise one row per scorecard.
 * A second scorecard for the same station and year is a duplicate: the first read is kept.
 */
export function buildRollup(
  reads: readonly ReadScorecard[],
  rubric: Rubric,
  options: RollupOptions = {},
): Rollup {
  const notice = rubric.notice ?? null;
  const sameEdition = reads.map((r) => r.meta.edition === rubric.edition);
  const year =
    options.year ??
    mostCommon(reads.filter((_, i) => sameEdition[i]).map((r) => r.meta.year)) ??
    notice?.year ??
    new Date().getFullYear();

  const excluded: { index: number; reason: ExclusionReason }[] = [];
  const duplicates: { index: number; keptIndex: number }[] = [];
  const named = notice !== null && notice.stations.length > 0;
  const namedKeys = new Map((notice?.stations ?? []).map((s) => [stationKey(s), s]));
  const kept = new Map<string, number>();
  const notNamed: number[] = [];
  reads.forEach((read, index) => {
    if (!sameEdition[index]) return excluded.push({ index, reason: "edition" });
    if (read.meta.year !== year) return excluded.push({ index, reason: "year" });
    const key = stationKey(read.meta.station);
    const first = kept.get(key);
    if (first !== undefined) return duplicates.push({ index, keptIndex: first });
    kept.set(key, index);
    if (named && !namedKeys.has(key)) notNamed.push(index);
  });

  const taken = new Set<string>();
  const rowFor = (no: number, station: string, readIndex: number | undefined): RollupRow => {
    if (readIndex === undefined)
      return {
        no,
        station,
        sheet: null,
        readIndex: null,
        self: null,
        review: null,
        basis: null,
        total: null,
        verdict: "missing",
        missingEvidence: null,
      };
    const read = reads[readIndex];
    const self = scoreColumn(rubric, read.entries.self);
    // Before the review starts the scorecard shows no 复核 result (its totals are blank), so none counts here.
    const review = reviewStarted(read.meta.state) ? scoreColumn(rubric, read.entries.review) : null;
    const basis = review === null ? "self" : countedBasis(review.verdict);
    const counted = basis === "review" && review !== null ? review : self;
    return {
      no,
      station,
      sheet: uniqueSheet(sheetNameFor(read.meta.station, read.meta.year), taken),
      readIndex,
      self: column(self),
      review: review === null ? null : column(review),
      basis,
      total: counted.total,
      verdict: counted.verdict,
      missingEvidence: evidenceStatus(read).missing.length,
    };
  };
  const stations = named
    ? [
        ...(notice?.stations ?? []).map((s) => ({ station: s, index: kept.get(stationKey(s)) })),
        ...notNamed.map((index) => ({ station: reads[index].meta.station, index })),
      ]
    : [...kept.values()].map((index) => ({ station: reads[index].meta.station, index }));
  const rows = stations.map(({ station, index }, i) => rowFor(i + 1, station, index));

  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<RollupVerdict, number>;
  for (const row of rows) counts[row.verdict]++;
  const stationCount = rows.length;
  const passed = counts.pass;
  const targetRate = notice?.targetRate ?? null;
  const target = targetRate === null ? null : targetCount(targetRate, stationCount);
  return {
    rubric,
    year,
    issuer: notice?.issuer ?? null,
    documentNo: notice?.documentNo ?? null,
    named,
    rows,
    totals: {
      stations: stationCount,
      passed,
      rate: stationCount === 0 ? 0 : passed / stationCount,
      targetRate,
      target,
      needed: target === null ? null : Math.max(0, target - passed),
      reached: target === null ? null : passed >= target,
      counts,
    },
    duplicates,
    excluded,
    notNamed,
  };
}

/** The rows on the 创建名单: stations whose counted verdict is 达标, in roll-up order. */
export const passingRows = (rollup: Rollup): RollupRow[] => rollup.rows.filter((r) => r.verdict === "pass");
