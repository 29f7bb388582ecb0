/**
 * How Excel turns a string written through `Range.values` / `Range.formulas` into a cell value when the cell's
 * number format is General: the same conversion as typed input (en-US locale, as the runtime uses).
 *
 * Docs: "Excel.Range class" (`values`: "If the returned value starts with a plus ("+"), minus ("-"), or equal
 * sign ("="), Excel interprets this value as a formula"; ISO dates "YYYY-MM-DD" are stored as dates) and
 * "Blank and null values in Excel add-ins" (`range.values = [['Eurasia','29.96','0.25','15-Feb']]` stores
 * numbers and a date). Text-format (`@`) cells keep the string ("Number format codes": "@" = text).
 * Kept apart from the adapter's own escaping so a mistake there cannot hide behind the same code here.
 */

export type Coerced =
  | { readonly kind: "number"; readonly value: number; readonly numberFormat?: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "text"; readonly value: string };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Excel's date serial: days since 1899-12-30 (the 1900 system as Excel counts it after February 1900). */
export function dateSerial(year: number, month: number, day: number, fraction = 0): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000 + fraction;
}

const validDate = (y: number, m: number, d: number): boolean =>
  m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The year Excel assumes when a typed date has none: the current one. */
const thisYear = (): number => new Date().getUTCFullYear();

function monthOf(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i >= 0 && MONTHS[i].startsWith(word.slice(0, 3).toLowerCase()) ? i + 1 : null;
}

function parseDate(s: string): number | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?)?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDate(y, mo, d)) return null;
    const fraction = m[4] ? (Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0)) / 86_400 : 0;
    return dateSerial(y, mo, d, fraction);
  }
  m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2,4}))?$/.exec(s);
  if (m) {
    const [mo, d] = [Number(m[1]), Number(m[2])];
    const y = m[3] === undefined ? thisYear() : Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    return validDate(y, mo, d) ? dateSerial(y, mo, d) : null;
  }
  m = /^(\d{1,2})[-\s/]([A-Za-z]{3,9})(?:[-\s/](\d{2,4}))?$/.exec(s);
  if (m) {
    const mo = monthOf(m[2]);
    const d = Number(m[1]);
    const y = m[3] === undefined ? thisYear() : Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    return mo !== null && validDate(y, mo, d) ? dateSerial(y, mo, d) : null;
  }
  m = /^([A-Za-z]{3,9})[-\s/](\d{1,2})(?:,?[-\s/](\d{2,4}))?$/.exec(s);
  if (m) {
    const mo = monthOf(m[1]);
    const d = Number(m[2]);
    const y = m[3] === undefined ? thisYear() : Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    return mo !== null && validDate(y, mo, d) ? dateSerial(y, mo, d) : null;
  }
  return null;
}

function parseNumber(s: string): Coerced | null {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(?:[eE]([+-]?\d+))?(%?)$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? ".") === ".")) return null;
  const digits = `${m[1]}${m[2].replace(/,/g, "")}${m[3] ?? ""}${m[4] !== undefined ? `e${m[4]}` : ""}`;
  const n = Number(digits);
  if (!Number.isFinite(n)) return null;
  if (m[5] === "%") return { kind: "number", value: n / 100, numberFormat: "0%" };
  return { kind: "number", value: n };
}

/** The value a General cell ends up holding for a string input that is not a formula. */
export function coerceTyped(input: string): Coerced {
  const s = input.trim();
  if (s === "") return { kind: "text", value: input };
  if (/^(true|false)$/i.test(s)) return { kind: "boolean", value: s.toLowerCase() === "true" };
  const number = parseNumber(s);
  if (number) return number;
  const date = parseDate(s);
  if (date !== null) return { kind: "number", value: date, numberFormat: "m/d/yyyy" };
  return { kind: "text", value: input };
}
