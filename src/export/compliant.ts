import type { Workbook } from "exceljs";
import { titleFor, type ReadScorecard, type SheetPlan } from "../sheet";
import { newWorkbook, renderPlan, workbookBytes } from "../xlsx";
import { compliantPlan, type CompliantOptions } from "./plan";

export interface CompliantWorkbookOptions extends CompliantOptions {
  /**
   * A copy made only to be converted to PDF by LibreOffice: the helper columns are left visible. They lie
   * outside the print area either way, but LibreOffice draws "###" for the numbers of hidden columns at the
   * right edge of the printed table.
   */
  readonly forPdf?: boolean;
}

/**
 * A new workbook holding only the compliant copy: official columns, title with station, year and standard,
 * entries and live formulas with the verdict, the 填报人/审核人/日期 line, A4 landscape print setup with
 * repeated titles and page numbers. It does not judge whether the export is allowed: ask exportDecision first.
 */
export function compliantWorkbook(read: ReadScorecard, options: CompliantWorkbookOptions = {}): Workbook {
  const planned = compliantPlan(read, options);
  const plan: SheetPlan = options.forPdf
    ? { ...planned, columns: planned.columns.map((c) => ({ ...c, hidden: false })) }
    : planned;
  const workbook = newWorkbook();
  workbook.title = titleFor(read.rubric, read.meta.station, read.meta.year, options.draft === true).split(
    "\n",
  )[0];
  workbook.subject = read.rubric.title;
  renderPlan(workbook, plan);
  return workbook;
}

/**
 * The compliant copy as .xlsx bytes (written through workbookBytes, which fixes ExcelJS's print-area
 * references), e.g. for the task pane's download. Like compliantWorkbook, it does not judge whether the export
 * is allowed.
 */
export async function compliantXlsx(
  read: ReadScorecard,
  options: CompliantOptions = {},
): Promise<Uint8Array> {
  return workbookBytes(compliantWorkbook(read, { draft: options.draft === true }));
}
