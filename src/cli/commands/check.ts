import { availableParallelism } from "os";
import { join } from "path";
import { parseArgs } from "util";
import { cliText } from "../../i18n/cli";
import { cliReadText } from "../../i18n/cliRead";
import type { Lang } from "../../i18n/types";
import { checkScorecard, hasErrors, workbookFindings, type ScorecardCheck } from "../../sheet";
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

/** One file's part of the report, already rendered, so that worker threads hand back a string, not objects. */
export interface CheckedFile {
  readonly file: string;
  readonly error?: string;
  /** Its entry of the --json document (indented, without the separating comma), or its readable block. */
  readonly output: string;
  readonly code: ExitCode;
}

const rendered = (r: FileCheck, lang: Lang, json: boolean): CheckedFile => ({
  file: r.file,
  error: r.error,
  output: json ? entryJson(r) : formatFile(r, lang),
  code: checkExitCode([r]),
});

export const checkAndRender = async (file: string, lang: Lang, json: boolean): Promise<CheckedFile> =>
  rendered(await checkFile(file, lang), lang, json);

/**
 * Checks the files, across worker threads when there are several, and writes each file's report as soon as it
 * and all files before it are done: memory stays flat however many files, and the order is the command line's.
 * `--json` prints, piece by piece, exactly JSON.stringify({ files }, null, 2).
 */
export async function runCheck(
  files: readonly string[],
  o: { json: boolean },
  lang: Lang,
  print: (line: string) => void,
  warn: (line: string) => void,
  progress?: (done: number) => void,
): Promise<ExitCode> {
  const t = cliText(lang);
  let code: ExitCode = EXIT.ok;
  let done = 0;
  const results = mapFiles<CheckJob, CheckedFile>(files, {
    script: WORKER,
    workers: workerCount(files.length),
    job: (file) => ({ file, lang, json: o.json }),
    local: (file) => checkAndRender(file, lang, o.json),
    failed: (file, e) => rendered({ file, error: fileReason(e, t), scorecards: [] }, lang, o.json),
  });
  if (o.json) print(DOC_HEAD);
  for await (const result of results) {
    done++;
    if (result.error !== undefined) warn(t.unreadable(result.file, result.error));
    print(o.json && done < files.length ? `${result.output},` : result.output);
    code = Math.max(code, result.code) as ExitCode;
    progress?.(done);
  }
  if (o.json) print(DOC_TAIL);
  return code;
}

/** The readable report, one block per file. */
export function formatFile(r: FileCheck, lang: Lang): string {
  const t = cliText(lang);
  const lines = [`${t.file}：${r.file}`.replace("：", lang === "en" ? ": " : "：")];
  if (r.error !== undefined) return [...lines, `  ${t.unreadable(r.file, r.error)}`].join("\n");
  if (r.scorecards.length === 0) lines.push(`  ${t.noScorecards}`);
  const sep = lang === "en" ? ": " : "：";
  for (const c of r.scorecards) {
    lines.push(
      `  【${c.sheet}】${t.station}${sep}${c.station}  ${t.year}${sep}${c.year}  ${t.edition}${sep}${c.edition}`,
    );
    for (const [label, s] of [
      [t.self, c.self],
      [t.review, c.review],
    ] as const) {
      const missing = s.missing.length > 0 ? `  ${t.missing(s.missing.length)}` : "";
      lines.push(
        `    ${label}${sep}${t.base} ${s.base}  ${t.bonus} ${s.bonus}  ${t.total} ${s.total}  ${t.verdict} ${t.verdicts[s.verdict]}${missing}`,
      );
    }
    if (c.issues.length === 0) lines.push(`    ${t.noIssues}`);
    else {
      lines.push(`    ${t.issues(c.issues.length)}`);
      for (const i of c.issues)
        lines.push(`      ${i.severity === "error" ? "✗" : "!"} ${i.cell.padEnd(5)} ${i.message}`);
    }
    const selfShort = c.shortfalls.filter((s) => s.column === "self");
    if (selfShort.length > 0) {
      lines.push(`    ${t.shortfalls}`);
      lines.push(`      ${selfShort.map((s) => `${t.item(s.item)} −${s.lost}`).join("，")}`);
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

/** `scorecard check …` from its arguments (after the word "check"). */
export async function checkCommand(args: readonly string[], lang: Lang, io: Io): Promise<ExitCode> {
  const t = cliText(lang);
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      lang: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.out(t.checkHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError(t.noFiles);
  const progress = progressLine(process.stderr, positionals.length, lang);
  return runCheck(positionals, { json: values.json ?? false }, lang, io.out, io.err, progress);
}
