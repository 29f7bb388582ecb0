import { vetoText } from "../i18n/veto";
import { VERDICT_TEXT } from "../sheet/labels";
import {
  BASIS_TEXT,
  COUNTED_RULE,
  LIST_CSV_EXTRA_HEADERS,
  LIST_HEADERS,
  REACHED_TEXT,
  ROLLUP_HEADERS,
  SOURCE_HEADERS,
  STATUS_TEXT,
  SUBMITTED_RULE,
  TOTAL_LABELS,
} from "./labels";
import { passingRows, percentText, type Rollup } from "./model";
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

const csvText = (lines: readonly string[]): string => `${BOM}${lines.map((l) => `${l}\r\n`).join("")}`;

/**
 * The 创建名单 as CSV: UTF-8 with BOM, CRLF line ends, header 序号,服务站,总分,结论 (the contract), then 认定依据,
 * 状态 and 标准 (the edition's title).
 */
export function listCsv(rollup: Rollup): string {
  return csvText([
    csvLine([...LIST_HEADERS, ...LIST_CSV_EXTRA_HEADERS]),
    ...passingRows(rollup).map((row, i) =>
      csvLine([
        i + 1,
        row.station,
        row.total,
        verdictText(row.verdict),
        row.basis === null ? null : BASIS_TEXT[row.basis],
        STATUS_TEXT[row.status],
        rollup.rubric.shortTitle,
      ]),
    ),
  ]);
}

/**
 * The 汇总's columns in the CSV: the sheet's (without its 工作表 and 达标线 columns), then 标准, then, when the
 * roll-up was read from files, each row's source file and hash.
 */
const SUMMARY_CSV_HEADERS = [
  ...ROLLUP_HEADERS.filter((h) => h !== "工作表" && h !== "达标线"),
  "标准",
  ...SOURCE_HEADERS,
] as const;

/**
 * The whole 汇总 as CSV (`summary --csv summary`): one line per station with its 状态, totals, verdicts, the
 * 认定结论 with its basis and veto items, then, after a blank line, the counts and the rules, one per line.
 */
export function summaryCsv(rollup: Rollup): string {
  const { rubric, totals } = rollup;
  const byHeader = (
    row: Rollup["rows"][number],
  ): Record<(typeof SUMMARY_CSV_HEADERS)[number], string | number | null> => ({
    序号: row.no,
    服务站: row.station,
    自评总分: row.self?.total ?? null,
    复核总分: row.review?.total ?? null,
    自评结论: row.self ? VERDICT_TEXT[row.self.verdict] : null,
    复核结论: row.review ? VERDICT_TEXT[row.review.verdict] : null,
    认定总分: row.total,
    认定结论: verdictText(row.verdict),
    认定依据: row.basis === null ? null : BASIS_TEXT[row.basis],
    缺佐证项数: row.missingEvidence,
    状态: STATUS_TEXT[row.status],
    否决原因: vetoText(rubric, row.vetoItems) || null,
    标准: rubric.shortTitle,
    来源文件: row.source?.file ?? null,
    文件哈希: row.source?.hash ?? null,
  });
  const sourced = rollup.rows.some((row) => row.source !== null);
  const headers = SUMMARY_CSV_HEADERS.filter(
    (h) => sourced || !(SOURCE_HEADERS as readonly string[]).includes(h),
  );
  const counts: [keyof typeof TOTAL_LABELS, string | number | null][] = [
    ["stations", totals.stations],
    ["received", totals.received],
    ["submitted", totals.submitted],
    ["reviewed", totals.reviewed],
    ["missing", totals.missing],
    ["passed", totals.counts.pass],
    ["fail", totals.counts.fail],
    ["veto", totals.counts.veto],
    ["incomplete", totals.counts.incomplete],
    ["unsubmitted", totals.counts.unsubmitted],
    ["rate", percentText(totals.rate)],
    ["targetRate", totals.targetRate === null ? null : percentText(totals.targetRate)],
    ["target", totals.target],
    ["needed", totals.needed],
    ["reached", totals.reached === null ? null : totals.reached ? REACHED_TEXT.yes : REACHED_TEXT.no],
  ];
  const lines = [
    csvLine(headers),
    ...rollup.rows.map((row) => csvLine(headers.map((h) => byHeader(row)[h]))),
    "",
    ...counts.filter(([, n]) => n !== null).map(([key, n]) => csvLine([TOTAL_LABELS[key], n])),
    "",
    csvLine([SUBMITTED_RULE]),
    csvLine([COUNTED_RULE]),
  ];
  return csvText(lines);
}
