import { cliText } from "../i18n/cli";
import type { Lang } from "../i18n/types";
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
  summary: async (args, lang, io) => (await import("./commands/summary")).summaryMain(args, lang, io),
  export: async (args, lang, io) => (await import("./commands/export")).exportCommand(args, lang, io),
  sample: async (args, lang, io) => (await import("./commands/sample")).sampleCommand(args, lang, io),
};

const langOf = (argv: readonly string[]): Lang => {
  const i = argv.indexOf("--lang");
  return i >= 0 && argv[i + 1] === "en" ? "en" : "zh";
};

/** Runs one `scorecard` command and returns its exit code; never throws. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const lang = langOf(argv);
  const t = cliText(lang);
  const [command, ...rest] = argv;
  try {
    if (command === undefined || ["help", "--help", "-h"].includes(command)) {
      io.out(t.usage);
      return EXIT.ok;
    }
    const run = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(t.unknownCommand(command));
    return await run(rest, lang, io);
  } catch (e) {
    // Unknown options surface as parseArgs' TypeError (ERR_PARSE_ARGS_*): a usage problem like any other here.
    io.err(`scorecard: ${reason(e)}`);
    return EXIT.usage;
  }
}
