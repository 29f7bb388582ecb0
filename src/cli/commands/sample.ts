import { createHash, randomBytes } from "crypto";
import { writeFile } from "fs/promises";
import { extname } from "path";
import { cliText } from "../../i18n/cli";
import type { Lang } from "../../i18n/types";
import { getRubric } from "../../rubric";
import {
  DEFAULT_SAMPLE_RATE,
  buildRollup,
  drawSample,
  sampleCsv,
  samplePlan,
  verdictText,
} from "../../rollup";
import type { SampleInput } from "../../rollup";
import { renderGridPlan } from "../../rollup/xlsx";
import { VERDICT_TEXT, type ReadScorecard } from "../../sheet";
import { readScorecards } from "../../xlsx";
import { readWorkbookBytes } from "../../xlsx/fileBytes";
import { NODE_READ } from "../../xlsx/stream/read";
import { loadWorkbook, newWorkbook, workbookBytes } from "../../xlsx/workbook";
import { parseCommandArgs } from "../args";
import { EXIT, UsageError, type ExitCode } from "../errors";
import type { Io } from "../main";
import { fileReason, guardOutput } from "../io";

/** The clock and the seed source, injected so tests pin the recorded time and a picked seed. */
export interface SampleEnv {
  readonly now: () => Date;
  readonly pickSeed: () => string;
}

const NODE_ENV: SampleEnv = { now: () => new Date(), pickSeed: () => randomBytes(8).toString("hex") };

/** A rate as written: 0.5, or 50% (the notice's own words, “50%以上”); NaN for anything else. */
export function rateOf(text: string): number {
  const written = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*[%％]$/.exec(written);
  if (percent) return Number(percent[1]) / 100;
  return /^\d*\.?\d+$/.test(written) ? Number(written) : NaN;
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * `scorecard sample FILE... [--rate 0.5] [--seed S] [-o 抽查名单.xlsx|.csv]`: the city's draw of ⌈rate × n⌉ of
 * the stations found in the files, reproducible from the seed and the files (whose hashes are printed).
 */
export async function sampleCommand(
  args: readonly string[],
  lang: Lang,
  io: Io,
  env: SampleEnv = NODE_ENV,
): Promise<ExitCode> {
  const t = cliText(lang);
  const { values, positionals: files } = parseCommandArgs(
    "sample",
    {
      args: [...args],
      allowPositionals: true,
      options: {
        rate: { type: "string" },
        seed: { type: "string" },
        out: { type: "string", short: "o" },
        year: { type: "string" },
        force: { type: "boolean", default: false },
        lang: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    lang,
  );
  if (values.help) {
    io.out(t.sampleHelp);
    return EXIT.ok;
  }
  if (files.length === 0) throw new UsageError(t.noFiles);
  const rate = values.rate === undefined ? DEFAULT_SAMPLE_RATE : rateOf(values.rate);
  if (!(rate > 0 && rate <= 1)) throw new UsageError(t.sampleBadRate(values.rate ?? ""));
  let year: number | undefined;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!/^\d{4}$/.test(values.year)) throw new UsageError(t.badYear(values.year));
  }
  const format = values.out === undefined ? null : extname(values.out).toLowerCase();
  if (values.out !== undefined && format !== ".xlsx" && format !== ".csv")
    throw new UsageError(t.summaryOutput(values.out));
  if (values.out !== undefined) guardOutput(values.out, files, values.force ?? false, t);

  const reads: ReadScorecard[] = [];
  const inputs: SampleInput[] = [];
  let unreadable = 0;
  for (const file of files) {
    try {
      const bytes = readWorkbookBytes(file);
      const found = readScorecards(await loadWorkbook(bytes, NODE_READ));
      inputs.push({ name: file, hash: `sha256:${sha256(bytes)}` });
      reads.push(...found);
    } catch (e) {
      io.err(t.unreadable(file, fileReason(e, t)));
      unreadable++;
    }
  }
  let seed = values.seed;
  if (seed === undefined) {
    seed = env.pickSeed();
    io.out(t.sampleSeedPicked(seed));
  }
  const rubric = getRubric(reads[0]?.meta.edition);
  const sample = drawSample(buildRollup(reads, rubric, { year }), { rate, seed, time: env.now(), inputs });

  io.out(t.sampleHeader(sample.year, sample.candidates, sample.rows.length, rate, seed, sample.time));
  sample.rows.forEach((row, i) =>
    io.out(
      `  ${i + 1}. ${row.station}  ${t.self} ${row.self?.total ?? ""} ${row.self ? VERDICT_TEXT[row.self.verdict] : ""}  ` +
        `${t.review} ${row.review?.total ?? ""} ${row.review ? VERDICT_TEXT[row.review.verdict] : ""}  → ${verdictText(row.verdict)}`,
    ),
  );
  for (const input of inputs) io.out(`  ${input.hash}  ${input.name}`);
  if (values.out !== undefined) {
    if (format === ".csv") await writeFile(values.out, sampleCsv(sample), "utf8");
    else {
      const workbook = newWorkbook();
      renderGridPlan(workbook, samplePlan(sample));
      await writeFile(values.out, await workbookBytes(workbook));
    }
    io.out(t.sampleWritten(values.out));
  }
  return unreadable > 0 ? EXIT.usage : EXIT.ok;
}
