import type { Lang } from "./types";

/** The counts of the summary's result line. */
export interface SummaryCounts {
  readonly stations: number;
  readonly received: number;
  readonly submitted: number;
  readonly reviewed: number;
  readonly missing: number;
  readonly passed: number;
  readonly rate: string;
}

/** Texts of the `scorecard` command line, Chinese first. */
const zh = {
  usage: `用法：scorecard <命令> [选项]

命令：
  new      新建评分表工作簿（--all-stations：通知所列每个服务站一份）
  check    检查工作簿中的每一张评分表，最后逐站汇总
  submit   登记提交：代服务站提交评分表（与任务窗格“提交”规则相同）
  return   退回修改：把已提交的评分表退回“填报中”
  summary  汇总多个工作簿，生成汇总表和创建名单
  sample   按通知要求随机抽取服务站（默认50%，可重现），生成抽查名单
  export   导出合规的评分表（.xlsx、.csv、.pdf）

每个命令都可加 --help 查看说明；--lang en 输出英文；--version 显示版本。`,
  newHelp: `用法：scorecard new --station 站名 --year 年度 [--edition 版本] -o 文件.xlsx [--force] [--password 密码]
      scorecard new --all-stations --year 年度 -o 文件夹 [--edition 版本] [--force] [--password 密码]

新建一个含一张评分表的工作簿（公式、数据验证、条件格式、保护、打印设置都在文件内）。
  --station       服务站名称，例如 巴川街道
  --all-stations  为通知所列的每个服务站各写一个文件（文件夹/站名.xlsx），区里下发评分表的第一步
  --year          年度，例如 2020；不在该标准适用的年度内时提示（仍照常新建）
  --edition       标准版本（默认 %DEFAULT%；可用：%EDITIONS%）
  -o, --out       输出文件（必须以 .xlsx 结尾）；用 --all-stations 时为文件夹（不存在时新建）
  --force         覆盖已存在的文件
  --password      工作表保护密码（默认无密码）`,
  checkHelp: `用法：scorecard check [--json] [--details] [--lang zh|en] 文件...

读取每个文件中的每一张评分表：状态、得分、结论（否决时列出否决事项）、无效填写、未评分项（按序号列出）、失分项、
自评与复核差异、缺佐证材料，以及表格被改动的迹象。与任务窗格“检查整个工作簿”的检查完全相同。
错误逐条列出；同类警告按评分表合并为一行（如“缺佐证材料 70 项：第1–70项”）。
最后逐张评分表一行（服务站、状态、自评/复核总分、结论、错误数、警告数；有错误的在前），再给出总计，
如“17 个文件：1 个有错误；缺佐证材料 512 处”。无法读取的文件只在标准错误输出中报告一次。
  --json     输出一个 JSON 文档（不含逐表汇总）
  --details  同类警告也逐条列出
退出码：0 无错误；1 有无效填写或完整性错误；2 文件无法读取或参数错误；141 输出管道被提前关闭（如 | head -1）。`,
  // Arguments, language and edition: every usage problem in the chosen language.
  badLang: (v: string) => `不支持的语言：${v}（--lang 可用 zh 中文、en 英文）`,
  unknownOption: (option: string, command: string) =>
    `未知选项：${option}（用 scorecard ${command} --help 查看可用选项）`,
  optionNeedsValue: (option: string) => `选项 ${option} 后面缺少值`,
  optionTakesNoValue: (option: string) => `选项 ${option} 不带值`,
  unexpectedArgument: (arg: string, command: string) =>
    `多余的参数：${arg}（用 scorecard ${command} --help 查看用法）`,
  unknownEdition: (v: string, known: string) => `未知的标准版本：${v}（可用：${known}）`,
  editionName: (id: string, title: string) => `${id}（${title}）`,
  created: (file: string, sheet: string) => `已创建 ${file}（工作表“${sheet}”）`,
  newOutputXlsx: (out: string) => `输出文件须以 .xlsx 结尾：${out}（写出的是 .xlsx 工作簿）`,
  newYearOutside: (edition: string, from: number, to: number, year: number) =>
    `提示：${edition}用于 ${from}–${to} 年度的创建活动，${year} 年不在其中，请确认年度（已照常新建）`,
  newStationOrAll:
    "请用 --station 指定一个服务站，或用 --all-stations 为通知所列的每个服务站各写一个文件（二者选一）",
  newNoStations: (edition: string) => `${edition}没有附带通知所列的服务站，不能用 --all-stations`,
  newAllWritten: (n: number, dir: string) => `已在 ${dir} 中创建 ${n} 个评分表文件`,
  exists: (file: string) => `文件已存在：${file}（加 --force 覆盖）`,
  missingOption: (name: string) => `缺少参数 --${name}`,
  badYear: (v: string) => `年度无效：${v}`,
  unknownCommand: (c: string) => `未知命令：${c}（用 scorecard --help 查看全部命令）`,
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
  summaryHelp: `用法：scorecard summary 文件... -o 汇总.xlsx|名单.csv [--csv list|summary] [--unit 单位] [--year 年度] [--edition 版本] [--force] [--lang zh|en]

把多个工作簿（通常每个服务站一个文件）中的评分表合并成一个汇总工作簿：
  汇总      每个服务站一行：状态（未收到、填报中、已提交、复核中、已复核，或提交后被修改、无提交记录）、
            自评、复核总分与结论（复核开始前复核为空白），认定结论（复核完成时以复核为准，否则以自评为准），
            否决原因（否决时回答“是”的否决事项）；服务站数、收到数、已提交数、已复核数、未收到数，
            达标数、达标率、目标数（通知所列服务站总数的60%，向上取整）、还需达标数；总分与结论为引用各评分表的实时公式；
            收到不等于提交：只有已提交（或复核中、已复核）且提交记录有效的评分表参与认定，其余（包括没有文件的）
            认定结论为“未提交”，不计为达标、不列入创建名单；附认定总分与90分达标线的柱形图（按认定结论着色，带图例）
  创建名单  达标服务站的名单（序号、服务站、总分、结论），可直接上报
  以及每个服务站的评分表（保留分数、佐证材料、备注和状态）。
  汇总表另有“缺佐证项数”列（已得分但未填佐证材料的项数），标题下一行为通知的进度（当前阶段及剩余天数；
  通知未给出日期的年度注明“通知未给出时间安排”），命令也把进度打印在标准输出上。
  历年对比  文件涉及多个年度时加入：每个服务站一行，每年的自评、复核总分与认定结论，较上年的变化，各年的
            达标数与目标（每年按当年服务站总数的60%计算），以及上年达标、本年未达标或被否决的服务站
  -o, --out  输出文件：.xlsx 为汇总工作簿；.csv 默认只输出创建名单（UTF-8 带 BOM，CRLF 换行）
  --csv      .csv 的内容：list 创建名单（默认；序号,服务站,总分,结论,认定依据,状态,标准）；summary 整张汇总表
             （每站一行，含状态、否决原因、标准，其后为各项计数）
  --unit     汇总表标题和创建名单“报送单位”中的单位（默认为通知的发文单位 重庆市铜梁区退役军人事务局）
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
  summaryWritten: (out: string, n: SummaryCounts) =>
    `已生成 ${out}：${n.stations} 个服务站，收到 ${n.received} 个，已提交 ${n.submitted} 个，已复核 ${n.reviewed} 个，` +
    `未收到 ${n.missing} 个；达标 ${n.passed} 个，达标率 ${n.rate}`,
  summaryCsvKind: (v: string) =>
    `--csv 的值无效：${v}（可用 list 创建名单、summary 整张汇总表，且 -o 须以 .csv 结尾）`,
  summaryTarget: (target: number, needed: number) =>
    needed > 0 ? `目标 ${target} 个，还需 ${needed} 个达标` : `目标 ${target} 个，已达到`,
  summaryListWritten: (out: string, n: number) => `已生成创建名单 ${out}：${n} 个达标服务站`,
  sampleHelp: `用法：scorecard sample 文件... [--rate 0.5] [--seed 种子] [-o 抽查名单.xlsx|抽查名单.csv] [--year 年度] [--force] [--lang zh|en]

市退役军人事务局“抽取50%以上的退役军人服务站进行暗访调研”：从文件中找到的服务站（有评分表的）里
抽取 ⌈比例 × 服务站数⌉ 个（默认50%：17 个抽 9 个），可以重现：
  --rate     抽取比例，0 到 1 之间，也可写百分数（默认 0.5，即 50%）
  --seed     随机种子（任意文字）；不指定时随机选一个，打印出来并记录在输出中
  -o, --out  另存抽查名单：.xlsx 为“抽查名单”工作表，.csv 为 UTF-8（带 BOM）
  --year     抽取的年度（默认取多数评分表的年度）
  --force    覆盖已存在的输出文件
算法：种子按 UTF-8 字节做 FNV-1a（32 位）哈希，作为 mulberry32 伪随机数发生器的初值，再对服务站
（按通知所列顺序，其他服务站按读入顺序排在后面）做 Fisher–Yates 洗牌的前 k 步。输出列出所抽服务站的自评、复核
总分与结论，以及种子、比例、抽取时间和每个输入文件的 SHA-256：同一种子、同一批文件，任何人重做都得到同一名单。
退出码：0 完成；2 有文件无法读取（其余照常抽取）或参数错误。`,
  sampleBadRate: (v: string) => `抽取比例无效：${v}（应大于 0 且不超过 1，或大于 0% 且不超过 100%）`,
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
  exportManyFiles: (files: readonly string[]) =>
    `export 一次导出一个文件，收到 ${files.length} 个：${files.join("、")}（请分别导出；输出文件用 -o 指定）`,
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
  new      create a workbook holding a scorecard (--all-stations: one per station the notice names)
  check    check every scorecard in workbooks, with a closing line per scorecard
  submit   register a submission: submit scorecards for their stations (the pane's Submit rules)
  return   return a submitted scorecard to 填报中 (being filled in) for changes
  summary  merge workbooks into a roll-up with the list of passing stations
  sample   draw the stations to visit (50% by default, reproducible) and write the sample list
  export   export a compliant scorecard (.xlsx, .csv, .pdf)

Add --help to any command; --lang en prints English; --version prints the version.`,
  newHelp: `Usage: scorecard new --station NAME --year YYYY [--edition ID] -o FILE.xlsx [--force] [--password PW]
       scorecard new --all-stations --year YYYY -o FOLDER [--edition ID] [--force] [--password PW]

Writes a workbook holding one scorecard (formulas, validation, conditional formats, protection and print setup live in the file).
  --station       station name, e.g. 巴川街道
  --all-stations  one file per station the notice names (FOLDER/NAME.xlsx): a district's first step
  --year          year, e.g. 2020; a year the edition is not used for is pointed out (the file is still written)
  --edition       edition of the standard (default %DEFAULT%; known: %EDITIONS%)
  -o, --out       output file (must end in .xlsx); a folder with --all-stations (made when missing)
  --force         overwrite existing files
  --password      sheet protection password (none by default)`,
  checkHelp: `Usage: scorecard check [--json] [--details] [--lang zh|en] FILE...

Reads every scorecard in every file: state, scores, verdicts (naming the veto items behind a veto), invalid
entries, items not scored (by number), shortfalls, self/review differences, missing evidence and signs that the
sheet was altered: the very check of the pane's Check the whole workbook.
Errors are listed one by one; warnings of one kind are grouped per scorecard ("no evidence: 70, items 1–70").
At the end, one line per scorecard (station, state, self/review totals, verdict, errors, warnings; those with
errors first) and the totals ("17 file(s): 1 with errors; no evidence 512"). An unreadable file is reported
once, on stderr.
  --json     print one JSON document (without the closing lines)
  --details  list every warning on its own line too
Exit codes: 0 no errors; 1 invalid entries or integrity errors; 2 a file could not be read or the arguments are wrong; 141 stdout was closed early (e.g. | head -1).`,
  badLang: (v) => `Unsupported language: ${v} (--lang takes zh or en)`,
  unknownOption: (option, command) => `Unknown option: ${option} (see scorecard ${command} --help)`,
  optionNeedsValue: (option) => `Option ${option} needs a value`,
  optionTakesNoValue: (option) => `Option ${option} takes no value`,
  unexpectedArgument: (arg, command) => `Unexpected argument: ${arg} (see scorecard ${command} --help)`,
  unknownEdition: (v, known) => `Unknown edition: ${v} (known: ${known})`,
  editionName: (id, title) => `${id} (${title})`,
  created: (file, sheet) => `Created ${file} (sheet "${sheet}")`,
  newOutputXlsx: (out) => `The output must end in .xlsx: ${out} (an .xlsx workbook is written)`,
  newYearOutside: (edition, from, to, year) =>
    `Note: the ${edition} is used for the ${from}–${to} campaigns; ${year} is outside them. Check the year (the file was written).`,
  newStationOrAll:
    "Name one station with --station, or use --all-stations for every station the notice names (one of the two)",
  newNoStations: (edition) =>
    `The ${edition} carries no notice naming stations: --all-stations cannot be used`,
  newAllWritten: (n, dir) => `Created ${n} scorecard files in ${dir}`,
  exists: (file) => `File exists: ${file} (use --force to overwrite)`,
  missingOption: (name) => `Missing --${name}`,
  badYear: (v) => `Invalid year: ${v}`,
  unknownCommand: (c) => `Unknown command: ${c} (see scorecard --help for the commands)`,
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
  summaryHelp: `Usage: scorecard summary FILE... -o SUMMARY.xlsx|LIST.csv [--csv list|summary] [--unit UNIT] [--year YYYY] [--edition ID] [--force] [--lang zh|en]

Merges the scorecards of many workbooks (usually one file per station) into one roll-up workbook:
  汇总      one row per station: its 状态 (未收到 missing, 填报中, 已提交, 复核中, 已复核, or 提交后被修改 changed
            after submission, 无提交记录 no submission record), self-assessment and review totals and verdicts
            (the review blank until it has started), the verdict that counts (the review once it is finished,
            else the self-assessment) and 否决原因 (the veto items answered 是); the counts of stations, received,
            submitted, reviewed and missing, the pass count, pass rate, target (60% of the stations the notice
            names, rounded up) and how many more must pass; totals and verdicts are live formulas over the
            station sheets. Received is not submitted: only a scorecard submitted (or under review, reviewed)
            with a valid submission record is judged; any other, like a station that sent nothing, counts as
            未提交 (not submitted), never as a pass nor on the 创建名单. A column chart of the counted totals
            against the 90-point line, each bar coloured by its verdict, with a legend
  创建名单  the stations that pass (序号, 服务站, 总分, 结论), ready to send upward
  and each station's scorecard (scores, evidence, notes and state kept).
  汇总 also has a 缺佐证项数 column (items scored without evidence) and, under its title, the notice's timeline
  (the current step and the days left; "the notice gives no dates" for other years), also printed on stdout.
  历年对比  added when the files span several years: one row per station, each year's self and review totals
            and counted verdict, the change from the previous year, each year's pass count against its own
            60% target, and the stations that passed one year and fell below 90 or were vetoed the next
  -o, --out  output file: .xlsx writes the roll-up workbook; .csv the 创建名单 by default (UTF-8 with a BOM, CRLF)
  --csv      what a .csv holds: list, the 创建名单 (default; 序号,服务站,总分,结论,认定依据,状态,标准); summary,
             the whole 汇总 (a line per station with its state, veto items and edition, then the counts)
  --unit     the unit in the 汇总 title and the 创建名单's 报送单位 (default: the notice's issuer,
             重庆市铜梁区退役军人事务局)
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
  summaryWritten: (out, n) =>
    `Wrote ${out}: ${n.stations} stations, ${n.received} received, ${n.submitted} submitted, ${n.reviewed} reviewed, ` +
    `${n.missing} missing; ${n.passed} pass, pass rate ${n.rate}`,
  summaryCsvKind: (v) =>
    `Invalid --csv: ${v} (list for the 创建名单, summary for the whole 汇总; -o must end in .csv)`,
  summaryTarget: (target, needed) =>
    needed > 0 ? `target ${target}, ${needed} more must pass` : `target ${target}, reached`,
  summaryListWritten: (out, n) => `Wrote the 创建名单 ${out}: ${n} passing station(s)`,
  sampleHelp: `Usage: scorecard sample FILE... [--rate 0.5] [--seed SEED] [-o SAMPLE.xlsx|SAMPLE.csv] [--year YYYY] [--force] [--lang zh|en]

The city's draw of "at least 50% of the stations" for unannounced visits: of the stations found in the files
(those with a scorecard) it draws ⌈rate × stations⌉ (50% by default: 9 of 17), reproducibly:
  --rate     share to draw, above 0 and at most 1, or a percentage (default 0.5, i.e. 50%)
  --seed     the seed (any text); without it one is picked at random, printed and recorded in the output
  -o, --out  also write the list: .xlsx as a 抽查名单 sheet, .csv as UTF-8 with a BOM
  --year     the year drawn from (default: the year most scorecards carry)
  --force    overwrite an existing output file
Algorithm: the seed's UTF-8 bytes are hashed with FNV-1a (32 bits), which seeds the mulberry32 generator; the
first k steps of a Fisher–Yates shuffle of the stations (in the notice's order, other stations after them as
read) pick the sample. The output lists the stations drawn with their self and review totals and verdicts, the
seed, the rate, the time and each input file's SHA-256: the same seed and files give anyone the same list.
Exit codes: 0 done; 2 a file could not be read (the others are still drawn from) or wrong arguments.`,
  sampleBadRate: (v) => `Invalid rate: ${v} (above 0 and at most 1, or above 0% and at most 100%)`,
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
  exportManyFiles: (files) =>
    `export takes one file at a time; got ${files.length}: ${files.join(", ")} (export each on its own; name the output with -o)`,
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
