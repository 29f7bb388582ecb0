import type { GridValue } from "../sheet";
import { columnName, rectAddress } from "./a1";
import { columnWidthPoints, type OfficeCellInput } from "./layout";
import { writeInput } from "./writes";

/** Width of a log column in characters; the last column (a reason, a message) is wider. */
const LOG_WIDTH = 16;
const LAST_WIDTH = 40;
const HEADER_FILL = "#D9E1F2";

/** Rows as one rectangle of `width` columns, padded with empty cells. */
export function rowsInput(rows: readonly (readonly GridValue[])[], width: number): OfficeCellInput[][] {
  return rows.map((row) => Array.from({ length: width }, (_, c) => writeInput(row[c] ?? null)));
}

/** A new log sheet's first row: the header, bold on a light fill, with column widths (frozen by the caller). */
export function queueHeader(sheet: Excel.Worksheet, header: readonly string[]): void {
  if (header.length === 0) return;
  const range = sheet.getRange(rectAddress({ r1: 0, c1: 0, r2: 0, c2: header.length - 1 }));
  range.numberFormat = [header.map(() => "@")];
  range.values = [header.map((h) => writeInput(h))];
  range.format.font.bold = true;
  range.format.fill.color = HEADER_FILL;
  header.forEach((_, c) => {
    const width = c === header.length - 1 ? LAST_WIDTH : LOG_WIDTH;
    sheet.getRange(`${columnName(c)}:${columnName(c)}`).format.columnWidth = columnWidthPoints(width);
  });
}

/**
 * Rows written from zero-based row `first` as one values array, formatted as text first so that times and
 * numbers stay exactly as logged (Excel would otherwise turn "2020-11-01 08:00" into a date).
 */
export function queueRows(
  sheet: Excel.Worksheet,
  first: number,
  rows: readonly (readonly GridValue[])[],
  width: number,
): void {
  if (rows.length === 0 || width === 0) return;
  const range = sheet.getRange(rectAddress({ r1: first, c1: 0, r2: first + rows.length - 1, c2: width - 1 }));
  range.numberFormat = rows.map(() => Array.from({ length: width }, () => "@"));
  range.values = rowsInput(rows, width);
}
