/*
 * Text measured the way Excel lays it out, so that row heights, explicit line breaks and page breaks can be
 * worked out before any program opens the file (Excel does not autofit rows on open, LibreOffice keeps the
 * heights it is given). The unit is Excel's pixel at 96 dpi; the font is the sheet's Calibri 11 (maximum digit
 * width 7 px), with Chinese drawn by the system's CJK font at the same size.
 *
 * Every estimate errs wide: a CJK character counts as a whole pixel-rounded em (15 px at 11 pt, where GDI draws
 * 14.67 px), other non-ASCII characters (“ ” … ·) count as CJK, and a cell loses 7 px to its padding. So text
 * broken here fits on its lines in Excel, in WPS and in LibreOffice (whose columns come out 6 % wider with
 * Calibri or Carlito, and a third wider with DejaVu Sans as the stand-in) and none of them wraps it again.
 */

/** Excel's default font: Calibri 11, maximum digit width 7 px (ECMA-376 Part 1, §18.3.1.13 col width). */
const DIGIT_PX = 7;
/** Left and right padding and the grid line: what a cell's text may not use of its column. */
export const CELL_PADDING_PX = 7;
/** Excel's line height for the 11-point sheet font, in points; a row adds LINE_PAD_PT to its lines. */
export const LINE_PT = 15;
export const LINE_PAD_PT = 2;

export interface TextFont {
  /** Points. */
  readonly size: number;
  readonly bold?: boolean;
}

export const SHEET_FONT: TextFont = { size: 11 };

/** Pixel width of a column `width` characters wide, as Excel draws it (ECMA-376 §18.3.1.13). */
export const columnPixels = (width: number): number =>
  Math.trunc(((256 * width + Math.trunc(128 / DIGIT_PX)) / 256) * DIGIT_PX);

/** Calibri advance widths in ems, in classes wide enough for each member. */
const NARROW = new Set("il.,;:'|!()[]{}`Ijft\"");
const WIDE = new Set("mwMW%@");

function asciiEm(ch: string): number {
  if (ch === " ") return 0.23;
  if (NARROW.has(ch)) return 0.34;
  if (WIDE.has(ch)) return 0.9;
  if (ch >= "A" && ch <= "Z") return 0.62;
  return 0.53;
}

const isAscii = (ch: string): boolean => ch.charCodeAt(0) < 0x80;

/** Pixels one character takes: CJK (and anything else outside ASCII) a whole rounded-up em, ASCII by class. */
export function charPixels(ch: string, font: TextFont = SHEET_FONT): number {
  const em = (font.size * 96) / 72;
  if (!isAscii(ch)) return Math.ceil(em);
  return Math.ceil(asciiEm(ch) * em * (font.bold ? 1.06 : 1));
}

export const textPixels = (text: string, font: TextFont = SHEET_FONT): number =>
  Array.from(text).reduce((sum, ch) => sum + charPixels(ch, font), 0);

/** Closing punctuation, which no line may start with (GB/T 15834, as in the notice's own typesetting). */
const NO_LINE_START = new Set("、，。．；：？！）］｝〉》」』】〕〗”’…—·％),.;:?!]}%");
/** Opening brackets and quotes, which no line may end with. */
const NO_LINE_END = new Set("（［｛〈《「『【〔〖“‘([{");
const CLOSER: Readonly<Record<string, string>> = {
  "（": "）",
  "(": ")",
  "“": "”",
  "‘": "’",
  "《": "》",
  "「": "」",
  "【": "】",
};

/**
 * A text cut into pieces no line break may fall inside: a run of ASCII letters and digits, a short bracketed
 * or quoted group with what it encloses ("（12分）", "“一人一策”"), or a single character.
 */
function units(text: string, maxGroup: number, font: TextFont): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length;) {
    const ch = chars[i];
    const closer = CLOSER[ch];
    if (closer !== undefined) {
      const end = chars.indexOf(closer, i + 1);
      const group = end > i ? chars.slice(i, end + 1).join("") : "";
      if (group && textPixels(group, font) <= maxGroup) {
        out.push(group);
        i = end + 1;
        continue;
      }
    }
    if (/[A-Za-z0-9]/.test(ch)) {
      let j = i + 1;
      while (j < chars.length && /[A-Za-z0-9.]/.test(chars[j])) j++;
      out.push(chars.slice(i, j).join(""));
      i = j;
      continue;
    }
    out.push(ch);
    i++;
  }
  return out;
}

const startsBadly = (unit: string): boolean => NO_LINE_START.has(Array.from(unit)[0]);
const endsBadly = (unit: string): boolean => NO_LINE_END.has(Array.from(unit).pop() ?? "");

/**
 * Breaks one paragraph into lines of at most `width` pixels, greedily, never inside a unit (see units), never
 * before closing punctuation nor after an opening bracket: the character before such a break moves down with
 * it. A unit wider than the line is cut by characters.
 */
function breakParagraph(text: string, width: number, font: TextFont): string[] {
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  // A group up to a third of the line, or six characters in a narrow column, moves down whole.
  const pieces = units(text, Math.max(width / 3, 6 * charPixels("中", font)), font).flatMap((u) =>
    textPixels(u, font) > width ? Array.from(u) : [u],
  );
  for (const unit of pieces) {
    const w = textPixels(unit, font);
    if (line.length === 0 || used + w <= width) {
      if (line.length === 0 && unit === " ") continue;
      line.push(unit);
      used += w;
      continue;
    }
    const carried: string[] = [];
    while (line.length > 1 && (startsBadly(carried[0] ?? unit) || endsBadly(line[line.length - 1])))
      carried.unshift(line.pop() ?? "");
    lines.push(line);
    line = [...carried, unit].filter((u, i) => i > 0 || u !== " ");
    used = textPixels(line.join(""), font);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((l) => l.join("").trimEnd());
}

/** The lines a text takes in a cell `widthPx` wide (its own line breaks kept), broken as breakParagraph says. */
export const breakLines = (text: string, widthPx: number, font: TextFont = SHEET_FONT): string[] =>
  text.split(/\r?\n/).flatMap((p) => breakParagraph(p, widthPx - CELL_PADDING_PX, font));

/** Points a row needs for `lines` lines of the sheet font. */
export const rowPoints = (lines: number): number => Math.max(1, lines) * LINE_PT + LINE_PAD_PT;
