/** A1 addresses as Office.js hands them out ("Sheet1!C3:K90", "'My sheet'!A1") and as the adapter builds them. */

export interface Rect {
  /** Zero-based, inclusive. */
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

/** Column letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(col: number): string {
  let n = col + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Zero-based column index of column letters: A → 0, AA → 26. */
export function columnIndex(letters: string): number {
  return (
    letters
      .toUpperCase()
      .split("")
      .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
  );
}

export const cellAddress = (row: number, col: number): string => `${columnName(col)}${row + 1}`;

/** A1 address of a zero-based rectangle; a single cell is written as one reference. */
export function rectAddress(rect: Rect): string {
  const a = cellAddress(rect.r1, rect.c1);
  return rect.r1 === rect.r2 && rect.c1 === rect.c2 ? a : `${a}:${cellAddress(rect.r2, rect.c2)}`;
}

/** Drops a sheet qualifier ("'My sheet'!C3:K90" → "C3:K90"). */
export const stripSheet = (address: string): string => address.slice(address.lastIndexOf("!") + 1);

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parses "C3", "C3:K90" or "Sheet1!C3:K90" (cell references only) into a zero-based rectangle. */
export function parseRect(address: string): Rect {
  const [a, b = a] = stripSheet(address).split(":");
  const m1 = CELL.exec(a);
  const m2 = CELL.exec(b);
  if (!m1 || !m2) throw new Error(`Not a cell range: ${address}`);
  const r1 = Number(m1[2]) - 1;
  const r2 = Number(m2[2]) - 1;
  const c1 = columnIndex(m1[1]);
  const c2 = columnIndex(m2[1]);
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

/** One-based row span as Office.js takes it for whole rows: "4:10". */
export const rowsAddress = (first: number, last: number): string => `${first}:${last}`;
/** Whole columns: "A:K". */
export const columnsAddress = (c1: number, c2: number): string => `${columnName(c1)}:${columnName(c2)}`;
