import {
  COL,
  HEADER_SCAN_ROWS,
  addr,
  findHeaderRow,
  rangeAddr,
  readScorecard,
  rowOf,
  type GridValue,
  type SheetGrid,
} from "../sheet";
import { cellAddress, parseRect } from "./a1";

/** A cell as Office.js returns it in `values`: numbers, strings, booleans; "" (an empty cell) → null. */
export function gridValue(value: unknown): GridValue {
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return value === "" ? null : value;
  return null;
}

/** A cell's `formulas` entry: the formula without '=' when the cell holds one, else null. */
export const gridFormula = (formula: unknown): string | null =>
  typeof formula === "string" && formula.startsWith("=") && formula.length > 1 ? formula.slice(1) : null;

/**
 * The grid from A1 of a used range read as address + values + formulas: rows and columns before the used
 * range are padded with empty cells so values[row - 1][col] holds whatever the range started at.
 */
export function gridFromUsedRange(
  name: string,
  used: {
    readonly address: string;
    readonly values: readonly (readonly unknown[])[];
    readonly formulas: readonly (readonly unknown[])[];
  } | null,
): Omit<SheetGrid, "guards"> {
  if (used === null || used.values.length === 0) return { name, values: [], formulas: [] };
  const { r1, c1 } = parseRect(used.address);
  const width = c1 + (used.values[0]?.length ?? 0);
  const height = r1 + used.values.length;
  const values: GridValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = 0; r < height; r++) {
    const vs: GridValue[] = new Array<GridValue>(width).fill(null);
    const fs: (string | null)[] = new Array<string | null>(width).fill(null);
    if (r >= r1) {
      const rowValues = used.values[r - r1] ?? [];
      const rowFormulas = used.formulas[r - r1] ?? [];
      for (let c = c1; c < width; c++) {
        fs[c] = gridFormula(rowFormulas[c - c1]);
        // A formula showing "" is not an empty cell: keep its text as the plan's cached result does.
        const value = rowValues[c - c1];
        vs[c] = value === "" && fs[c] !== null ? "" : gridValue(value);
      }
    }
    values.push(vs);
    formulas.push(fs);
  }
  return { name, values, formulas };
}

/** The top of every sheet, read first: a scorecard's header row lies within it. */
export const HEAD_RANGE = `A1:K${HEADER_SCAN_ROWS}`;

/** One-based rows of the entries of a recognised scorecard, as found (sorted); none for other sheets. */
function entryRowsOf(grid: SheetGrid): number[] {
  if (findHeaderRow(grid) === null) return [];
  const { entryRows } = readScorecard({ name: grid.name, values: grid.values, formulas: grid.formulas });
  return [...new Set(entryRows.values())].sort((a, b) => a - b);
}

/** Score cells of a recognised scorecard, as pairs "F4:G4" (self, review) of each entry row found. */
export const scoreCellPairs = (grid: SheetGrid): string[] =>
  entryRowsOf(grid).map((row) => rangeAddr(COL.self, row, COL.review, row));

/** The 佐证材料 cells of the entry rows found. */
export const evidenceCells = (grid: SheetGrid): string[] =>
  entryRowsOf(grid).map((row) => addr(COL.evidence, row));

/**
 * Where the score-cell pairs and 佐证材料 cells of a scorecard are when its rows are where the plan puts them,
 * known from its top rows alone (header row and edition), so they can be loaded together with the grid.
 */
export function plannedCells(head: SheetGrid): { pairs: string[]; evidence: string[] } {
  const headerRow = findHeaderRow(head);
  if (headerRow === null) return { pairs: [], evidence: [] };
  const { layout } = readScorecard({ name: head.name, values: head.values, formulas: head.formulas });
  const rows = layout.entryIds.map((id) => rowOf(layout, id) + headerRow - layout.headerRow);
  return {
    pairs: rows.map((row) => rangeAddr(COL.self, row, COL.review, row)),
    evidence: rows.map((row) => addr(COL.evidence, row)),
  };
}

export type ValidationType = Excel.DataValidation["type"];

/**
 * What a pair's validation type tells: both cells validated (one rule, or one type everywhere), neither,
 * or "ask each cell" when some cells carry rules and others do not, or the rules differ.
 */
export function pairVerdict(type: ValidationType): "both" | "none" | "ask" {
  if (type === "None") return "none";
  if (type === "Inconsistent" || type === "MixedCriteria") return "ask";
  return "both";
}

/** The single cells of a pair "F4:G4". */
export function pairCells(pair: string): [string, string] {
  const { r1, c1, c2 } = parseRect(pair);
  return [cellAddress(r1, c1), cellAddress(r1, c2)];
}
