// Worksheet names of scorecards, apart from the plan: the Office.js adapter needs them on the pane's first load.

const FORBIDDEN_IN_SHEET_NAMES = /[\][:*?/\\']/g;

/**
 * Worksheet name for a station's scorecard; Excel allows 31 characters and no []:*?/\. The station is cut by
 * code points, so a character outside the BMP (CJK Extension B, in some place names) is never split.
 */
export function sheetNameFor(station: string, year: number): string {
  const clean = station.replace(FORBIDDEN_IN_SHEET_NAMES, "").trim() || "服务站";
  return `${Array.from(clean).slice(0, 22).join("")}${year}评分表`;
}

/** Excel compares sheet names without regard to case: "XINQIAO2020评分表" and "Xinqiao2020评分表" are one sheet. */
export const sameSheetName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The name among `names` that Excel would take for `name`, or undefined. */
export const findSheetName = (names: readonly string[], name: string): string | undefined =>
  names.find((n) => sameSheetName(n, name));
