import type { Strings } from "./strings";
import type { Lang } from "./types";

/*
 * The standalone page's words. In the browser a clerk has a file with a scorecard in it, not worksheets to
 * activate, cells to select or batches written to a table: these texts replace the pane's Excel words there
 * (App's TextsProvider lays them over STRINGS in file mode). Plain literals only: strings.ts's rule.
 */

const zhCN: Partial<Strings> = {
  unwritten: "{n} 处修改尚未存入评分表",
  sheetCaption: "{station} · {year} 年评分表",
  noScorecardTitle: "此文件中没有评分表",
  noScorecardBody: "插入一张评分表，或打开文件中已有的评分表。",
  existingScorecards: "文件中的评分表",
  insertedBody: "已创建评分表“{sheet}”。",
  repairedBody: "评分表“{sheet}”的版式和公式已恢复，填写的内容全部保留。",
  categorySheet: "评分表结构",
  blockerIntegrity: "评分表的结构有错误（见“问题”页）",
  transitionDoneBody: "评分表“{sheet}”的状态已从“{from}”改为“{to}”，并已记入“变更记录”。",
  reopenBody: "状态将改回“填报中”，自评得分可以修改。请写明退回人和原因，它们会记入“变更记录”。",
  differencesHint: "点击一行可在“填写”中打开该项的复核得分，并逐项写复核意见（备注）。",
  scanIntro:
    "读取此文件中的全部评分表，列出总分、结论和问题：无效或未填项、评分表被改动、同一服务站有两张评分表、提交后被修改等。",
  scanSummary: "共 {n} 张评分表，错误 {errors} 处，警告 {warnings} 处。点击问题数可打开该评分表的问题清单。",
  scanGoTo: "打开“{sheet}”的问题清单",
  writeResults: "把检查结果写入文件（“审核结果”表）",
  resultsWrittenBody: "检查结果已写入文件中的“{sheet}”表；保存（下载）后可在 Excel 或 WPS 中查看。",
  rollupIntro:
    "把此文件中的评分表汇总到“汇总”和“创建名单”两张表：公式实时引用各站评分表，附各站总分与 {line} 分达标线柱状图。",
  sampleIntro: "按通知“抽取50%以上”，从此文件的评分表中随机抽取服务站，写入“抽查名单”表。",
  yearsWritten: "文件含多个年度的评分表，已同时生成“历年对比”表（{years}）。",
  rollupDoneBody:
    "{stations} 个服务站：收到 {received} 个，已提交 {submitted} 个，已复核 {reviewed} 个，未收到 {missing} 个；达标 {passed} 个，达标率 {rate}（此文件有 {scorecards} 张评分表）。“汇总”表已加入文件。",
  gridSheetTakenBody:
    "文件中已有名为“{sheet}”的表，且不是本页面生成的。请先在 Excel 或 WPS 中重命名该表，再重试。",
  noScorecardForStatus: "请先打开一张评分表：提交、复核和不一致列表都针对一张评分表。",
  formColumnNote: "正在填写“{column}”得分。每项经校验后存入评分表；点击“保存（下载）”保存文件。",
  notYesNo: "评分表中填的是“{raw}”，只能为“是”或“否”",
  errorSheetTakenTitle: "名称已被占用",
  errorSheetTakenBody:
    "文件中已有名为“{sheet}”的表且不是评分表。请先在 Excel 或 WPS 中重命名该表，再插入评分表。",
  errorNotScorecardBody: "“{sheet}”已不存在或不再是评分表。请点击“重新检查”，或重新插入评分表。",
  errorWriteTitle: "修改未能存入评分表",
  errorSelectTitle: "无法打开评分表",
  loadingEngine: "正在准备…",
  exportRefusedProblems: "有 {n} 个问题，全部解决后才能导出。点击一行可在“填写”中打开该项：",
  exportRefusedIncomplete:
    "尚有 {n} 项未填写自评得分，不能导出正式评分表。请填完后再导出，或勾选“导出为草稿”（标题和文件名会标注“草稿”）。点击一行可在“填写”中打开该项：",
  exportDraftHint:
    "未填完或尚未提交的评分表只能导出为草稿：标题和页脚标注【草稿】，文件名带“-草稿”。无效填写和评分表结构问题仍须先解决。",
  exportRefusedNotSubmitted:
    "评分表尚未提交（状态为“填报中”），不能导出上报稿。请先在“审核”页提交，或勾选“导出为草稿”（标题和文件名会标注“草稿”）。",
  workbookCaption: "此文件中有 {n} 张评分表",
  loading: "正在读取文件…",
  scanReading: "正在读取文件…",
  scanNone: "此文件中没有评分表。",
  leanOpenedBody:
    "此文件的格式网页无法完整载入，已只载入各表的数据和格式；另存时不会保留其中的图片、图表、批注、表格和宏。请在 Excel 或 WPS 中保存原文件的副本。",
};

const enUS: Partial<Strings> = {
  unwritten: "{n} changes not yet in the scorecard",
  sheetCaption: "{station} · {year} scorecard",
  noScorecardTitle: "This file holds no scorecard",
  noScorecardBody: "Insert a scorecard, or open one the file already holds.",
  existingScorecards: "Scorecards in this file",
  insertedBody: "Created the scorecard “{sheet}”.",
  repairedBody: "The layout and formulas of the scorecard “{sheet}” were restored; every entry was kept.",
  categorySheet: "Scorecard structure",
  blockerIntegrity: "The scorecard's structure has errors (see Problems)",
  transitionDoneBody: "Scorecard “{sheet}” went from {from} to {to}; the change is in the change log.",
  reopenBody:
    "The state goes back to Filling in and the self-assessment can be changed again. Say who returns it and why; both go into the change log.",
  differencesHint: "Choose a row to open the item's review score in Form and write a remark.",
  scanIntro:
    "Reads every scorecard in this file and lists totals, verdicts and problems: invalid or missing entries, changed scorecards, two scorecards for one station, edits after submission.",
  scanSummary:
    "{n} scorecards, {errors} errors, {warnings} warnings. Choose a count to open that scorecard's problems.",
  scanGoTo: "Open the problems of “{sheet}”",
  writeResults: "Add the results to the file (a results table)",
  resultsWrittenBody:
    "The results are in the file's “{sheet}” table; save (download) the file to see it in Excel or WPS.",
  rollupIntro:
    "Rolls the scorecards in this file up into a roll-up table and a creation list: live formulas into each station's scorecard, and a chart of the totals against the {line}-point line.",
  sampleIntro:
    "Draws stations at random from this file's scorecards, as the notice asks (at least 50%), into a sample list table.",
  yearsWritten: "The file holds scorecards of several years: a year-over-year table was added too ({years}).",
  rollupDoneBody:
    "{stations} stations: {received} received, {submitted} submitted, {reviewed} reviewed, {missing} missing; {passed} pass, pass rate {rate} ({scorecards} scorecards in this file). The roll-up table is in the file.",
  gridSheetTakenBody:
    "The file already has a table named “{sheet}” that this page did not make. Rename it in Excel or WPS first, then try again.",
  noScorecardForStatus: "Open a scorecard first: submission, review and differences are about one scorecard.",
  formColumnNote:
    "Filling in the {column} scores. Each entry is checked, then kept in the scorecard; choose Save (download) to save the file.",
  notYesNo: "The scorecard holds “{raw}”; only 是 (yes) or 否 (no) is allowed",
  errorSheetTakenTitle: "The name is taken",
  errorSheetTakenBody:
    "The file already has a table named “{sheet}” that is not a scorecard. Rename it in Excel or WPS first, then insert the scorecard.",
  errorNotScorecardBody:
    "“{sheet}” is gone or no longer a scorecard. Choose Re-check, or insert the scorecard again.",
  errorWriteTitle: "The change could not be kept in the scorecard",
  errorSelectTitle: "Could not open the scorecard",
  loadingEngine: "Getting ready…",
  exportRefusedProblems:
    "{n} problems must be solved before exporting. Choose a row to open its item in Form:",
  exportRefusedIncomplete:
    "{n} items have no self-assessment score, so the final scorecard cannot be exported. Fill them in, or tick Export as draft (title and file name are marked as a draft). Choose a row to open its item in Form:",
  exportDraftHint:
    "An incomplete scorecard, or one not yet submitted, can only be exported as a draft: its title, page footers and file name are marked as such. Invalid entries and structure problems must still be solved first.",
  exportRefusedNotSubmitted:
    "The scorecard has not been submitted (it is still being filled in), so the copy to report cannot be exported. Submit it on the Review tab first, or tick Export as draft (the title and file name are then marked as a draft).",
  workbookCaption: "This file holds {n} scorecards",
  loading: "Reading the file…",
  scanReading: "Reading the file…",
  scanNone: "This file holds no scorecard.",
  leanOpenedBody:
    "The page cannot load this file's format in full, so it loaded its tables' data and formats only; saving it will not keep its pictures, charts, comments, tables and macros. Keep a copy of the original saved from Excel or WPS.",
};

export const FILE_WORDS: Readonly<Record<Lang, Partial<Strings>>> = { zh: zhCN, en: enUS };
