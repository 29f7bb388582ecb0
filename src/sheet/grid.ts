import type { GridValue, SheetGrid, SheetPlan } from "./types";

/** The grid a faithful renderer of this plan would read back: formula cells show their cached results. */
export function planToGrid(plan: SheetPlan, guards = true): SheetGrid {
  const values: GridValue[][] = plan.cells.map((row) =>
    row.map((c) => (c.formula !== undefined ? (c.result ?? null) : c.value)),
  );
  const formulas = plan.cells.map((row) => row.map((c) => c.formula ?? null));
  if (!guards) return { name: plan.sheetName, values, formulas };
  const validatedAreas = plan.validations.map((v) => v.range);
  return { name: plan.sheetName, values, formulas, guards: { protected: true, validatedAreas } };
}

/** Every single-cell address in an A1 range like "F4:G4". */
export function expandRange(range: string): string[] {
  const [a, b = a] = range.split(":");
  const parse = (ref: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(`Not an A1 reference: ${ref}`);
    return [m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1, Number(m[2])];
  };
  const [c1, r1] = parse(a);
  const [c2, r2] = parse(b);
  const out: string[] = [];
  for (let r = r1; r <= r2; r++)
    for (let c = c1; c <= c2; c++) out.push(`${String.fromCharCode(65 + c)}${r}`);
  return out;
}
