import { cliText } from "../../i18n/cli";
import type { Lang } from "../../i18n/types";
import { checkScorecard, hasErrors, workbookFindings, type ScorecardCheck } from "../../sheet";
import { readScorecards } from "../../xlsx";
import { readWorkbookFile } from "../../xlsx/files";
import { parseArgs } from "util";
import { EXIT, UsageError, type ExitCode } from "../errors";
import type { Io } from "../main";
import { fileReason } from "../io";

export interface FileCheck {
  readonly file: string;
  readonly error?: string;
  readonly scorecards: readonly ScorecardCheck[];
}

/** Reads and checks one file; an unreadable file becomes an entry with `error`, never an exception. */
export async function checkFile(file: string, lang: Lang): Promise<FileCheck> {
  try {
    const reads = readScorecards(await readWorkbookFile(file));
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

export async function runCheck(
  files: readonly string[],
  o: { json: boolean },
  lang: Lang,
  print: (line: string) => void,
  warn: (line: string) => void,
): Promise<ExitCode> {
  const t = cliText(lang);
  const results: FileCheck[] = [];
  for (const file of files) {
    const result = await checkFile(file, lang);
    if (result.error !== undefined) warn(t.unreadable(file, result.error));
    results.push(result);
  }
  if (o.json) print(JSON.stringify({ files: results }, null, 2));
  else for (const r of results) print(formatFile(r, lang));
  return checkExitCode(results);
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
  return runCheck(positionals, { json: values.json ?? false }, lang, io.out, io.err);
}
