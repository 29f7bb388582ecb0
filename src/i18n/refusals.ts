import type { RefusalWhere, WorkbookRefusal, XmlProblem } from "../xlsx/stream/refusal";
import type { Lang } from "./types";

/**
 * Why a workbook was refused (src/xlsx/stream/refusal.ts), in one sentence naming the part, sheet and cell: the
 * command line and the pane say it the same way. Chinese first.
 */
const xmlZh: Record<XmlProblem, string> = {
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
const xmlEn: Record<XmlProblem, string> = {
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

const count = (n: number | undefined): string => (n ?? 0).toLocaleString("en-US");

function zh(kind: WorkbookRefusal["kind"], w: RefusalWhere): string {
  const sheet = w.sheet !== undefined ? `工作表“${w.sheet}”` : "工作簿";
  switch (kind) {
    case "malformed-xml":
      return `${w.part} 不是格式正确的 XML：${xmlZh[w.xml ?? "structure"]}（文件已损坏）`;
    case "not-spreadsheetml":
      return `${w.part} 不是 Excel 工作簿的部件（根元素为 ${w.value}）`;
    case "missing-part":
      return `${sheet}引用的 ${w.value || w.part} 在文件中不存在（文件已损坏）`;
    case "shared-part":
      return `工作表“${w.value}”和“${w.sheet}”共用同一个部件 ${w.part}（文件已损坏）`;
    case "cell-twice":
      return `${sheet}的单元格 ${w.cell} 写了两次，不同程序会读出不同的值（文件已损坏）`;
    case "row-twice":
      return `${sheet}的第 ${w.row} 行写了两次，不同程序会读出不同的值（文件已损坏）`;
    case "misplaced-cell":
      return `${sheet}的第 ${w.row} 行中写着单元格 ${w.cell}（文件已损坏）`;
    case "unknown-cell-type":
      return `${sheet}的单元格 ${w.cell} 类型未知（t="${w.value}"）（文件已损坏）`;
    case "bad-value":
      return w.cell !== undefined
        ? `${sheet}的单元格 ${w.cell} 的值“${w.value}”与其类型不符（文件已损坏）`
        : `${sheet}中有无效的值“${w.value ?? ""}”（文件已损坏）`;
    case "shared-string":
      return `${sheet}的单元格 ${w.cell} 引用的共享字符串 ${w.value} 不存在（文件已损坏）`;
    case "beyond-sheet":
      return `${sheet}的${w.cell !== undefined ? `单元格 ${w.cell}` : `第 ${count(w.row)} 行`}超出了 Excel 工作表的范围（最多 1,048,576 行、16,384 列即 XFD 列）`;
    case "merges-overlap":
      return `${sheet}的合并单元格 ${(w.value ?? "").replace(" ", " 与 ")} 重叠（文件已损坏）`;
    case "model-limit":
      return w.value === "merged"
        ? `工作簿中的合并单元格共覆盖 ${count(w.count)} 个单元格，超过网页、导出和抽查一次能载入的 ${count(w.limit)} 个（scorecard check 仍可检查此文件）`
        : `工作簿的单元格超过网页、导出和抽查一次能载入的 ${count(w.limit)} 个（scorecard check 仍可检查此文件）`;
    case "model-failed":
      return "网页、导出和抽查无法载入此工作簿的格式（scorecard check 仍可检查此文件）";
    case "cell-limit":
      return `${sheet}及之前的评分表中有超过 ${count(w.limit)} 个单元格，已拒绝检查（一张评分表约 1,100 个单元格）`;
  }
}

function en(kind: WorkbookRefusal["kind"], w: RefusalWhere): string {
  const sheet = w.sheet !== undefined ? `sheet “${w.sheet}”` : "the workbook";
  const of = w.sheet !== undefined ? ` of sheet “${w.sheet}”` : "";
  switch (kind) {
    case "malformed-xml":
      return `${w.part} is not well-formed XML: ${xmlEn[w.xml ?? "structure"]} (the file is damaged)`;
    case "not-spreadsheetml":
      return `${w.part} is not a part of an Excel workbook (its root is ${w.value})`;
    case "missing-part":
      return `${sheet} refers to ${w.value || w.part}, which the file does not hold (the file is damaged)`;
    case "shared-part":
      return `sheets “${w.value}” and “${w.sheet}” share one part, ${w.part} (the file is damaged)`;
    case "cell-twice":
      return `cell ${w.cell}${of} is written twice, so programs would read different values (the file is damaged)`;
    case "row-twice":
      return `row ${w.row}${of} is written twice, so programs would read different values (the file is damaged)`;
    case "misplaced-cell":
      return `cell ${w.cell} is written in row ${w.row}${of} (the file is damaged)`;
    case "unknown-cell-type":
      return `cell ${w.cell}${of} has an unknown type (t="${w.value}") (the file is damaged)`;
    case "bad-value":
      return w.cell !== undefined
        ? `cell ${w.cell}${of} holds “${w.value}”, which is not what its type says (the file is damaged)`
        : `${sheet} holds an invalid value “${w.value ?? ""}” (the file is damaged)`;
    case "shared-string":
      return `cell ${w.cell}${of} names shared string ${w.value}, which the workbook does not hold (the file is damaged)`;
    case "beyond-sheet":
      return `${w.cell !== undefined ? `cell ${w.cell}` : `row ${count(w.row)}`}${of} is past Excel's sheet (1,048,576 rows, 16,384 columns to XFD)`;
    case "merges-overlap":
      return `merged ranges ${(w.value ?? "").replace(" ", " and ")}${of} overlap (the file is damaged)`;
    case "model-limit":
      return w.value === "merged"
        ? `the workbook's merged ranges cover ${count(w.count)} cells, more than the page, export and sample load at once (${count(w.limit)}); scorecard check still reads it`
        : `the workbook has more cells than the page, export and sample load at once (${count(w.limit)}); scorecard check still reads it`;
    case "model-failed":
      return "the page, export and sample cannot load this workbook's format; scorecard check still reads it";
    case "cell-limit":
      return `the scorecards up to ${sheet} hold more than ${count(w.limit)} cells: not checked (a scorecard has about 1,100)`;
  }
}

export const refusalReason = (refusal: Pick<WorkbookRefusal, "kind" | "where">, lang: Lang): string =>
  lang === "en" ? en(refusal.kind, refusal.where) : zh(refusal.kind, refusal.where);

/** The refusal a reader's error carries (a WorkbookFormatError's reason), read by name and shape. */
export function refusalOf(error: unknown): Pick<WorkbookRefusal, "kind" | "where"> | null {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return reason instanceof Error && reason.name === "WorkbookRefusal"
    ? (reason as unknown as Pick<WorkbookRefusal, "kind" | "where">)
    : null;
}
