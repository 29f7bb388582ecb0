import type { Item, Rubric } from "../../src/rubric";
import { NO, SAME_MATTER_ID, YES } from "../../src/scoring";
import { mulberry32 } from "../../src/rollup/sample";
import type { PlanValue, ScorecardEntries } from "../../src/sheet";

/** A deterministic PRNG in [0, 1). */
export type Random = () => number;

/** The product's documented generator (src/rollup/sample.ts): the same sequence on every machine. */
export { mulberry32 };

const pick = <T>(rnd: Random, options: readonly T[]): T => options[Math.floor(rnd() * options.length)];
const chance = (rnd: Random, p: number): boolean => rnd() < p;

export interface FillOptions {
  /** Chance that a column leaves 1–3 base items empty (→ 未完成). */
  readonly emptyRate?: number;
  /** Chance that a column answers one veto condition 是 (→ 否决). */
  readonly vetoRate?: number;
}

export interface Fill {
  readonly seed: number;
  readonly station: string;
  readonly year: number;
  readonly entries: ScorecardEntries;
}

type Column = Record<string, PlanValue>;

/** Valid values of an item, by its award rule. */
export function validValues(item: Item): number[] {
  const award = item.award;
  if (award.kind === "tiers") return [0, ...award.tiers.map((t) => t.points).sort((a, b) => a - b)];
  if (award.kind === "all-or-nothing") return [0, item.max];
  return Array.from({ length: item.max * 2 + 1 }, (_, k) => k / 2);
}

/** Bonus picks (71–74, same matter) and what they count for after the same-matter rule and the cap. */
function fillBonus(rubric: Rubric, rnd: Random, column: Column): number {
  const values = new Map<number, number>();
  for (const item of rubric.bonus.items) {
    if (chance(rnd, 0.1)) continue; // an unanswered bonus item counts 0 and leaves the column complete
    const v = pick(rnd, validValues(item));
    column[item.id] = v;
    values.set(item.no, v);
  }
  const shared = rubric.bonus.sameMatterItems;
  const bothScored = shared.every((no) => (values.get(no) ?? 0) > 0);
  const same = chance(rnd, bothScored ? 0.5 : 0.15);
  if (same) column[SAME_MATTER_ID] = YES;
  else if (chance(rnd, 0.5)) column[SAME_MATTER_ID] = NO;
  const sharedValues = shared.map((no) => values.get(no) ?? 0);
  let sum = same ? Math.max(0, ...sharedValues) : sharedValues.reduce((a, b) => a + b, 0);
  for (const [no, v] of values) if (!shared.includes(no)) sum += v;
  return Math.min(rubric.bonus.cap, sum);
}

/** Takes `drop` points off the base items in half-point steps, never below 0. */
function dropPoints(rubric: Rubric, rnd: Random, column: Column, drop: number): void {
  let left = drop;
  const room = (item: Item): number => Number(column[item.id]);
  while (left > 0) {
    const candidates = rubric.baseItems.filter((i) => room(i) > 0);
    if (candidates.length === 0) return;
    const item = pick(rnd, candidates);
    const step = Math.min(left, room(item), pick(rnd, [0.5, 0.5, 1, 1.5, 2]));
    column[item.id] = room(item) - step;
    left -= step;
  }
}

/** One valid score column whose total lands within a few points of the pass line. */
export function fillColumn(rubric: Rubric, rnd: Random, options: FillOptions = {}): Column {
  const column: Column = {};
  for (const item of rubric.baseItems) column[item.id] = item.max;
  const bonus = fillBonus(rubric, rnd, column);
  // total = baseMax − drop + bonus; aim at passLine + offset, with the line itself and half a point under it common.
  const offset = pick(rnd, [0, 0, -0.5, -0.5, 0.5, -1, 1, -2, 2, -3.5, 3.5, -6, 6, -10, 10]);
  const drop = Math.max(0, rubric.baseMax + bonus - rubric.passLine - offset);
  dropPoints(rubric, rnd, column, drop);
  if (chance(rnd, options.emptyRate ?? 0.15)) {
    const count = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < count; k++) delete column[pick(rnd, rubric.baseItems).id];
  }
  const vetoed = chance(rnd, options.vetoRate ?? 0.12);
  const fatal = vetoed ? pick(rnd, rubric.veto.conditions).key : null;
  for (const c of rubric.veto.conditions) {
    if (c.key === fatal) column[c.key] = YES;
    else if (chance(rnd, 0.6)) column[c.key] = NO;
  }
  return column;
}

/** A review that agrees with the self-assessment except for a few valid changes. */
function reviewOf(rubric: Rubric, rnd: Random, self: Column): Column {
  const review: Column = { ...self };
  const changes = Math.floor(rnd() * 6);
  for (let k = 0; k < changes; k++) {
    const item = pick(rnd, rubric.items);
    review[item.id] = pick(rnd, validValues(item));
  }
  return review;
}

const EVIDENCE = [
  "会议记录",
  "台账（2020年）",
  "照片 3 张",
  "文件 <退役军人> & 附件",
  '制度汇编"第二版"',
  "第一行\n第二行",
  "https://example.org/证明.pdf",
];

/** Seeded, valid entries for both columns, evidence and notes. */
export function randomFill(rubric: Rubric, seed: number, options: FillOptions = {}): Fill {
  const rnd = mulberry32(seed);
  const self = fillColumn(rubric, rnd, options);
  const mode = rnd();
  const review: Column =
    mode < 0.2 ? {} : mode < 0.6 ? reviewOf(rubric, rnd, self) : fillColumn(rubric, rnd, options);
  const evidence: Record<string, string> = {};
  const notes: Record<string, string> = {};
  for (const item of rubric.items) {
    if (chance(rnd, 0.3)) evidence[item.id] = `${pick(rnd, EVIDENCE)} #${item.no}`;
    if (chance(rnd, 0.08)) notes[item.id] = `备注 ${item.no}：${pick(rnd, EVIDENCE)}`;
  }
  return {
    seed,
    station: `测试${seed}街道`,
    year: 2020 + (seed % 4),
    entries: { self, review, evidence, notes },
  };
}

export function randomFills(rubric: Rubric, count: number, firstSeed = 1, options: FillOptions = {}): Fill[] {
  return Array.from({ length: count }, (_, k) => randomFill(rubric, firstSeed + k, options));
}

const compact = (column: Readonly<Record<string, PlanValue>>): Record<string, PlanValue> =>
  Object.fromEntries(Object.entries(column).filter(([, v]) => v !== null && v !== undefined && v !== ""));

/** Entries without empty cells, so written and read-back entries compare equal. */
export function compactEntries(entries: ScorecardEntries): ScorecardEntries {
  return {
    self: compact(entries.self),
    review: compact(entries.review),
    evidence: { ...entries.evidence },
    notes: { ...entries.notes },
  };
}
