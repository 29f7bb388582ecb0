/*
 * The CLI at scale (issue 12), side by side in one run. Prints, asserts nothing.
 *   npx tsx bench/scale.ts [--sizes 17,1000]        BENCH_5000=1 adds 5,000 files (several minutes)
 *   BENCH_ONLY=summary npx tsx bench/scale.ts      only the summary table (3. below), no cold start
 *   BENCH_SUMMARY=full                             the summary table in full (~6 min on a shared 2-core machine
 *                                                  instead of ~1.5): see 3.
 *   BENCH_ONLY=check npx tsx bench/scale.ts        only the runs whose label contains "check" (and the floor
 *                                                  they are compared with), no cold start: less time
 * 1. Cold start: `scorecard --help` (the compiled CLI) beside `node -e 0`.
 * 2. For N generated filled station files: check on one core and on all cores, a bare ExcelJS read of the same
 *    files, and the floor (unzip + one regex pass over the sheet XML); wall time, peak RSS and each one's ratio to
 *    the floor. Every run is its own process (bench/scaleRun.cjs), stdout a file.
 *    The floor and the two checks, whose ratios are the targets, run BENCH_ROUNDS times (3 unless set),
 *    interleaved, and the best of each is printed with its spread: on a shared machine the same run varies up
 *    to 2× from minute to minute, and interleaving keeps one slow minute from landing on one of them only.
 *    A check's ratio is also given round by round (to the same round's floor), as a median.
 * 3. summary (issue 24), side by side on the three kinds of station files of bench/stationFiles.ts (generated,
 *    re-saved by ExcelJS, re-saved by LibreOffice), for each size: the default shape and the other one (copies
 *    embedded up to COPIES_LIMIT scorecards, not past it; --no-copies / --copies), and to .csv; wall time, CPU time
 *    (all threads) and peak RSS (the worker pool counted: its threads are the process's). Then how long
 *    LibreOffice headless (a stand-in for WPS) takes to open a roll-up and recalculate it (converting it to CSV),
 *    beside a blank workbook. One run each: they are long. By default (npm run bench, in CI) only what fits in
 *    about a minute and a half: the ExcelJS re-saved files are re-saved templates, .csv and 1,000 stations with
 *    copies run on the generated files only, and LibreOffice opens the 1,000-station roll-up without copies.
 *    BENCH_SUMMARY=full adds every file's own ExcelJS round trip, those runs on every kind, .csv of the 1,000
 *    files given four times over, the default on one thread, and LibreOffice opening every roll-up of the
 *    generated files (the 1,000 copies for up to two minutes: they were not open after ten).
 * Needs dist-cli (npm run build:cli; npm ci builds it) and LibreOffice (the LibreOffice re-saved files).
 */
import { spawnSync } from "child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from "fs";
import { availableParallelism, tmpdir } from "os";
import { join } from "path";
import { basename, dirname } from "path";
import { COPIES_LIMIT } from "../src/cli/commands/summary";
import { convertWithLibreOffice } from "../src/export/libreoffice";
import { newWorkbook, workbookBytes } from "../src/xlsx";
import { KINDS, stationFiles, type Kind } from "./stationFiles";

const ROOT = join(__dirname, "..");
const RUNNER = join(__dirname, "scaleRun.cjs");
const argv = process.argv.slice(2);
const sizesArg = argv.indexOf("--sizes") >= 0 ? argv[argv.indexOf("--sizes") + 1] : "17,1000";
const SIZES = [...sizesArg.split(",").map(Number), ...(process.env.BENCH_5000 ? [5000] : [])];

const ONLY = process.env.BENCH_ONLY;
const FULL_SUMMARY = process.env.BENCH_SUMMARY === "full";
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 3);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Run {
  readonly label: string;
  readonly seconds: number;
  /** CPU time of every thread of the run. */
  readonly cpuSeconds: number;
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
  const usage = /maxrss (\d+) cpu (\d+)/.exec(r.stderr ?? "");
  return {
    label,
    seconds,
    cpuSeconds: usage ? Number(usage[2]) / 1000 : NaN,
    rssMb: usage ? Number(usage[1]) / 1024 : NaN,
    ok: r.status === 0 || r.status === 1,
  };
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

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, "dist-cli", "scorecard.cjs"))) {
    console.log("bench/scale.ts: dist-cli missing; run `npm run build:cli` first");
    process.exitCode = 1;
    return;
  }
  if (!ONLY) coldStart();
  const cores = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), "scorecard-scale-"));
  try {
    const resaveEvery = FULL_SUMMARY && ONLY !== "check";
    const made = await stationFiles(Math.max(...SIZES), dir, resaveEvery);
    console.log(
      `\nstation files, ${Math.max(...SIZES)} of each kind: ` +
        KINDS.map((kind) => `${kind} in ${made.seconds[kind].toFixed(1)} s`).join(", ") +
        (resaveEvery ? "" : " (re-saved: 20 templates, copied per station)"),
    );
    if (ONLY !== "summary") for (const n of SIZES) checks(n, made.files.generated.slice(0, n), dir, cores);
    if (!ONLY || ONLY === "summary") await summaries(made.files, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    "\ntargets: check ≤ 2× floor on one core and below it on all cores; summary of 1,000 files ≤ 10 s, ≤ 300 MB",
  );
}

/** The floor, the checks and a bare ExcelJS read of n generated files. */
function checks(n: number, files: readonly string[], dir: string, cores: number): void {
  console.log(`\n${n} station files (generated):`);
  const planned: [label: string, args: string[], env?: Record<string, string>][] = [
    ["floor: unzip + one regex pass", ["floor", ...files]],
    ["check --json, 1 core", ["cli", "check", "--json", ...files], { SCORECARD_JOBS: "1" }],
    // Told, so that it is the pool even where the default checks a few files in-process.
    [
      `check --json, all ${cores} cores`,
      ["cli", "check", "--json", ...files],
      { SCORECARD_JOBS: `${cores}` },
    ],
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
}

const cell = (r: Run): string =>
  `${r.seconds.toFixed(1).padStart(5)} s ${`(${r.cpuSeconds.toFixed(1)})`.padStart(6)} ${r.rssMb.toFixed(0).padStart(4)} MB` +
  (r.ok ? "" : " FAILED");

interface SummaryRun {
  readonly label: string;
  readonly args: readonly string[];
  readonly ext: "xlsx" | "csv";
  readonly env?: Record<string, string>;
  /** How many times over the files are given. */
  readonly times?: number;
  /** Run on the generated files only (unless BENCH_SUMMARY=full). */
  readonly generatedOnly?: boolean;
  /** Run only with BENCH_SUMMARY=full. */
  readonly full?: boolean;
}

/**
 * summary of each size on each kind of file, in both shapes, side by side; then LibreOffice opening roll-ups of
 * the generated files. The files are named relative to their folder, as a user names them.
 */
async function summaries(files: Record<Kind, string[]>, dir: string): Promise<void> {
  const opened: { label: string; file: string }[] = [];
  console.log(
    `\nsummary: wall s (CPU s, every thread) and peak RSS; copies go in by default up to ${COPIES_LIMIT} scorecards` +
      (FULL_SUMMARY ? "" : "; — : BENCH_SUMMARY=full runs it"),
  );
  console.log(`  ${"".padEnd(40)} ${KINDS.map((k) => k.padEnd(24)).join("")}`);
  const largest = Math.max(...SIZES);
  for (const n of SIZES) {
    const past = n > COPIES_LIMIT;
    const runs: SummaryRun[] = [
      { label: `${n} stations, default (${past ? "no copies" : "copies"})`, args: [], ext: "xlsx" },
      {
        label: `${n} stations, ${past ? "--copies" : "--no-copies"}`,
        args: [past ? "--copies" : "--no-copies"],
        ext: "xlsx",
        generatedOnly: past,
      },
    ];
    if (past)
      runs.push({
        label: `${n} stations, default, one thread`,
        args: [],
        ext: "xlsx",
        env: { SCORECARD_JOBS: "1" },
        full: true,
      });
    runs.push({ label: `${n} stations, -o x.csv`, args: [], ext: "csv", generatedOnly: true });
    // The CSV keeps a few facts per scorecard: the same files given four times over cost little more.
    if (n === largest)
      runs.push({ label: `${n} × 4 inputs, -o x.csv`, args: [], ext: "csv", times: 4, full: true });
    for (const { label, args, ext, env, times = 1, generatedOnly, full } of runs) {
      if (full && !FULL_SUMMARY) continue;
      const line = KINDS.map((kind) => {
        if (generatedOnly && !FULL_SUMMARY && kind !== "generated") return "—".padEnd(24);
        const inputs = Array.from({ length: times }, () => files[kind].slice(0, n)).flat();
        const out = join(dir, `summary-${n}-${KINDS.indexOf(kind)}-${args.join("")}.${ext}`);
        const cwd = dirname(inputs[0]);
        const run = measure(
          label,
          ["cli", "summary", "--force", "-o", out, ...args, ...inputs.map((f) => basename(f))],
          cwd,
          env,
        );
        const copied = args.includes("--copies") || (!past && !args.includes("--no-copies"));
        // By default LibreOffice opens only the largest roll-up without copies: the one a city gets.
        const open = FULL_SUMMARY || (n === largest && !copied);
        if (kind === "generated" && ext === "xlsx" && !env && open)
          opened.push({ label: `${n} stations ${copied ? "with" : "without"} copies`, file: out });
        return cell(run).padEnd(24);
      });
      console.log(`  ${label.padEnd(40)} ${line.join("")}`);
    }
  }
  await openInLibreOffice(opened, dir);
}

/**
 * LibreOffice headless opening each roll-up (of the generated files) and recalculating it, converting its first
 * sheet to CSV in a start of its own, beside a blank workbook: the start itself takes seconds.
 */
async function openInLibreOffice(
  rollups: readonly { label: string; file: string }[],
  dir: string,
): Promise<void> {
  const blank = join(dir, "blank.xlsx");
  const workbook = newWorkbook();
  workbook.addWorksheet("Sheet1");
  writeFileSync(blank, await workbookBytes(workbook));
  // Long enough for "seconds" to be a fair word; 1,000 copies were not open after ten minutes.
  const timeoutMs = 120_000;
  const seconds = async (file: string): Promise<string> => {
    try {
      const { ms } = await convertWithLibreOffice([file], { to: "csv", outDir: join(dir, "lo"), timeoutMs });
      return `${(ms / 1000).toFixed(1)} s`;
    } catch {
      return `not done in ${timeoutMs / 1000} s (stopped)`;
    }
  };
  console.log("\nLibreOffice headless opens and recalculates (--convert-to csv, a start of its own):");
  for (const { label, file } of [{ label: "a blank workbook", file: blank }, ...rollups])
    console.log(`  ${label.padEnd(40)} ${await seconds(file)}`);
}

void main();
