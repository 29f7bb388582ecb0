import { writeFile } from "fs/promises";
import { extname, join } from "path";
import * as zlib from "zlib";
import { cliText } from "../../i18n/cli";
import type { Lang } from "../../i18n/types";
import { timelineText } from "../../i18n/campaign";
import { DEFAULT_EDITION, getRubric, localDate, timelineStatus, type Rubric } from "../../rubric";
import {
  buildRollup,
  compareYears,
  listCsv,
  passingRows,
  rollupCounts,
  summaryCsv,
  yearsPlan,
  type Rollup,
} from "../../rollup";
import { rollupBytes } from "../../rollup/xlsx";
import { layoutFor, type ReadScorecard } from "../../sheet";
import { editionRubric, editionTitle, parseCommandArgs } from "../args";
import { EXIT, UsageError, type ExitCode } from "../errors";
import { fileReason, guardOutput } from "../io";
import { mapFiles } from "../pool";
import { readStationFile, type SentScorecard, type StationFile } from "../stationRead";
import type { SummaryJob } from "../summaryWorker";
import { workerCount } from "./check";

/** Options of `scorecard summary`, for parseArgs (with allowPositionals: the files). */
export const SUMMARY_OPTIONS = {
  out: { type: "string", short: "o" },
  force: { type: "boolean", default: false },
  year: { type: "string" },
  edition: { type: "string" },
  unit: { type: "string" },
  csv: { type: "string" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export interface SummaryOptions {
  readonly out?: string;
  readonly force: boolean;
  readonly year?: string;
  readonly edition?: string;
  /** The unit in the 汇总 title and the 创建名单's 报送单位; the notice's issuer by default. */
  readonly unit?: string;
  /** What a .csv holds: the 创建名单 ("list", the default) or the whole 汇总 ("summary"). */
  readonly csv?: string;
  /** Today (YYYY-MM-DD) for the timeline; the local date by default. */
  readonly today?: string;
}

interface Source {
  readonly file: string;
  readonly read: ReadScorecard;
}

/** Node's zlib for the roll-up's parts (fflate's DEFLATE takes four times as long); zlib.crc32 is Node ≥ 20.15. */
const nativeDeflate =
  "crc32" in zlib
    ? (data: Uint8Array) => ({ deflated: zlib.deflateRawSync(data, { level: 6 }), crc: zlib.crc32(data) })
    : undefined;

/** The compiled worker script, beside the compiled CLI (dist-cli); run from sources, files are read in-process. */
const WORKER = join(__dirname, "summary-worker.cjs");

/** A scorecard whole again: its rubric is the edition's (the reader settles the edition), its layout that rubric's. */
const rebuild = (sent: SentScorecard): ReadScorecard => {
  const rubric = getRubric(sent.meta.edition);
  return { ...sent, rubric, layout: layoutFor(rubric) };
};

function mostCommonEdition(reads: readonly ReadScorecard[]): string {
  const counts = new Map<string, number>();
  for (const r of reads) counts.set(r.meta.edition, (counts.get(r.meta.edition) ?? 0) + 1);
  let best = DEFAULT_EDITION;
  let bestCount = 0;
  for (const [edition, n] of counts)
    if (n > bestCount) {
      best = edition;
      bestCount = n;
    }
  return best;
}

function rubricOf(edition: string | undefined, reads: readonly ReadScorecard[], lang: Lang): Rubric {
  return editionRubric(edition ?? mostCommonEdition(reads), lang);
}

/** What a .csv output holds (--csv). */
const CSV_KINDS = ["list", "summary"] as const;

/**
 * The line scripts read first: the stations named, received, submitted, reviewed and missing, then what passes
 * against the target. Received is not submitted: a scorecard still 填报中 counts as received only.
 */
function resultLine(rollup: Rollup, out: string, lang: Lang): string {
  const t = cliText(lang);
  const { totals } = rollup;
  const line = t.summaryWritten(out, rollupCounts(rollup));
  if (totals.target === null || totals.needed === null) return line;
  return `${line}${lang === "zh" ? "；" : "; "}${t.summaryTarget(totals.target, totals.needed)}`;
}

/** Lines reporting what the roll-up left out or found doubtful, in read order. */
function reportLines(rollup: Rollup, sources: readonly Source[], lang: Lang, inYears: boolean): string[] {
  const t = cliText(lang);
  const lines: string[] = [];
  for (const { index, keptIndex } of rollup.duplicates) {
    const { file, read } = sources[index];
    lines.push(
      t.summaryDuplicate(file, read.sheet, read.meta.station, read.meta.year, sources[keptIndex].file),
    );
  }
  // Files of other years that 历年对比 shows are no loss: one line per year, not one per file.
  const inOtherYears = new Map<number, number>();
  for (const { index, reason } of rollup.excluded) {
    const { file, read } = sources[index];
    if (reason === "edition")
      lines.push(
        t.summaryOtherEdition(
          file,
          read.sheet,
          editionTitle(read.meta.edition, lang),
          editionTitle(rollup.rubric.edition, lang),
        ),
      );
    else if (inYears) inOtherYears.set(read.meta.year, (inOtherYears.get(read.meta.year) ?? 0) + 1);
    else lines.push(t.summaryOtherYear(file, read.sheet, read.meta.year, rollup.year));
  }
  for (const [year, count] of [...inOtherYears].sort(([a], [b]) => a - b))
    lines.push(t.summaryInYears(year, count, rollup.year));
  for (const index of rollup.notNamed) {
    const { file, read } = sources[index];
    lines.push(t.summaryNotNamed(file, read.sheet, read.meta.station));
  }
  for (const row of rollup.rows) {
    if (row.readIndex === null) continue;
    const { file, read } = sources[row.readIndex];
    const errors = read.findings.filter((f) => f.severity === "error").length;
    if (errors > 0) lines.push(t.summaryProblems(file, read.sheet, errors));
  }
  return lines;
}

/**
 * `scorecard summary FILE... -o OUT.xlsx|OUT.csv`: rolls the scorecards of many workbooks up into one workbook
 * (汇总, 创建名单 and a copy of each station's scorecard) or the 创建名单 as CSV. Unreadable files are reported
 * one line each and skipped; the output is still written. Exit 0 when every file was read, 2 otherwise.
 */
export async function runSummary(
  files: readonly string[],
  o: SummaryOptions,
  lang: Lang,
  print: (line: string) => void,
  warn: (line: string) => void,
): Promise<ExitCode> {
  const t = cliText(lang);
  if (files.length === 0) throw new UsageError(t.noFiles);
  if (!o.out) throw new UsageError(t.missingOption("out"));
  const format = extname(o.out).toLowerCase();
  if (format !== ".xlsx" && format !== ".csv") throw new UsageError(t.summaryOutput(o.out));
  let year: number | undefined;
  if (o.year !== undefined) {
    year = Number(o.year);
    if (!/^\d{4}$/.test(o.year) || year < 2000 || year > 2100) throw new UsageError(t.badYear(o.year));
  }
  if (o.edition !== undefined) rubricOf(o.edition, [], lang);
  if (o.csv !== undefined && (format !== ".csv" || !CSV_KINDS.some((k) => k === o.csv)))
    throw new UsageError(t.summaryCsvKind(o.csv));
  const unit = o.unit?.trim();
  if (o.unit !== undefined && !unit) throw new UsageError(t.missingOption("unit"));
  guardOutput(o.out, files, o.force, t);

  const sources: Source[] = [];
  let unreadable = 0;
  const results = mapFiles<SummaryJob, StationFile>(files, {
    script: WORKER,
    workers: workerCount(files.length),
    job: (file) => ({ file, lang }),
    local: (file) => readStationFile(file, lang),
    failed: (file, e) => ({ file, error: fileReason(e, t) }),
  });
  for await (const result of results) {
    const { file } = result;
    if (result.error !== undefined) {
      warn(t.unreadable(file, result.error));
      unreadable++;
    } else if (result.scorecards.length === 0) {
      warn(t.unreadable(file, t.summaryNoScorecards));
      unreadable++;
    } else for (const sent of result.scorecards) sources.push({ file, read: rebuild(sent) });
  }
  const reads = sources.map((s) => s.read);
  const rubric = rubricOf(o.edition, reads, lang);
  const rollup = buildRollup(reads, rubric, { year, unit });
  const years = compareYears(reads, rubric);
  // Files of other years leave the 汇总 but, in a workbook, stand in 历年对比: the skip line says so.
  const inYears = format !== ".csv" && years.years.length > 1;
  for (const line of reportLines(rollup, sources, lang, inYears)) warn(line);
  const timeline = timelineText(timelineStatus(rubric.notice, rollup.year, o.today ?? localDate(new Date())));
  // From here on only the reads of the stations copied into the workbook are needed (a sparse array, indexed as
  // before): let every other file's go before the workbook is drawn (most of them, with 1,000 files).
  const copied: ReadScorecard[] = [];
  for (const { readIndex } of rollup.rows) if (readIndex !== null) copied[readIndex] = reads[readIndex];
  sources.length = 0;
  reads.length = 0;

  if (format === ".csv") {
    await writeFile(o.out, o.csv === "summary" ? summaryCsv(rollup) : listCsv(rollup), "utf8");
    if (o.csv !== "summary") print(t.summaryListWritten(o.out, passingRows(rollup).length));
  } else {
    const extra = inYears ? [yearsPlan(years, rollup.issuer)] : [];
    await writeFile(
      o.out,
      await rollupBytes(rollup, copied, { timeline: timeline.zh, extra, deflate: nativeDeflate }),
    );
  }
  print(resultLine(rollup, o.out, lang));
  if (format !== ".csv" && inYears) print(t.summaryYears(years.years));
  // After the result line, which scripts read first.
  print(timeline[lang]);
  return unreadable > 0 ? EXIT.usage : EXIT.ok;
}

/** Parses `summary` arguments and runs it; usage problems throw UsageError (or parseArgs' TypeError) for main. */
export async function summaryMain(
  args: readonly string[],
  lang: Lang,
  io: { readonly out: (line: string) => void; readonly err: (line: string) => void },
): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    "summary",
    { args: [...args], allowPositionals: true, options: SUMMARY_OPTIONS },
    lang,
  );
  if (values.help) {
    io.out(cliText(lang).summaryHelp);
    return EXIT.ok;
  }
  return runSummary(
    positionals,
    {
      out: values.out,
      force: values.force ?? false,
      year: values.year,
      edition: values.edition,
      unit: values.unit,
      csv: values.csv,
    },
    lang,
    io.out,
    io.err,
  );
}
