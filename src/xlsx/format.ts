// Kept apart from ./workbook so that readers without ExcelJS (./stream) report the same errors.
import type { ReadLimit } from "./limits";
import type { ContentDamage, XmlProblem } from "./stream/refusal";
import type { ZipDamage } from "./stream/zip";

/** How a package is damaged: its zip container (./stream/zip) or its content (./stream/refusal). */
export type WorkbookDamage = ZipDamage | ContentDamage;

export type WorkbookFormatProblem =
  "empty" | "legacy-xls" | "encrypted" | "ods" | "xlsb" | "not-zip" | "damaged" | "no-sheets" | "too-large";

/** Where a refusal happened, as far as the reader knows. */
export interface WorkbookWhere {
  /** The part concerned (as the package names it): the one past a limit, or the damaged one. */
  readonly part?: string;
  /** The sheet's name in workbook.xml. */
  readonly sheet?: string;
  readonly cell?: string;
  readonly row?: number;
  /** What was found: the type, value, index, ranges or other sheet, as written. */
  readonly value?: string;
  /** For "malformed-xml": what is wrong with the XML. */
  readonly xml?: XmlProblem;
}

/** Where and why, for the problems that say more than their kind. */
export interface WorkbookFormatDetails extends WorkbookWhere {
  /** The underlying parser error, when there was one. */
  readonly reason?: unknown;
  /** For "too-large": which of READ_LIMITS was passed. */
  readonly limit?: ReadLimit;
  /** For "damaged": how the package is damaged, when the reader could tell. */
  readonly damage?: WorkbookDamage;
}

/**
 * The bytes are not a readable .xlsx workbook: what it is (`problem`), and for a refusal which limit or damage
 * and where. Its message is technical (logs); users read src/i18n/cliRead.ts's sentences (workbookRefusal).
 */
export class WorkbookFormatError extends Error implements WorkbookFormatDetails {
  readonly reason?: unknown;
  readonly part?: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly row?: number;
  readonly value?: string;
  readonly xml?: XmlProblem;
  readonly limit?: ReadLimit;
  readonly damage?: WorkbookDamage;

  constructor(
    readonly problem: WorkbookFormatProblem,
    message: string,
    details: WorkbookFormatDetails = {},
  ) {
    super(message);
    this.name = "WorkbookFormatError";
    Object.assign(this, details);
  }
}

const MESSAGES: Record<WorkbookFormatProblem, string> = {
  empty: "文件为空，不是 .xlsx 工作簿 / The file is empty, not an .xlsx workbook",
  "legacy-xls":
    "这是旧版 .xls 文件，请先另存为 .xlsx / This is a legacy .xls file; save it as .xlsx (Excel Workbook) first",
  encrypted:
    "文件设有打开密码（已加密），请取消打开密码后另存为 .xlsx / The file is encrypted with an open password; remove the password and save it as .xlsx",
  ods: "这是 OpenDocument 电子表格（.ods），请另存为 .xlsx / This is an OpenDocument spreadsheet (.ods); save it as .xlsx",
  xlsb: "这是 Excel 二进制工作簿（.xlsb），请另存为 .xlsx / This is an Excel binary workbook (.xlsb); save it as .xlsx",
  "not-zip": "文件不是 .xlsx 工作簿（不是 ZIP 格式）/ Not an .xlsx workbook: the file is not a ZIP archive",
  damaged:
    "无法读取 .xlsx 工作簿，文件可能已损坏或不完整 / Cannot read the .xlsx workbook: it is damaged or truncated",
  "no-sheets": "文件中没有工作表，不是 .xlsx 工作簿 / No worksheets found: not an .xlsx workbook",
  "too-large":
    "工作簿超过读取限制（如部件解压后超过 50 MB），已拒绝读取（可能是恶意构造的文件）/ The workbook passes a read limit (such as a part inflating beyond 50 MB): refused (possibly a zip bomb)",
};

const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean =>
  sig.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * A WorkbookFormatError; `cause` is the underlying error (kept as its reason) or the reader's own detail, in
 * English, for the message.
 */
export const formatError = (
  problem: WorkbookFormatProblem,
  cause?: unknown,
  details: Omit<WorkbookFormatDetails, "reason"> = {},
): WorkbookFormatError => {
  if (typeof cause === "string")
    return new WorkbookFormatError(problem, `${MESSAGES[problem]} (${cause})`, details);
  const detail = cause instanceof Error ? ` (${cause.message})` : "";
  return new WorkbookFormatError(problem, MESSAGES[problem] + detail, { ...details, reason: cause });
};

/**
 * The names in an OLE2 compound file's directory ([MS-CFB]: the header's DIFAT and the DIFAT chain give the FAT
 * sectors, the FAT chains the directory sectors, each of 128-byte entries named in UTF-16); null when the
 * header is not one. Every chain is walked at most once per sector of the file, so a looping one ends.
 */
function compoundFileNames(bytes: Uint8Array): Set<string> | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => view.getUint32(at, true);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectors = Math.floor(bytes.length / sectorSize) - 1;
  const sectorAt = (n: number): number => (n + 1) * sectorSize;
  const perSector = sectorSize / 4;
  const fat: number[] = [];
  const addFat = (sector: number): void => {
    if (sector < sectors) fat.push(sector);
  };
  for (let i = 0; i < 109; i++) addFat(u32(0x4c + 4 * i));
  for (
    let s = u32(0x44), guard = 0;
    s < sectors && guard < sectors;
    s = u32(sectorAt(s) + sectorSize - 4), guard++
  )
    for (let i = 0; i < perSector - 1; i++) addFat(u32(sectorAt(s) + 4 * i));
  const next = (s: number): number => {
    const fatSector = fat[Math.floor(s / perSector)];
    return fatSector === undefined ? -1 : u32(sectorAt(fatSector) + 4 * (s % perSector));
  };
  const names = new Set<string>();
  for (let s = u32(0x30), guard = 0; s < sectors && guard < sectors; s = next(s), guard++)
    for (let at = sectorAt(s); at < sectorAt(s) + sectorSize; at += 128) {
      const length = view.getUint16(at + 0x40, true);
      if (length < 2 || length > 64 || length % 2) continue;
      let name = "";
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(view.getUint16(at + i, true));
      names.add(name);
    }
  return names;
}

/**
 * Refuses bytes that are plainly not an .xlsx workbook: empty; an OLE2 file (a password-encrypted .xlsx holds
 * EncryptedPackage, [MS-OFFCRYPTO] 2.3.4.4; a legacy .xls holds Workbook or Book; an unreadable one is taken
 * for a legacy .xls, as before); not a zip.
 */
export function sniffWorkbook(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw formatError("empty");
  if (startsWith(bytes, OLE)) {
    const names = compoundFileNames(bytes);
    if (names?.has("EncryptedPackage")) throw formatError("encrypted");
    if (names && !names.has("Workbook") && !names.has("Book")) throw formatError("not-zip");
    throw formatError("legacy-xls");
  }
  if (!startsWith(bytes, ZIP)) throw formatError("not-zip");
}
