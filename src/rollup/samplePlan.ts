import { VERDICT_TEXT, rangeAddr, verdictFormats } from "../sheet";
import type { GridCell, GridSheetPlan, GridStyleName, PlanValue } from "../sheet";
import { csvLine, BOM } from "./csv";
import { SAMPLE_HEADERS, SAMPLE_INPUT_HEADERS, SAMPLE_SHEET } from "./labels";
import { GRID_STYLES, verdictText } from "./plan";
import type { RollupRow } from "./model";
import type { Sample } from "./sample";

/* The 抽查名单: the drawn stations and everything needed to redo the draw. Plain values: it records a draw. */

const ALGORITHM = "FNV-1a(种子) → mulberry32 → Fisher–Yates 前 k 步";

/** The lines above the table: what was drawn, how, when and from what. */
export function sampleLines(s: Sample): string[] {
  return [
    `抽取比例：${Math.round(s.rate * 1000) / 10}%（${s.candidates}个服务站中抽取${s.rows.length}个，向上取整）`,
    `随机种子：${s.seed}`,
    `抽取时间：${s.time}`,
    `算法：${ALGORITHM}；同一种子、同一批文件得到同一名单`,
  ];
}

const rowValues = (row: RollupRow, i: number): PlanValue[] => [
  i + 1,
  row.station,
  row.sheet,
  row.self?.total ?? null,
  row.review?.total ?? null,
  row.self ? VERDICT_TEXT[row.self.verdict] : null,
  row.review ? VERDICT_TEXT[row.review.verdict] : null,
  verdictText(row.verdict),
];

const STYLES: readonly GridStyleName[] = [
  "index",
  "text",
  "text",
  "score",
  "score",
  "verdict",
  "verdict",
  "verdict",
];

export function samplePlan(s: Sample): GridSheetPlan {
  const width = SAMPLE_HEADERS.length;
  const last = width - 1;
  const cells: (GridCell | null)[][] = [];
  const merges: string[] = [];
  const span = (value: string, style: GridStyleName): void => {
    cells.push([{ value, style }, ...Array.from({ length: last }, () => ({ value: null, style }))]);
    merges.push(rangeAddr(0, cells.length, last, cells.length));
  };
  span(`${s.issuer ?? ""}${s.year}年示范型退役军人服务站抽查名单`, "title");
  for (const line of sampleLines(s)) span(line, "subtitle");
  const headerRow = cells.length + 1;
  cells.push(SAMPLE_HEADERS.map((h) => ({ value: h, style: "header" })));
  s.rows.forEach((row, i) => cells.push(rowValues(row, i).map((value, c) => ({ value, style: STYLES[c] }))));
  const lastData = Math.max(cells.length, headerRow + 1);
  cells.push([]);
  // The inputs: name across A:C, hash across D:H.
  const input = (name: string, hash: string, style: GridStyleName): void => {
    const r = cells.length + 1;
    cells.push([
      { value: name, style },
      { value: null, style },
      { value: null, style },
      { value: hash, style },
      ...Array.from({ length: last - 3 }, () => ({ value: null, style })),
    ]);
    merges.push(rangeAddr(0, r, 2, r), rangeAddr(3, r, last, r));
  };
  input(SAMPLE_INPUT_HEADERS[0], SAMPLE_INPUT_HEADERS[1], "header");
  for (const i of s.inputs) input(i.name, i.hash, "text");
  return {
    sheetName: SAMPLE_SHEET,
    cells,
    merges,
    styles: GRID_STYLES,
    columns: [6, 14, 22, 10, 10, 10, 10, 10].map((w) => ({ width: w })),
    rowHeights: cells.map((_, r) => (r === 0 ? 36 : null)),
    conditionalFormats: verdictFormats(rangeAddr(5, headerRow + 1, last, lastData)),
    print: {
      orientation: "landscape",
      fitToHeight: 0,
      area: rangeAddr(0, 1, last, cells.length),
      titleRows: [headerRow, headerRow],
    },
    freeze: { rows: headerRow },
  };
}

/** The 抽查名单 as CSV (UTF-8 with BOM, CRLF): the draw's lines, the table, then the inputs. */
export function sampleCsv(s: Sample): string {
  const lines = [
    ...sampleLines(s).map((l) => csvLine([l])),
    csvLine(SAMPLE_HEADERS),
    ...s.rows.map((row, i) =>
      csvLine(rowValues(row, i).map((v) => (typeof v === "boolean" ? String(v) : v))),
    ),
    "",
    csvLine(SAMPLE_INPUT_HEADERS),
    ...s.inputs.map((i) => csvLine([i.name, i.hash])),
  ];
  return `${BOM}${lines.map((l) => `${l}\r\n`).join("")}`;
}
