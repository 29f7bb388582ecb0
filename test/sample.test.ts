import fc from "fast-check";
import { drawIndexes, fnv1a, sampleSize } from "../src/rollup";

describe("the city's sample draw", () => {
  it("hashes the seed with FNV-1a 32 (published test vectors)", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(fnv1a("foobar")).toBe(0xbf9cf968);
  });

  it("draws ⌈rate × n⌉: 9 of 17 at 50%, all at 100%", () => {
    expect(sampleSize(0.5, 17)).toBe(9);
    expect(drawIndexes(17, 0.5, "2020")).toHaveLength(9);
    expect(sampleSize(0.6, 5)).toBe(3);
    expect(drawIndexes(17, 1, "x")).toEqual(Array.from({ length: 17 }, (_, i) => i));
    expect(drawIndexes(0, 0.5, "x")).toEqual([]);
    expect(() => drawIndexes(17, 0, "x")).toThrow(RangeError);
    expect(() => drawIndexes(17, 1.5, "x")).toThrow(RangeError);
  });

  it("gives the same list for the same seed, and a pinned list for a pinned seed", () => {
    expect(drawIndexes(17, 0.5, "铜梁2020")).toEqual(drawIndexes(17, 0.5, "铜梁2020"));
    // Worked out independently (a Python transcription of the documented algorithm).
    expect(drawIndexes(17, 0.5, "铜梁2020")).toEqual([0, 2, 3, 4, 7, 8, 9, 10, 14]);
    expect(drawIndexes(17, 0.5, "铜梁2020")).not.toEqual(drawIndexes(17, 0.5, "铜梁2021"));
  });

  it("property: k distinct indexes in range, ascending", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.string(),
        (n, rate, seed) => {
          const drawn = drawIndexes(n, rate, seed);
          expect(drawn).toHaveLength(sampleSize(rate, n));
          expect(new Set(drawn).size).toBe(drawn.length);
          expect(drawn.every((i, k) => i >= 0 && i < n && (k === 0 || drawn[k - 1] < i))).toBe(true);
        },
      ),
      { seed: 13, numRuns: 300 },
    );
  });

  it("favours no station: χ² over 3,400 fixed seeds stays under the 0.1% critical value", () => {
    const n = 17;
    const draws = 3400;
    const counts = new Array<number>(n).fill(0);
    for (let s = 0; s < draws; s++) for (const i of drawIndexes(n, 0.5, `seed-${s}`)) counts[i]++;
    const expected = (draws * 9) / n;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 16 degrees of freedom: P(χ² > 39.25) = 0.001. A sampler that always skipped one station scores > 1,000.
    expect(chi2).toBeLessThan(39.25);
    const skewed = counts.map((c, i) => (i === 0 ? 0 : c + counts[0] / (n - 1)));
    expect(skewed.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0)).toBeGreaterThan(39.25);
  });
});
