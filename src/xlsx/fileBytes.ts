import { closeSync, fstatSync, openSync, readFileSync } from "fs";
import { formatError } from "./format";
import { READ_LIMITS } from "./limits";

/**
 * A workbook file's bytes (Node only; apart from ./files so that `check` does not load ExcelJS); a file larger
 * than READ_LIMITS.fileBytes is refused (WorkbookFormatError) before it is read. A missing or unreadable file
 * throws the file-system error.
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
