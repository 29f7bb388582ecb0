import { READ_LIMITS, type ReadLimit } from "../xlsx/limits";
import type {
  WorkbookDamage,
  WorkbookFormatError,
  WorkbookFormatProblem,
  WorkbookWhere,
} from "../xlsx/format";
import type { XmlProblem } from "../xlsx/stream/refusal";
import type { Lang } from "./types";

/**
 * Why a workbook could not be read, in one sentence naming the limit or the damage and where (part, sheet, cell):
 * the command line's lines and the page's refusals alike (see workbookRefusal; the page loads them with its xlsx
 * chunk, not its first bundle), and the progress of a long check. Chinese first.
 */
const count = (n: number): string => n.toLocaleString("en-US");
/** A sheet as the zh sentences name it: 工作表“…”, else the workbook. */
const sheetZh = (w: WorkbookWhere): string => (w.sheet !== undefined ? `工作表“${w.sheet}”` : "工作簿");
const sheetEn = (w: WorkbookWhere): string => (w.sheet !== undefined ? `sheet “${w.sheet}”` : "the workbook");
/** The same, opening a sentence. */
const SheetEn = (w: WorkbookWhere): string => (w.sheet !== undefined ? `Sheet “${w.sheet}”` : "The workbook");
const ofSheet = (w: WorkbookWhere): string => (w.sheet !== undefined ? ` of sheet “${w.sheet}”` : "");
/** Where a workbook-wide count passed its limit. */
const atSheetZh = (w: WorkbookWhere): string =>
  w.sheet !== undefined ? `（读到工作表“${w.sheet}”时超过）` : "";
const atSheetEn = (w: WorkbookWhere): string =>
  w.sheet !== undefined ? ` (passed at sheet “${w.sheet}”)` : "";

/** What is wrong with a part's XML (see src/xlsx/stream/xml.ts). */
const zhXml: Record<XmlProblem, string> = {
  encoding: "字符编码无效",
  "forbidden-char": "含有 XML 不允许的字符（NUL、控制字符或 U+FFFE/U+FFFF）",
  "bad-reference": "含有无效的实体或字符引用",
  namespace: "命名空间前缀未声明或声明有误",
  "malformed-tag": "有格式错误的标签",
  "mismatched-tag": "开始标签与结束标签不匹配",
  "duplicate-attribute": "同一属性写了两次",
  "unsupported-markup": "含有工作簿不允许的 DOCTYPE 等声明",
  structure: "内容不完整，或根元素之外还有内容",
};
const enXml: Record<XmlProblem, string> = {
  encoding: "its bytes are not valid in its encoding",
  "forbidden-char": "it holds a character XML does not allow (NUL, a control character, U+FFFE/U+FFFF)",
  "bad-reference": "it holds an invalid entity or character reference",
  namespace: "a namespace prefix is undeclared or misdeclared",
  "malformed-tag": "a tag is malformed",
  "mismatched-tag": "a start tag and its end tag do not match",
  "duplicate-attribute": "an attribute is written twice",
  "unsupported-markup": "it holds a DOCTYPE or other markup a workbook may not hold",
  structure: "it is cut short, or holds content outside its root element",
};

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
  /** A limit passed: `figure` is the limit (MB for sizes, a count otherwise), `w` where it was passed. */
  limit: {
    fileBytes: (mb: number) => `文件超过 ${mb} MB，已拒绝读取（评分表工作簿远小于此）`,
    partBytes: (mb: number, w: WorkbookWhere) =>
      `工作簿中的 ${w.part} 解压后超过 ${mb} MB，已拒绝读取（评分表远小于此，文件可能是恶意构造的）`,
    packageBytes: (mb: number) =>
      `工作簿的全部部件解压后合计超过 ${mb} MB，已拒绝读取（评分表远小于此，文件可能是恶意构造的）`,
    entries: (n: number) =>
      `工作簿中的部件超过 ${count(n)} 个，已拒绝读取（评分表远少于此，文件可能是恶意构造的）`,
    mediaParts: (n: number) =>
      `工作簿中的图片等媒体部件（xl/media）超过 ${count(n)} 个，已拒绝读取（文件可能是恶意构造的）`,
    modelCells: (n: number, w: WorkbookWhere) =>
      `工作簿的单元格超过网页、导出和抽查一次能载入的 ${count(n)} 个${atSheetZh(w)}；scorecard check 仍可检查此文件`,
    modelMergedCells: (n: number, w: WorkbookWhere) =>
      `工作簿中合并单元格覆盖的单元格超过网页、导出和抽查一次能载入的 ${count(n)} 个${atSheetZh(w)}；scorecard check 仍可检查此文件`,
    checkCells: (n: number, w: WorkbookWhere) =>
      `${sheetZh(w)}及之前的评分表中有超过 ${count(n)} 个单元格，已拒绝检查（一张评分表约 1,100 个单元格）`,
  } satisfies Record<ReadLimit, (figure: number, w: WorkbookWhere) => string>,
  /** How the package is damaged: its zip container, or its content; `w` says where. */
  damage: {
    directory: () => "工作簿已损坏：ZIP 目录不完整或前后不一致",
    "local-header": (w: WorkbookWhere) => `工作簿已损坏：${w.part} 的文件头与 ZIP 目录不一致`,
    truncated: (w: WorkbookWhere) => `工作簿已损坏：${w.part} 的数据不完整（文件被截断）`,
    method: (w: WorkbookWhere) => `工作簿已损坏：${w.part} 使用了不支持的压缩方式`,
    encrypted: (w: WorkbookWhere) => `工作簿已损坏：${w.part} 在 ZIP 中被加密`,
    size: (w: WorkbookWhere) => `工作簿已损坏：${w.part} 解压后的大小与 ZIP 目录声明的不符`,
    crc: (w: WorkbookWhere) =>
      `工作簿已损坏：${w.part} 的内容与其校验值（CRC-32）不符，文件在保存后被改动或在传输中出错`,
    inflate: (w: WorkbookWhere) => `工作簿已损坏：${w.part} 的压缩数据已损坏`,
    duplicate: (w: WorkbookWhere) => `工作簿已损坏：部件 ${w.part} 出现了两次（部件名不区分大小写）`,
    overlap: (w: WorkbookWhere) => `工作簿已损坏：${w.part} 的数据与另一个部件重叠`,
    "malformed-xml": (w: WorkbookWhere) =>
      `${w.part} 不是格式正确的 XML：${zhXml[w.xml ?? "structure"]}（文件已损坏）`,
    "not-spreadsheetml": (w: WorkbookWhere) => `${w.part} 不是 Excel 工作簿的部件（根元素为 ${w.value}）`,
    "missing-part": (w: WorkbookWhere) =>
      `${sheetZh(w)}引用的 ${w.value || w.part} 在文件中不存在（文件已损坏）`,
    "shared-part": (w: WorkbookWhere) =>
      `工作表“${w.value}”和“${w.sheet}”共用同一个部件 ${w.part}（文件已损坏）`,
    "cell-twice": (w: WorkbookWhere) =>
      `${sheetZh(w)}的单元格 ${w.cell} 写了两次，不同程序会读出不同的值（文件已损坏）`,
    "row-twice": (w: WorkbookWhere) =>
      `${sheetZh(w)}的第 ${w.row} 行写了两次，不同程序会读出不同的值（文件已损坏）`,
    "misplaced-cell": (w: WorkbookWhere) =>
      `${sheetZh(w)}的第 ${w.row} 行中写着单元格 ${w.cell}（文件已损坏）`,
    "unknown-cell-type": (w: WorkbookWhere) =>
      `${sheetZh(w)}的单元格 ${w.cell} 类型未知（t="${w.value}"）（文件已损坏）`,
    "bad-value": (w: WorkbookWhere) =>
      w.cell !== undefined
        ? `${sheetZh(w)}的单元格 ${w.cell} 的值“${w.value}”与其类型不符（文件已损坏）`
        : `${sheetZh(w)}中有无效的值“${w.value ?? ""}”（文件已损坏）`,
    "shared-string": (w: WorkbookWhere) =>
      `${sheetZh(w)}的单元格 ${w.cell} 引用的共享字符串 ${w.value} 不存在（文件已损坏）`,
    "beyond-sheet": (w: WorkbookWhere) =>
      `${sheetZh(w)}的${w.cell !== undefined ? `单元格 ${w.cell}` : `第 ${count(w.row ?? 0)} 行`}超出了 Excel 工作表的范围（最多 1,048,576 行、16,384 列即 XFD 列）`,
    "merges-overlap": (w: WorkbookWhere) =>
      `${sheetZh(w)}的合并单元格 ${(w.value ?? "").replace(" ", " 与 ")} 重叠（文件已损坏）`,
    "model-failed": () => "网页、导出和抽查无法载入此工作簿的格式；scorecard check 仍可检查此文件",
  } satisfies Record<WorkbookDamage, (w: WorkbookWhere) => string>,
  /** What is wrong with a part's XML (in "malformed-xml"). */
  xml: zhXml,
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
    partBytes: (mb, w) =>
      `${w.part} in the workbook inflates beyond ${mb} MB: refused (a scorecard is far smaller; the file may be hostile)`,
    packageBytes: (mb) =>
      `The parts of the workbook inflate beyond ${mb} MB in all: refused (a scorecard is far smaller; the file may be hostile)`,
    entries: (n) =>
      `The workbook holds more than ${count(n)} parts: refused (a scorecard has far fewer; the file may be hostile)`,
    mediaParts: (n) =>
      `The workbook holds more than ${count(n)} images and other media parts (xl/media): refused (the file may be hostile)`,
    modelCells: (n, w) =>
      `The workbook has more cells than the page, export and sample load at once (${count(n)})${atSheetEn(w)}; scorecard check still reads it`,
    modelMergedCells: (n, w) =>
      `The workbook's merged ranges cover more cells than the page, export and sample load at once (${count(n)})${atSheetEn(w)}; scorecard check still reads it`,
    checkCells: (n, w) =>
      `The scorecards up to ${sheetEn(w)} hold more than ${count(n)} cells: not checked (a scorecard has about 1,100)`,
  },
  damage: {
    directory: () => "The workbook is damaged: its ZIP directory is incomplete or contradicts itself",
    "local-header": (w) =>
      `The workbook is damaged: the local header of ${w.part} disagrees with the ZIP directory`,
    truncated: (w) => `The workbook is damaged: the data of ${w.part} is cut short (the file is truncated)`,
    method: (w) => `The workbook is damaged: ${w.part} uses an unsupported compression method`,
    encrypted: (w) => `The workbook is damaged: ${w.part} is encrypted inside the ZIP`,
    size: (w) => `The workbook is damaged: ${w.part} does not inflate to the size the ZIP directory declares`,
    crc: (w) =>
      `The workbook is damaged: ${w.part} does not match its checksum (CRC-32); the file was altered after saving or corrupted in transit`,
    inflate: (w) => `The workbook is damaged: the compressed data of ${w.part} is corrupt`,
    duplicate: (w) => `The workbook is damaged: the part ${w.part} appears twice (part names ignore case)`,
    overlap: (w) => `The workbook is damaged: the data of ${w.part} overlaps another part's`,
    "malformed-xml": (w) =>
      `${w.part} is not well-formed XML: ${enXml[w.xml ?? "structure"]} (the file is damaged)`,
    "not-spreadsheetml": (w) => `${w.part} is not a part of an Excel workbook (its root is ${w.value})`,
    "missing-part": (w) =>
      `${SheetEn(w)} refers to ${w.value || w.part}, which the file does not hold (the file is damaged)`,
    "shared-part": (w) =>
      `Sheets “${w.value}” and “${w.sheet}” share one part, ${w.part} (the file is damaged)`,
    "cell-twice": (w) =>
      `Cell ${w.cell}${ofSheet(w)} is written twice, so programs would read different values (the file is damaged)`,
    "row-twice": (w) =>
      `Row ${w.row}${ofSheet(w)} is written twice, so programs would read different values (the file is damaged)`,
    "misplaced-cell": (w) => `Cell ${w.cell} is written in row ${w.row}${ofSheet(w)} (the file is damaged)`,
    "unknown-cell-type": (w) =>
      `Cell ${w.cell}${ofSheet(w)} has an unknown type (t="${w.value}") (the file is damaged)`,
    "bad-value": (w) =>
      w.cell !== undefined
        ? `Cell ${w.cell}${ofSheet(w)} holds “${w.value}”, which is not what its type says (the file is damaged)`
        : `${SheetEn(w)} holds an invalid value “${w.value ?? ""}” (the file is damaged)`,
    "shared-string": (w) =>
      `Cell ${w.cell}${ofSheet(w)} names shared string ${w.value}, which the workbook does not hold (the file is damaged)`,
    "beyond-sheet": (w) =>
      `${w.cell !== undefined ? `Cell ${w.cell}` : `Row ${count(w.row ?? 0)}`}${ofSheet(w)} is past Excel's sheet (1,048,576 rows, 16,384 columns to XFD)`,
    "merges-overlap": (w) =>
      `Merged ranges ${(w.value ?? "").replace(" ", " and ")}${ofSheet(w)} overlap (the file is damaged)`,
    "model-failed": () =>
      "The page, export and sample cannot load this workbook's format; scorecard check still reads it",
  },
  xml: enXml,
  progress: (done, total) => `checked ${done}/${total} files`,
};

export const cliReadText = (lang: Lang): typeof zh => (lang === "en" ? en : zh);

/** A limit's figure as its refusal gives it: sizes in MB, counts as they are. */
const limitFigure = (limit: ReadLimit): number =>
  limit.endsWith("Bytes") ? READ_LIMITS[limit] / 1024 / 1024 : READ_LIMITS[limit];

/** Why a workbook could not be read, in one language: which limit and where, how it is damaged, or what it is. */
export function workbookRefusal(e: WorkbookFormatError, lang: Lang): string {
  const r = cliReadText(lang);
  if (e.problem === "too-large" && e.limit) return r.limit[e.limit](limitFigure(e.limit), e);
  if (e.problem === "damaged" && e.damage) return r.damage[e.damage](e);
  return r.format[e.problem];
}
