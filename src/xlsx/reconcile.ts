/*
 * After ExcelJS built its model of a file, the model is made to read as the streaming reader read the same bytes
 * (one file, one reading): wherever sheetToGrid(model) differs from the streamed grid, the model's cell is set to
 * what the file means. ExcelJS misreads, among others: a number or formula under a hyperlink (kept as text or
 * dropped), a date-formatted error or ID number (an invalid Date), t="d" cells (parseFloat), date1904="true",
 * shared formulas over whole columns, a plain <t> before rich-text runs, East Asian built-in date formats, text
 * results decoded twice (&amp;lt;), protection written sheet="true". What the model cannot hold — a link on a
 * number or formula, x14 list validations — is kept beside it (fileLinks, fileValidations) for sheetToGrid.
 */
import type * as ExcelJS from "exceljs";
import type { GridValue, SheetGrid } from "../sheet";
import { fileLinks, fileValidations, sheetToGrid } from "./grid";
import { internals } from "./internals";
import type { WorkbookRead } from "./stream/workbook";

/** Excel's error values: a formula result or cell shown as one of these is an error, not text. */
const ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/;

const cellAt = (grid: SheetGrid, r: number, c: number): { value: GridValue; formula: string | null } => ({
  value: grid.values[r]?.[c] ?? null,
  formula: grid.formulas[r]?.[c] ?? null,
});

/** What ExcelJS should hold for a value the streaming reader read. */
function modelValue(value: GridValue, cell: ExcelJS.Cell, errorLike: boolean): ExcelJS.CellValue {
  if (typeof value !== "string") return value;
  if (errorLike && ERRORS.has(value)) return { error: value as ExcelJS.CellErrorValue["error"] };
  if (ISO_DATE.test(value) && cell.numFmt && !/^@$/.test(cell.numFmt)) return new Date(value);
  return value;
}

/** Sets the model's cell to what the streamed grid holds there. */
function setCell(cell: ExcelJS.Cell, want: { value: GridValue; formula: string | null }): void {
  const before = cell.value;
  const wasError =
    (before instanceof Date && Number.isNaN(before.getTime())) ||
    (typeof before === "object" && before !== null && "error" in before);
  if (want.formula !== null) {
    const result = modelValue(want.value, cell, true);
    cell.value = {
      formula: want.formula,
      ...(result !== null ? { result } : {}),
    } as ExcelJS.CellFormulaValue;
  } else cell.value = modelValue(want.value, cell, wasError);
}

const sameCell = (
  a: { value: GridValue; formula: string | null },
  b: { value: GridValue; formula: string | null },
) => a.value === b.value && a.formula === b.formula;

/** Makes each worksheet of the model read as the streamed sheet of the same position. */
export function reconcile(workbook: ExcelJS.Workbook, read: WorkbookRead): void {
  const worksheets = workbook.worksheets;
  read.sheets.forEach((sheet, i) => {
    const worksheet = worksheets[i];
    if (!worksheet) return;
    const want = sheet.grid;
    if (worksheet.name !== want.name) {
      try {
        worksheet.name = want.name;
      } catch {
        // A name ExcelJS refuses to set keeps ExcelJS's reading.
      }
    }
    if (want.links) fileLinks.set(worksheet, want.links);
    if (want.guards) {
      fileValidations.set(worksheet, want.guards.validatedAreas);
      const inner = internals(worksheet);
      if (want.guards.protected) inner.sheetProtection = { ...inner.sheetProtection, sheet: true };
      else if (inner.sheetProtection) inner.sheetProtection = null;
    }
    const have = sheetToGrid(worksheet);
    const fix = (r: number, c: number): void => {
      const wanted = cellAt(want, r, c);
      if (!sameCell(wanted, cellAt(have, r, c))) setCell(worksheet.getCell(r + 1, c + 1), wanted);
    };
    want.values.forEach((row, r) => row?.forEach((_, c) => fix(r, c)));
    want.formulas.forEach((row, r) => row?.forEach((_, c) => fix(r, c)));
    have.values.forEach((row, r) => row?.forEach((_, c) => fix(r, c)));
    have.formulas.forEach((row, r) => row?.forEach((_, c) => fix(r, c)));
  });
}
