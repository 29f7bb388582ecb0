import { existsSync, statSync } from "fs";
import { resolve } from "path";
import { UsageError, reason } from "./errors";
import { cliText } from "../i18n/cli";
import { cliReadText } from "../i18n/cliRead";
import { WorkbookFormatError } from "../xlsx/format";
import { READ_LIMITS, type ReadLimit } from "../xlsx/limits";

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

/** A limit's figure as its refusal gives it: sizes in MB, counts as they are. */
const limitFigure = (limit: ReadLimit): number =>
  limit.endsWith("Bytes") ? READ_LIMITS[limit] / 1024 / 1024 : READ_LIMITS[limit];

/** Why a workbook could not be read: which limit and where, how it is damaged, or what the file is instead. */
function workbookReason(e: WorkbookFormatError, r: ReturnType<typeof cliReadText>): string {
  if (e.problem === "too-large" && e.limit) return r.limit[e.limit](limitFigure(e.limit), e.part ?? "");
  if (e.problem === "damaged" && e.damage) return r.damage[e.damage](e.part ?? "");
  return r.format[e.problem];
}

/**
 * One line saying why a file could not be read, in the user's language only: system errors by their code,
 * unreadable workbooks by their problem (the parser's own English detail is left out).
 */
export function fileReason(e: unknown, t: ReturnType<typeof cliText>): string {
  // cliText hands out one object per language, so the texts tell the language.
  const r = cliReadText(t === cliText("en") ? "en" : "zh");
  if (e instanceof WorkbookFormatError) return workbookReason(e, r);
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (code && t.fileErrors[code]) || reason(e);
}
