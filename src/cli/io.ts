import { existsSync, statSync } from "fs";
import { resolve } from "path";
import { UsageError, reason } from "./errors";
import { cliText } from "../i18n/cli";
import { workbookRefusal } from "../i18n/cliRead";
import { WorkbookFormatError } from "../xlsx/format";

/** Refuses to write over an existing file unless forced, and never over one of the command's inputs. */
export function guardOutput(
  out: string,
  inputs: readonly string[],
  force: boolean,
  t: ReturnType<typeof cliText>,
): void {
  const target = resolve(out);
  if (inputs.some((i) => resolve(i) === target)) throw new UsageError(t.exists(out));
  if (existsSync(target) && (!force || statSync(target).isDirectory())) throw new UsageError(t.exists(out));
}

/**
 * One line saying why a file could not be read, in the user's language only: system errors by their code,
 * unreadable workbooks by their problem (the parser's own English detail is left out).
 */
export function fileReason(e: unknown, t: ReturnType<typeof cliText>): string {
  // cliText hands out one object per language, so the texts tell the language.
  if (e instanceof WorkbookFormatError) return workbookRefusal(e, t === cliText("en") ? "en" : "zh");
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (code && t.fileErrors[code]) || reason(e);
}
