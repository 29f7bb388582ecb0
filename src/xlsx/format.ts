// Kept apart from ./workbook so that readers without ExcelJS (./stream) report the same errors.

export type WorkbookFormatProblem =
  "empty" | "legacy-xls" | "not-zip" | "damaged" | "no-sheets" | "too-large";

/** The bytes are not a readable .xlsx workbook. */
export class WorkbookFormatError extends Error {
  constructor(
    readonly problem: WorkbookFormatProblem,
    message: string,
    /** The underlying parser error, when there was one. */
    readonly reason?: unknown,
    /** For "too-large": the part that inflated beyond the limit. */
    readonly part?: string,
  ) {
    super(message);
    this.name = "WorkbookFormatError";
  }
}

const MESSAGES: Record<WorkbookFormatProblem, string> = {
  empty: "文件为空，不是 .xlsx 工作簿 / The file is empty, not an .xlsx workbook",
  "legacy-xls":
    "这是旧版 .xls 文件，请先另存为 .xlsx / This is a legacy .xls file; save it as .xlsx (Excel Workbook) first",
  "not-zip": "文件不是 .xlsx 工作簿（不是 ZIP 格式）/ Not an .xlsx workbook: the file is not a ZIP archive",
  damaged:
    "无法读取 .xlsx 工作簿，文件可能已损坏或不完整 / Cannot read the .xlsx workbook: it is damaged or truncated",
  "no-sheets": "文件中没有工作表，不是 .xlsx 工作簿 / No worksheets found: not an .xlsx workbook",
  "too-large":
    "工作簿中有部件解压后超过 50 MB，已拒绝读取（可能是恶意构造的文件）/ A part of the workbook inflates beyond 50 MB: refused (possibly a zip bomb)",
};

const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean =>
  sig.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export const formatError = (
  problem: WorkbookFormatProblem,
  cause?: unknown,
  part?: string,
): WorkbookFormatError => {
  const detail = cause instanceof Error ? ` (${cause.message})` : "";
  return new WorkbookFormatError(problem, MESSAGES[problem] + detail, cause, part);
};

/** Refuses bytes that are plainly not an .xlsx workbook: empty, a legacy .xls, not a zip. */
export function sniffWorkbook(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw formatError("empty");
  if (startsWith(bytes, OLE)) throw formatError("legacy-xls");
  if (!startsWith(bytes, ZIP)) throw formatError("not-zip");
}
