import { statSync } from "fs";
import { mkdtemp, rm, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { join, resolve } from "path";
import {
  compliantWorkbook,
  draftPath,
  exportDecision,
  exportFormatOf,
  toCsv,
  type ExportProblem,
} from "../../export";
import { findSoffice, pdfFromXlsx } from "../../export/pdf";
import { cliText } from "../../i18n/cli";
import type { Lang } from "../../i18n/types";
import { sameSheetName, workbookFindings, type ReadScorecard } from "../../sheet";
import { readScorecards } from "../../xlsx";
import { readWorkbookFile, writeWorkbookFile } from "../../xlsx/files";
import { parseCommandArgs } from "../args";
import { EXIT, UsageError, reason, type ExitCode } from "../errors";
import { fileReason, guardOutput } from "../io";
import type { Io } from "../main";

export interface ExportOptions {
  readonly sheet?: string;
  readonly out?: string;
  readonly draft: boolean;
  readonly force: boolean;
}

/** What the command needs from the machine, replaceable in tests. */
export interface ExportDeps {
  /** The LibreOffice binary, or null when it is not installed. */
  readonly findSoffice?: () => string | null;
  readonly pdfTimeoutMs?: number;
}

type Text = ReturnType<typeof cliText>;

/** The same file by identity (hard link, symbolic link, another spelling of the path), not only by name. */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function pickScorecard(
  reads: readonly ReadScorecard[],
  file: string,
  sheet: string | undefined,
  t: Text,
): ReadScorecard {
  const names = reads.map((r) => r.sheet);
  if (reads.length === 0) throw new UsageError(t.exportNoScorecards(file));
  if (sheet !== undefined) {
    // As Excel does, --sheet matches a sheet name without regard to case.
    const read = reads.find((r) => sameSheetName(r.sheet, sheet));
    if (!read) throw new UsageError(t.exportNoSheet(sheet, names));
    return read;
  }
  if (reads.length > 1) throw new UsageError(t.exportWhichSheet(file, names));
  return reads[0];
}

const problemLine = (p: ExportProblem, lang: Lang): string =>
  `  ${p.severity === "error" ? "✗" : "!"} ${p.cell.padEnd(5)} ${p.message[lang]}`;

/** Writes the compliant copy as PDF: the .xlsx goes to a temporary folder, LibreOffice converts it. */
async function writePdf(
  read: ReadScorecard,
  draft: boolean,
  out: string,
  soffice: string,
  deps: ExportDeps,
): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "scorecard-export-"));
  try {
    const xlsx = join(work, "scorecard.xlsx");
    await writeWorkbookFile(compliantWorkbook(read, { draft, forPdf: true }), xlsx);
    await pdfFromXlsx(xlsx, out, { soffice, timeoutMs: deps.pdfTimeoutMs });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * `scorecard export FILE -o OUT [--sheet NAME] [--draft] [--force]`. Usage problems (wrong arguments, an
 * unreadable file, an output that exists, LibreOffice missing) throw UsageError (exit 2); a refused export
 * prints its problems through `warn` and returns 1.
 */
export async function runExport(
  file: string,
  o: ExportOptions,
  lang: Lang,
  print: (line: string) => void,
  warn: (line: string) => void,
  deps: ExportDeps = {},
): Promise<ExitCode> {
  const t = cliText(lang);
  if (!o.out) throw new UsageError(t.missingOption("out"));
  const format = exportFormatOf(o.out);
  if (!format) throw new UsageError(t.exportFormat(o.out));
  const out = o.draft ? draftPath(o.out) : o.out;
  if (sameFile(out, file)) throw new UsageError(t.exportIsInput(out));
  guardOutput(out, [file], o.force, t);
  const soffice = format === "pdf" ? (deps.findSoffice ?? findSoffice)() : null;
  if (format === "pdf" && !soffice) throw new UsageError(t.noSoffice);

  let reads: ReadScorecard[];
  try {
    reads = readScorecards(await readWorkbookFile(file));
  } catch (e) {
    throw new UsageError(t.unreadable(file, fileReason(e, t)));
  }
  const read = pickScorecard(reads, file, o.sheet, t);
  const decision = exportDecision(read, { draft: o.draft, extra: workbookFindings(reads).get(read) });
  const notes = (): void => {
    if (decision.warnings.length === 0) return;
    warn(t.exportNotes(decision.warnings.length));
    for (const w of decision.warnings) warn(problemLine(w, lang));
  };
  if (!decision.ok) {
    const unscored = decision.problems.filter((p) => p.kind === "unscored").length;
    warn(
      decision.reason === "incomplete"
        ? t.exportIncomplete(read.sheet, unscored)
        : decision.reason === "not-submitted"
          ? t.exportNotSubmitted(read.sheet)
          : t.exportRefused(read.sheet, decision.problems.length),
    );
    for (const p of decision.problems) warn(problemLine(p, lang));
    notes();
    return EXIT.problems;
  }

  if (format === "xlsx") await writeWorkbookFile(compliantWorkbook(read, { draft: decision.draft }), out);
  else if (format === "csv") await writeFile(out, toCsv(read, lang, { draft: decision.draft }), "utf8");
  else {
    try {
      await writePdf(read, decision.draft, out, soffice ?? "", deps);
    } catch (e) {
      throw new UsageError(t.pdfFailed(reason(e)));
    }
  }
  notes();
  print(decision.draft ? t.exportedDraft(out, read.sheet) : t.exported(out, read.sheet));
  return EXIT.ok;
}

/** The options of `scorecard export`, for util.parseArgs. */
export const EXPORT_ARGS = {
  sheet: { type: "string" },
  out: { type: "string", short: "o" },
  draft: { type: "boolean", default: false },
  force: { type: "boolean", default: false },
  lang: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** `scorecard export …` from its arguments (after the word "export"): parses them, prints help or runs. */
export async function exportCommand(
  args: readonly string[],
  lang: Lang,
  io: Io,
  deps: ExportDeps = {},
): Promise<ExitCode> {
  const t = cliText(lang);
  const { values, positionals } = parseCommandArgs(
    "export",
    { args: [...args], allowPositionals: true, options: EXPORT_ARGS },
    lang,
  );
  if (values.help) {
    io.out(t.exportHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError(t.exportOneFile);
  if (positionals.length > 1) throw new UsageError(t.exportManyFiles(positionals));
  return runExport(
    positionals[0],
    { sheet: values.sheet, out: values.out, draft: values.draft ?? false, force: values.force ?? false },
    lang,
    io.out,
    io.err,
    deps,
  );
}
