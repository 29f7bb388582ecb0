import { AreaIndex, parseArea } from "../../src/sheet/areas";
import type { GridValue, SheetGrid } from "../../src/sheet";
import { columnLetters } from "../../src/xlsx/stream/sheet";

/**
 * Where two readings of the same sheets differ: names, then every cell either holds (value and formula; a hole,
 * undefined and null are the same nothing), links by cell, protection, and for each cell either grid holds whether
 * a data validation covers it. Empty when they agree.
 */
export function gridDifferences(
  a: readonly SheetGrid[],
  b: readonly SheetGrid[],
  options: { readonly protection?: boolean; readonly limit?: number } = {},
): string[] {
  const { protection = true, limit = 5 } = options;
  const out: string[] = [];
  const names = (gs: readonly SheetGrid[]): string => gs.map((g) => g.name).join(" | ");
  if (names(a) !== names(b)) return [`sheets: ${names(a)} ≠ ${names(b)}`];
  a.forEach((x, i) => {
    const y = b[i];
    const cells = new Set<string>();
    const collect = (g: SheetGrid): void => {
      g.values.forEach((row, r) =>
        row?.forEach((v, c) => v !== null && v !== undefined && cells.add(`${r},${c}`)),
      );
      g.formulas.forEach((row, r) =>
        row?.forEach((f, c) => f !== null && f !== undefined && cells.add(`${r},${c}`)),
      );
    };
    collect(x);
    collect(y);
    const at = (g: SheetGrid, r: number, c: number): [GridValue, string | null] => [
      g.values[r]?.[c] ?? null,
      g.formulas[r]?.[c] ?? null,
    ];
    const coverA = new AreaIndex(x.guards?.validatedAreas ?? []);
    const coverB = new AreaIndex(y.guards?.validatedAreas ?? []);
    for (const key of cells) {
      const [r, c] = key.split(",").map(Number);
      const [va, fa] = at(x, r, c);
      const [vb, fb] = at(y, r, c);
      const address = `${x.name}!${columnLetters(c + 1)}${r + 1}`;
      if (va !== vb || fa !== fb)
        out.push(`${address}: ${JSON.stringify([va, fa])} ≠ ${JSON.stringify([vb, fb])}`);
      if (x.guards && y.guards && coverA.covers(c + 1, r + 1) !== coverB.covers(c + 1, r + 1))
        out.push(`${address}: validated ${coverA.covers(c + 1, r + 1)} ≠ ${coverB.covers(c + 1, r + 1)}`);
    }
    const links = (g: SheetGrid): string => JSON.stringify(Object.entries(g.links ?? {}).sort());
    if (links(x) !== links(y)) out.push(`${x.name} links: ${links(x)} ≠ ${links(y)}`);
    if (protection && x.guards && y.guards && x.guards.protected !== y.guards.protected)
      out.push(`${x.name} protected: ${x.guards.protected} ≠ ${y.guards.protected}`);
  });
  return out.slice(0, limit);
}

/** The single cells a list of (small) areas covers, sorted: to compare guards read as cells and as ranges. */
export function coveredCells(areas: readonly string[]): string[] {
  const out = new Set<string>();
  for (const text of areas) {
    const area = parseArea(text);
    if (!area) continue;
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++) out.add(`${columnLetters(c)}${r}`);
  }
  return [...out].sort();
}
