import type { CellWrite } from "../workbook";
import { parseRect, rectAddress } from "./a1";
import { officeText, type OfficeCellInput } from "./layout";

export interface WriteGroup {
  /** A1 address of a rectangle, e.g. "F4:G6". */
  readonly address: string;
  readonly values: CellWrite["value"][][];
}

/**
 * A value as Office.js `values` input for a cell of the given number format: null clears the cell (Office
 * skips null entries, so ""); strings are protected from Excel's conversion (see officeText).
 */
export function writeInput(value: CellWrite["value"], numberFormat = "@"): OfficeCellInput {
  if (value === null) return "";
  return typeof value === "string" ? officeText(value, numberFormat) : value;
}

/** A group's values as input for the cells' current number formats (as loaded from the range). */
export const groupInput = (
  group: WriteGroup,
  formats: readonly (readonly unknown[])[],
): OfficeCellInput[][] =>
  group.values.map((row, r) => row.map((v, c) => writeInput(v, String(formats[r]?.[c] ?? "General"))));

/**
 * Groups single-cell writes into rectangles: adjacent cells of a row into runs, and runs over the same
 * columns in consecutive rows into blocks. A cell written twice keeps its last value.
 */
export function groupWrites(writes: readonly CellWrite[]): WriteGroup[] {
  const cells = new Map<string, { row: number; col: number; input: CellWrite["value"] }>();
  for (const write of writes) {
    const { r1, c1, r2, c2 } = parseRect(write.cell);
    if (r1 !== r2 || c1 !== c2) throw new Error(`A cell write needs a single cell, not ${write.cell}`);
    cells.set(`${r1},${c1}`, { row: r1, col: c1, input: write.value });
  }
  const sorted = [...cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: { row: number; c1: number; c2: number; values: CellWrite["value"][] }[] = [];
  for (const cell of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.row === cell.row && last.c2 + 1 === cell.col) {
      last.c2 = cell.col;
      last.values.push(cell.input);
    } else runs.push({ row: cell.row, c1: cell.col, c2: cell.col, values: [cell.input] });
  }
  const blocks: { r1: number; r2: number; c1: number; c2: number; values: CellWrite["value"][][] }[] = [];
  const open = new Map<string, (typeof blocks)[number]>();
  for (const run of runs) {
    const key = `${run.c1}:${run.c2}`;
    const block = open.get(key);
    if (block && block.r2 + 1 === run.row) {
      block.r2 = run.row;
      block.values.push(run.values);
    } else {
      const fresh = { r1: run.row, r2: run.row, c1: run.c1, c2: run.c2, values: [run.values] };
      blocks.push(fresh);
      open.set(key, fresh);
    }
  }
  return blocks.map((b) => ({ address: rectAddress(b), values: b.values }));
}
