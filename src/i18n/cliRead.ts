import { READ_LIMITS, type ReadLimit } from "../xlsx/limits";
import type { WorkbookFormatError, WorkbookFormatProblem } from "../xlsx/format";
import type { ZipDamage } from "../xlsx/stream/zip";
import type { Lang } from "./types";

/**
 * Why a workbook could not be read (the command line's lines, and the page's refusals: see workbookRefusal),
 * and the progress of a long check; Chinese first.
 */
const zh = {
  format: {
    empty: "文件为空，不是 .xlsx 工作簿",
    "legacy-xls": "这是旧版 .xls 文件，请先另存为 .xlsx",
    encrypted:
      "文件设有打开密码（已加密），无法读取；请在 Excel 或 WPS 中打开，取消打开密码后重新保存为 .xlsx",
    ods: "这是 OpenDocument 电子表格（.ods），不是 .xlsx；请在 WPS、LibreOffice 或 Excel 中另存为 Excel 工作簿（.xlsx）",
    xlsb: "这是 Excel 二进制工作簿（.xlsb），不是 .xlsx；请在 Excel 或 WPS 中另存为 Excel 工作簿（.xlsx）",
    "not-zip": "文件不是 .xlsx 工作簿（不是 ZIP 格式）",
    damaged: "无法读取 .xlsx 工作簿，文件可能已损坏或不完整",
    "no-sheets": "文件中没有工作表，不是 .xlsx 工作簿",
    "too-large": "工作簿中有部件解压后过大，已拒绝读取",
  } satisfies Record<WorkbookFormatProblem, string>,
  /** A limit passed: `figure` is the limit (MB for sizes, a count otherwise), `part` where (sizes of one part). */
  limit: {
    fileBytes: (mb: number) => `文件超过 ${mb} MB，已拒绝读取（评分表工作簿远小于此）`,
    partBytes: (mb: number, part: string) =>
      `工作簿中的 ${part} 解压后超过 ${mb} MB，已拒绝读取（评分表远小于此，文件可能是恶意构造的）`,
    packageBytes: (mb: number) =>
      `工作簿的全部部件解压后合计超过 ${mb} MB，已拒绝读取（评分表远小于此，文件可能是恶意构造的）`,
    entries: (n: number) => `工作簿中的部件超过 ${n} 个，已拒绝读取（评分表远少于此，文件可能是恶意构造的）`,
    mediaParts: (n: number) =>
      `工作簿中的图片等媒体部件（xl/media）超过 ${n} 个，已拒绝读取（文件可能是恶意构造的）`,
  } satisfies Record<ReadLimit, (figure: number, part: string) => string>,
  /** How the package is damaged; `part` is the damaged part. */
  damage: {
    directory: () => "工作簿已损坏：ZIP 目录不完整或前后不一致",
    "local-header": (part: string) => `工作簿已损坏：${part} 的文件头与 ZIP 目录不一致`,
    truncated: (part: string) => `工作簿已损坏：${part} 的数据不完整（文件被截断）`,
    method: (part: string) => `工作簿已损坏：${part} 使用了不支持的压缩方式`,
    encrypted: (part: string) => `工作簿已损坏：${part} 在 ZIP 中被加密`,
    size: (part: string) => `工作簿已损坏：${part} 解压后的大小与 ZIP 目录声明的不符`,
    crc: (part: string) =>
      `工作簿已损坏：${part} 的内容与其校验值（CRC-32）不符，文件在保存后被改动或在传输中出错`,
    inflate: (part: string) => `工作簿已损坏：${part} 的压缩数据已损坏`,
    duplicate: (part: string) => `工作簿已损坏：部件 ${part} 出现了两次（部件名不区分大小写）`,
    overlap: (part: string) => `工作簿已损坏：${part} 的数据与另一个部件重叠`,
  } satisfies Record<ZipDamage, (part: string) => string>,
  progress: (done: number, total: number) => `已检查 ${done}/${total} 个文件`,
};

const en: typeof zh = {
  format: {
    empty: "The file is empty, not an .xlsx workbook",
    "legacy-xls": "This is a legacy .xls file; save it as .xlsx (Excel Workbook) first",
    encrypted:
      "The file is encrypted with an open password and cannot be read; open it in Excel or WPS, remove the open password and save it again as .xlsx",
    ods: "This is an OpenDocument spreadsheet (.ods), not .xlsx; save it as an Excel workbook (.xlsx) in WPS, LibreOffice or Excel",
    xlsb: "This is an Excel binary workbook (.xlsb), not .xlsx; save it as an Excel workbook (.xlsx) in Excel or WPS",
    "not-zip": "Not an .xlsx workbook: the file is not a ZIP archive",
    damaged: "Cannot read the .xlsx workbook: it is damaged or truncated",
    "no-sheets": "No worksheets found: not an .xlsx workbook",
    "too-large": "A part of the workbook inflates too large: refused",
  },
  limit: {
    fileBytes: (mb) => `The file is larger than ${mb} MB: refused (a scorecard workbook is far smaller)`,
    partBytes: (mb, part) =>
      `${part} in the workbook inflates beyond ${mb} MB: refused (a scorecard is far smaller; the file may be hostile)`,
    packageBytes: (mb) =>
      `The parts of the workbook inflate beyond ${mb} MB in all: refused (a scorecard is far smaller; the file may be hostile)`,
    entries: (n) =>
      `The workbook holds more than ${n} parts: refused (a scorecard has far fewer; the file may be hostile)`,
    mediaParts: (n) =>
      `The workbook holds more than ${n} images and other media parts (xl/media): refused (the file may be hostile)`,
  },
  damage: {
    directory: () => "The workbook is damaged: its ZIP directory is incomplete or contradicts itself",
    "local-header": (part) =>
      `The workbook is damaged: the local header of ${part} disagrees with the ZIP directory`,
    truncated: (part) => `The workbook is damaged: the data of ${part} is cut short (the file is truncated)`,
    method: (part) => `The workbook is damaged: ${part} uses an unsupported compression method`,
    encrypted: (part) => `The workbook is damaged: ${part} is encrypted inside the ZIP`,
    size: (part) =>
      `The workbook is damaged: ${part} does not inflate to the size the ZIP directory declares`,
    crc: (part) =>
      `The workbook is damaged: ${part} does not match its checksum (CRC-32); the file was altered after saving or corrupted in transit`,
    inflate: (part) => `The workbook is damaged: the compressed data of ${part} is corrupt`,
    duplicate: (part) => `The workbook is damaged: the part ${part} appears twice (part names ignore case)`,
    overlap: (part) => `The workbook is damaged: the data of ${part} overlaps another part's`,
  },
  progress: (done, total) => `checked ${done}/${total} files`,
};

export const cliReadText = (lang: Lang): typeof zh => (lang === "en" ? en : zh);

/** A limit's figure as its refusal gives it: sizes in MB, counts as they are. */
const limitFigure = (limit: ReadLimit): number =>
  limit.endsWith("Bytes") ? READ_LIMITS[limit] / 1024 / 1024 : READ_LIMITS[limit];

/** Why a workbook could not be read, in one language: which limit and where, how it is damaged, or what it is. */
export function workbookRefusal(e: WorkbookFormatError, lang: Lang): string {
  const r = cliReadText(lang);
  if (e.problem === "too-large" && e.limit) return r.limit[e.limit](limitFigure(e.limit), e.part ?? "");
  if (e.problem === "damaged" && e.damage) return r.damage[e.damage](e.part ?? "");
  return r.format[e.problem];
}
