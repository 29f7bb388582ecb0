import { availableParallelism } from "os";
import { join } from "path";
import { cliText } from "../../i18n/cli";
import { cliReadText } from "../../i18n/cliRead";
import { cliReportText } from "../../i18n/cliReport";
import type { Lang } from "../../i18n/types";
import { vetoText } from "../../i18n/veto";
import { countedBasis } from "../../rollup/model";
import { EDITIONS } from "../../rubric";
import type { Verdict } from "../../scoring";
import {
  checkScorecard,
  hasErrors,
  workbookFindings,
  type CheckIssue,
  type FindingCode,
  type ScorecardCheck,
  type ScorecardState,
} from "../../sheet";
import { editionTitle, parseCommandArgs } from "../args";
import { isNumbered, itemList } from "../items";
import { readWorkbookBytes } from "../../xlsx/fileBytes";
import { streamScorecards } from "../../xlsx/stream/read";
import type { CheckJob } from "../checkWorker";
import { EXIT, UsageError, type ExitCode } from "../errors";
import type { Io } from "../main";
import { fileReason } from "../io";
import { mapFiles } from "../pool";

export interface FileCheck {
  readonly file: string;
  readonly error?: string;
  readonly scorecards: readonly ScorecardCheck[];
}

/** Reads and checks one file; an unreadable file becomes an entry with `error`, never an exception. */
export async function checkFile(file: string, lang: Lang): Promise<FileCheck> {
  try {
    const reads = streamScorecards(readWorkbookBytes(file));
    const extra = workbookFindings(reads);
    return { file, scorecards: reads.map((r) => checkScorecard(r, lang, extra.get(r))) };
  } catch (e) {
    return { file, error: fileReason(e, cliText(lang)), scorecards: [] };
  }
}

export function checkExitCode(files: readonly FileCheck[]): ExitCode {
  if (files.some((f) => f.error !== undefined)) return EXIT.usage;
  return hasErrors(files.flatMap((f) => f.scorecards)) ? EXIT.problems : EXIT.ok;
}

/** The compiled worker script, beside the compiled CLI (dist-cli); run from sources, check stays in-process. */
const WORKER = join(__dirname, "check-worker.cjs");

/**
 * Files a worker thread needs before it pays for itself: each one warms up its own JIT, and a thread's first few
 * hundred files run two to three times slower than the rest (on 2 cores one thread beat two up to ~1,000 files).
 */
export const FILES_PER_WORKER = 250;

/**
 * How many worker threads: $SCORECARD_JOBS when set (1 = in-process; never more than files), else one per core
 * and per FILES_PER_WORKER files, so a district's 17 files are checked in-process.
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.SCORECARD_JOBS);
  if (Number.isInteger(asked) && asked > 0) return Math.min(asked, files);
  return Math.max(1, Math.min(availableParallelism(), Math.floor(files / FILES_PER_WORKER)));
}

/** A progress line for stderr, only when it is a terminal and the run is long enough to need one. */
export function progressLine(
  stream: { readonly isTTY?: boolean; write(text: string): unknown },
  total: number,
  lang: Lang,
): ((done: number) => void) | undefined {
  if (!stream.isTTY || total <= 50) return undefined;
  const r = cliReadText(lang);
  return (done) => stream.write(done < total ? `\r${r.progress(done, total)}` : "\r\x1b[K");
}

/** The --json document around its entries, as JSON.stringify({ files }, null, 2) writes it. */
const DOC_HEAD = '{\n  "files": [';
const DOC_TAIL = "  ]\n}";

/** A file's entry exactly as it stands in that document: stringified in place, then cut out. */
const entryJson = (r: FileCheck): string => {
  const doc = JSON.stringify({ files: [r] }, null, 2);
  return doc.slice(DOC_HEAD.length + 1, doc.length - DOC_TAIL.length - 1);
};

/** A scorecard's line in the closing summary: plain data, small enough to keep for every file checked. */
export interface ReportRow {
  readonly file: string;
  /** The scorecard's sheet when its file holds several, else null. */
  readonly sheet: string | null;
  readonly station: string;
  readonly edition: string;
  readonly state: ScorecardState;
  readonly self: number;
  /** Null while the review has not begun. */
  readonly review: number | null;
  /** The verdict that counts: the review's once it is finished, else the self-assessment's. */
  readonly verdict: Verdict;
  readonly vetoItems: readonly string[];
  readonly errors: number;
  readonly warnings: number;
  /** Warnings by kind, for the closing totals. */
  readonly kinds: Partial<Record<FindingCode, number>>;
}

/** One file's part of the report, already rendered, so that worker threads hand back a string, not objects. */
export interface CheckedFile {
  readonly file: string;
  readonly error?: string;
  /** Its entry of the --json document (indented, without the separating comma), or its readable block. */
  readonly output: string;
  readonly code: ExitCode;
  /** Its scorecards' lines of the closing summary (readable report only). */
  readonly rows: readonly ReportRow[];
}

/** How the readable report is drawn. */
export interface ReportOptions {
  /** Every warning on its own line rather than grouped by kind. */
  readonly details: boolean;
}

export interface RunOptions extends ReportOptions {
  readonly json: boolean;
}

/** Whether the review column holds anything yet (or the state says the review has started). */
function reviewBegun(c: ScorecardCheck): boolean {
  const base = EDITIONS.find((r) => r.edition === c.edition)?.baseItems.length ?? 0;
  return (
    c.state === "复核中" ||
    c.state === "已复核" ||
    c.review.missing.length < base ||
    c.review.bonus > 0 ||
    c.review.vetoed
  );
}

function reportRows(r: FileCheck): ReportRow[] {
  return r.scorecards.map((c) => {
    const begun = reviewBegun(c);
    const counted = begun && countedBasis(c.review.verdict) === "review" ? c.review : c.self;
    const kinds: Partial<Record<FindingCode, number>> = {};
    let errors = 0;
    for (const i of c.issues)
      if (i.severity === "error") errors++;
      else if (i.code) kinds[i.code] = (kinds[i.code] ?? 0) + 1;
    return {
      file: r.file,
      sheet: r.scorecards.length > 1 ? c.sheet : null,
      station: c.station,
      edition: c.edition,
      state: c.state,
      self: c.self.total,
      review: begun ? c.review.total : null,
      verdict: counted.verdict,
      vetoItems: counted.vetoItems,
      errors,
      warnings: c.issues.length - errors,
      kinds,
    };
  });
}

const rendered = (r: FileCheck, lang: Lang, o: RunOptions): CheckedFile => ({
  file: r.file,
  error: r.error,
  output: o.json ? entryJson(r) : formatFile(r, lang, o),
  code: checkExitCode([r]),
  rows: o.json ? [] : reportRows(r),
});

export const checkAndRender = async (file: string, lang: Lang, o: RunOptions): Promise<CheckedFile> =>
  rendered(await checkFile(file, lang), lang, o);

/**
 * Checks the files, across worker threads when there are several, and writes each file's report as soon as it
 * and all files before it are done: memory stays flat however many files, and the order is the command line's.
 * `--json` prints, piece by piece, exactly JSON.stringify({ files }, null, 2). The readable report ends with a
 * line per scorecard, those with errors first, and the totals: only those lines are kept until the end.
 * An unreadable file is reported once, on stderr.
 */
export async function runCheck(
  files: readonly string[],
  o: RunOptions,
  lang: Lang,
  print: (line: string) => void,
  warn: (line: string) => void,
  progress?: (done: number) => void,
): Promise<ExitCode> {
  const t = cliText(lang);
  let code: ExitCode = EXIT.ok;
  let done = 0;
  let unreadable = 0;
  const rows: ReportRow[] = [];
  const results = mapFiles<CheckJob, CheckedFile>(files, {
    script: WORKER,
    workers: workerCount(files.length),
    job: (file) => ({ file, lang, options: o }),
    local: (file) => checkAndRender(file, lang, o),
    failed: (file, e) => rendered({ file, error: fileReason(e, t), scorecards: [] }, lang, o),
  });
  if (o.json) print(DOC_HEAD);
  for await (const result of results) {
    done++;
    if (result.error !== undefined) {
      warn(t.unreadable(result.file, result.error));
      unreadable++;
    }
    if (o.json) print(done < files.length ? `${result.output},` : result.output);
    else if (result.error === undefined) print(result.output);
    rows.push(...result.rows);
    code = Math.max(code, result.code) as ExitCode;
    progress?.(done);
  }
  if (o.json) print(DOC_TAIL);
  else for (const line of closingSummary(rows, files.length, unreadable, lang)) print(line);
  return code;
}

/** A verdict as the report words it, with the veto items behind a 否决. */
function verdictWords(verdict: Verdict, vetoItems: readonly string[], edition: string, lang: Lang): string {
  const t = cliText(lang);
  const rubric = EDITIONS.find((e) => e.edition === edition);
  if (verdict !== "veto" || !rubric || vetoItems.length === 0) return t.verdicts[verdict];
  return cliReportText(lang).vetoedBy(vetoText(rubric, vetoItems, lang));
}

/** The issues of one scorecard: errors one by one; warnings grouped by kind unless `details`. */
function issueLines(issues: readonly CheckIssue[], lang: Lang, o: ReportOptions): string[] {
  const r = cliReportText(lang);
  const line = (i: CheckIssue): string =>
    `      ${i.severity === "error" ? "✗" : "!"} ${i.cell.padEnd(5)} ${i.message}`;
  const lines = issues.filter((i) => i.severity === "error").map(line);
  const warnings = issues.filter((i) => i.severity !== "error");
  if (o.details) return [...lines, ...warnings.map(line)];
  const byKind = new Map<FindingCode | undefined, CheckIssue[]>();
  for (const w of warnings) byKind.set(w.code, [...(byKind.get(w.code) ?? []), w]);
  for (const [code, group] of byKind) {
    if (group.length === 1 || code === undefined) {
      lines.push(...group.map(line));
      continue;
    }
    const where = group.every((i) => isNumbered(i.item))
      ? itemList(
          group.map((i) => i.item),
          lang,
        )
      : group.map((i) => i.cell).join(r.itemSeparator);
    lines.push(`      ! ${r.grouped(r.kinds[code], group.length, where)}${r.detailsHint}`);
  }
  return lines;
}

/** The readable report of one file (a readable one: an unreadable file is reported on stderr only). */
export function formatFile(r: FileCheck, lang: Lang, o: ReportOptions = { details: false }): string {
  const t = cliText(lang);
  const rt = cliReportText(lang);
  const sep = lang === "en" ? ": " : "：";
  const lines = [`${t.file}${sep}${r.file}`];
  if (r.error !== undefined) return [...lines, `  ${t.unreadable(r.file, r.error)}`].join("\n");
  if (r.scorecards.length === 0) lines.push(`  ${t.noScorecards}`);
  for (const c of r.scorecards) {
    lines.push(
      `  【${c.sheet}】${t.station}${sep}${c.station}  ${t.year}${sep}${c.year}  ` +
        `${t.edition}${sep}${editionTitle(c.edition, lang)}  ${rt.state}${sep}${rt.states[c.state]}`,
    );
    const begun = reviewBegun(c);
    for (const [label, s, shown] of [
      [t.self, c.self, true],
      [t.review, c.review, begun],
    ] as const) {
      if (!shown) {
        lines.push(`    ${label}${sep}${rt.reviewNotStarted}`);
        continue;
      }
      const missing =
        s.missing.length > 0 ? `  ${rt.unscored(s.missing.length, itemList(s.missing, lang))}` : "";
      lines.push(
        `    ${label}${sep}${t.base} ${s.base}  ${t.bonus} ${s.bonus}  ${t.total} ${s.total}  ` +
          `${t.verdict} ${verdictWords(s.verdict, s.vetoItems, c.edition, lang)}${missing}`,
      );
    }
    if (c.issues.length === 0) lines.push(`    ${t.noIssues}`);
    else {
      const errors = c.issues.filter((i) => i.severity === "error").length;
      lines.push(`    ${rt.issueCounts(errors, c.issues.length - errors)}`);
      lines.push(...issueLines(c.issues, lang, o));
    }
    const selfShort = c.shortfalls.filter((s) => s.column === "self");
    if (selfShort.length > 0) {
      lines.push(`    ${t.shortfalls}`);
      lines.push(
        `      ${selfShort.map((s) => `${t.item(s.item)} −${s.lost}`).join(lang === "en" ? ", " : "，")}`,
      );
    }
    if (c.differences.length > 0) {
      lines.push(`    ${t.differences}`);
      for (const d of c.differences)
        lines.push(
          `      ${t.item(d.item)}  ${d.self} → ${d.review}${d.delta === null ? "" : ` (${d.delta > 0 ? "+" : ""}${d.delta})`}`,
        );
    }
  }
  return lines.join("\n");
}

/** After the files: one line per scorecard, those with errors first (else in command-line order), then the totals. */
export function closingSummary(
  rows: readonly ReportRow[],
  files: number,
  unreadable: number,
  lang: Lang,
): string[] {
  const r = cliReportText(lang);
  const ordered = [...rows.filter((x) => x.errors > 0), ...rows.filter((x) => x.errors === 0)];
  const lines = ordered.length > 0 ? ["", r.summaryHeading(rows.length)] : [""];
  for (const row of ordered)
    lines.push(
      `  ${row.errors > 0 ? "✗" : row.warnings > 0 ? "!" : "✓"} ` +
        r.summaryLine({
          station: row.station,
          where: row.sheet === null ? row.file : `${row.file}${r.whereSeparator}${row.sheet}`,
          state: r.states[row.state],
          self: String(row.self),
          review: row.review === null ? r.noReview : String(row.review),
          verdict: verdictWords(row.verdict, row.vetoItems, row.edition, lang),
          errors: row.errors,
          warnings: row.warnings,
        }),
    );
  const kinds = new Map<FindingCode, number>();
  for (const row of rows)
    for (const [code, n] of Object.entries(row.kinds) as [FindingCode, number][])
      kinds.set(code, (kinds.get(code) ?? 0) + n);
  const withErrors = new Set(rows.filter((x) => x.errors > 0).map((x) => x.file)).size;
  lines.push(
    r.totalLine({
      files,
      unreadable,
      withErrors,
      kinds: [...kinds].map(([code, n]) => r.kindCount(r.kinds[code], n)).join(r.kindSeparator),
    }),
  );
  return lines;
}

/** `scorecard check …` from its arguments (after the word "check"). */
export async function checkCommand(args: readonly string[], lang: Lang, io: Io): Promise<ExitCode> {
  const t = cliText(lang);
  const { values, positionals } = parseCommandArgs(
    "check",
    {
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        details: { type: "boolean", default: false },
        lang: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    lang,
  );
  if (values.help) {
    io.out(t.checkHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError(t.noFiles);
  const progress = progressLine(process.stderr, positionals.length, lang);
  const options = { json: values.json ?? false, details: values.details ?? false };
  return runCheck(positionals, options, lang, io.out, io.err, progress);
}
