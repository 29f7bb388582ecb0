import type { Workbook, Worksheet } from "exceljs";
import { LIST_SHEET, ROLLUP_SHEET } from "../rollup/labels";
import { workbookRollup } from "../review/workbookRollup";
import { isScorecard, planFromRead, readScorecard, type ReadScorecard } from "../sheet";
import { cellFormula, sheetToGrid } from "./grid";

type ResultCell = { readonly formula?: string; readonly result?: string | number } | null;

/**
 * Writes the engine's values as the cached results of the sheet's formula cells wherever the cell holds the
 * plan's formula: viewers that do not recalculate (previews, scripts, ExcelJS) then see what Excel would.
 */
function refreshResults(sheet: Worksheet, cells: readonly (readonly ResultCell[])[]): void {
  cells.forEach((row, r) =>
    row.forEach((planned, c) => {
      if (!planned || planned.formula === undefined || planned.result === undefined) return;
      const cell = sheet.getCell(r + 1, c + 1);
      if (cellFormula(cell) === planned.formula)
        cell.value = { formula: planned.formula, result: planned.result };
    }),
  );
}

/**
 * Brings every cached formula result of the workbook up to date with its entries: each scorecard's helper
 * columns, subtotals, totals and verdicts, and the 汇总 / 创建名单 sheets when there are any. Edits made
 * through XlsxPort.write change entries only; this runs before the bytes are written.
 */
export function refreshWorkbookResults(workbook: Workbook): void {
  const reads: ReadScorecard[] = [];
  for (const sheet of workbook.worksheets) {
    const grid = sheetToGrid(sheet);
    if (!isScorecard(grid)) continue;
    const read = readScorecard(grid);
    reads.push(read);
    refreshResults(sheet, planFromRead(read).cells);
  }
  if (reads.length === 0) return;
  const summary = workbook.getWorksheet(ROLLUP_SHEET);
  const list = workbook.getWorksheet(LIST_SHEET);
  if (!summary && !list) return;
  const { plans } = workbookRollup(reads);
  if (summary) refreshResults(summary, plans.summary.cells);
  if (list) refreshResults(list, plans.list.cells);
}
