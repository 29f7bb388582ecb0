import { spawnSync } from "child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "fs";
import { availableParallelism, tmpdir } from "os";
import { join } from "path";
import { strToU8, zipSync } from "fflate";
import { main } from "../src/cli/main";
import { FILES_PER_WORKER, progressLine, workerCount } from "../src/cli/commands/check";
import { getRubric } from "../src/rubric";
import { buildPlan } from "../src/sheet";
import { newWorkbook, renderPlan, workbookBytes } from "../src/xlsx";
import { PART_LIMIT } from "../src/xlsx/stream/zip";
import { randomFills } from "./support/fills";

const ROOT = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "scorecard-check-"));
const bundle = join(dir, "bundle");
const rubric = getRubric();

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n") + "\n", err: err.join("\n") };
}

const files: string[] = [];
beforeAll(async () => {
  expect(spawnSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs"), "--outdir", bundle]).status).toBe(
    0,
  );
  // bin/scorecard.js calls main() of the bundle; here a two-line runner does the same for the temp build.
  writeFileSync(
    join(bundle, "run.cjs"),
    'const { main, processIo } = require("./scorecard.cjs");\nmain(process.argv.slice(2), processIo()).then((c) => { process.exitCode = c; });\n',
  );
  for (const [i, f] of randomFills(rubric, 5, 11).entries()) {
    const workbook = newWorkbook();
    renderPlan(workbook, buildPlan({ rubric, ...f, station: `${f.station}${i}` }));
    writeFileSync(join(dir, `${i}.xlsx`), await workbookBytes(workbook));
    files.push(`${i}.xlsx`);
  }
  writeFileSync(join(dir, "junk.xlsx"), "not a workbook");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The compiled CLI, built for this test from the current sources, run in the test folder. */
const runner = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(bundle, "run.cjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_PATH: join(ROOT, "node_modules"), ...env },
  });

describe("check over many files", () => {
  const args = (): string[] => [
    "check",
    "--json",
    files[0],
    "junk.xlsx",
    files[1],
    "missing.xlsx",
    ...files.slice(2),
  ];

  it("keeps the --json document exact when a text holds a line separator (U+2028 is no line in JSON)", async () => {
    const workbook = newWorkbook();
    renderPlan(workbook, buildPlan({ rubric, ...randomFills(rubric, 1, 3)[0], station: "东\u2028街道" }));
    const file = join(dir, "separator.xlsx");
    writeFileSync(file, await workbookBytes(workbook));
    const r = await run("check", "--json", file, join(dir, files[0]));
    const parsed = JSON.parse(r.out) as { files: { scorecards: { station: string }[] }[] };
    expect(parsed.files[0].scorecards[0].station).toBe("东\u2028街道");
    expect(r.out).toBe(JSON.stringify(parsed, null, 2) + "\n");
  });

  it("streams a --json document identical to stringifying the whole report", async () => {
    const r = await run(...args().map((f) => (f.endsWith(".xlsx") ? join(dir, f) : f)));
    expect(r.code).toBe(2);
    const parsed = JSON.parse(r.out) as { files: { file: string; error?: string }[] };
    expect(r.out).toBe(JSON.stringify(parsed, null, 2) + "\n");
    expect(parsed.files.map((f) => f.error === undefined)).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
      true,
    ]);
  });

  it("gives the same bytes and exit code on worker threads as in one thread, in command-line order", () => {
    const one = runner(args(), { SCORECARD_JOBS: "1" });
    const pool = runner(args(), { SCORECARD_JOBS: "3" });
    expect(pool.status).toBe(2);
    expect(one.status).toBe(2);
    expect(pool.stdout).toBe(one.stdout);
    expect(pool.stderr).toBe(one.stderr);
    expect(pool.stderr.trim().split("\n")).toHaveLength(2);
    const names = (JSON.parse(pool.stdout) as { files: { file: string }[] }).files.map((f) => f.file);
    expect(names).toEqual(args().slice(2));
    const text = runner(["check", ...files, "junk.xlsx"], { SCORECARD_JOBS: "2" });
    expect(text.stdout).toBe(runner(["check", ...files, "junk.xlsx"], { SCORECARD_JOBS: "1" }).stdout);
  });

  it("writes the same bytes into a file as into a pipe (a file gets each line in one write)", () => {
    const into = join(dir, "report.json");
    const fd = openSync(into, "w");
    const file = spawnSync(process.execPath, [join(bundle, "run.cjs"), ...args()], {
      cwd: dir,
      stdio: ["ignore", fd, "pipe"],
      env: { ...process.env, NODE_PATH: join(ROOT, "node_modules"), SCORECARD_JOBS: "1" },
    });
    closeSync(fd);
    const piped = runner(args(), { SCORECARD_JOBS: "1" });
    expect(file.status).toBe(2);
    expect(readFileSync(into, "utf8")).toBe(piped.stdout);
    expect(piped.stdout).toContain("测试");
  });

  it("writes into a file without Node's stream for it, and loads no tty or net to start", () => {
    const into = join(dir, "help.txt");
    const fd = openSync(into, "w");
    const loaded = spawnSync(
      process.execPath,
      [
        "-e",
        `const { main, processIo } = require(${JSON.stringify(join(bundle, "scorecard.cjs"))});
        main(["--help"], processIo()).then(() => {
          const streams = process.moduleLoadList.filter((m) => /^NativeModule (tty|net|internal\\/fs\\/sync_write_stream)$/.test(m));
          process.stderr.write(streams.join(","));
        });`,
      ],
      { stdio: ["ignore", fd, "pipe"], encoding: "utf8" },
    );
    closeSync(fd);
    expect(loaded.stderr).toBe("");
    expect(readFileSync(into, "utf8")).toContain("用法：scorecard");
  });

  it("uses one worker per core and per FILES_PER_WORKER files unless told, never more than files", () => {
    expect(workerCount(3, { SCORECARD_JOBS: "8" })).toBe(3);
    expect(workerCount(100, { SCORECARD_JOBS: "2" })).toBe(2);
    expect(workerCount(17, {})).toBe(1);
    expect(workerCount(2 * FILES_PER_WORKER - 1, {})).toBe(1);
    expect(workerCount(2 * FILES_PER_WORKER, {})).toBe(Math.min(2, availableParallelism()));
    expect(workerCount(1000 * FILES_PER_WORKER, {})).toBe(availableParallelism());
    expect(workerCount(1000, { SCORECARD_JOBS: "zero" })).toBe(workerCount(1000, {}));
  });

  it("shows progress only on a terminal and for more than 50 files", () => {
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) };
    expect(progressLine(tty, 50, "zh")).toBeUndefined();
    expect(progressLine({ isTTY: false, write: tty.write }, 500, "zh")).toBeUndefined();
    const step = progressLine(tty, 51, "en");
    step?.(7);
    step?.(51);
    expect(written).toEqual(["\rchecked 7/51 files", "\r\x1b[K"]);
  });
});

describe("unreadable files in the chosen language only", () => {
  it("says why in Chinese, or in English with --lang en", async () => {
    const junk = join(dir, "junk.xlsx");
    const zh = await run("check", junk);
    expect(zh.err).toContain("文件不是 .xlsx 工作簿");
    expect(zh.err + zh.out).not.toMatch(/Cannot|workbook|archive/);
    const en = await run("check", "--lang", "en", junk);
    expect(en.err).toContain("not a ZIP archive");
    expect(en.err + en.out).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses a zip bomb with a clear message, and still checks the other files", () => {
    const bomb = zipSync(
      {
        // A workbook is read through its namespaced parts and typed relationships, so the bomb has them.
        "xl/workbook.xml": strToU8(
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
            '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        "xl/_rels/workbook.xml.rels": strToU8(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" ' +
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>',
        ),
        "xl/worksheets/sheet1.xml": new Uint8Array(PART_LIMIT + 1024 * 1024).fill(0x20),
      },
      { level: 6 },
    );
    writeFileSync(join(dir, "bomb.xlsx"), bomb);
    const zh = runner(["check", "bomb.xlsx", files[0]]);
    expect(zh.status).toBe(2);
    expect(zh.stderr.trim()).toBe(
      "无法读取 bomb.xlsx：工作簿中的 xl/worksheets/sheet1.xml 解压后超过 50 MB，已拒绝读取（评分表远小于此，文件可能是恶意构造的）",
    );
    expect(zh.stdout).toContain(`文件：${files[0]}`);
    const en = runner(["check", "--lang", "en", "bomb.xlsx"]);
    expect(en.stderr).toContain("xl/worksheets/sheet1.xml in the workbook inflates beyond 50 MB: refused");
  });
});
