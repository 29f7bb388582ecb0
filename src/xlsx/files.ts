import { writeFile } from "fs/promises";
import type { Workbook } from "exceljs";
import { readWorkbookBytes } from "./fileBytes";
import { NODE_READ } from "./stream/read";
import { loadWorkbook, workbookBytes } from "./workbook";

/** Reads an .xlsx file; a missing file rejects with the file-system error, a non-xlsx one with WorkbookFormatError. */
export async function readWorkbookFile(path: string): Promise<Workbook> {
  return loadWorkbook(readWorkbookBytes(path), NODE_READ);
}

export async function writeWorkbookFile(workbook: Workbook, path: string): Promise<void> {
  await writeFile(path, await workbookBytes(workbook));
}
