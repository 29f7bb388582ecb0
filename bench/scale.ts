/*
 * The CLI at scale (issue 12), side by side in one run. Prints, asserts nothing.
 *   npx tsx bench/scale.ts [--sizes 17,1000]        BENCH_5000=1 adds 5,000 files (several minutes)
 *   BENCH_ONLY=summary npx tsx bench/scale.ts      only the runs whose label contains "summary" (and the floor
 *                                                  they are compared with), no cold start: one figure, less time
 * 1. Cold start: `scorecard --help` (the compiled CLI) beside `node -e 0`.
 * 2. For N generated filled station files: check on one core and on all cores, summary → .xlsx and → .csv,
 *    a bare ExcelJS read of the same files, and the floor (unzip + one regex pass over the sheet XML); wall time,
 *    peak RSS and each one's ratio to the floor. Every run is its own process (bench/scaleRun.cjs), stdout a file.
 *    The floor and the two checks, whose ratios are the targets, run BENCH_ROUNDS times (3 unless set),
 *    interleaved, and the best of each is printed with its spread: on a shared machine the same run varies up
 *    to 2× from minute to minute, and interleaving keeps one slow minute from landing on one of them only.
 *    A check's ratio is also given round by round (to the same round's floor), as a median.
 * Needs dist-cli (npm run build:cli; npm ci builds it).
 */
import { spawnSync } from "child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from "fs";
import { availableParallelism, tmpdir } from "os";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { getRubric } from "../src/rubric";
import { buildPlan } from "../src/sheet";
import { newWorkbook, renderPlan, workbookBytes } from "../src/xlsx";
import { randomFills } from "../test/support/fills";

const ROOT = join(__dirname, "..");
const RUNNER = join(__dirname, "scaleRun.cjs");
const argv = process.argv.slice(2);
const sizesArg = argv.indexOf("--sizes") >= 0 ? argv[argv.indexOf("--sizes") + 1] : "17,1000";
const SIZES = [...sizesArg.split(",").map(Number), ...(process.env.BENCH_5000 ? [5000] : [])];

const ONLY = process.env.BENCH_ONLY;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 3);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Run {
  readonly label: string;
  readonly seconds: number;
  readonly rssMb: number;
  readonly ok: boolean;
  /** The slowest of its rounds, when it had several. */
  readonly slowest?: number;
}

/** The best of a run's rounds (and peak RSS of that one), with the slowest kept to show the spread. */
const best = (rounds: readonly Run[]): Run => {
  const fastest = rounds.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const slowest = Math.max(...rounds.map((r) => r.seconds));
  return { ...fastest, ok: rounds.every((r) => r.ok), ...(rounds.length > 1 ? { slowest } : {}) };
};

/** One measured process: wall time around it, peak RSS as the runner reports it. */
function measure(label: string, args: string[], cwd: string, env: Record<string, string> = {}): Run {
  // stdout into a file, as `scorecard check --json … > report.json` writes it.
  const stdout = openSync(join(cwd, "stdout.txt"), "w");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [RUNNER, ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", stdout, "pipe"],
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  closeSync(stdout);
  const rss = /maxrss (\d+)/.exec(r.stderr ?? "");
  return { label, seconds, rssMb: rss ? Number(rss[1]) / 1024 : NaN, ok: r.status === 0 || r.status === 1 };
}

/** Starts of `node -e 0` and `scorecard --help`, alternated so that a slow minute lands on both. */
const COLD_ROUNDS = 11;

function coldStart(): void {
  const time = (args: string[]): number => {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { stdio: "ignore" });
    return performance.now() - t0;
  };
  const node: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < COLD_ROUNDS; i++) {
    node.push(time(["-e", "0"]));
    help.push(time([join(ROOT, "bin", "scorecard.js"), "--help"]));
  }
  const [n, h] = [median(node), median(help)];
  console.log(
    `cold start (median of ${COLD_ROUNDS}, alternated): node -e 0 ${n.toFixed(0)} ms | scorecard --help ${h.toFixed(0)} ms | ratio ${(h / n).toFixed(2)}× (target ≤ 1.5×)`,
  );
}

/**
 * N station files from 20 rendered templates: each copy gets its own station name by rewriting the template's
 * shared strings and workbook part (the name is in the title, the metadata and the sheet name).
 */
async function generate(n: number, dir: string): Promise<string[]> {
  const rubric = getRubric();
  const templates = await Promise.all(
    randomFills(rubric, 20, 1).map(async (f, i) => {
      const workbook = newWorkbook();
      renderPlan(workbook, buildPlan({ rubric, ...f, station: `模板${i}街道` }));
      return { station: `模板${i}街道`, parts: unzipSync(await workbookBytes(workbook)) };
    }),
  );
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const { station, parts } = templates[i % templates.length];
    const copy = { ...parts };
    for (const name of ["xl/sharedStrings.xml", "xl/workbook.xml", "docProps/app.xml"])
      if (copy[name]) copy[name] = strToU8(strFromU8(copy[name]).split(station).join(`测试${i}街道`));
    const file = `${i}.xlsx`;
    writeFileSync(join(dir, file), zipSync(copy));
    files.push(file);
  }
  return files;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, "dist-cli", "scorecard.cjs"))) {
    console.log("bench/scale.ts: dist-cli missing; run `npm run build:cli` first");
    process.exitCode = 1;
    return;
  }
  if (!ONLY) coldStart();
  const cores = availableParallelism();
  for (const n of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-scale-"));
    try {
      const t0 = performance.now();
      const files = await generate(n, dir);
      console.log(`\n${n} station files (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s):`);
      const planned: [label: string, args: string[], env?: Record<string, string>][] = [
        ["floor: unzip + one regex pass", ["floor", ...files]],
        ["check --json, 1 core", ["cli", "check", "--json", ...files], { SCORECARD_JOBS: "1" }],
        // Told, so that it is the pool even where the default checks a few files in-process.
        [
          `check --json, all ${cores} cores`,
          ["cli", "check", "--json", ...files],
          { SCORECARD_JOBS: `${cores}` },
        ],
        ["summary -o x.xlsx", ["cli", "summary", "-o", join(dir, "x.xlsx"), ...files]],
        ["summary -o x.csv", ["cli", "summary", "-o", join(dir, "x.csv"), ...files]],
        ["bare ExcelJS read", ["exceljs", ...files]],
      ];
      // The floor always runs: every ratio is to it. The floor and the checks go round by round.
      const chosen = planned.filter(([label], i) => !ONLY || i === 0 || label.includes(ONLY));
      const repeated = (label: string): boolean => label.startsWith("floor") || label.startsWith("check");
      const rounds = new Map<string, Run[]>();
      for (let round = 0; round < ROUNDS; round++)
        for (const [label, args, env] of chosen)
          if (round === 0 || repeated(label))
            rounds.set(label, [...(rounds.get(label) ?? []), measure(label, args, dir, env)]);
      const runs = chosen.map(([label]) => best(rounds.get(label) ?? []));
      const floor = runs[0].seconds;
      const floorRounds = rounds.get(chosen[0][0]) ?? [];
      // Each round's check over the same round's floor: a slow minute slows both of the pair.
      const paired = (label: string): string => {
        const own = rounds.get(label) ?? [];
        if (own.length < 2 || !label.startsWith("check")) return "";
        const ratios = own.map((r, k) => r.seconds / floorRounds[k].seconds);
        return `; round by round ${median(ratios).toFixed(1)}× (median)`;
      };
      for (const r of runs)
        console.log(
          `  ${r.label.padEnd(32)} ${r.seconds.toFixed(2).padStart(8)} s ${r.rssMb.toFixed(0).padStart(6)} MB peak RSS ` +
            `${(r.seconds / floor).toFixed(1).padStart(6)}× floor` +
            `${r.slowest !== undefined ? `  (best of ${ROUNDS}; slowest ${r.slowest.toFixed(2)} s${paired(r.label)})` : ""}` +
            `${r.ok ? "" : "  (FAILED)"}`,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    "\ntargets: check ≤ 2× floor on one core and below it on all cores; summary of 1,000 files ≤ 10 s, ≤ 300 MB",
  );
}

void main();
