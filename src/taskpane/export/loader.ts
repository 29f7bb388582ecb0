import type { CompliantOptions } from "../../export/plan";
import type { ReadScorecard } from "../../sheet";
import { lazyChunk } from "../shell/lazyChunk";

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

/** The 导出 tab's panel, loaded the first time the tab is opened (its own small chunk). */
export const loadExportPanel = lazyChunk(() =>
  import(/* webpackChunkName: "export" */ "./ExportPanel").then((m) => m.ExportPanel),
);
