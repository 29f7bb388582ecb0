/*
 * What a cell's stored value means (ECMA-376 Part 1, §18.3.1.4 and §18.18.11), as Excel shows it. Each rule the
 * readers follow is named here; the README's "what check reads" lists them.
 */

/** Excel's sheet: 16,384 columns (XFD) by 1,048,576 rows. */
export const MAX_COLUMN = 16_384;
export const MAX_ROW = 1_048_576;

/** xsd:double as writers put it in <v> (surrounding whitespace collapses); null for anything else. */
const DOUBLE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
export function parseDouble(text: string): number | null {
  // The usual number (digits, maybe a point) needs no pattern: Number() reads it exactly as xsd:double does.
  let plain = text.length > 0;
  for (let i = 0; i < text.length && plain; i++) {
    const c = text.charCodeAt(i);
    plain = (c >= 48 && c <= 57) || (c === 46 && i > 0) || (c === 45 && i === 0);
  }
  const trimmed = plain ? text : text.trim();
  if (!plain && !DOUBLE.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** xsd:boolean: "1" / "true" and "0" / "false"; null for anything else. */
export function parseBoolean(text: string): boolean | null {
  const t = text.trim();
  return t === "1" || t === "true" ? true : t === "0" || t === "false" ? false : null;
}

/** Built-in number formats that are dates or times: ECMA-376's 14–22 and 45–47, and the East Asian 27–36, 50–58. */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

export const isBuiltinDateFormat = (id: number): boolean => BUILTIN_DATES.has(id);

/**
 * Rule "date-format": a format code shows a date or time when, outside quoted text, escaped characters ("\d"),
 * fill and spacing characters ("*x", "_x") and bracketed sections other than elapsed time ("[h]", "[mm]"), it
 * holds one of the date and time letters y m d h s, in either case. "General", "0.00E+00" and "@" hold none.
 */
export function isDateFormat(code: string): boolean {
  const plain = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  if (/^general$/i.test(plain.trim())) return false;
  return /[ymdhs]/i.test(plain.replace(/general/gi, ""));
}

/** The greatest serial that is a date: 9999-12-31 in each date system. */
const LAST_SERIAL = { 1900: 2_958_465, 1904: 2_957_003 } as const;
const DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

const iso = (ms: number): string => {
  const text = new Date(ms).toISOString();
  return text.endsWith("T00:00:00.000Z") ? text.slice(0, 10) : text;
};

/**
 * Rule "date-serial": a number under a date format is the date Excel shows for it, as ISO text ("2020-06-30", or
 * the full UTC timestamp when it has a time) — when it is one: from 0 to 9999-12-31 in the workbook's date system.
 * Any other number (negative, an 18-digit ID) stays the number Excel shows as ####. In the 1900 system serials
 * before 61 follow Excel's calendar, which has a 29 February 1900 (serial 60).
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!(serial >= 0) || serial >= (date1904 ? LAST_SERIAL[1904] : LAST_SERIAL[1900]) + 1) return null;
  if (date1904) return iso(EPOCH_1904 + Math.round(serial * DAY));
  if (serial >= 60 && serial < 61) {
    const time = iso(Date.UTC(1900, 1, 28) + Math.round((serial - 60) * DAY));
    return `1900-02-29${time.slice(10)}`;
  }
  // Before the fictitious day Excel's serials are one day ahead of the calendar (serial 1 is 1900-01-01).
  return iso(EPOCH_1900 + Math.round((serial < 60 && serial >= 1 ? serial + 1 : serial) * DAY));
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Rule "iso-date-cell": a t="d" cell holds an ISO 8601 date (and time) — Excel's Strict files and some libraries
 * write dates so — read as the same ISO text a date-formatted serial gives, whatever the cell's format (a time
 * zone, rarely written, is dropped: Excel has none). Null when the text is no such date.
 */
export function isoDateCell(text: string): string | null {
  // A time alone is a time of Excel's day 0, as a time-formatted serial below 1 reads.
  const trimmed = text.trim();
  const m = ISO_DATE.exec(/^\d{2}:\d{2}/.test(trimmed) ? `1899-12-30T${trimmed}` : trimmed);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const ms = Math.round(Number(`0.${m[7] ?? "0"}`) * 1000);
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  if (
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  return iso(date.getTime());
}

/**
 * Rule "xstring-escape": in shared and inline strings (ST_Xstring) Excel writes characters XML cannot hold as
 * `_xHHHH_` (`_x000D_` for a carriage return), and `_x005F_` for a literal '_'; they are undone.
 */
export const unescapeText = (text: string): string =>
  text.includes("_x")
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
