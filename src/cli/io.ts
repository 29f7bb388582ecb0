import { existsSync, statSync } from "fs";
import { resolve } from "path";
import { UsageError, reason } from "./errors";
import type { cliText } from "../i18n/cli";

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

/** One line saying why a file could not be read, in the user's language where the system gives a code. */
export function fileReason(e: unknown, t: ReturnType<typeof cliText>): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (code && t.fileErrors[code]) || reason(e);
}
