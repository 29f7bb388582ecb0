/*
 * Rectangular areas of a sheet ("F5", "F5:G78", a whole column "B1:B1048576" or "B:B", whole rows "3:5"), kept as
 * areas: a rule over a whole column or sheet must cost what its text costs, never a cell per covered cell.
 */

/** One-based, inclusive. */
export interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const LAST_ROW = 1_048_576;
const LAST_COLUMN = 16_384;

const REF = /^\$?([A-Za-z]{1,3})?\$?(\d{1,7})?$/;

const columnOf = (letters: string): number => {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) | 32) - 96;
  return n;
};

/** "$B$12" → column 2, row 12; a bare column or row leaves the other undefined; null when it is neither. */
function parseRef(ref: string): { col?: number; row?: number } | null {
  const m = REF.exec(ref);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return {
    col: m[1] === undefined ? undefined : columnOf(m[1]),
    row: m[2] === undefined ? undefined : Number(m[2]),
  };
}

/** An area as written in an sqref, a merge or a hyperlink; null when it is none (or leaves Excel's sheet). */
export function parseArea(text: string): Area | null {
  const colon = text.indexOf(":");
  const a = parseRef(colon < 0 ? text : text.slice(0, colon));
  const b = colon < 0 ? a : parseRef(text.slice(colon + 1));
  if (!a || !b) return null;
  // A1 refs need both parts; "B:B" and "3:5" come in pairs only.
  const whole = (x: { col?: number; row?: number }): boolean => x.col === undefined || x.row === undefined;
  if (whole(a) !== whole(b) || (colon < 0 && whole(a))) return null;
  if ((a.col === undefined) !== (b.col === undefined) || (a.row === undefined) !== (b.row === undefined))
    return null;
  const area = {
    top: Math.min(a.row ?? 1, b.row ?? 1),
    left: Math.min(a.col ?? 1, b.col ?? 1),
    bottom: Math.max(a.row ?? LAST_ROW, b.row ?? LAST_ROW),
    right: Math.max(a.col ?? LAST_COLUMN, b.col ?? LAST_COLUMN),
  };
  return area.top >= 1 && area.left >= 1 && area.bottom <= LAST_ROW && area.right <= LAST_COLUMN
    ? area
    : null;
}

const letters = (col: number): string => {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** An area as A1 text: "F5" for one cell, else "F5:G78". */
export const areaText = (a: Area): string =>
  a.top === a.bottom && a.left === a.right
    ? `${letters(a.left)}${a.top}`
    : `${letters(a.left)}${a.top}:${letters(a.right)}${a.bottom}`;

/** The cells an area covers (a number: whole-sheet areas are 17 billion). */
export const areaSize = (a: Area): number => (a.bottom - a.top + 1) * (a.right - a.left + 1);

/**
 * Which cells a list of areas covers, answered without expanding them: per column asked about, the row intervals
 * of the areas over it, merged and sorted once, then searched.
 */
export class AreaIndex {
  private readonly areas: readonly Area[];
  private readonly columns = new Map<number, number[]>();

  constructor(areas: readonly string[]) {
    this.areas = areas.map(parseArea).filter((a): a is Area => a !== null);
  }

  /** Whether the cell at a one-based column and row is in some area. */
  covers(col: number, row: number): boolean {
    let intervals = this.columns.get(col);
    if (!intervals) {
      const over = this.areas.filter((a) => a.left <= col && col <= a.right).sort((x, y) => x.top - y.top);
      intervals = [];
      for (const a of over) {
        const last = intervals.length - 1;
        if (last > 0 && a.top <= intervals[last] + 1) intervals[last] = Math.max(intervals[last], a.bottom);
        else intervals.push(a.top, a.bottom);
      }
      this.columns.set(col, intervals);
    }
    // Binary search for the last interval starting at or before the row.
    let lo = 0;
    let hi = intervals.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (intervals[mid * 2] <= row) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && row <= intervals[hi * 2 + 1];
  }
}

/**
 * The hyperlink target on a cell: links are keyed by the cell, or by the area a link covers (the first such area,
 * in the order they were read, as Excel follows the first).
 */
export function linkAt(
  links: Readonly<Record<string, string>> | undefined,
  address: string,
): string | undefined {
  if (!links) return undefined;
  const own = links[address];
  if (own !== undefined) return own;
  const at = parseArea(address);
  if (!at) return undefined;
  for (const [key, target] of Object.entries(links)) {
    if (!key.includes(":")) continue;
    const area = parseArea(key);
    if (area && area.top <= at.top && at.top <= area.bottom && area.left <= at.left && at.left <= area.right)
      return target;
  }
  return undefined;
}
