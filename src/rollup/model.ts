import type { Rubric } from "../rubric";
import { receiptStatus, isSubmitted, reviewStarted, type ReceiptStatus } from "../review/status";
import type { ColumnScore, Verdict } from "../scoring";
import { evidenceStatus, sheetNameFor, type ReadScorecard, type ScorecardMeta } from "../sheet";

/**
 * The roll-up of many scorecards: one row per station, the verdict that counts for each, and the pass count
 * against the notice's target. Pure data; the 汇总 sheet (./plan) draws it with live formulas.
 *
 * Received is not submitted: only a scorecard validly submitted (状态 已提交, 复核中 or 已复核 with its
 * submission hash intact, see receiptStatus) is judged; any other received scorecard, like a station that sent
 * nothing, counts as 未提交 — never 达标, never on the 创建名单.
 *
 * The verdict that counts (认定结论) of a submitted scorecard: the review column's verdict once the review has
 * started (复核中 or 已复核) and is finished, i.e. its verdict is 达标, 未达标 or 否决; otherwise the
 * self-assessment's. A veto in the review is final even when items are still unscored, as no further score can
 * lift it.
 */

/** A counted verdict, or "unsubmitted" (未提交): no scorecard, or one not validly submitted. */
export type RollupVerdict = Verdict | "unsubmitted";

/** Where a station's scorecard stands: its receipt status, or "missing" (未收到) when none came. */
export type RollupStatus = ReceiptStatus | "missing";

/** Which column a row's counted verdict comes from. */
export type Basis = "self" | "review";

export interface ColumnResult {
  readonly total: number;
  readonly verdict: Verdict;
  /** The veto conditions answered 是 ("75.2"…), in the rubric's order. */
  readonly vetoItems: readonly string[];
}

/** The file a scorecard was read from, as named to the command line, and the SHA-256 of its bytes ("sha256:…"). */
export interface RollupSource {
  readonly file: string;
  readonly hash: string;
}

/**
 * What the roll-up needs of one scorecard, worked out once where it is read: its sheet, metadata, receipt status,
 * both columns' totals and verdicts, and the items scored without evidence. A few hundred bytes where the read
 * is tens of kilobytes, so a roll-up of many files keeps these, not the reads.
 */
export interface ScorecardFacts {
  readonly sheet: string;
  readonly meta: ScorecardMeta;
  readonly status: ReceiptStatus;
  readonly self: ColumnResult;
  readonly review: ColumnResult;
  /** Items scored above 0 in either column without 佐证材料. */
  readonly missingEvidence: number;
  /** Where the scorecard came from, when it came from a file. */
  readonly source?: RollupSource;
}

const column = (score: ColumnScore): ColumnResult => ({
  total: score.total,
  verdict: score.verdict,
  vetoItems: score.vetoConditions,
});

const factsOfRead = new WeakMap<ReadScorecard, ScorecardFacts>();

/** The facts of a read scorecard (the engine's scores as read), from `source` if given. */
export function scorecardFacts(read: ReadScorecard, source?: RollupSource): ScorecardFacts {
  const known = source === undefined ? factsOfRead.get(read) : undefined;
  if (known) return known;
  const facts: ScorecardFacts = {
    sheet: read.sheet,
    meta: read.meta,
    status: receiptStatus(read),
    self: column(read.scores.self),
    review: column(read.scores.review),
    missingEvidence: evidenceStatus(read).missing.length,
    ...(source === undefined ? {} : { source }),
  };
  if (source === undefined) factsOfRead.set(read, facts);
  return facts;
}

/** A roll-up's input: a read scorecard, or the facts of one read elsewhere (a worker thread, an earlier pass). */
export type RollupInput = ReadScorecard | ScorecardFacts;

const factsOf = (input: RollupInput): ScorecardFacts => ("status" in input ? input : scorecardFacts(input));

export interface RollupRow {
  /** 序号, from 1. */
  readonly no: number;
  /** The station as the notice names it, else as the scorecard names it. */
  readonly station: string;
  /** Sheet of this station's scorecard in the roll-up workbook; null when none was received. */
  readonly sheet: string | null;
  /** Index into the reads given to buildRollup; null when none was received. */
  readonly readIndex: number | null;
  readonly status: RollupStatus;
  readonly self: ColumnResult | null;
  /** Null until the review has started (复核中 or 已复核): an empty review is no review. */
  readonly review: ColumnResult | null;
  /** Null when not submitted. */
  readonly basis: Basis | null;
  /** The counted total (a scorecard received but not submitted: its self-assessment); null when none came. */
  readonly total: number | null;
  readonly verdict: RollupVerdict;
  /** The veto items behind a counted 否决; empty otherwise. */
  readonly vetoItems: readonly string[];
  /** Items scored without 佐证材料; null when none was received. */
  readonly missingEvidence: number | null;
  /** The file the scorecard was read from, when known; null when none was received. */
  readonly source: RollupSource | null;
}

export interface RollupTotals {
  /** Stations in the roll-up: the notice's named stations plus any other station that sent a scorecard. */
  readonly stations: number;
  /** Stations whose scorecard came (收到), in whatever 状态. */
  readonly received: number;
  /** Stations validly submitted (已提交, 复核中 or 已复核 with the hash intact). */
  readonly submitted: number;
  /** Stations validly submitted whose review is finished (已复核). */
  readonly reviewed: number;
  /** Named stations that sent nothing (未收到). */
  readonly missing: number;
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
  /** The unit making the roll-up (options.unit), else the district bureau issuing the notice, if any. */
  readonly issuer: string | null;
  readonly documentNo: string | null;
  /** True when the rows are the notice's named stations. */
  readonly named: boolean;
  readonly rows: readonly RollupRow[];
  readonly totals: RollupTotals;
  /** Scorecards for a station and year already taken from an earlier input: index, and the index kept. */
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
  /** The unit the roll-up is made by and for (汇总 title, 报送单位); by default the notice's issuer. */
  readonly unit?: string;
}

export const VERDICTS: readonly RollupVerdict[] = ["pass", "fail", "veto", "incomplete", "unsubmitted"];

/** The column whose verdict counts once the review has started: the review once it is finished, else the self-assessment. */
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
  inputs: readonly RollupInput[],
  rubric: Rubric,
  options: RollupOptions = {},
): Rollup {
  const facts = inputs.map(factsOf);
  const notice = rubric.notice ?? null;
  const sameEdition = facts.map((card) => card.meta.edition === rubric.edition);
  const year =
    options.year ??
    mostCommon(facts.filter((_, i) => sameEdition[i]).map((card) => card.meta.year)) ??
    notice?.year ??
    new Date().getFullYear();

  const excluded: { index: number; reason: ExclusionReason }[] = [];
  const duplicates: { index: number; keptIndex: number }[] = [];
  const named = notice !== null && notice.stations.length > 0;
  const namedKeys = new Map((notice?.stations ?? []).map((s) => [stationKey(s), s]));
  const kept = new Map<string, number>();
  const notNamed: number[] = [];
  facts.forEach((card, index) => {
    if (!sameEdition[index]) return excluded.push({ index, reason: "edition" });
    if (card.meta.year !== year) return excluded.push({ index, reason: "year" });
    const key = stationKey(card.meta.station);
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
        status: "missing",
        self: null,
        review: null,
        basis: null,
        total: null,
        verdict: "unsubmitted",
        vetoItems: [],
        missingEvidence: null,
        source: null,
      };
    const card = facts[readIndex];
    const { status, self } = card;
    const review = reviewStarted(status) ? card.review : null;
    const counted = review && countedBasis(review.verdict) === "review" ? review : self;
    const submitted = isSubmitted(status);
    return {
      no,
      station,
      sheet: uniqueSheet(sheetNameFor(card.meta.station, card.meta.year), taken),
      readIndex,
      status,
      self,
      review,
      basis: submitted ? (counted === review ? "review" : "self") : null,
      total: counted.total,
      verdict: submitted ? counted.verdict : "unsubmitted",
      vetoItems: submitted && counted.verdict === "veto" ? counted.vetoItems : [],
      missingEvidence: card.missingEvidence,
      source: card.source ?? null,
    };
  };
  const stations = named
    ? [
        ...(notice?.stations ?? []).map((s) => ({ station: s, index: kept.get(stationKey(s)) })),
        ...notNamed.map((index) => ({ station: facts[index].meta.station, index })),
      ]
    : [...kept.values()].map((index) => ({ station: facts[index].meta.station, index }));
  const rows = stations.map(({ station, index }, i) => rowFor(i + 1, station, index));

  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<RollupVerdict, number>;
  for (const row of rows) counts[row.verdict]++;
  const having = (test: (status: RollupStatus) => boolean): number =>
    rows.filter((row) => test(row.status)).length;
  const stationCount = rows.length;
  const passed = counts.pass;
  const targetRate = notice?.targetRate ?? null;
  const target = targetRate === null ? null : targetCount(targetRate, stationCount);
  return {
    rubric,
    year,
    issuer: options.unit ?? notice?.issuer ?? null,
    documentNo: notice?.documentNo ?? null,
    named,
    rows,
    totals: {
      stations: stationCount,
      received: having((status) => status !== "missing"),
      submitted: having(isSubmitted),
      reviewed: having((status) => status === "reviewed"),
      missing: having((status) => status === "missing"),
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

/** A share as the roll-up writes it: 64.7%. */
export const percentText = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/**
 * What a roll-up reports first, wherever it is made (scorecard summary's result line, the pane's 生成汇总表 and its
 * roll-up view): the stations, received, submitted, reviewed and missing — received is not submitted — and how
 * many pass.
 */
// A type, not an interface: texts are formatted from it as a record.
export type RollupCounts = {
  readonly stations: number;
  readonly received: number;
  readonly submitted: number;
  readonly reviewed: number;
  readonly missing: number;
  readonly passed: number;
  /** The pass rate as written: 64.7%. */
  readonly rate: string;
};

export function rollupCounts(rollup: Rollup): RollupCounts {
  const { totals } = rollup;
  return {
    stations: totals.stations,
    received: totals.received,
    submitted: totals.submitted,
    reviewed: totals.reviewed,
    missing: totals.missing,
    passed: totals.passed,
    rate: percentText(totals.rate),
  };
}
