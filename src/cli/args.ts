import { parseArgs, type ParseArgsConfig } from "util";
import { cliText } from "../i18n/cli";
import type { Lang } from "../i18n/types";
import { DEFAULT_EDITION, EDITIONS, getRubric, type Rubric } from "../rubric";
import { UsageError } from "./errors";

type ParseError = Error & { code?: string };

/** The option or argument a parseArgs error names: the first quoted text, long name preferred. */
function named(message: string): string {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? "";
  return /--[\w-]+/.exec(quoted)?.[0] ?? quoted.split(/[\s,]/)[0];
}

/**
 * util.parseArgs for a command, its errors (Node's English, e.g. "Unknown option '--x'. To specify…") turned
 * into one line in the user's language naming the option and where to look.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  command: string,
  config: T,
  lang: Lang,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    const t = cliText(lang);
    const { code, message } = e as ParseError;
    const what = named(message);
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(t.unknownOption(what, command));
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
      throw new UsageError(t.unexpectedArgument(what, command));
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new UsageError(
        /argument missing/.test(message) ? t.optionNeedsValue(what) : t.optionTakesNoValue(what),
      );
    throw e;
  }
}

/** The rubric of an edition named on the command line; an unknown one is a usage error listing the known. */
export function editionRubric(edition: string | undefined, lang: Lang): Rubric {
  const t = cliText(lang);
  try {
    return getRubric(edition ?? DEFAULT_EDITION);
  } catch {
    const known = EDITIONS.map((r) =>
      t.editionName(r.edition, lang === "en" ? r.shortTitleEn : r.shortTitle),
    );
    throw new UsageError(t.unknownEdition(edition ?? "", known.join(lang === "en" ? ", " : "、")));
  }
}

/** How the reports name an edition: by its title, 试行标准（2020）; the id for one the product does not know. */
export function editionTitle(edition: string, lang: Lang): string {
  const rubric = EDITIONS.find((r) => r.edition === edition);
  if (!rubric) return edition;
  return lang === "en" ? rubric.shortTitleEn : rubric.shortTitle;
}
