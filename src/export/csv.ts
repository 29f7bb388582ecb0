import type { Lang } from "../i18n/types";
import {
  COL,
  HEADERS,
  META_LABELS,
  SUMMARY_ORDER,
  VISIBLE_COLUMN_COUNT,
  editionLabel,
  rowOf,
  type PlanCell,
  type PlanValue,
  type ReadScorecard,
} from "../sheet";
import { compliantPlan, type CompliantOptions } from "./plan";

/** A CSV cell before encoding: text, a number, or nothing. */
export type CsvValue = string | number | boolean | null;

/** UTF-8 byte order mark: tells Excel the file is UTF-8, so Chinese text opens correctly. */
export const BOM = "\uFEFF";
const CRLF = "\r\n";

/** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe against formula injection: text starting with =, +, -, @, a tab or a carriage return
 * gets a leading single quote, as OWASP recommends. Only text is touched; numbers are written as numbers.
 */
export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** One RFC 4180 field: numbers as numbers, text neutralised and quoted when it holds " , CR or LF. */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = neutralise(value);
  const quote = /[",\r\n]/.test(text) || text !== value;
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text: a BOM, fields joined by commas, every record ended by CRLF. */
export const csvText = (rows: readonly (readonly CsvValue[])[]): string =>
  BOM + rows.map((row) => row.map(csvField).join(",") + CRLF).join("");

const META_EN = { station: "Station", year: "Year", edition: "Edition", state: "State" } as const;

const shown = (cell: PlanCell): CsvValue => {
  if (cell.formula !== undefined) return cell.result ?? null;
  return cell.value;
};

/** A rubric text without the line breaks the sheet puts in for print (the rubric's own texts have none). */
const unbroken = (value: CsvValue): CsvValue =>
  typeof value === "string" ? value.replace(/\n/g, "") : value;

const pad = (row: readonly CsvValue[]): CsvValue[] => [
  ...row,
  ...Array<CsvValue>(Math.max(0, VISIBLE_COLUMN_COUNT - row.length)).fill(null),
];

/**
 * The rows of the CSV export, each padded to the nine official columns:
 * - the title (two lines, 【草稿】 first for a draft), then 服务站, 年度, 标准版本 (the edition's title), 状态
 *   and a blank row;
 * - the header 主要内容 … 备注;
 * - one row per entry (items 1–74, 同一事项, the veto conditions) with 主要内容 and 具体任务 filled on every row,
 *   the texts as the rubric words them (without the sheet's line breaks);
 * - the subtotals and the summary (基础分, 加分, 总分, 距达标还差, 未评分项数, 结论, 否决原因) with the values the
 *   sheet shows (the 复核 column blank until the review starts) and, under 佐证材料, what 分值 stands for or
 *   the veto conditions named.
 * `lang` only chooses the labels and the edition title of the four metadata lines; the table keeps the official
 * Chinese texts.
 */
export function csvRows(
  read: ReadScorecard,
  lang: Lang = "zh",
  options: CompliantOptions = {},
): CsvValue[][] {
  const plan = compliantPlan(read, options);
  const { layout } = plan;
  const at = (row: number, col: number): PlanCell => plan.cells[row - 1][col];
  const labels = lang === "en" ? META_EN : META_LABELS;
  const title = String(at(layout.titleRow, 0).value ?? "").split("\n");
  const rows: CsvValue[][] = [
    ...title.map((line) => pad([line])),
    pad([labels.station, plan.meta.station]),
    pad([labels.year, plan.meta.year]),
    pad([labels.edition, lang === "en" ? read.rubric.shortTitleEn : editionLabel(read.rubric)]),
    pad([labels.state, plan.meta.state]),
    pad([]),
    [...HEADERS],
  ];
  // Category and task are written once per merged block on the sheet; here every row carries them.
  let category: PlanValue = null;
  for (const id of layout.entryIds) {
    const row = rowOf(layout, id);
    const cells = plan.cells[row - 1].slice(0, VISIBLE_COLUMN_COUNT).map(shown);
    if (cells[COL.category] !== null) category = unbroken(cells[COL.category]);
    const task = read.rubric.itemById.get(id)?.task ?? null;
    rows.push([category, task, cells[COL.key], unbroken(cells[COL.text]), ...cells.slice(COL.max)]);
  }
  const summaryRows = [...layout.subtotalRows.values(), ...SUMMARY_ORDER.map((k) => layout.summaryRows[k])];
  for (const row of summaryRows) {
    const cells = plan.cells[row - 1].slice(0, VISIBLE_COLUMN_COUNT).map(shown);
    rows.push(
      pad([
        cells[0],
        null,
        null,
        null,
        cells[COL.max],
        cells[COL.self],
        cells[COL.review],
        cells[COL.evidence],
      ]),
    );
  }
  return rows;
}

/** The scorecard as CSV: UTF-8 with a BOM, RFC 4180 quoting, CRLF line ends, formula injection neutralised. */
export const toCsv = (read: ReadScorecard, lang: Lang = "zh", options: CompliantOptions = {}): string =>
  csvText(csvRows(read, lang, options));
