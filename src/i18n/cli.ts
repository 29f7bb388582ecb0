import type { Lang } from "./types";

/** Texts of the `scorecard` command line, Chinese first. */
const zh = {
  usage: `用法：scorecard <命令> [选项]

命令：
  new      新建评分表工作簿
  check    检查工作簿中的每一张评分表
  summary  汇总多个工作簿，生成汇总表和创建名单
  sample   按通知要求随机抽取服务站（默认50%，可重现），生成抽查名单
  export   导出合规的评分表（.xlsx、.csv、.pdf）

每个命令都可加 --help 查看说明；--lang en 输出英文。`,
  newHelp: `用法：scorecard new --station 站名 --year 年度 [--edition 版本] -o 文件.xlsx [--force] [--password 密码]

新建一个含一张评分表的工作簿（公式、数据验证、条件格式、保护、打印设置都在文件内）。
  --station   服务站名称，例如 巴川街道
  --year      年度，例如 2020
  --edition   标准版本（默认 %DEFAULT%；可用：%EDITIONS%）
  -o, --out   输出文件（.xlsx）
  --force     覆盖已存在的文件
  --password  工作表保护密码（默认无密码）`,
  checkHelp: `用法：scorecard check [--json] [--lang zh|en] 文件...

读取每个文件中的每一张评分表：得分、结论、无效填写、未填项、失分项、自评与复核差异，以及表格被改动的迹象。
  --json   输出一个 JSON 文档
退出码：0 无错误；1 有无效填写或完整性错误；2 文件无法读取或参数错误。`,
  created: (file: string, sheet: string) => `已创建 ${file}（工作表“${sheet}”）`,
  exists: (file: string) => `文件已存在：${file}（加 --force 覆盖）`,
  missingOption: (name: string) => `缺少参数 --${name}`,
  badYear: (v: string) => `年度无效：${v}`,
  unknownCommand: (c: string) => `未知命令：${c}`,
  noFiles: "请指定至少一个文件",
  unreadable: (file: string, why: string) => `无法读取 ${file}：${why}`,
  fileErrors: { ENOENT: "文件不存在", EISDIR: "这是一个文件夹，不是文件", EACCES: "没有读取权限" } as Record<
    string,
    string
  >,
  noScorecards: "（没有找到评分表）",
  file: "文件",
  station: "服务站",
  year: "年度",
  edition: "标准",
  self: "自评",
  review: "复核",
  base: "基础分",
  bonus: "加分",
  total: "总分",
  verdict: "结论",
  missing: (n: number) => `未评分 ${n} 项`,
  issues: (n: number) => `问题（${n}）`,
  noIssues: "未发现问题",
  shortfalls: "失分项（按失分排序）",
  differences: "自评与复核不一致",
  item: (id: string) => `第${id}项`,
  verdicts: { pass: "达标", fail: "未达标", veto: "否决", incomplete: "未完成" },
  summaryHelp: `用法：scorecard summary 文件... -o 汇总.xlsx|名单.csv [--year 年度] [--edition 版本] [--force] [--lang zh|en]

把多个工作簿（通常每个服务站一个文件）中的评分表合并成一个汇总工作簿：
  汇总      每个服务站一行：自评、复核总分与结论，认定结论（复核完成时以复核为准，否则以自评为准），
            达标数、达标率、目标数（通知所列服务站总数的60%，向上取整）、还需达标数；均为引用各评分表的实时公式；
            通知所列服务站没有评分表的显示“未提交”；附认定总分与90分达标线的柱形图
  创建名单  达标服务站的名单（序号、服务站、总分、结论），可直接上报
  以及每个服务站的评分表（保留分数、佐证材料、备注和状态）。
  汇总表另有“缺佐证项数”列（已得分但未填佐证材料的项数），标题下一行为通知的进度（当前阶段及剩余天数；
  通知未给出日期的年度注明“通知未给出时间安排”），命令也把进度打印在标准输出上。
  历年对比  文件涉及多个年度时加入：每个服务站一行，每年的自评、复核总分与认定结论，较上年的变化，各年的
            达标数与目标（每年按当年服务站总数的60%计算），以及上年达标、本年未达标或被否决的服务站
  -o, --out  输出文件：.xlsx 为汇总工作簿；.csv 只输出创建名单（UTF-8 带 BOM，CRLF 换行）
  --year     汇总的年度（默认取多数评分表的年度）
  --edition  标准版本（默认取多数评分表的版本）
  --force    覆盖已存在的输出文件（输入文件在任何情况下都不会被覆盖）
同一服务站同一年度有多张评分表时保留第一张，其余逐个报告；无法读取的文件逐行报告，其余照常汇总。
退出码：0 全部读取；2 有文件无法读取（仍生成输出）或参数错误。`,
  summaryOutput: (out: string) => `无法从文件名判断输出格式：${out}（应以 .xlsx 或 .csv 结尾）`,
  summaryNoScorecards: "没有找到评分表",
  summaryDuplicate: (file: string, sheet: string, station: string, year: number, kept: string) =>
    `重复：${file}（工作表“${sheet}”）与 ${kept} 同为 ${station} ${year} 年的评分表，已保留先读到的 ${kept}`,
  summaryOtherEdition: (file: string, sheet: string, edition: string, expected: string) =>
    `已跳过 ${file}（工作表“${sheet}”）：标准版本为 ${edition}，汇总使用 ${expected}`,
  summaryOtherYear: (file: string, sheet: string, year: number, expected: number) =>
    `已跳过 ${file}（工作表“${sheet}”）：年度为 ${year}，汇总年度为 ${expected}`,
  summaryInYears: (year: number, count: number, expected: number) =>
    `${year} 年的 ${count} 份评分表不计入 ${expected} 年的汇总，已计入“历年对比”`,
  summaryNotNamed: (file: string, sheet: string, station: string) =>
    `请核对 ${file}（工作表“${sheet}”）：“${station}”不在通知所列的创建对象中，已列在汇总表末尾并计入总数`,
  summaryProblems: (file: string, sheet: string, n: number) =>
    `提示：${file}（工作表“${sheet}”）有 ${n} 个错误，无效的分数不计分；可用 scorecard check 查看`,
  summaryWritten: (out: string, stations: number, submitted: number, passed: number, rate: string) =>
    `已生成 ${out}：${stations} 个服务站，已提交 ${submitted} 个，达标 ${passed} 个，达标率 ${rate}`,
  summaryTarget: (target: number, needed: number) =>
    needed > 0 ? `目标 ${target} 个，还需 ${needed} 个达标` : `目标 ${target} 个，已达到`,
  summaryListWritten: (out: string, n: number) => `已生成创建名单 ${out}：${n} 个达标服务站`,
  sampleHelp: `用法：scorecard sample 文件... [--rate 0.5] [--seed 种子] [-o 抽查名单.xlsx|抽查名单.csv] [--year 年度] [--force] [--lang zh|en]

市退役军人事务局“抽取50%以上的退役军人服务站进行暗访调研”：从文件中找到的服务站（有评分表的）里
抽取 ⌈比例 × 服务站数⌉ 个（默认50%：17 个抽 9 个），可以重现：
  --rate     抽取比例，0 到 1 之间（默认 0.5）
  --seed     随机种子（任意文字）；不指定时随机选一个，打印出来并记录在输出中
  -o, --out  另存抽查名单：.xlsx 为“抽查名单”工作表，.csv 为 UTF-8（带 BOM）
  --year     抽取的年度（默认取多数评分表的年度）
  --force    覆盖已存在的输出文件
算法：种子按 UTF-8 字节做 FNV-1a（32 位）哈希，作为 mulberry32 伪随机数发生器的初值，再对服务站
（按通知所列顺序，其他服务站按读入顺序排在后面）做 Fisher–Yates 洗牌的前 k 步。输出列出所抽服务站的自评、复核
总分与结论，以及种子、比例、抽取时间和每个输入文件的 SHA-256：同一种子、同一批文件，任何人重做都得到同一名单。
退出码：0 完成；2 有文件无法读取（其余照常抽取）或参数错误。`,
  sampleBadRate: (v: string) => `抽取比例无效：${v}（应大于 0 且不超过 1）`,
  sampleSeedPicked: (seed: string) =>
    `未指定 --seed，已随机选取种子：${seed}（已记录；用 --seed ${seed} 可重做）`,
  sampleHeader: (year: number, n: number, k: number, rate: number, seed: string, time: string) =>
    `${year}年抽查名单：${n} 个服务站中抽取 ${k} 个（比例 ${Math.round(rate * 1000) / 10}%，向上取整）；种子 ${seed}；时间 ${time}`,
  sampleWritten: (out: string) => `已生成抽查名单 ${out}`,
  summaryYears: (years: readonly number[]) => `已加入“历年对比”工作表：${years.join("、")} 年`,
  exportHelp: `用法：scorecard export 文件.xlsx [--sheet 工作表] -o 输出.xlsx|输出.csv|输出.pdf [--draft] [--force] [--lang zh|en]

导出一份合规的评分表。按官方格式重新生成，只取原表中填写的内容（分数、是/否、佐证材料、备注），原表的其他改动不会带入：
官方列；标题含服务站、年度和标准（试行标准（2020））；分数与实时公式、结论和否决原因（复核列在开始复核前留空）；
签章栏（填报单位（盖章）、单位负责人、联系电话，填报人、审核人、日期，复核单位（盖章）、复核人、日期）；
A4 横向，每页重复表头行，页脚注明服务站、年度和页码，总分与上方各行同页。
输出格式由 -o 的扩展名决定（其他扩展名为参数错误）：
  .xlsx  Excel 工作簿
  .csv   UTF-8（带 BOM）、逗号分隔、CRLF 换行；以 = + - @、制表符或回车开头的文字前加单引号 '，防止被当作公式
  .pdf   用 LibreOffice（soffice）转换；未安装时报错（可用环境变量 SOFFICE 指定 soffice 的路径）
选项：
  --sheet    文件中有多张评分表时，指定要导出的工作表
  -o, --out  输出文件
  --draft    导出草稿：允许自评未完成（第1–70项未全部有效评分）或尚未提交（状态“填报中”）；标题和页脚标“【草稿】”，
             文件名不含“草稿”时在扩展名前加“-草稿”（评分表.xlsx → 评分表-草稿.xlsx）
  --force    覆盖已存在的输出文件（输入文件在任何情况下都不会被覆盖）
以下情况拒绝导出并逐项列出问题所在单元格：有无效填写或完整性错误（表格被改动、缺少服务站/年度/标准版本、
同一服务站有多张评分表），草稿也不例外；状态仍为“填报中”（上报稿只能由已提交或已复核的评分表导出）或自评未完成，
除非加 --draft。得分单元格含公式只作提示，导出其数值。
退出码：0 已导出；1 拒绝导出；2 参数错误、文件无法读取、未安装 LibreOffice 或 PDF 转换失败。`,
  exportOneFile: "请指定一个要导出的文件",
  exportFormat: (out: string) => `无法从文件名判断导出格式：${out}（应以 .xlsx、.csv 或 .pdf 结尾）`,
  exportIsInput: (file: string) => `不能覆盖输入文件：${file}`,
  exportNoScorecards: (file: string) => `${file} 中没有评分表`,
  exportWhichSheet: (file: string, sheets: readonly string[]) =>
    `${file} 中有 ${sheets.length} 张评分表，请用 --sheet 指定其一：${sheets.join("、")}`,
  exportNoSheet: (sheet: string, sheets: readonly string[]) =>
    `没有名为“${sheet}”的评分表；可选：${sheets.join("、")}`,
  exportRefused: (sheet: string, n: number) => `拒绝导出“${sheet}”：有 ${n} 个问题需先修正`,
  exportIncomplete: (sheet: string, n: number) =>
    `拒绝导出“${sheet}”：自评尚未完成，${n} 项未评分（加 --draft 可导出草稿）`,
  exportNotSubmitted: (sheet: string) =>
    `拒绝导出“${sheet}”的上报稿：状态为“填报中”，尚未提交。上报稿只能由已提交或已复核的评分表导出；请先提交，或加 --draft 导出草稿`,
  exportNotes: (n: number) => `提示（${n}）：`,
  exported: (file: string, sheet: string) => `已导出 ${file}（工作表“${sheet}”）`,
  exportedDraft: (file: string, sheet: string) =>
    `已导出草稿 ${file}（工作表“${sheet}”，标题标有“【草稿】”）`,
  noSoffice:
    "导出 PDF 需要 LibreOffice，但未找到 soffice：请安装 LibreOffice，或用环境变量 SOFFICE 指定 soffice 的路径",
  pdfFailed: (why: string) => `PDF 转换失败：${why}`,
};

type CliText = typeof zh;

const en: CliText = {
  usage: `Usage: scorecard <command> [options]

Commands:
  new      create a workbook holding a scorecard
  check    check every scorecard in workbooks
  summary  merge workbooks into a roll-up with the list of passing stations
  sample   draw the stations to visit (50% by default, reproducible) and write the sample list
  export   export a compliant scorecard (.xlsx, .csv, .pdf)

Add --help to any command; --lang en prints English.`,
  newHelp: `Usage: scorecard new --station NAME --year YYYY [--edition ID] -o FILE.xlsx [--force] [--password PW]

Writes a workbook holding one scorecard (formulas, validation, conditional formats, protection and print setup live in the file).
  --station   station name, e.g. 巴川街道
  --year      year, e.g. 2020
  --edition   edition of the standard (default %DEFAULT%; known: %EDITIONS%)
  -o, --out   output file (.xlsx)
  --force     overwrite an existing file
  --password  sheet protection password (none by default)`,
  checkHelp: `Usage: scorecard check [--json] [--lang zh|en] FILE...

Reads every scorecard in every file: scores, verdicts, invalid entries, empty items, shortfalls, self/review differences and signs that the sheet was altered.
  --json   print one JSON document
Exit codes: 0 no errors; 1 invalid entries or integrity errors; 2 a file could not be read or the arguments are wrong.`,
  created: (file, sheet) => `Created ${file} (sheet "${sheet}")`,
  exists: (file) => `File exists: ${file} (use --force to overwrite)`,
  missingOption: (name) => `Missing --${name}`,
  badYear: (v) => `Invalid year: ${v}`,
  unknownCommand: (c) => `Unknown command: ${c}`,
  noFiles: "Name at least one file",
  unreadable: (file, why) => `Cannot read ${file}: ${why}`,
  fileErrors: { ENOENT: "no such file", EISDIR: "it is a folder, not a file", EACCES: "permission denied" },
  noScorecards: "(no scorecards found)",
  file: "File",
  station: "Station",
  year: "Year",
  edition: "Edition",
  self: "Self-assessment",
  review: "Review",
  base: "base",
  bonus: "bonus",
  total: "total",
  verdict: "verdict",
  missing: (n) => `${n} items not scored`,
  issues: (n) => `Problems (${n})`,
  noIssues: "No problems found",
  shortfalls: "Shortfalls (most points lost first)",
  differences: "Self-assessment and review differ",
  item: (id) => `Item ${id}`,
  verdicts: { pass: "pass", fail: "fail", veto: "vetoed", incomplete: "incomplete" },
  summaryHelp: `Usage: scorecard summary FILE... -o SUMMARY.xlsx|LIST.csv [--year YYYY] [--edition ID] [--force] [--lang zh|en]

Merges the scorecards of many workbooks (usually one file per station) into one roll-up workbook:
  汇总      one row per station: self-assessment and review totals and verdicts, and the verdict that counts
            (the review once it is finished, else the self-assessment); the pass count, pass rate, target (60%
            of the stations the notice names, rounded up) and how many more must pass; all live formulas over
            the station sheets; a station the notice names without a scorecard shows 未提交 (not submitted);
            a column chart of the counted totals against the 90-point line
  创建名单  the stations that pass (序号, 服务站, 总分, 结论), ready to send upward
  and each station's scorecard (scores, evidence, notes and state kept).
  汇总 also has a 缺佐证项数 column (items scored without evidence) and, under its title, the notice's timeline
  (the current step and the days left; "the notice gives no dates" for other years), also printed on stdout.
  历年对比  added when the files span several years: one row per station, each year's self and review totals
            and counted verdict, the change from the previous year, each year's pass count against its own
            60% target, and the stations that passed one year and fell below 90 or were vetoed the next
  -o, --out  output file: .xlsx writes the roll-up workbook; .csv only the 创建名单 (UTF-8 with a BOM, CRLF)
  --year     the year rolled up (default: the year most scorecards carry)
  --edition  edition of the standard (default: the edition most scorecards use)
  --force    overwrite an existing output file (an input file is never overwritten)
A second scorecard for the same station and year is reported and left out (the first one read is kept); an
unreadable file is reported on one line and the others are still rolled up.
Exit codes: 0 every file read; 2 a file could not be read (the output is still written) or wrong arguments.`,
  summaryOutput: (out) => `Cannot tell the output format from ${out} (it must end in .xlsx or .csv)`,
  summaryNoScorecards: "no scorecards found",
  summaryDuplicate: (file, sheet, station, year, kept) =>
    `Duplicate: ${file} (sheet "${sheet}") is another ${year} scorecard for ${station}; kept the one read first, ${kept}`,
  summaryOtherEdition: (file, sheet, edition, expected) =>
    `Skipped ${file} (sheet "${sheet}"): edition ${edition}, the roll-up uses ${expected}`,
  summaryOtherYear: (file, sheet, year, expected) =>
    `Skipped ${file} (sheet "${sheet}"): year ${year}, the roll-up is for ${expected}`,
  summaryInYears: (year, count, expected) =>
    `${count} scorecard(s) of ${year} are left out of the ${expected} roll-up and included in 历年对比 (year over year)`,
  summaryNotNamed: (file, sheet, station) =>
    `Check ${file} (sheet "${sheet}"): ${station} is not among the stations the notice names; it is listed last in the roll-up and counted`,
  summaryProblems: (file, sheet, n) =>
    `Note: ${file} (sheet "${sheet}") has ${n} error(s); invalid scores count nothing; see scorecard check`,
  summaryWritten: (out, stations, submitted, passed, rate) =>
    `Wrote ${out}: ${stations} stations, ${submitted} submitted, ${passed} pass, pass rate ${rate}`,
  summaryTarget: (target, needed) =>
    needed > 0 ? `target ${target}, ${needed} more must pass` : `target ${target}, reached`,
  summaryListWritten: (out, n) => `Wrote the 创建名单 ${out}: ${n} passing station(s)`,
  sampleHelp: `Usage: scorecard sample FILE... [--rate 0.5] [--seed SEED] [-o SAMPLE.xlsx|SAMPLE.csv] [--year YYYY] [--force] [--lang zh|en]

The city's draw of "at least 50% of the stations" for unannounced visits: of the stations found in the files
(those with a scorecard) it draws ⌈rate × stations⌉ (50% by default: 9 of 17), reproducibly:
  --rate     share to draw, above 0 and at most 1 (default 0.5)
  --seed     the seed (any text); without it one is picked at random, printed and recorded in the output
  -o, --out  also write the list: .xlsx as a 抽查名单 sheet, .csv as UTF-8 with a BOM
  --year     the year drawn from (default: the year most scorecards carry)
  --force    overwrite an existing output file
Algorithm: the seed's UTF-8 bytes are hashed with FNV-1a (32 bits), which seeds the mulberry32 generator; the
first k steps of a Fisher–Yates shuffle of the stations (in the notice's order, other stations after them as
read) pick the sample. The output lists the stations drawn with their self and review totals and verdicts, the
seed, the rate, the time and each input file's SHA-256: the same seed and files give anyone the same list.
Exit codes: 0 done; 2 a file could not be read (the others are still drawn from) or wrong arguments.`,
  sampleBadRate: (v) => `Invalid rate: ${v} (it must be above 0 and at most 1)`,
  sampleSeedPicked: (seed) =>
    `No --seed given; picked the seed ${seed} (recorded; redo the draw with --seed ${seed})`,
  sampleHeader: (year, n, k, rate, seed, time) =>
    `${year} sample: ${k} of ${n} stations (rate ${Math.round(rate * 1000) / 10}%, rounded up); seed ${seed}; time ${time}`,
  sampleWritten: (out) => `Wrote the sample list ${out}`,
  summaryYears: (years) => `Added the 历年对比 (year over year) sheet: ${years.join(", ")}`,
  exportHelp: `Usage: scorecard export FILE.xlsx [--sheet NAME] -o OUT.xlsx|OUT.csv|OUT.pdf [--draft] [--force] [--lang zh|en]

Exports a compliant scorecard. The sheet is drawn afresh in the official format and only what was filled in is
taken from the source (scores, 是/否 answers, evidence, notes); no other change to the source is carried over:
the official columns; station, year and standard in the title, the edition by its title; scores with live
formulas, the verdict and the veto items that caused it (the review column stays blank until the review starts);
the signature block (filing unit with its stamp, its head, telephone; filled in by, checked by, date; reviewing
unit with its stamp, reviewer, date); A4 landscape, the header row repeated on every page, a footer naming the
station, year and page, the totals kept on one page with the rows above them.
The extension of -o chooses the format (any other extension is a usage error):
  .xlsx  Excel workbook
  .csv   UTF-8 with a BOM, comma-separated, CRLF line ends; text starting with = + - @, a tab or a carriage
         return gets a leading single quote ' so that no spreadsheet runs it as a formula
  .pdf   converted by LibreOffice (soffice); an error when it is not installed (set SOFFICE to its path)
Options:
  --sheet    the scorecard to export when the file holds several
  -o, --out  output file
  --draft    export a draft: an incomplete self-assessment (items 1–70 not all validly scored), or one not yet
             submitted (still being filled in), is allowed; the title and page footers are marked 【草稿】, and
             "-草稿" is inserted before the extension unless the file name already contains 草稿
             (scorecard.xlsx → scorecard-草稿.xlsx)
  --force    overwrite an existing output file (the input file is never overwritten)
Refused, listing every problem with its cell: invalid entries or integrity errors (the sheet was altered, the
station, year or edition is missing, one station has several scorecards), drafts included; a scorecard still
being filled in (the copy to report is made only from a submitted or reviewed one) or an incomplete
self-assessment, unless --draft is given. A score cell holding a formula is only noted; its value is exported.
Exit codes: 0 exported; 1 refused; 2 wrong arguments, unreadable file, LibreOffice missing or the PDF conversion failed.`,
  exportOneFile: "Name one file to export",
  exportFormat: (out) => `Cannot tell the export format from ${out} (it must end in .xlsx, .csv or .pdf)`,
  exportIsInput: (file) => `Will not overwrite the input file: ${file}`,
  exportNoScorecards: (file) => `No scorecard in ${file}`,
  exportWhichSheet: (file, sheets) =>
    `${file} holds ${sheets.length} scorecards; choose one with --sheet: ${sheets.join(", ")}`,
  exportNoSheet: (sheet, sheets) => `No scorecard named "${sheet}"; choose one of: ${sheets.join(", ")}`,
  exportRefused: (sheet, n) => `Export of "${sheet}" refused: ${n} problem(s) to fix first`,
  exportIncomplete: (sheet, n) =>
    `Export of "${sheet}" refused: the self-assessment is incomplete, ${n} item(s) not scored (add --draft to export a draft)`,
  exportNotSubmitted: (sheet) =>
    `Export of "${sheet}" refused: it has not been submitted (still being filled in). The copy to report is made only from a submitted or reviewed scorecard; submit it first, or add --draft to export a draft`,
  exportNotes: (n) => `Notes (${n}):`,
  exported: (file, sheet) => `Exported ${file} (sheet "${sheet}")`,
  exportedDraft: (file, sheet) => `Exported the draft ${file} (sheet "${sheet}", title marked 【草稿】)`,
  noSoffice:
    "PDF export needs LibreOffice, but soffice was not found: install LibreOffice, or set SOFFICE to the path of soffice",
  pdfFailed: (why) => `PDF conversion failed: ${why}`,
};

export const cliText = (lang: Lang): CliText => (lang === "en" ? en : zh);
