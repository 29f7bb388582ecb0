import { GRID_STYLES } from "../rollup/plan";
import { VERDICT_TEXT } from "../sheet/labels";
import { rangeAddr } from "../sheet/layout";
import { verdictFormats } from "../sheet/styles";
import type { GridCell, GridSheetPlan, GridStyleName, PlanValue } from "../sheet/types";
import { logTime } from "./changeLog";
import type { ScanRow } from "./scan";

/* The 审核结果 sheet: the whole-workbook check as a table, written on request. Its texts are a contract. */

export const RESULT_SHEET = "审核结果";

export const RESULT_HEADERS = [
  "序号",
  "服务站",
  "工作表",
  "状态",
  "自评总分",
  "自评结论",
  "复核总分",
  "复核结论",
  "错误",
  "警告",
  "无效",
  "未填",
  "首个问题",
] as const;

const cell = (value: PlanValue, style: GridStyleName): GridCell => ({ value, style });

/** The plan of the 审核结果 sheet for a check made at `time`. */
export function resultPlan(rows: readonly ScanRow[], time: Date): GridSheetPlan {
  const width = RESULT_HEADERS.length;
  const last = width - 1;
  const span = (text: string, style: GridStyleName): (GridCell | null)[] => [
    cell(text, style),
    ...Array.from({ length: last }, () => cell(null, style)),
  ];
  const errors = rows.reduce((n, r) => n + r.counts.errors, 0);
  const cells: (GridCell | null)[][] = [
    span("评分表审核结果", "title"),
    span(`检查时间：${logTime(time)}；共 ${rows.length} 张评分表，错误 ${errors} 处。`, "subtitle"),
    RESULT_HEADERS.map((h) => cell(h, "header")),
    ...rows.map((r, i) => {
      const first = r.findings.find((f) => f.severity === "error") ?? r.findings[0];
      return [
        cell(i + 1, "index"),
        cell(r.station, "text"),
        cell(r.sheet, "text"),
        cell(r.state, "verdict"),
        cell(r.self.total, "score"),
        cell(VERDICT_TEXT[r.self.verdict], "verdict"),
        cell(r.review.total, "score"),
        cell(VERDICT_TEXT[r.review.verdict], "verdict"),
        cell(r.counts.errors, "index"),
        cell(r.counts.warnings, "index"),
        cell(r.counts.invalid, "index"),
        cell(r.counts.empty, "index"),
        cell(first ? `${first.cell} ${first.message.zh}` : "", "text"),
      ];
    }),
  ];
  const lastRow = Math.max(cells.length, 4);
  return {
    sheetName: RESULT_SHEET,
    cells,
    merges: [rangeAddr(0, 1, last, 1), rangeAddr(0, 2, last, 2)],
    styles: GRID_STYLES,
    columns: [6, 14, 22, 8, 9, 9, 9, 9, 6, 6, 6, 6, 40].map((w) => ({ width: w })),
    rowHeights: [30, 22, 24, ...rows.map(() => null)],
    conditionalFormats: [
      ...verdictFormats(rangeAddr(5, 4, 5, lastRow)),
      ...verdictFormats(rangeAddr(7, 4, 7, lastRow)),
    ],
    print: {
      orientation: "landscape",
      fitToHeight: 0,
      area: rangeAddr(0, 1, last, lastRow),
      titleRows: [3, 3],
    },
    freeze: { rows: 3 },
  };
}
