import type { Lang } from "./types";

/** Texts of `scorecard submit` and `scorecard return`, Chinese first. */
const zh = {
  submitHelp: `用法：scorecard submit 文件... --operator 操作人 [--sheet 工作表] [-o 输出.xlsx] [--force] [--lang zh|en]

登记提交：区退役军人事务局收到服务站用 WPS、未装加载项的 Excel 等填好的评分表后，代其“提交”。规则与任务窗格的
“提交”完全相同（同一段程序）：自评有未填项、无效填写或表格完整性错误时拒绝，并逐项列出原因；提交后状态改为
“已提交”，自评内容的哈希和提交时间记在隐藏的 J2:K2，自评列锁定，并在“变更记录”工作表追加一行（时间、服务站、
工作表、操作、原状态、新状态、操作人）。
  --operator  操作人（必填，记入“变更记录”）
  --sheet     文件中有多张评分表时，指定要提交的工作表
  -o, --out   写入另一个文件（只能和一个输入文件一起用；原文件不变）；已存在时需加 --force
写入方式：不加 -o 时就地更新原文件，并先把原文件原样复制为“文件名.提交前.xlsx”（已存在时加序号），
再整体替换原文件（先写临时文件再改名，中途失败不会留下半个文件）。输出仍是普通 .xlsx，Excel、WPS、LibreOffice 均可打开。
退出码：0 全部提交；1 有评分表被拒绝（其他文件照常处理）；2 参数错误或文件无法读取。`,
  returnHelp: `用法：scorecard return 文件 --operator 操作人 --reason 原因 [--sheet 工作表] [-o 输出.xlsx] [--force] [--lang zh|en]

退回修改：把已提交、复核中或已复核的评分表退回“填报中”，与任务窗格的“退回修改”规则相同：操作人和原因都必填，
清除提交记录、解锁自评列，并在“变更记录”追加一行（含原因）。
  --operator  操作人（必填）
  --reason    退回原因（必填）
  --sheet     文件中有多张评分表时，指定工作表
  -o, --out   写入另一个文件（原文件不变）；已存在时需加 --force
不加 -o 时就地更新，原文件先复制为“文件名.退回前.xlsx”。
退出码：0 已退回；1 被拒绝（例如状态已是“填报中”）；2 参数错误或文件无法读取。`,
  missingOperator: "缺少参数 --operator（操作人，记入“变更记录”）",
  missingReason: "缺少参数 --reason（退回原因，记入“变更记录”）",
  oneFileForOut: "-o 只能和一个输入文件一起用；多个文件请不加 -o（就地更新，原文件另存备份）",
  returnOneFile: (n: number) => `return 一次退回一个文件，收到 ${n} 个`,
  noScorecards: (file: string) => `${file} 中没有评分表`,
  whichSheet: (file: string, sheets: readonly string[]) =>
    `${file} 中有 ${sheets.length} 张评分表，请用 --sheet 指定其一：${sheets.join("、")}`,
  noSheet: (file: string, sheet: string, sheets: readonly string[]) =>
    `${file} 中没有名为“${sheet}”的评分表；可选：${sheets.join("、")}`,
  refused: (action: string, file: string, sheet: string) => `拒绝${action}：${file}（工作表“${sheet}”）`,
  blockState: (state: string, action: string) => `状态为“${state}”，不能${action}`,
  blockSelfInvalid: (n: number) => `自评有 ${n} 处无效填写：`,
  blockSelfEmpty: (n: number, items: string) => `自评尚有 ${n} 项未填：${items}`,
  blockIntegrity: (n: number) => `表格完整性有 ${n} 处错误（可用 scorecard check 查看）：`,
  done: (p: {
    action: string;
    file: string;
    sheet: string;
    from: string;
    to: string;
    operator: string;
    time: string;
  }) =>
    `已${p.action}：${p.file}（工作表“${p.sheet}”）${p.from} → ${p.to}；操作人 ${p.operator}；时间 ${p.time}；已记入“变更记录”`,
  hash: (hash: string) => `  提交哈希 ${hash}`,
  backup: (file: string) => `  原文件已另存为 ${file}`,
  actions: { submit: "提交", reopen: "退回修改" },
};

const en: typeof zh = {
  submitHelp: `Usage: scorecard submit FILE... --operator NAME [--sheet NAME] [-o OUT.xlsx] [--force] [--lang zh|en]

Registers a submission: when a station filled its scorecard without the add-in (WPS, Excel without it), the
district submits it on its behalf, with exactly the pane's Submit rules (the same code): refused while the
self-assessment has empty items, invalid entries or integrity errors, listing each reason; once submitted the
状态 reads 已提交 (submitted), the hash of the self-assessment and the time are recorded in the hidden J2:K2,
the self column is locked, and a row is appended to the 变更记录 (change log) sheet (time, station, sheet,
action, old and new state, operator).
  --operator  who submits (required; recorded in 变更记录)
  --sheet     the scorecard to submit when a file holds several
  -o, --out   write another file (with one input file only; the input is left as it was); --force to replace
How it writes: without -o the file is updated in place; first the original is copied as it was to
"NAME.提交前.xlsx" (numbered when that exists), then the file is replaced whole (written to a temporary file and
renamed, so a failure never leaves half a file). The result is a plain .xlsx for Excel, WPS and LibreOffice.
Exit codes: 0 all submitted; 1 a scorecard was refused (the other files are still done); 2 wrong arguments or
an unreadable file.`,
  returnHelp: `Usage: scorecard return FILE --operator NAME --reason TEXT [--sheet NAME] [-o OUT.xlsx] [--force] [--lang zh|en]

Returns a submitted, under-review or reviewed scorecard to 填报中 (being filled in), with the pane's Return for
changes rules: who and why are both required; the submission record is cleared, the self column unlocked, and a
row (with the reason) is appended to 变更记录 (change log).
  --operator  who returns it (required)
  --reason    why (required)
  --sheet     the scorecard when a file holds several
  -o, --out   write another file (the input is left as it was); --force to replace
Without -o the file is updated in place; the original is first copied to "NAME.退回前.xlsx".
Exit codes: 0 returned; 1 refused (e.g. it is already 填报中); 2 wrong arguments or an unreadable file.`,
  missingOperator: "Missing --operator (who acts; recorded in 变更记录, the change log)",
  missingReason: "Missing --reason (why it is returned; recorded in 变更记录, the change log)",
  oneFileForOut:
    "-o takes one input file only; without -o several files are updated in place (each backed up)",
  returnOneFile: (n) => `return takes one file at a time; got ${n}`,
  noScorecards: (file) => `No scorecard in ${file}`,
  whichSheet: (file, sheets) =>
    `${file} holds ${sheets.length} scorecards; choose one with --sheet: ${sheets.join(", ")}`,
  noSheet: (file, sheet, sheets) =>
    `No scorecard named "${sheet}" in ${file}; choose one of: ${sheets.join(", ")}`,
  refused: (action, file, sheet) => `Refused to ${action}: ${file} (sheet "${sheet}")`,
  blockState: (state, action) => `its 状态 is ${state}: cannot ${action}`,
  blockSelfInvalid: (n) => `the self-assessment has ${n} invalid entr${n === 1 ? "y" : "ies"}:`,
  blockSelfEmpty: (n, items) => `the self-assessment has ${n} item(s) not filled in: ${items}`,
  blockIntegrity: (n) => `the sheet has ${n} integrity error(s) (see scorecard check):`,
  done: (p) =>
    `${p.action === "submit" ? "Submitted" : "Returned"} ${p.file} (sheet "${p.sheet}") ${p.from} → ${p.to}; operator ${p.operator}; time ${p.time}; recorded in 变更记录`,
  hash: (hash) => `  submission hash ${hash}`,
  backup: (file) => `  the original was kept as ${file}`,
  actions: { submit: "submit", reopen: "return" },
};

export const cliReviewText = (lang: Lang): typeof zh => (lang === "en" ? en : zh);
