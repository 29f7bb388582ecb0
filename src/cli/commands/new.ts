import { DEFAULT_EDITION, EDITIONS, getRubric } from "../../rubric";
import { buildPlan } from "../../sheet";
import { newWorkbook, renderPlan } from "../../xlsx";
import { writeWorkbookFile } from "../../xlsx/files";
import type { Lang } from "../../i18n/types";
import { cliText } from "../../i18n/cli";
import { parseArgs } from "util";
import { EXIT, UsageError, type ExitCode } from "../errors";
import { guardOutput } from "../io";
import type { Io } from "../main";

export interface NewOptions {
  readonly station?: string;
  readonly year?: string;
  readonly edition?: string;
  readonly out?: string;
  readonly force: boolean;
  readonly password?: string;
}

export const newHelp = (lang: Lang): string =>
  cliText(lang)
    .newHelp.replace("%DEFAULT%", DEFAULT_EDITION)
    .replace("%EDITIONS%", EDITIONS.map((e) => e.edition).join(", "));

export async function runNew(o: NewOptions, lang: Lang, print: (line: string) => void): Promise<ExitCode> {
  const t = cliText(lang);
  if (!o.station?.trim()) throw new UsageError(t.missingOption("station"));
  if (!o.year) throw new UsageError(t.missingOption("year"));
  if (!o.out) throw new UsageError(t.missingOption("out"));
  const year = Number(o.year);
  if (!/^\d{4}$/.test(o.year) || year < 2000 || year > 2100) throw new UsageError(t.badYear(o.year));
  let rubric;
  try {
    rubric = getRubric(o.edition ?? DEFAULT_EDITION);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  guardOutput(o.out, [], o.force, t);
  const plan = buildPlan({ rubric, station: o.station.trim(), year, password: o.password });
  const workbook = newWorkbook();
  renderPlan(workbook, plan);
  await writeWorkbookFile(workbook, o.out);
  print(t.created(o.out, plan.sheetName));
  return EXIT.ok;
}

/** `scorecard new …` from its arguments (after the word "new"). */
export async function newCommand(args: readonly string[], lang: Lang, io: Io): Promise<ExitCode> {
  const { values } = parseArgs({
    args: [...args],
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
  if (values.help) {
    io.out(newHelp(lang));
    return EXIT.ok;
  }
  return runNew({ ...values, force: values.force ?? false }, lang, io.out);
}
