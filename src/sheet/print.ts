import type { Rubric } from "../rubric";
import { DRAFT_MARK } from "./labels";
import { rangeAddr, rowOf, VISIBLE_COLUMN_COUNT, type Layout } from "./layout";
import { breakLines, columnPixels, LINE_PT, rowPoints, SHEET_FONT, type TextFont } from "./measure";
import { pageBreaks, pageCapacity } from "./pages";
import type { PlanValue, PrintMargins, PrintSetup } from "./types";

/*
 * How the scorecard is laid out for print: column widths, the text of the rubric broken into lines that fit
 * them, row heights from the lines each row needs, and the pages.
 *
 * The 创建标准 texts are stored with explicit line breaks ("\n") at the places chosen here: every program then
 * shows the same lines (no line starting with "，" or "、", brackets and quotes kept with their words), and a
 * row is exactly as tall as its lines, where a program left to wrap on its own would break elsewhere and leave
 * the row too tall or too short. The reader compares these texts without their line breaks.
 */

/**
 * Characters of the default font, columns A–K (J and K are the hidden helpers). None is 9: ExcelJS leaves a
 * column of its default width 9 out of the file, and Excel then draws it 8.43 wide.
 */
export const COLUMN_WIDTHS: readonly number[] = [14, 19, 10, 68, 10, 10, 10, 20, 15, 12, 12];

/** Inches. Narrow top and bottom margins keep the scorecard to four pages; the footer sits in the bottom one. */
export const PRINT_MARGINS: PrintMargins = {
  left: 0.7,
  right: 0.7,
  top: 0.5,
  bottom: 0.5,
  header: 0.3,
  footer: 0.25,
};

export const BOLD_FONT: TextFont = { size: 11, bold: true };

/** Pixels of the columns c1…c2 (zero-based) side by side, as one merged cell. */
export const spanPixels = (c1: number, c2: number): number =>
  COLUMN_WIDTHS.slice(c1, c2 + 1).reduce((sum, w) => sum + columnPixels(w), 0);

/** Broken rubric texts by column span, font and text: a plan breaks the same hundred texts every time. */
const broken = new Map<string, string>();

/** A rubric text with its line breaks put in where it should wrap in columns c1…c2. */
export function brokenText(text: string, c1: number, c2 = c1, font: TextFont = SHEET_FONT): string {
  const key = `${c1}:${c2}:${font.size}:${font.bold === true}:${text}`;
  let lines = broken.get(key);
  if (lines === undefined) broken.set(key, (lines = breakLines(text, spanPixels(c1, c2), font).join("\n")));
  return lines;
}

/** Lines of a text broken by brokenText. */
export const lineCount = (brokenText: string): number => brokenText.split("\n").length;

/** Lines a cell's text takes in columns c1…c2: an estimate for what users type, exact for brokenText. */
export const linesIn = (
  text: PlanValue | undefined,
  c1: number,
  c2 = c1,
  font: TextFont = SHEET_FONT,
): number =>
  text === null || text === undefined || text === ""
    ? 1
    : breakLines(String(text), spanPixels(c1, c2), font).length;

/** Excel's tallest row ("Excel specifications and limits"); longer text wraps inside and scrolls in the cell. */
export const MAX_ROW_HEIGHT = 409;

/** Points a row needs for the most lines any of its cells takes. */
export const heightOf = (...lines: readonly number[]): number =>
  Math.min(MAX_ROW_HEIGHT, rowPoints(Math.max(...lines)));

/** Points for `lines` lines of a `size`-point font (the title). */
export const linePoints = (lines: number, size: number): number =>
  Math.ceil((lines * LINE_PT * size) / 11) + 4;

/**
 * Rows that print together: the title with the header and the first task, each task's rows (its merged
 * 具体任务 cell would be cut at a page break), each other row alone, and the last bonus item with the same-matter
 * row, the veto conditions, the totals and the signature block, so that the totals never stand on a page alone.
 */
function pageBlocks(rubric: Rubric, layout: Layout): [number, number][] {
  const blocks: [number, number][] = [];
  const closing = rowOf(layout, rubric.bonus.items[rubric.bonus.items.length - 1].id);
  let first = 1;
  const close = (last: number): void => {
    blocks.push([first, last]);
    first = last + 1;
  };
  for (const category of rubric.categories)
    for (const task of category.tasks) close(rowOf(layout, task.items[task.items.length - 1].id));
  while (first < closing) close(first);
  close(layout.lastRow);
  return blocks;
}

/** Characters of the station a footer shows: Excel refuses a header or footer over 255 characters. */
const FOOTER_STATION = 40;

/** The footer of every page: which scorecard (pages 2 on carry no title), a draft mark, page n of N. */
function footerFor(station: string, year: number, draft: boolean): string {
  const shown = Array.from(station).slice(0, FOOTER_STATION).join("");
  const name = `${draft ? `【${DRAFT_MARK}】` : ""}${shown}${year}年评分表`.replace(/&/g, "&&");
  return `${name}\u3000第 &P 页，共 &N 页`;
}

/**
 * A4 landscape, fitted to one page wide, only the header row repeated (the footer names the scorecard), and
 * manual page breaks between blocks.
 */
export function printSetupFor(
  rubric: Rubric,
  layout: Layout,
  heights: readonly number[],
  footer: { station: string; year: number; draft: boolean },
): PrintSetup {
  const visible = COLUMN_WIDTHS.slice(0, VISIBLE_COLUMN_COUNT);
  const capacity = pageCapacity(visible, PRINT_MARGINS, heights[layout.headerRow - 1]);
  return {
    paper: "A4",
    orientation: "landscape",
    titleRows: [layout.headerRow, layout.headerRow],
    fitToWidth: 1,
    area: rangeAddr(0, 1, VISIBLE_COLUMN_COUNT - 1, layout.lastRow),
    footer: footerFor(footer.station, footer.year, footer.draft),
    margins: PRINT_MARGINS,
    rowBreaks: pageBreaks(heights, pageBlocks(rubric, layout), capacity),
  };
}
