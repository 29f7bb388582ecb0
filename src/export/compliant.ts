import type { Workbook } from "exceljs";
import { planFromRead, titleFor, type ReadScorecard, type SheetPlan } from "../sheet";
import { newWorkbook, renderPlan } from "../xlsx";

export interface CompliantOptions {
  /** Mark the copy 草稿 in its title (plan option draft). */
  readonly draft?: boolean;
}

export interface CompliantWorkbookOptions extends CompliantOptions {
  /**
   * A copy made only to be converted to PDF by LibreOffice: the helper columns are left visible. They lie
   * outside the print area either way, but LibreOffice draws "###" for the numbers of hidden columns at the
   * right edge of the printed table.
   */
  readonly forPdf?: boolean;
}

/**
 * The plan of the compliant copy: the official sheet drawn afresh from the rubric, with the entries read out
 * of the source (scores, 是/否 answers, evidence, notes), its station, year, edition and state. Nothing else
 * of the source survives, so a copy of a sheet re-saved by another program is as clean as a new one.
 */
export function compliantPlan(read: ReadScorecard, options: CompliantOptions = {}): SheetPlan {
  return planFromRead(read, { draft: options.draft === true });
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
