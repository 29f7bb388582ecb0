import { stationKey } from "../../rollup/model";

/** Edit distance of two short names (insertions, deletions, substitutions), per UTF-16 unit: names are CJK. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/**
 * The notice's station a typed name most likely means: 巴川 or 巴川街道服务站 for 巴川街道, 巴州街道 (one character
 * off) too; null when the name is one of them already, or when nothing, or more than one, is that close.
 */
export function closeStation(typed: string, stations: readonly string[]): string | null {
  const key = stationKey(typed);
  if (key === "" || stations.some((s) => stationKey(s) === key)) return null;
  const starts = stations.filter((s) => stationKey(s).startsWith(key));
  if (starts.length > 0) return starts.length === 1 ? starts[0] : null;
  // One character off, in a name of three or more: a slip, not another place.
  const near = key.length >= 3 ? stations.filter((s) => distance(stationKey(s), key) <= 1) : [];
  return near.length === 1 ? near[0] : null;
}
