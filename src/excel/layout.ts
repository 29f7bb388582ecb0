import type { CellStyle, PlanCell, SheetPlan } from "../sheet";
import type { Rect } from "./a1";

/** Cell contents Office.js accepts in a `formulas` or `values` 2-D array. */
export type OfficeCellInput = string | number | boolean;

/**
 * Text for a text-formatted ("@") cell: Excel keeps it as typed, except that a leading "=", "+", "-" or "@"
 * still reads as a formula ("Excel.Range class", `values`) and a leading apostrophe is taken as the quote
 * prefix. Those get an apostrophe of their own, which Excel keeps as "text, not formula" and does not show.
 */
export function textInput(text: string): string {
  return /^[=+\-@']/.test(text) ? `'${text}` : text;
}

/**
 * Text for a General cell, where Excel converts what looks like a number, percentage, date, time or boolean
 * ("2023-05-01", "3/4", "15-Feb", "007", "1,200", "50%", "TRUE"). Anything that might be read so is written
 * with the quote prefix; plain words go as they are.
 */
export function generalTextInput(text: string): string {
  const convertible =
    /^\s*[-+=@'.\d$(]/.test(text) ||
    /^\s*(true|false)\s*$/i.test(text) ||
    /^\s*[A-Za-z]{3,9}[-\s/.,]+\d/.test(text);
  return convertible ? `'${text}` : text;
}

/** A string for a cell of the given number format. */
export const officeText = (text: string, numberFormat: string): string =>
  numberFormat === "@" ? textInput(text) : generalTextInput(text);

/** A plan cell as Office.js input: formulas with '=', empty cells as "" (null would leave the cell unchanged). */
export function cellInput(cell: PlanCell, numberFormat = "General"): OfficeCellInput {
  if (cell.formula !== undefined) return `=${cell.formula}`;
  if (cell.value === null) return "";
  return typeof cell.value === "string" ? officeText(cell.value, numberFormat) : cell.value;
}

/** The whole plan rectangle as one formulas array. */
export const formulasOf = (plan: SheetPlan): OfficeCellInput[][] =>
  plan.cells.map((row) => row.map((c) => cellInput(c, plan.styles[c.style].numberFormat)));

/** Number formats of the whole plan rectangle; styles without one get General. */
export const numberFormatsOf = (plan: SheetPlan): string[][] =>
  plan.cells.map((row) => row.map((c) => plan.styles[c.style].numberFormat ?? "General"));

/** The look of a cell without its number format (which goes in the numberFormat array). */
type Look = Omit<CellStyle, "numberFormat">;

const lookOf = (s: CellStyle): Look => ({
  bold: s.bold,
  size: s.size,
  fontColor: s.fontColor,
  fill: s.fill,
  hAlign: s.hAlign,
  vAlign: s.vAlign,
  wrap: s.wrap,
  border: s.border,
  locked: s.locked,
});

const lookKey = (s: CellStyle): string =>
  JSON.stringify([
    s.bold ?? false,
    s.size ?? 0,
    s.fontColor ?? "",
    s.fill ?? "",
    s.hAlign,
    s.vAlign,
    s.wrap,
    s.border,
    s.locked,
  ]);

export interface StyleRect {
  readonly rect: Rect;
  readonly look: Look;
}

/**
 * Covers the plan rectangle with rectangles of equal look, each to be formatted once: greedy, row by row,
 * a run as wide as the look holds, then as many rows down as the whole run repeats.
 */
export const styleRects = (plan: SheetPlan): StyleRect[] =>
  lookRects(plan.cells.map((row) => row.map((c) => plan.styles[c.style])));

/** The same cover over any grid of styles; null cells (left untouched) are not covered. */
export function lookRects(styles: readonly (readonly (CellStyle | null)[])[]): StyleRect[] {
  const keys = styles.map((row) => row.map((style) => (style === null ? null : lookKey(style))));
  return equalRects(keys).flatMap(({ rect }) => {
    const style = styles[rect.r1][rect.c1];
    return style ? [{ rect, look: lookOf(style) }] : [];
  });
}

/**
 * Covers a grid of keys with rectangles of equal key, greedily, row by row: a run as wide as the key holds,
 * then as many rows down as the whole run repeats. Null cells are not covered.
 */
export function equalRects<K>(keys: readonly (readonly (K | null)[])[]): { rect: Rect; key: K }[] {
  const height = keys.length;
  const width = height > 0 ? Math.max(...keys.map((row) => row.length)) : 0;
  const covered = keys.map((row) => Array.from({ length: width }, (_, c) => (row[c] ?? null) === null));
  const rects: { rect: Rect; key: K }[] = [];
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (covered[r][c]) continue;
      const key = keys[r][c] as K;
      let c2 = c;
      while (c2 + 1 < width && !covered[r][c2 + 1] && keys[r][c2 + 1] === key) c2++;
      let r2 = r;
      const rowMatches = (row: number): boolean => {
        for (let x = c; x <= c2; x++) if (covered[row][x] || keys[row][x] !== key) return false;
        return true;
      };
      while (r2 + 1 < height && rowMatches(r2 + 1)) r2++;
      for (let y = r; y <= r2; y++) for (let x = c; x <= c2; x++) covered[y][x] = true;
      rects.push({ rect: { r1: r, c1: c, r2, c2 }, key });
    }
  }
  return rects;
}

/** Runs of consecutive rows of equal height: [first, last, points], rows one-based. */
export function rowHeightRuns(heights: readonly (number | null)[]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  heights.forEach((h, i) => {
    if (h === null) return;
    const last = runs[runs.length - 1];
    if (last && last[2] === h && last[1] === i) last[1] = i + 1;
    else runs.push([i + 1, i + 1, h]);
  });
  return runs;
}

/**
 * Office.js sets column widths in points; the plan gives them in characters of the default font, as
 * ExcelJS and the file format do: about 7 px a character plus 5 px padding, at 0.75 pt a pixel.
 */
export const columnWidthPoints = (characters: number): number =>
  Math.round((characters * 7 + 5) * 0.75 * 4) / 4;

export const hexColor = (hex: string): string => (hex.startsWith("#") ? hex : `#${hex}`);

/** Data validation limits Excel enforces on prompt and error texts. */
export const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
