import { parseArgs } from "util";
import { cliText } from "../i18n/cli";
import type { Lang } from "../i18n/types";
import { runCheck } from "./commands/check";
import { newHelp, runNew } from "./commands/new";
import { EXIT, UsageError, reason, type ExitCode } from "./errors";

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

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
    switch (command) {
      case "new": {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            station: { type: "string" },
            year: { type: "string" },
            edition: { type: "string" },
            out: { type: "string", short: "o" },
            force: { type: "boolean", default: false },
            password: { type: "string" },
            lang: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
          },
        });
        if (values.help) return help(io, newHelp(lang));
        return await runNew({ ...values, force: values.force ?? false }, lang, io.out);
      }
      case "check": {
        const { values, positionals } = parseArgs({
          args: [...rest],
          allowPositionals: true,
          options: {
            json: { type: "boolean", default: false },
            lang: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
          },
        });
        if (values.help) return help(io, t.checkHelp);
        if (positionals.length === 0) throw new UsageError(t.noFiles);
        return await runCheck(positionals, { json: values.json ?? false }, lang, io.out, io.err);
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        return help(io, t.usage);
      default:
        throw new UsageError(t.unknownCommand(command));
    }
  } catch (e) {
    // parseArgs reports unknown options with a TypeError carrying ERR_PARSE_ARGS_* codes: a usage problem too.
    io.err(`scorecard: ${reason(e)}`);
    return EXIT.usage;
  }
}

function help(io: Io, text: string): ExitCode {
  io.out(text);
  return EXIT.ok;
}
