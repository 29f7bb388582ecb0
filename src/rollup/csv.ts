import { LIST_HEADERS } from "./labels";
import { passingRows, type Rollup } from "./model";
import { verdictText } from "./plan";

/** Byte order mark: Excel opens a UTF-8 CSV with Chinese text correctly only with it. */
export const BOM = "\uFEFF";

/** Text a spreadsheet would run as a formula (or that hides one) starts with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: text that could start a formula gets a leading ', then quoting per RFC 4180. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (fields: readonly (string | number | null)[]): string =>
  fields.map(csvField).join(",");

/** The 创建名单 as CSV: UTF-8 with BOM, CRLF line ends, header 序号,服务站,总分,结论. */
export function listCsv(rollup: Rollup): string {
  const lines = [
    csvLine(LIST_HEADERS),
    ...passingRows(rollup).map((row, i) =>
      csvLine([i + 1, row.station, row.total, verdictText(row.verdict)]),
    ),
  ];
  return `${BOM}${lines.map((l) => `${l}\r\n`).join("")}`;
}
