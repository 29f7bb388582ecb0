import { cliText } from "../i18n/cli";
import type { Lang } from "../i18n/types";
import { version } from "../../package.json";
import { LANGS, langArgument } from "./lang";
import { EXIT, UsageError, reason, type ExitCode } from "./errors";

export { processIo } from "./stdio";

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

type Command = (args: readonly string[], lang: Lang, io: Io) => Promise<ExitCode>;

// Each command loads its modules (ExcelJS among them) only when it runs, so `scorecard --help` starts fast.
const COMMANDS: Readonly<Record<string, Command>> = {
  new: async (args, lang, io) => (await import("./commands/new")).newCommand(args, lang, io),
  check: async (args, lang, io) => (await import("./commands/check")).checkCommand(args, lang, io),
  submit: async (args, lang, io) => (await import("./commands/review")).submitCommand(args, lang, io),
  return: async (args, lang, io) => (await import("./commands/review")).returnCommand(args, lang, io),
  summary: async (args, lang, io) => (await import("./commands/summary")).summaryMain(args, lang, io),
  export: async (args, lang, io) => (await import("./commands/export")).exportCommand(args, lang, io),
  sample: async (args, lang, io) => (await import("./commands/sample")).sampleCommand(args, lang, io),
};

/** Runs one `scorecard` command and returns its exit code; never throws. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const asked = langArgument(argv);
  // A language the command line cannot speak is refused (in Chinese, the default), not quietly replaced.
  const lang: Lang = LANGS.find((l) => l === asked) ?? "zh";
  const t = cliText(lang);
  // --lang may also come before the command: scorecard --lang en check a.xlsx.
  const skip = argv[0] === "--lang" ? 2 : argv[0]?.startsWith("--lang=") ? 1 : 0;
  const [command, ...rest] = argv.slice(skip);
  try {
    if (asked !== undefined && !LANGS.some((l) => l === asked)) throw new UsageError(t.badLang(asked));
    if (command === undefined || ["help", "--help", "-h"].includes(command)) {
      io.out(t.usage);
      return EXIT.ok;
    }
    if (command === "--version" || command === "-v") {
      io.out(`scorecard ${version}`);
      return EXIT.ok;
    }
    const run = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(t.unknownCommand(command));
    return await run(rest, lang, io);
  } catch (e) {
    io.err(`scorecard: ${reason(e)}`);
    return EXIT.usage;
  }
}
