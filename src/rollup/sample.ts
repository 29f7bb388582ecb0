import { localTimeWithOffset } from "../review/changeLog";
import { targetCount, type Rollup, type RollupRow } from "./model";

/*
 * The city's sample (“抽取50%以上的退役军人服务站进行暗访调研”), drawn so that anyone can redo it.
 *
 * The seed is any text. It is hashed to 32 bits with FNV-1a over its UTF-8 bytes (offset basis 2166136261,
 * prime 16777619), which seeds mulberry32 (Tommy Ettinger's 32-bit generator: add 0x6D2B79F5, then three
 * xor-shift-multiply rounds). The first k positions of a Fisher–Yates shuffle of the candidates (in roll-up
 * order: the notice's order, then other stations as read) pick the sample: step i swaps position i with
 * i + ⌊u × (n − i)⌋. Every k-subset is equally likely up to the generator's 2^-32 granularity.
 */

/** FNV-1a, 32 bits, of the UTF-8 bytes of `text`. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h >>> 0;
}

/** mulberry32: uniform numbers in [0, 1) from a 32-bit state. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The notice's rate: “50%以上”. */
export const DEFAULT_SAMPLE_RATE = 0.5;

/** How many of n to draw: ⌈rate × n⌉ (17 → 9 at 50%). */
export const sampleSize = (rate: number, n: number): number => Math.min(n, targetCount(rate, n));

/** Indexes (ascending) of the ⌈rate × n⌉ candidates a seed picks. */
export function drawIndexes(n: number, rate: number, seed: string): number[] {
  if (!(rate > 0 && rate <= 1)) throw new RangeError(`rate must be in (0, 1]: ${rate}`);
  const k = sampleSize(rate, n);
  const next = mulberry32(fnv1a(seed));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (n - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, k).sort((a, b) => a - b);
}

/** An input of the draw, named and hashed so the draw can be checked against the same files. */
export interface SampleInput {
  readonly name: string;
  /** Content hash with its algorithm, e.g. "sha256:…" for a file. */
  readonly hash: string;
}

export interface Sample {
  readonly year: number;
  readonly issuer: string | null;
  readonly rate: number;
  readonly seed: string;
  /** When the draw was made: local time with its offset, 2020-11-25 10:30 +08:00. */
  readonly time: string;
  /** Stations drawn from: those with a scorecard. */
  readonly candidates: number;
  readonly rows: readonly RollupRow[];
  readonly inputs: readonly SampleInput[];
}

/** Draws the sample from a roll-up's submitted stations. */
export function drawSample(
  rollup: Rollup,
  o: { rate: number; seed: string; time: Date; inputs: readonly SampleInput[] },
): Sample {
  const candidates = rollup.rows.filter((r) => r.readIndex !== null);
  return {
    year: rollup.year,
    issuer: rollup.issuer,
    rate: o.rate,
    seed: o.seed,
    time: localTimeWithOffset(o.time),
    candidates: candidates.length,
    rows: drawIndexes(candidates.length, o.rate, o.seed).map((i) => candidates[i]),
    inputs: o.inputs,
  };
}
