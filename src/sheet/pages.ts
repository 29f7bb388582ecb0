import { columnPixels } from "./measure";
import type { PrintMargins } from "./types";

/*
 * Where the printed pages of a sheet break. Excel scales a sheet fitted to one page wide by a whole percentage
 * (Page Setup, "Fit to … pages wide"), so a page holds a known height of rows; the plan then puts manual page
 * breaks between the blocks that must stay together (a task's rows, the totals with the rows above them),
 * filling each page to SAFETY of what Excel would fit. LibreOffice draws columns about 6 % wider and so scales
 * a little smaller: its pages hold a little more, and the same breaks hold there too.
 */

/** A4 landscape, in points. */
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 } as const;
/** Share of a page's height the breaks fill, for row heights that render a little taller somewhere. */
const SAFETY = 0.97;

/** The zoom Excel picks to fit the visible columns on one page wide: a whole percent, 10 % to 100 %. */
export function fitZoom(columnWidths: readonly number[], margins: PrintMargins): number {
  const sheetPoints = columnWidths.reduce((sum, w) => sum + columnPixels(w), 0) * 0.75;
  const printable = A4_LANDSCAPE.width - (margins.left + margins.right) * 72;
  return Math.min(100, Math.max(10, Math.floor((100 * printable) / sheetPoints))) / 100;
}

/** Points of sheet rows one page holds below its repeated title rows. */
export function pageCapacity(
  columnWidths: readonly number[],
  margins: PrintMargins,
  repeatedPoints: number,
): number {
  const printable = A4_LANDSCAPE.height - (margins.top + margins.bottom) * 72;
  return (printable / fitZoom(columnWidths, margins) - repeatedPoints) * SAFETY;
}

/**
 * Rows after which a page ends: blocks (first and last row, one-based, in order, covering the sheet) are never
 * split unless one alone is taller than a page, in which case it starts a page and the renderer breaks it.
 * `heights[row - 1]` in points.
 */
export function pageBreaks(
  heights: readonly number[],
  blocks: readonly (readonly [number, number])[],
  capacity: number,
): number[] {
  const breaks: number[] = [];
  let used = 0;
  for (const [first, last] of blocks) {
    let height = 0;
    for (let r = first; r <= last; r++) height += heights[r - 1];
    if (used > 0 && used + height > capacity) {
      breaks.push(first - 1);
      used = 0;
    }
    used += height;
    // A block taller than a page runs on over pages the renderer breaks: what is left of it fills the last.
    if (used > capacity) used %= capacity;
  }
  return breaks;
}
