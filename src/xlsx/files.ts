import { closeSync, fstatSync, openSync, readFileSync } from "fs";
import { writeFile } from "fs/promises";
import type { Workbook } from "exceljs";
import { formatError } from "./format";
import { READ_LIMITS } from "./limits";
import { NODE_CODEC } from "./stream/nodeCodec";
import { loadWorkbook, workbookBytes } from "./workbook";

/**
 * A workbook file's bytes; a file larger than READ_LIMITS.fileBytes is refused (WorkbookFormatError) before it is
 * read. A missing or unreadable file throws the file-system error.
 */
export function readWorkbookBytes(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    if (fstatSync(fd).size > READ_LIMITS.fileBytes)
      throw formatError("too-large", undefined, { limit: "fileBytes" });
    return new Uint8Array(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}

/** Reads an .xlsx file; a missing file rejects with the file-system error, a non-xlsx one with WorkbookFormatError. */
export async function readWorkbookFile(path: string): Promise<Workbook> {
  return loadWorkbook(readWorkbookBytes(path), NODE_CODEC);
}

export async function writeWorkbookFile(workbook: Workbook, path: string): Promise<void> {
  await writeFile(path, await workbookBytes(workbook));
}
