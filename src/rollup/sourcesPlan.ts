import { rangeAddr } from "../sheet";
import type { GridCell, GridSheetPlan, GridStyleName, PlanValue } from "../sheet";
import { SOURCES_SHEET, SOURCES_SHEET_HEADERS, STATUS_TEXT, YEARS_SHEET } from "./labels";
import type { Rollup, ScorecardFacts } from "./model";
import { GRID_STYLES } from "./plan";

/*
 * The 来源文件 sheet of a roll-up made from files: every file given, in order, with the SHA-256 of its bytes, each
 * scorecard read from it and where that scorecard went (the 汇总, 历年对比, or why neither). Plain values: it
 * records what was read.
 */

/** One file given to the roll-up. */
export interface InputFile {
  readonly file: string;
  /** "sha256:…" of the bytes read; null when the file could not be read at all. */
  readonly hash: string | null;
  /** False when the file was refused (missing, damaged, past a limit, not an .xlsx). */
  readonly readable: boolean;
  /** Indexes of the roll-up's inputs read from this file, in sheet order. */
  readonly inputs: readonly number[];
}

const cell = (value: PlanValue, style: GridStyleName): GridCell => ({ value, style });

/** Where each input of the roll-up went, worded for the sheet; `years`: the years 历年对比 shows (none: no sheet). */
function usesOf(
  rollup: Rollup,
  facts: readonly ScorecardFacts[],
  files: readonly InputFile[],
  years: readonly number[],
): Map<number, string> {
  const fileOf = new Map(files.flatMap((f) => f.inputs.map((i) => [i, f.file] as const)));
  const use = new Map<number, string>();
  for (const row of rollup.rows) if (row.readIndex !== null) use.set(row.readIndex, "计入汇总");
  for (const { index, keptIndex } of rollup.duplicates)
    use.set(index, `未计入：与${fileOf.get(keptIndex) ?? ""}中的评分表为同一服务站、同一年度`);
  for (const { index, reason } of rollup.excluded) {
    const { year, edition } = facts[index].meta;
    use.set(
      index,
      reason === "edition"
        ? `未计入：标准版本（${edition}）与汇总的不同`
        : years.includes(year)
          ? `计入${YEARS_SHEET}（${year}年）`
          : `未计入：年度（${year}）与汇总的不同`,
    );
  }
  return use;
}

/** The 来源文件 sheet: one row per scorecard read (a file with several, several rows), or per file not read. */
export function sourcesPlan(
  rollup: Rollup,
  facts: readonly ScorecardFacts[],
  files: readonly InputFile[],
  years: readonly number[],
): GridSheetPlan {
  const headers = SOURCES_SHEET_HEADERS;
  const last = headers.length - 1;
  const use = usesOf(rollup, facts, files, years);
  const cells: (GridCell | null)[][] = [];
  const merges: string[] = [];
  const span = (value: string, style: GridStyleName): void => {
    cells.push([cell(value, style), ...Array.from({ length: last }, () => cell(null, style))]);
    merges.push(rangeAddr(0, cells.length, last, cells.length));
  };
  span(`${rollup.issuer ?? ""}${rollup.year}年示范型退役军人服务站汇总来源文件`, "title");
  span(
    `汇总所读的全部文件，按给出的顺序；“文件哈希”为文件内容的SHA-256哈希，文件改动后即不相同。共${files.length}个文件，读出评分表${facts.length}张。`,
    "subtitle",
  );
  const headerRow = cells.length + 1;
  cells.push(headers.map((h) => cell(h, "header")));
  let no = 0;
  for (const f of files) {
    const line = (sheet: PlanValue, station: PlanValue, year: PlanValue, status: PlanValue, note: string) =>
      cells.push([
        cell(++no, "index"),
        cell(f.file, "text"),
        cell(f.hash, "text"),
        cell(sheet, "text"),
        cell(station, "text"),
        cell(year, "index"),
        cell(status, "verdict"),
        cell(note, "text"),
      ]);
    if (f.inputs.length === 0)
      line(null, null, null, null, f.readable ? "未计入：没有评分表" : "未计入：无法读取");
    for (const i of f.inputs) {
      const { sheet, meta, status } = facts[i];
      line(sheet, meta.station, meta.year, STATUS_TEXT[status], use.get(i) ?? "");
    }
  }
  return {
    sheetName: SOURCES_SHEET,
    cells,
    merges,
    styles: GRID_STYLES,
    // The hash on one line: Excel keeps the default height of a row whose text wraps.
    columns: [6, 28, 74, 22, 14, 8, 12, 30].map((width) => ({ width })),
    rowHeights: cells.map((_, r) => (r === 0 ? 36 : r === 1 ? 30 : null)),
    conditionalFormats: [],
    print: {
      orientation: "landscape",
      fitToHeight: 0,
      area: rangeAddr(0, 1, last, Math.max(cells.length, headerRow)),
      titleRows: [headerRow, headerRow],
    },
    freeze: { rows: headerRow },
  };
}
