import type { CompliantOptions } from "../../export/plan";
import type { ReadScorecard } from "../../sheet";

/** Writes the compliant copy of a scorecard as .xlsx bytes (ExcelJS). */
export type CompliantXlsx = (read: ReadScorecard, options?: CompliantOptions) => Promise<Uint8Array>;

/**
 * The ExcelJS renderer of the compliant copy, loaded only when the user asks for an .xlsx: dynamic import()
 * gives it its own chunk (ExcelJS itself lands in lazy-exceljs), so the pane's first bundle never carries it.
 */
export async function loadCompliantXlsx(): Promise<CompliantXlsx> {
  const compliant = await import(/* webpackChunkName: "export-xlsx" */ "../../export/compliant");
  return compliant.compliantXlsx;
}
