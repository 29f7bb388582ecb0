import { spawnSync } from "child_process";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");

/** One run of the command line in its own process: exit code, output, wall time and peak RSS. */
export interface MeasuredRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly rssMb: number;
}

/**
 * Builds the command line into `dir` (as the installed command is built) and returns a runner that measures each
 * run: the peak RSS is the process's own (process.resourceUsage at exit), written to a file beside.
 */
export function measuredCli(dir: string): (args: readonly string[], cwd: string) => MeasuredRun {
  const bundle = join(dir, "bundle");
  const built = spawnSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs"), "--outdir", bundle]);
  if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr}`);
  writeFileSync(
    join(bundle, "run.cjs"),
    [
      'const { writeFileSync } = require("fs");',
      'const { main, processIo } = require("./scorecard.cjs");',
      'process.on("exit", () => writeFileSync(process.env.MAXRSS_FILE, String(process.resourceUsage().maxRSS)));',
      "main(process.argv.slice(2), processIo()).then((c) => { process.exitCode = c; });",
      "",
    ].join("\n"),
  );
  const rssFile = join(dir, "maxrss.txt");
  return (args, cwd) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(bundle, "run.cjs"), ...args], {
      cwd,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        NODE_PATH: join(ROOT, "node_modules"),
        MAXRSS_FILE: rssFile,
        SCORECARD_JOBS: "1",
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : NaN;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds, rssMb: kb / 1024 };
  };
}
