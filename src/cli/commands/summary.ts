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
  sourcesPlan,
  summaryCsv,
  yearsPlan,
  type InputFile,
  type Rollup,
  type ScorecardFacts,
} from "../../rollup";
import type { Deflated } from "../../xlsx/streamed";
import { layoutFor, type ReadScorecard } from "../../sheet";
import { editionRubric, editionTitle, parseCommandArgs } from "../args";
import { EXIT, UsageError, type ExitCode } from "../errors";
import { fileReason, guardOutput } from "../io";
import { mapFiles } from "../pool";
import { readStationFile, type SentRead, type StationFile } from "../stationRead";
import type { SummaryJob } from "../summaryWorker";
import { workerCount } from "./check";

/** Options of `scorecard summary`, for parseArgs (with allowPositionals: the files). */
export const SUMMARY_OPTIONS = {
  out: { type: "string", short: "o" },
  force: { type: "boolean", default: false },
  year: { type: "string" },
  edition: { type: "string" },
  unit: { type: "string" },
  copies: { type: "boolean", default: false },
  "no-copies": { type: "boolean", default: false },
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
  /** Copy every station's scorecard into the workbook (true), none (false), or decide by COPIES_LIMIT. */
  readonly copies?: boolean;
  /** Today (YYYY-MM-DD) for the timeline; the local date by default. */
  readonly today?: string;
}

/** One scorecard read: what the roll-up needs, its error count, and the read itself while it may be copied. */
interface Source {
  readonly file: string;
  readonly facts: ScorecardFacts;
  readonly errors: number;
  read?: ReadScorecard;
}

/**
 * Up to this many scorecards of the roll-up's year, a copy of each goes into the workbook by default (a district,
 * a few years of it); past it, only with --copies: a city's 1,000 copies make a workbook that WPS and Excel open
 * slowly, when they open it at all.
 */
export const COPIES_LIMIT = 50;

/**
 * Node's zlib for the roll-up's parts (fflate's DEFLATE takes four times as long), compressing on its thread pool
 * while the next sheet is written; zlib.crc32 is Node ≥ 20.15.
 */
const nativeDeflate =
  "crc32" in zlib
    ? (data: Uint8Array) =>
        new Promise<Deflated>((resolve, reject) =>
          zlib.deflateRaw(data, { level: 6 }, (error, deflated) =>
            error ? reject(error) : resolve({ deflated, crc: zlib.crc32(data) }),
          ),
        )
    : undefined;

/** The compiled worker script, beside the compiled CLI (dist-cli); run from sources, files are read in-process. */
const WORKER = join(__dirname, "summary-worker.cjs");

/** A read whole again: its rubric is the edition's (the reader settles the edition), its layout that rubric's. */
const rebuild = (sent: SentRead): ReadScorecard => {
  const rubric = getRubric(sent.meta.edition);
  return { ...sent, rubric, layout: layoutFor(rubric) };
};

function mostCommonEdition(reads: readonly ScorecardFacts[]): string {
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

function rubricOf(edition: string | undefined, reads: readonly ScorecardFacts[], lang: Lang): Rubric {
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
    const { file, facts } = sources[index];
    lines.push(
      t.summaryDuplicate(file, facts.sheet, facts.meta.station, facts.meta.year, sources[keptIndex].file),
    );
  }
  // Files of other years that 历年对比 shows are no loss: one line per year, not one per file.
  const inOtherYears = new Map<number, number>();
  for (const { index, reason } of rollup.excluded) {
    const { file, facts } = sources[index];
    if (reason === "edition")
      lines.push(
        t.summaryOtherEdition(
          file,
          facts.sheet,
          editionTitle(facts.meta.edition, lang),
          editionTitle(rollup.rubric.edition, lang),
        ),
      );
    else if (inYears) inOtherYears.set(facts.meta.year, (inOtherYears.get(facts.meta.year) ?? 0) + 1);
    else lines.push(t.summaryOtherYear(file, facts.sheet, facts.meta.year, rollup.year));
  }
  for (const [year, count] of [...inOtherYears].sort(([a], [b]) => a - b))
    lines.push(t.summaryInYears(year, count, rollup.year));
  for (const index of rollup.notNamed) {
    const { file, facts } = sources[index];
    lines.push(t.summaryNotNamed(file, facts.sheet, facts.meta.station));
  }
  for (const row of rollup.rows) {
    if (row.readIndex === null) continue;
    const { file, facts, errors } = sources[row.readIndex];
    if (errors > 0) lines.push(t.summaryProblems(file, facts.sheet, errors));
  }
  return lines;
}

/**
 * `scorecard summary FILE... -o OUT.xlsx|OUT.csv`: rolls the scorecards of many workbooks up into one workbook
 * (汇总, 创建名单, 历年对比 when there are several years, 来源文件, and the stations' copies: see COPIES_LIMIT) or
 * the 创建名单 (or the whole 汇总) as CSV. Unreadable files are reported one line each and skipped; the output is
 * still written. Exit 0 when every file was read, 2 otherwise.
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
  if (o.copies !== undefined && format !== ".xlsx") throw new UsageError(t.summaryCopiesXlsx);

  const sources: Source[] = [];
  const inputs: InputFile[] = [];
  let unreadable = 0;
  // Reads are kept while their copies may still go into the workbook (of the --year only, when given): always
  // with --copies; by default until the roll-up's year (--year, else any year: the most common one has at least
  // as many) has more than COPIES_LIMIT scorecards. After that only their facts cross from the workers.
  let copiesLikely = format === ".xlsx" && o.copies !== false;
  const perYear = new Map<number, number>();
  const count = (facts: ScorecardFacts): void => {
    const n = (perYear.get(facts.meta.year) ?? 0) + 1;
    perYear.set(facts.meta.year, n);
    if (o.copies || !copiesLikely || n <= COPIES_LIMIT) return;
    if (year !== undefined && facts.meta.year !== year) return;
    copiesLikely = false;
    for (const source of sources) source.read = undefined;
  };
  const results = mapFiles<SummaryJob, StationFile>(files, {
    script: WORKER,
    workers: workerCount(files.length),
    job: (file) => ({ file, lang, withReads: copiesLikely }),
    // Cloned as a worker's answer is: the reader's strings are slices of each part's text, which a kept slice
    // keeps whole (12 KB a file instead of 1.4 KB).
    local: async (file) => structuredClone(await readStationFile(file, lang, copiesLikely)),
    failed: (file, e) => ({ file, hash: null, error: fileReason(e, t) }),
  });
  for await (const result of results) {
    const { file, hash } = result;
    const first = sources.length;
    if (result.error !== undefined) {
      warn(t.unreadable(file, result.error));
      unreadable++;
    } else if (result.scorecards.length === 0) {
      warn(t.unreadable(file, t.summaryNoScorecards));
      unreadable++;
    } else
      for (const { facts, errors, read } of result.scorecards) {
        sources.push({
          file,
          facts,
          errors,
          read:
            read && copiesLikely && (year ?? facts.meta.year) === facts.meta.year ? rebuild(read) : undefined,
        });
        count(facts);
      }
    inputs.push({
      file,
      hash,
      readable: result.error === undefined,
      inputs: sources.slice(first).map((_, i) => first + i),
    });
  }
  const facts = sources.map((s) => s.facts);
  const rubric = rubricOf(o.edition, facts, lang);
  const built = buildRollup(facts, rubric, { year, unit });
  const received = built.rows.filter((row) => row.readIndex !== null).length;
  const copies = format === ".xlsx" && (o.copies ?? (copiesLikely && received <= COPIES_LIMIT));
  // Without copies, a row's 工作表 is the sheet in its own file.
  const rollup: Rollup = copies
    ? built
    : {
        ...built,
        rows: built.rows.map((row) =>
          row.readIndex === null ? row : { ...row, sheet: sources[row.readIndex].facts.sheet },
        ),
      };
  const years = compareYears(facts, rubric);
  // Files of other years leave the 汇总 but, in a workbook, stand in 历年对比: the skip line says so.
  const inYears = format !== ".csv" && years.years.length > 1;
  for (const line of reportLines(rollup, sources, lang, inYears)) warn(line);
  const timeline = timelineText(timelineStatus(rubric.notice, rollup.year, o.today ?? localDate(new Date())));

  if (format === ".csv") {
    await writeFile(o.out, o.csv === "summary" ? summaryCsv(rollup) : listCsv(rollup), "utf8");
    if (o.csv !== "summary") print(t.summaryListWritten(o.out, passingRows(rollup).length));
  } else {
    // The reads of the stations copied (a sparse array, by input index); none without copies.
    const copied: (ReadScorecard | undefined)[] = [];
    if (copies)
      for (const { readIndex } of rollup.rows)
        if (readIndex !== null) copied[readIndex] = sources[readIndex].read;
    for (const source of sources) source.read = undefined;
    const shownYears = inYears ? years.years : [];
    const extra = [
      ...(inYears ? [yearsPlan(years, rollup.issuer, true)] : []),
      sourcesPlan(rollup, facts, inputs, shownYears),
    ];
    // Loaded here: the workbook writer (ExcelJS) is 20 MB of a process that writes a .csv for nothing.
    const { rollupBytes } = await import("../../rollup/bytes");
    await writeFile(
      o.out,
      await rollupBytes(rollup, copied, { timeline: timeline.zh, extra, copies, deflate: nativeDeflate }),
    );
  }
  print(resultLine(rollup, o.out, lang));
  if (format !== ".csv")
    print(copies ? t.summaryCopied(received) : t.summaryNotCopied(received, COPIES_LIMIT));
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
  const t = cliText(lang);
  if (values.help) {
    io.out(t.summaryHelp.replace(/%LIMIT%/g, String(COPIES_LIMIT)));
    return EXIT.ok;
  }
  if (values.copies && values["no-copies"]) throw new UsageError(t.summaryCopiesBoth);
  return runSummary(
    positionals,
    {
      out: values.out,
      force: values.force ?? false,
      year: values.year,
      edition: values.edition,
      unit: values.unit,
      csv: values.csv,
      copies: values.copies ? true : values["no-copies"] ? false : undefined,
    },
    lang,
    io.out,
    io.err,
  );
}
