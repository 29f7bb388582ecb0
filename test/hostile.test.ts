/*
 * Hostile packages (test/support/hostile.ts) through every reader the product has: check, export, summary and
 * sample (the compiled command line) and the page's loader (XlsxPort.load, test/support/pageLoad.ts), each in a
 * child process whose peak RSS is measured. Every one ends within a generous bound (against hangs, not a speed
 * target: the figures are in `npm run bench`), under 300 MB, with a refusal that names the limit or the damage and
 * where, in the user's language, or with the same reading as the plain workbook. A batch goes on with the other
 * files. And `check … | head -1` ends quietly.
 */
import { spawnSync } from "child_process";
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { build } from "esbuild";
import { strFromU8, unzipSync } from "fflate";
import { workbookRefusal } from "../src/i18n/cliRead";
import type { Lang } from "../src/i18n/types";
import { getRubric } from "../src/rubric";
import { buildPlan } from "../src/sheet";
import { newWorkbook, renderPlan, workbookBytes } from "../src/xlsx";
import {
  WorkbookFormatError,
  type WorkbookFormatDetails,
  type WorkbookFormatProblem,
} from "../src/xlsx/format";
import { READ_LIMITS } from "../src/xlsx/limits";
import { streamScorecards } from "../src/xlsx/stream/read";
import { randomFills } from "./support/fills";
import {
  encryptedOle,
  odsPackage,
  part,
  partsOf,
  writeZip,
  writeZipWithAlias,
  xlsbPackage,
  zerosDeflated,
  type ZipPart,
} from "./support/hostile";

jest.setTimeout(300_000);

const ROOT = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "scorecard-hostile-"));
const bundle = join(dir, "bundle");
/** Peak RSS every run must stay under, and a bound on its time that only a hang or a blow-up passes. */
const RSS_BOUND_KB = 300 * 1024;
const TIME_BOUND_MS = 60_000;
const SHEET = "xl/worksheets/sheet1.xml";

type Refusal = { readonly problem: WorkbookFormatProblem } & Omit<WorkbookFormatDetails, "reason">;
interface Case {
  readonly file: string;
  /** The refusal every reader gives; none for a workbook every reader reads as the plain one. */
  readonly refused?: Refusal;
}

/** The reason line every reader gives for a refusal, in one language (the sentences under test elsewhere). */
const reasonOf = (r: Refusal, lang: Lang): string =>
  workbookRefusal(new WorkbookFormatError(r.problem, "", r), lang);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly rssKb: number;
  readonly ms: number;
}

/** A script in the test folder, run in its own process; it writes its peak RSS (kB) to fd 3. */
function runScript(script: string, args: readonly string[]): Run {
  const started = Date.now();
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    timeout: 4 * TIME_BOUND_MS,
    env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") },
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    rssKb: Number(result.output[3]),
    ms: Date.now() - started,
  };
}

const cli = (...args: string[]): Run => runScript(join(bundle, "run.cjs"), args);

/**
 * Several commands one after the other in one process (each with its own exit code, output and time): the peak
 * RSS is the largest any of them reached, or more.
 */
function cliEach(commands: readonly (readonly string[])[]): { runs: Omit<Run, "rssKb">[]; rssKb: number } {
  const run = runScript(join(bundle, "run-each.cjs"), [JSON.stringify(commands)]);
  expect(run.stderr).toBe("");
  return { runs: JSON.parse(run.stdout) as Omit<Run, "rssKb">[], rssKb: run.rssKb };
}

/** The bounds every run keeps, whatever it was given. */
function expectBounded(run: Run): void {
  expect(run.rssKb).toBeGreaterThan(0);
  expect(run.rssKb).toBeLessThan(RSS_BOUND_KB);
  expect(run.ms).toBeLessThan(TIME_BOUND_MS);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
}

const cases: Case[] = [];
let plain: Uint8Array;

/** The scorecard with one self score half a point lower, written with its sheet's old CRC-32, and with a fresh one. */
function staleCrc(parts: readonly ZipPart[], xml: string): { stale: Uint8Array; fresh: Uint8Array } {
  const original = parts.find((p) => p.name === SHEET);
  if (!original) throw new Error(`no ${SHEET}`);
  let edits = 0;
  const edited = xml.replace(
    /(<c r="F(\d+)"[^>]*><v>)(\d+(?:\.\d+)?)(<\/v>)/g,
    (whole, open, row, v, close) =>
      edits === 0 && Number(row) > 3 && Number(v) >= 1 && ++edits
        ? `${open}${Number(v) - 0.5}${close}`
        : whole,
  );
  expect(edits).toBe(1);
  const changed = part(SHEET, edited);
  const swap = (p: ZipPart): ZipPart[] => parts.map((q) => (q.name === SHEET ? p : q));
  return { stale: writeZip(swap({ ...changed, crc: original.crc })), fresh: writeZip(swap(changed)) };
}

beforeAll(async () => {
  expect(spawnSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs"), "--outdir", bundle]).status).toBe(
    0,
  );
  writeFileSync(
    join(bundle, "run.cjs"),
    'const { writeSync } = require("fs");\nconst { main, processIo } = require("./scorecard.cjs");\n' +
      "main(process.argv.slice(2), processIo()).then((c) => { writeSync(3, String(process.resourceUsage().maxRSS)); process.exitCode = c; });\n",
  );
  writeFileSync(
    join(bundle, "run-each.cjs"),
    `const { writeSync } = require("fs");
const { main } = require("./scorecard.cjs");
(async () => {
  const runs = [];
  for (const argv of JSON.parse(process.argv[2])) {
    const [out, err, started] = [[], [], Date.now()];
    const status = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    runs.push({ status, stdout: out.join("\\n"), stderr: err.join("\\n"), ms: Date.now() - started });
  }
  process.stdout.write(JSON.stringify(runs));
  writeSync(3, String(process.resourceUsage().maxRSS));
})();
`,
  );
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, "test/support/pageLoad.ts")],
    outfile: join(bundle, "page-load.cjs"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    logLevel: "warning",
  });

  const rubric = getRubric();
  const [fill] = randomFills(rubric, 1, 3, { emptyRate: 0, vetoRate: 0 });
  const workbook = newWorkbook();
  renderPlan(workbook, buildPlan({ rubric, ...fill, station: "巴川街道" }));
  plain = await workbookBytes(workbook);
  writeFileSync(join(dir, "plain.xlsx"), plain);
  const parts = partsOf(plain);

  const gib = zerosDeflated(1024);
  const sheetBomb = (size: number): ZipPart[] =>
    parts.map((p) => (p.name === SHEET ? { name: SHEET, method: 8, flags: 0, ...gib, size } : p));
  const media45 = zerosDeflated(45);
  const many = (n: number, size?: number): ZipPart[] => [
    ...parts,
    ...Array.from({ length: n }, (_, i): ZipPart => ({
      name: `xl/media/image${i}.png`,
      method: 8,
      flags: 0,
      ...media45,
      size: size ?? media45.size,
    })),
  ];
  const tiny = (prefix: string, n: number): ZipPart[] => [
    ...parts,
    ...Array.from({ length: n }, (_, i) => part(`${prefix}${i}.png`, new Uint8Array([i & 0xff]), 0)),
  ];
  const { stale, fresh } = staleCrc(parts, strFromU8(unzipSync(plain)[SHEET]));
  writeFileSync(join(dir, "fresh-crc.xlsx"), fresh);

  const write = (file: string, bytes: Uint8Array, refused?: Refusal): void => {
    writeFileSync(join(dir, file), bytes);
    cases.push({ file, refused });
  };
  write("lying-size.xlsx", writeZip(sheetBomb(1000)), { problem: "damaged", damage: "size", part: SHEET });
  write("zip64-bomb.xlsx", writeZip(sheetBomb(gib.size), { zip64: true }), {
    problem: "too-large",
    limit: "partBytes",
    part: SHEET,
  });
  write("zip64-lying.xlsx", writeZip(sheetBomb(1000), { zip64: true }), {
    problem: "damaged",
    damage: "size",
    part: SHEET,
  });
  write("40-parts.xlsx", writeZip(many(40)), { problem: "too-large", limit: "packageBytes" });
  write("40-parts-lying.xlsx", writeZip(many(40, 1024)), {
    problem: "damaged",
    damage: "size",
    part: "xl/media/image0.png",
  });
  write("media.xlsx", writeZip(tiny("xl/media/image", READ_LIMITS.mediaParts + 1)), {
    problem: "too-large",
    limit: "mediaParts",
  });
  write("entries.xlsx", writeZip(tiny("customXml/item", READ_LIMITS.entries)), {
    problem: "too-large",
    limit: "entries",
  });
  write("stale-crc.xlsx", stale, { problem: "damaged", damage: "crc", part: SHEET });
  write("duplicate.xlsx", writeZip([...parts, part(SHEET, "<worksheet/>")]), {
    problem: "damaged",
    damage: "duplicate",
    part: SHEET,
  });
  write("duplicate-case.xlsx", writeZip([...parts, part("xl/SharedStrings.xml", "<sst/>")]), {
    problem: "damaged",
    damage: "duplicate",
    part: "xl/SharedStrings.xml",
  });
  write("overlap.xlsx", writeZipWithAlias(parts, SHEET, "xl/worksheets/sheet2.xml"), {
    problem: "damaged",
    damage: "overlap",
    part: "xl/worksheets/sheet2.xml",
  });
  write("encrypted.xlsx", encryptedOle(), { problem: "encrypted" });
  write("renamed-ods.xlsx", odsPackage(), { problem: "ods" });
  write("renamed-xlsb.xlsx", xlsbPackage(), { problem: "xlsb" });
  // Past the file limit without writing it: a zip signature, then a hole.
  const fd = openSync(join(dir, "huge.xlsx"), "w");
  writeSync(fd, Uint8Array.from([0x50, 0x4b, 0x03, 0x04]));
  ftruncateSync(fd, READ_LIMITS.fileBytes + 1);
  closeSync(fd);
  cases.push({ file: "huge.xlsx", refused: { problem: "too-large", limit: "fileBytes" } });
  write("zip64.xlsx", writeZip(parts, { zip64: true }));
  write("stored.xlsx", writeZip(partsOf(plain, 0)));
  write("descriptors.xlsx", writeZip(parts, { descriptors: true }));
  write("zip64-descriptors.xlsx", writeZip(parts, { zip64: true, descriptors: true }));
  // OPC part names ignore case: the shared strings, styles and workbook found under any spelling.
  const respelt: Record<string, string> = {
    "xl/sharedStrings.xml": "XL/SharedStrings.XML",
    "xl/styles.xml": "xl/Styles.xml",
    "xl/workbook.xml": "xl/Workbook.xml",
  };
  write("part-name-case.xlsx", writeZip(parts.map((p) => ({ ...p, name: respelt[p.name] ?? p.name }))));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusedCases = (): Case[] => cases.filter((c) => c.refused);

describe("hostile packages through every reader", () => {
  it("the stale-CRC file is a real edit: with its CRC recomputed it reads half a point lower", () => {
    const [before] = streamScorecards(plain);
    const [after] = streamScorecards(new Uint8Array(readFileSync(join(dir, "fresh-crc.xlsx"))));
    expect(after.scores.self.total).toBe(before.scores.self.total - 0.5);
  });

  it("check: one batch, each file refused with its reason or read as the plain workbook, the others still checked", () => {
    const run = cli("check", "--json", "plain.xlsx", ...cases.map((c) => c.file));
    expectBounded(run);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as {
      files: { file: string; error?: string; scorecards: unknown[] }[];
    };
    const [plainReport, ...rest] = report.files;
    expect(plainReport.scorecards).toHaveLength(1);
    rest.forEach((entry, i) => {
      const c = cases[i];
      expect(entry.file).toBe(c.file);
      if (c.refused) expect(entry.error).toBe(reasonOf(c.refused, "zh"));
      else expect(entry.scorecards).toEqual(plainReport.scorecards);
    });
  });

  it("check in English says it in English only", () => {
    const run = cli("check", "--lang", "en", ...refusedCases().map((c) => c.file));
    expectBounded(run);
    for (const c of refusedCases())
      expect(run.stderr).toContain(`Cannot read ${c.file}: ${reasonOf(c.refused!, "en")}`);
    expect(run.stderr).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("export: each file, refused with its reason or exported", () => {
    // Drafts (named so): the scorecards are 填报中, and only a submitted one gives the copy to report.
    const { runs, rssKb } = cliEach(
      cases.map((c) => ["export", c.file, "-o", join(dir, `草稿-${c.file}`), "--draft"]),
    );
    expect(rssKb).toBeGreaterThan(0);
    expect(rssKb).toBeLessThan(RSS_BOUND_KB);
    runs.forEach((run, i) => {
      const c = cases[i];
      expect(run.ms).toBeLessThan(TIME_BOUND_MS);
      if (c.refused) {
        expect({ file: c.file, status: run.status }).toEqual({ file: c.file, status: 2 });
        expect(run.stderr).toBe(`scorecard: 无法读取 ${c.file}：${reasonOf(c.refused, "zh")}`);
        expect(existsSync(join(dir, `草稿-${c.file}`))).toBe(false);
      } else {
        expect({ file: c.file, status: run.status, stderr: run.stderr }).toEqual({
          file: c.file,
          status: 0,
          stderr: "",
        });
        expect(existsSync(join(dir, `草稿-${c.file}`))).toBe(true);
      }
    });
  });

  it("summary and sample: one batch each, every refusal reported and the readable files rolled up", () => {
    const files = ["plain.xlsx", ...cases.map((c) => c.file)];
    for (const run of [
      cli("summary", ...files, "-o", join(dir, "summary.xlsx")),
      cli("sample", ...files, "--seed", "铜梁2020", "-o", join(dir, "sample.csv")),
    ]) {
      expectBounded(run);
      expect(run.status).toBe(2);
      for (const c of refusedCases())
        expect(run.stderr).toContain(`无法读取 ${c.file}：${reasonOf(c.refused!, "zh")}`);
    }
    expect(existsSync(join(dir, "summary.xlsx"))).toBe(true);
    expect(readFileSync(join(dir, "sample.csv"), "utf8")).toContain("巴川街道");
  });

  it("the page's loader: each refused with the pane's reasons in both languages, or read as the plain workbook", () => {
    const run = runScript(join(bundle, "page-load.cjs"), ["plain.xlsx", ...cases.map((c) => c.file)]);
    expectBounded(run);
    const [plainRead, ...rest] = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(plainRead.scorecards).toHaveLength(1);
    rest.forEach((read, i) => {
      const c = cases[i];
      if (c.refused)
        expect(read).toMatchObject({
          file: c.file,
          ...c.refused,
          reasons: { zh: reasonOf(c.refused, "zh"), en: reasonOf(c.refused, "en") },
        });
      else expect(read).toMatchObject({ file: c.file, scorecards: plainRead.scorecards });
    });
  });
});

describe("a closed pipe", () => {
  it("check --json … | head -1 ends quietly with the closed-pipe exit code", () => {
    // Well over a pipe's 64 KB buffer, so that the command is still writing when head has gone.
    const files = Array.from({ length: 10 }, () => "plain.xlsx").join(" ");
    const result = spawnSync(
      "bash",
      [
        "-c",
        `node ${join(bundle, "run.cjs")} check --json ${files} 3>/dev/null 2>pipe-err.txt | head -1; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: dir, encoding: "utf8", env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") } },
    );
    expect(result.stdout).toBe("{\n141\n");
    expect(readFileSync(join(dir, "pipe-err.txt"), "utf8")).toBe("");
  });
});
