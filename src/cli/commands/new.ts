import { mkdirSync } from "fs";
import { extname, join } from "path";
import { coversYear, DEFAULT_EDITION, EDITIONS, type Rubric } from "../../rubric";
import { buildPlan } from "../../sheet";
import { newWorkbook, renderPlan } from "../../xlsx";
import { writeWorkbookFile } from "../../xlsx/files";
import type { Lang } from "../../i18n/types";
import { cliText } from "../../i18n/cli";
import { editionRubric, editionTitle, parseCommandArgs } from "../args";
import { EXIT, UsageError, type ExitCode } from "../errors";
import { guardOutput } from "../io";
import type { Io } from "../main";

export interface NewOptions {
  readonly station?: string;
  readonly allStations?: boolean;
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

async function writeScorecard(
  rubric: Rubric,
  station: string,
  year: number,
  out: string,
  password: string | undefined,
): Promise<string> {
  const plan = buildPlan({ rubric, station, year, password });
  const workbook = newWorkbook();
  renderPlan(workbook, plan);
  await writeWorkbookFile(workbook, out);
  return plan.sheetName;
}

export async function runNew(
  o: NewOptions,
  lang: Lang,
  print: (line: string) => void,
  warn: (line: string) => void = () => undefined,
): Promise<ExitCode> {
  const t = cliText(lang);
  const station = o.station?.trim();
  if (Boolean(station) === Boolean(o.allStations)) throw new UsageError(t.newStationOrAll);
  if (!o.year) throw new UsageError(t.missingOption("year"));
  if (!o.out) throw new UsageError(t.missingOption("out"));
  const year = Number(o.year);
  if (!/^\d{4}$/.test(o.year) || year < 2000 || year > 2100) throw new UsageError(t.badYear(o.year));
  const rubric = editionRubric(o.edition, lang);
  const title = editionTitle(rubric.edition, lang);
  // As the pane's insert form: a year outside the edition's campaigns is pointed out, not refused.
  const outside = coversYear(rubric, year)
    ? null
    : t.newYearOutside(title, rubric.years[0], rubric.years[rubric.years.length - 1], year);

  if (station) {
    if (extname(o.out).toLowerCase() !== ".xlsx") throw new UsageError(t.newOutputXlsx(o.out));
    guardOutput(o.out, [], o.force, t);
    if (outside) warn(outside);
    print(t.created(o.out, await writeScorecard(rubric, station, year, o.out, o.password)));
    return EXIT.ok;
  }

  const stations = rubric.notice?.stations ?? [];
  if (stations.length === 0) throw new UsageError(t.newNoStations(title));
  const files = stations.map((s) => ({ station: s, file: join(o.out ?? "", `${s}.xlsx`) }));
  // Every file is checked before the first is written: a refusal leaves the folder as it was.
  for (const { file } of files) guardOutput(file, [], o.force, t);
  if (outside) warn(outside);
  mkdirSync(o.out, { recursive: true });
  for (const { station: s, file } of files)
    print(t.created(file, await writeScorecard(rubric, s, year, file, o.password)));
  print(t.newAllWritten(files.length, o.out));
  return EXIT.ok;
}

/** `scorecard new …` from its arguments (after the word "new"). */
export async function newCommand(args: readonly string[], lang: Lang, io: Io): Promise<ExitCode> {
  const { values } = parseCommandArgs(
    "new",
    {
      args: [...args],
      options: {
        station: { type: "string" },
        "all-stations": { type: "boolean", default: false },
        year: { type: "string" },
        edition: { type: "string" },
        out: { type: "string", short: "o" },
        force: { type: "boolean", default: false },
        password: { type: "string" },
        lang: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    lang,
  );
  if (values.help) {
    io.out(newHelp(lang));
    return EXIT.ok;
  }
  return runNew(
    { ...values, allStations: values["all-stations"], force: values.force ?? false },
    lang,
    io.out,
    io.err,
  );
}
