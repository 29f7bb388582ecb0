import type { WorkbookFormatProblem } from "../xlsx/format";
import type { Lang } from "./types";

/** Why the command line could not read a workbook, and the progress of a long check; Chinese first. */
const zh = {
  format: {
    empty: "文件为空，不是 .xlsx 工作簿",
    "legacy-xls": "这是旧版 .xls 文件，请先另存为 .xlsx",
    "not-zip": "文件不是 .xlsx 工作簿（不是 ZIP 格式）",
    damaged: "无法读取 .xlsx 工作簿，文件可能已损坏或不完整",
    "no-sheets": "文件中没有工作表，不是 .xlsx 工作簿",
    "too-large": "工作簿中有部件解压后过大，已拒绝读取",
  } satisfies Record<WorkbookFormatProblem, string>,
  tooLarge: (part: string, mb: number) =>
    `工作簿中的 ${part} 解压后超过 ${mb} MB，已拒绝读取（评分表远小于此，文件可能是恶意构造的）`,
  progress: (done: number, total: number) => `已检查 ${done}/${total} 个文件`,
};

const en: typeof zh = {
  format: {
    empty: "The file is empty, not an .xlsx workbook",
    "legacy-xls": "This is a legacy .xls file; save it as .xlsx (Excel Workbook) first",
    "not-zip": "Not an .xlsx workbook: the file is not a ZIP archive",
    damaged: "Cannot read the .xlsx workbook: it is damaged or truncated",
    "no-sheets": "No worksheets found: not an .xlsx workbook",
    "too-large": "A part of the workbook inflates too large: refused",
  },
  tooLarge: (part, mb) =>
    `${part} in the workbook inflates beyond ${mb} MB: refused (a scorecard is far smaller; the file may be hostile)`,
  progress: (done, total) => `checked ${done}/${total} files`,
};

export const cliReadText = (lang: Lang): typeof zh => (lang === "en" ? en : zh);
