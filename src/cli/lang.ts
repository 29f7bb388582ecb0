import type { Lang } from "../i18n/types";

// Apart from ./args (which loads the rubric): main reads the language before any command, `--help` included.

/** The languages of --lang. */
export const LANGS: readonly Lang[] = ["zh", "en"];

/**
 * --lang as written (`--lang en` or `--lang=en`), undefined when absent: main reads it before the command
 * parses its arguments, so that every message, a usage error included, comes in that language.
 */
export function langArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  // After "--" every word is a file, whatever it looks like.
  for (let i = 0; i < argv.length && argv[i] !== "--"; i++) {
    if (argv[i] === "--lang") found = argv[i + 1] ?? "";
    else if (argv[i].startsWith("--lang=")) found = argv[i].slice("--lang=".length);
  }
  return found;
}
