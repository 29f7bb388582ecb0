import { constants } from "fs";
import { copyFile, rename, rm, writeFile } from "fs/promises";
import { basename, dirname, extname, join } from "path";
import { cliText } from "../../i18n/cli";
import { cliReportText } from "../../i18n/cliReport";
import { cliReviewText } from "../../i18n/cliReview";
import type { Lang } from "../../i18n/types";
import {
  TransitionRefusedError,
  applyTransition,
  blockers,
  localTimeWithOffset,
  type Blocker,
  type Transition,
} from "../../review";
import { isIntegrity, isScorecard, readScorecard, sameSheetName, type ReadScorecard } from "../../sheet";
import { XlsxPort } from "../../xlsx";
import { readWorkbookBytes } from "../../xlsx/fileBytes";
import { NODE_READ } from "../../xlsx/stream/read";
import { parseCommandArgs } from "../args";
import { EXIT, UsageError, type ExitCode } from "../errors";
import { fileReason, guardOutput } from "../io";
import { itemList } from "../items";
import type { Io } from "../main";

/*
 * `scorecard submit` and `scorecard return`: the pane's 提交 and 退回修改 for files filled without the add-in.
 * Both go through applyTransition over an XlsxPort, the very path the pane's file mode takes.
 */

export interface ReviewOptions {
  readonly operator?: string;
  readonly reason?: string;
  readonly sheet?: string;
  readonly out?: string;
  readonly force: boolean;
  /** The clock, injected so that tests pin the recorded time. */
  readonly now?: () => Date;
}

/** The transitions the command line offers: a district registers a submission, or returns one. */
type FileTransition = Extract<Transition, "submit" | "reopen">;

const OPTIONS = {
  operator: { type: "string" },
  reason: { type: "string" },
  sheet: { type: "string" },
  out: { type: "string", short: "o" },
  force: { type: "boolean", default: false },
  lang: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** A copy of `file` beside it, named for the action (巴川街道.提交前.xlsx), numbered rather than overwritten. */
async function backUp(file: string, action: FileTransition): Promise<string> {
  const ext = extname(file);
  const stem = join(dirname(file), basename(file, ext));
  const mark = action === "submit" ? "提交前" : "退回前";
  for (let n = 1; ; n++) {
    const target = `${stem}.${mark}${n === 1 ? "" : `(${n})`}${ext}`;
    try {
      await copyFile(file, target, constants.COPYFILE_EXCL);
      return target;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
}

/** Replaces `file` whole: the bytes go to a temporary file beside it, renamed over it in one step. */
async function replaceFile(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
}

/** The scorecard to act on: the only one, or the one --sheet names (without regard to case, as Excel does). */
function pick(
  reads: readonly ReadScorecard[],
  file: string,
  sheet: string | undefined,
  lang: Lang,
): ReadScorecard {
  const r = cliReviewText(lang);
  const names = reads.map((x) => x.sheet);
  if (reads.length === 0) throw new UsageError(r.noScorecards(file));
  if (sheet !== undefined) {
    const read = reads.find((x) => sameSheetName(x.sheet, sheet));
    if (!read) throw new UsageError(r.noSheet(file, sheet, names));
    return read;
  }
  if (reads.length > 1) throw new UsageError(r.whichSheet(file, names));
  return reads[0];
}

const findingLine = (cell: string, message: string): string => `    ✗ ${cell.padEnd(5)} ${message}`;

/** Why a transition is refused, one reason a line, each invalid entry and integrity error with its cell. */
function refusalLines(
  read: ReadScorecard,
  refused: readonly Blocker[],
  transition: FileTransition,
  lang: Lang,
): string[] {
  const r = cliReviewText(lang);
  const state = cliReportText(lang).states[read.meta.state];
  const lines: string[] = [];
  for (const blocker of refused) {
    if (blocker === "state") lines.push(`  ${r.blockState(state, r.actions[transition])}`);
    if (blocker === "self-invalid") {
      const invalid = read.findings.filter((f) => f.code === "invalid-entry" && f.column === "self");
      lines.push(`  ${r.blockSelfInvalid(invalid.length)}`);
      lines.push(...invalid.map((f) => findingLine(f.cell, f.message[lang])));
    }
    if (blocker === "self-empty") {
      const empty = read.scores.self.empty;
      lines.push(`  ${r.blockSelfEmpty(empty.length, itemList(empty, lang))}`);
    }
    if (blocker === "integrity") {
      const errors = read.findings.filter((f) => isIntegrity(f) && f.severity === "error");
      lines.push(`  ${r.blockIntegrity(errors.length)}`);
      lines.push(...errors.map((f) => findingLine(f.cell, f.message[lang])));
    }
  }
  return lines;
}

/** Sheet protection's password hash, which a redraw cannot know: carried over so that the password still holds. */
type PasswordHash = { algorithmName?: string; hashValue?: string; saltValue?: string; spinCount?: number };

async function actOnFile(
  file: string,
  transition: FileTransition,
  o: ReviewOptions,
  lang: Lang,
  io: Io,
): Promise<ExitCode> {
  const t = cliText(lang);
  const r = cliReviewText(lang);
  let port: XlsxPort;
  try {
    port = await XlsxPort.load(readWorkbookBytes(file), NODE_READ);
  } catch (e) {
    throw new UsageError(t.unreadable(file, fileReason(e, t)));
  }
  const reads = (await port.readGrids()).filter(isScorecard).map(readScorecard);
  const read = pick(reads, file, o.sheet, lang);
  const now = (o.now ?? (() => new Date()))();
  const worksheet = port.workbook.worksheets.find((w) => w.name === read.sheet);
  const hash = (worksheet as unknown as { sheetProtection?: PasswordHash } | undefined)?.sheetProtection;
  const kept: PasswordHash | undefined = hash?.hashValue
    ? {
        algorithmName: hash.algorithmName,
        hashValue: hash.hashValue,
        saltValue: hash.saltValue,
        spinCount: hash.spinCount,
      }
    : undefined;
  let done;
  try {
    done = await applyTransition(port, read.sheet, transition, {
      now,
      operator: o.operator ?? "",
      reason: o.reason,
    });
  } catch (e) {
    if (!(e instanceof TransitionRefusedError)) throw e;
    io.err(r.refused(r.actions[transition], file, read.sheet));
    for (const line of refusalLines(read, blockers(read, transition), transition, lang)) io.err(line);
    return EXIT.problems;
  }
  if (kept) {
    const redrawn = port.workbook.worksheets.find((w) => w.name === read.sheet) as unknown as {
      sheetProtection?: PasswordHash;
    };
    redrawn.sheetProtection = { ...redrawn.sheetProtection, ...kept };
  }
  const bytes = await port.toBuffer();
  let backup: string | null = null;
  if (o.out !== undefined) await writeFile(o.out, bytes);
  else {
    backup = await backUp(file, transition);
    await replaceFile(file, bytes);
  }
  io.out(
    r.done({
      action: r.actions[transition],
      file: o.out ?? file,
      sheet: read.sheet,
      from: done.from,
      to: done.to,
      operator: (o.operator ?? "").trim(),
      time: localTimeWithOffset(now),
    }),
  );
  if (done.plan.meta.submission) io.out(r.hash(done.plan.meta.submission.hash));
  if (backup) io.out(r.backup(backup));
  return EXIT.ok;
}

/**
 * Applies `transition` to each file in turn. Usage problems (a missing --operator, an unreadable file) are
 * reported one line each; a refused scorecard lists its reasons; the others are still done.
 */
export async function runReview(
  files: readonly string[],
  transition: FileTransition,
  o: ReviewOptions,
  lang: Lang,
  io: Io,
): Promise<ExitCode> {
  const t = cliText(lang);
  const r = cliReviewText(lang);
  if (files.length === 0) throw new UsageError(t.noFiles);
  if (!o.operator?.trim()) throw new UsageError(r.missingOperator);
  if (transition === "reopen" && !o.reason?.trim()) throw new UsageError(r.missingReason);
  if (o.out !== undefined) {
    if (files.length > 1) throw new UsageError(r.oneFileForOut);
    guardOutput(o.out, files, o.force, t);
  }
  let code: ExitCode = EXIT.ok;
  for (const file of files) {
    try {
      code = Math.max(code, await actOnFile(file, transition, o, lang, io)) as ExitCode;
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      io.err(`scorecard: ${e.message}`);
      code = EXIT.usage;
    }
  }
  return code;
}

/** `scorecard submit FILE... --operator NAME`. */
export async function submitCommand(args: readonly string[], lang: Lang, io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    "submit",
    { args: [...args], allowPositionals: true, options: OPTIONS },
    lang,
  );
  if (values.help) {
    io.out(cliReviewText(lang).submitHelp);
    return EXIT.ok;
  }
  return runReview(positionals, "submit", { ...values, force: values.force ?? false }, lang, io);
}

/** `scorecard return FILE --operator NAME --reason TEXT`. */
export async function returnCommand(args: readonly string[], lang: Lang, io: Io): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    "return",
    { args: [...args], allowPositionals: true, options: OPTIONS },
    lang,
  );
  if (values.help) {
    io.out(cliReviewText(lang).returnHelp);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(cliReviewText(lang).returnOneFile(positionals.length));
  return runReview(positionals, "reopen", { ...values, force: values.force ?? false }, lang, io);
}
