import { writeFile } from "fs/promises";
import type { Workbook } from "exceljs";
import { readWorkbookBytes } from "./fileBytes";
import { NODE_CODEC } from "./stream/nodeCodec";
import { loadWorkbook, workbookBytes } from "./workbook";

/** Reads an .xlsx file; a missing file rejects with the file-system error, a non-xlsx one with WorkbookFormatError. */
export async function readWorkbookFile(path: string): Promise<Workbook> {
  return loadWorkbook(readWorkbookBytes(path), NODE_CODEC);
}

export async function writeWorkbookFile(workbook: Workbook, path: string): Promise<void> {
  await writeFile(path, await workbookBytes(workbook));
}
