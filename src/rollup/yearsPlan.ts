import { VERDICT_TEXT, rangeAddr, verdictFormats } from "../sheet";
import type { GridCell, GridSheetPlan, GridStyleName, PlanValue } from "../sheet";
import {
  FALLS_TITLE,
  REACHED_TEXT,
  SOURCES_SHEET,
  YEARS_HEADERS,
  YEARS_SHEET,
  YEARS_TOTAL_HEADERS,
} from "./labels";
import { GRID_STYLES, verdictText } from "./plan";
import type { YearsComparison } from "./years";

/*
 * The 历年对比 sheet. Plain values, not formulas: each year's figures come from that year's files, which the
 * roll-up workbook does not all hold.
 */

const c = (value: PlanValue, style: GridStyleName): GridCell => ({ value, style });

export function yearsHeaders(years: readonly number[]): string[] {
  return [
    ...YEARS_HEADERS.fixed,
    ...years.flatMap((y, i) => [...YEARS_HEADERS.perYear(y), ...(i > 0 ? [YEARS_HEADERS.change(y)] : [])]),
  ];
}

/** `sourced`: the workbook has a 来源文件 sheet naming the file (and hash) behind each year's figures. */
export function yearsPlan(cmp: YearsComparison, issuer: string | null, sourced = false): GridSheetPlan {
  const headers = yearsHeaders(cmp.years);
  const width = Math.max(headers.length, YEARS_TOTAL_HEADERS.length);
  const last = width - 1;
  const cells: (GridCell | null)[][] = [];
  const merges: string[] = [];
  const span = (value: string, style: GridStyleName): void => {
    cells.push([c(value, style), ...Array.from({ length: last }, () => c(null, style))]);
    merges.push(rangeAddr(0, cells.length, last, cells.length));
  };
  const first = cmp.years[0];
  const final = cmp.years[cmp.years.length - 1];
  span(`${issuer ?? ""}${first}—${final}年示范型退役军人服务站创建情况历年对比`, "title");
  span(
    `每年单独认定（复核完成时以复核为准，否则以自评为准），达标目标按当年服务站总数计算；“较上年”为认定总分之差；空白表示当年未提交。${sourced ? `各年数值所据的文件及其SHA-256哈希见“${SOURCES_SHEET}”工作表。` : ""}`,
    "subtitle",
  );
  const headerRow = 3;
  cells.push(headers.map((h) => c(h, "header")));
  cmp.rows.forEach((row, i) => {
    const line: GridCell[] = [c(i + 1, "index"), c(row.station, "text")];
    row.years.forEach((cell, y) => {
      line.push(
        c(cell?.self?.total ?? null, "score"),
        c(cell?.review?.total ?? null, "score"),
        c(cell ? verdictText(cell.verdict) : null, "verdict"),
      );
      if (y > 0) line.push(c(row.change[y], "score"));
    });
    cells.push(line);
  });
  const lastData = Math.max(cells.length, headerRow + 1);
  cells.push([]);
  cells.push(YEARS_TOTAL_HEADERS.map((h) => c(h, "header")));
  cmp.totals.forEach((t, i) =>
    cells.push([
      c(cmp.years[i], "index"),
      c(t.stations, "count"),
      c(t.passed, "count"),
      c(t.rate, "percent"),
      c(t.target, "count"),
      c(t.needed, "count"),
      c(t.reached === null ? null : t.reached ? REACHED_TEXT.yes : REACHED_TEXT.no, "verdict"),
    ]),
  );
  cells.push([]);
  span(FALLS_TITLE, "subtitle");
  if (cmp.falls.length === 0) span("（无）", "text");
  for (const f of cmp.falls)
    span(
      `${f.station}：${f.from}年达标 → ${f.to}年${VERDICT_TEXT[f.verdict]}（认定总分 ${f.total}）`,
      "text",
    );
  const verdictAreas = cmp.years.map((_, y) => {
    const col = 2 + y * 3 + Math.max(0, y - 1) + 2;
    return rangeAddr(col, headerRow + 1, col, lastData);
  });
  return {
    sheetName: YEARS_SHEET,
    cells,
    merges,
    styles: GRID_STYLES,
    columns: Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 6 : i === 1 ? 14 : 11 })),
    rowHeights: cells.map((_, r) => (r === 0 ? 36 : r === 1 ? 30 : null)),
    conditionalFormats: verdictAreas.flatMap((a) => verdictFormats(a)),
    print: {
      orientation: "landscape",
      fitToHeight: 0,
      area: rangeAddr(0, 1, last, cells.length),
      titleRows: [headerRow, headerRow],
    },
    freeze: { rows: headerRow },
  };
}
