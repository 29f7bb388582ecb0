import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { summaryMain } from "../src/cli/commands/summary";
import { EXIT, reason } from "../src/cli/errors";
import type { Lang } from "../src/i18n/types";
import { getRubric } from "../src/rubric";
import { scoreScorecard } from "../src/scoring";
import { VERDICT_TEXT, type ScorecardEntries, type ScorecardState } from "../src/sheet";
import { LIST_SHEET, MISSING_TEXT, ROLLUP_COL, ROLLUP_SHEET } from "../src/rollup";
import { cellGridValue, newWorkbook, readScorecards, renderPlan } from "../src/xlsx";
import { readWorkbookFile, writeWorkbookFile } from "../src/xlsx/files";
import { compactEntries, randomFill } from "./support/fills";
import { submittedPlan } from "./support/submitted";

const rubric = getRubric("2020-trial");
const STATIONS = rubric.notice?.stations ?? [];
/** The station whose file is broken. */
const BROKEN = "太平镇";
const dir = mkdtempSync(join(tmpdir(), "scorecard-summary-"));

interface StationFile {
  readonly station: string;
  readonly file: string;
  readonly entries: ScorecardEntries;
  readonly state: ScorecardState;
}

const files: StationFile[] = STATIONS.filter((s) => s !== BROKEN).map((station, i) => ({
  station,
  file: join(dir, `${station}.xlsx`),
  entries: randomFill(rubric, 200 + i).entries,
  state: (["已提交", "已复核", "填报中"] as const)[i % 3],
}));
const broken = join(dir, `${BROKEN}.xlsx`);
const inputs = (): string[] => [...files.map((f) => f.file), broken];

/**
 * The counted verdict, from the engine: a scorecard still 填报中 is 未提交; the review counts once 已复核 (or
 * 复核中) and finished; else the self-assessment.
 */
const counted = (f: StationFile): { total: number; verdict: string } => {
  const s = scoreScorecard(rubric, f.entries.self, f.entries.review);
  const c = f.state === "已复核" && s.review.verdict !== "incomplete" ? s.review : s.self;
  return { total: c.total, verdict: f.state === "填报中" ? MISSING_TEXT : VERDICT_TEXT[c.verdict] };
};
const passing = files.filter((f) => counted(f).verdict === "达标");
const drafts = files.filter((f) => f.state === "填报中");

/** main()'s handling of a command: usage problems become one line on stderr and exit 2. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const lang: Lang = argv.includes("en") && argv[argv.indexOf("en") - 1] === "--lang" ? "en" : "zh";
  const started = Date.now();
  let code: number;
  try {
    code = await summaryMain(argv, lang, { out: (l) => out.push(l), err: (l) => err.push(l) });
  } catch (e) {
    err.push(`scorecard: ${reason(e)}`);
    code = EXIT.usage;
  }
  return { code, out: out.join("\n"), err: err.join("\n"), ms: Date.now() - started };
}

beforeAll(async () => {
  for (const f of files) {
    const workbook = newWorkbook();
    renderPlan(
      workbook,
      submittedPlan({ rubric, station: f.station, year: 2020, entries: f.entries, state: f.state }),
    );
    await writeWorkbookFile(workbook, f.file);
  }
  writeFileSync(broken, "this is not a zip file");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("scorecard summary", () => {
  const out = join(dir, "汇总.xlsx");
  let result: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    result = await run(...inputs(), "-o", out);
    process.stdout.write(`summary of 17 files (one broken) in ${result.ms} ms\n`);
  });

  it("writes the roll-up though one file is broken, names that file on stderr and exits 2", () => {
    expect(result.code).toBe(2);
    expect(result.err.split("\n")).toEqual([expect.stringContaining(broken)]);
    expect(result.err).toContain("无法读取");
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(true);
    expect(result.out).toContain(out);
    // Received is not submitted: the files still 填报中 count as received only.
    expect(result.out).toContain(
      `17 个服务站，收到 16 个，已提交 ${16 - drafts.length} 个，已复核 ${files.filter((f) => f.state === "已复核").length} 个，未收到 1 个`,
    );
    expect(drafts.length).toBeGreaterThan(0);
    expect(result.out).toContain(`达标 ${passing.length} 个`);
    expect(result.out).toContain("目标 11 个");
  });

  it("holds 汇总 first, then 创建名单 and the 16 scorecards with their entries and state", async () => {
    const workbook = await readWorkbookFile(out);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      ROLLUP_SHEET,
      LIST_SHEET,
      ...files.map((f) => `${f.station}2020评分表`),
    ]);
    const copies = readScorecards(workbook);
    expect(copies.map((c) => [c.meta.station, c.meta.state])).toEqual(files.map((f) => [f.station, f.state]));
    copies.forEach((copy, i) =>
      expect(compactEntries(copy.entries)).toEqual(compactEntries(files[i].entries)),
    );
  });

  it("shows 16 stations with the engine's verdicts and the broken one as 未提交", async () => {
    const sheet = (await readWorkbookFile(out)).getWorksheet(ROLLUP_SHEET);
    if (!sheet) throw new Error("no 汇总");
    const got = STATIONS.map((_, i) =>
      [ROLLUP_COL.station, ROLLUP_COL.total, ROLLUP_COL.verdict].map((c) =>
        cellGridValue(sheet.getCell(4 + i, c + 1)),
      ),
    );
    expect(got).toEqual(
      STATIONS.map((station) => {
        const f = files.find((x) => x.station === station);
        if (!f) return [station, null, MISSING_TEXT];
        const c = counted(f);
        return [station, c.total, c.verdict];
      }),
    );
    expect(got.filter((g) => g[1] === null)).toEqual([[BROKEN, null, MISSING_TEXT]]);
    // A draft shows its own total but is 未提交, whatever it scores.
    expect(got.filter((g) => g[2] === MISSING_TEXT)).toHaveLength(drafts.length + 1);
    const list = (await readWorkbookFile(out)).getWorksheet(LIST_SHEET);
    if (!list) throw new Error("no 创建名单");
    expect(passing.map((_, i) => cellGridValue(list.getCell(4 + i, 2)))).toEqual(
      passing.map((f) => f.station),
    );
  });

  it("reports a duplicate file, keeps the first and exits 0 when every file was read", async () => {
    const copy = join(dir, "巴川街道-副本.xlsx");
    copyFileSync(files[0].file, copy);
    const target = join(dir, "dup.xlsx");
    const r = await run(...files.map((f) => f.file), copy, "-o", target);
    expect(r.code).toBe(0);
    expect(r.err.split("\n")).toEqual([expect.stringMatching(/^重复：.*巴川街道-副本\.xlsx.*巴川街道 2020/)]);
    expect(r.err).toContain(files[0].file);
    const workbook = await readWorkbookFile(target);
    expect(readScorecards(workbook)).toHaveLength(16);
    const en = await run("--lang", "en", ...files.map((f) => f.file), copy, "-o", join(dir, "dup-en.xlsx"));
    expect(en.err).toMatch(/^Duplicate: .*巴川街道-副本\.xlsx/);
    expect(en.out).toMatch(/^Wrote .*17 stations, 16 received, \d+ submitted, \d+ reviewed, 1 missing; /);
  });

  it("writes the 创建名单 as CSV: BOM, CRLF, one line per passing station", async () => {
    const csvFile = join(dir, "list.csv");
    const r = await run(...inputs(), "-o", csvFile);
    expect(r.code).toBe(2);
    const bytes = readFileSync(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.split("\r\n")).toEqual([
      "序号,服务站,总分,结论,认定依据,状态,标准",
      ...passing.map(
        (f, i) =>
          `${i + 1},${f.station},${counted(f).total},达标,${f.state === "已复核" && scoreScorecard(rubric, f.entries.self, f.entries.review).review.verdict !== "incomplete" ? "复核" : "自评"},${f.state},试行标准（2020）`,
      ),
      "",
    ]);
    expect(r.out).toContain(`${passing.length} 个达标服务站`);
  });

  it("never overwrites an input, nor an existing output without --force", async () => {
    const before = statSync(files[0].file).mtimeMs;
    const onInput = await run(...inputs(), "-o", files[0].file, "--force");
    expect(onInput.code).toBe(2);
    expect(statSync(files[0].file).mtimeMs).toBe(before);
    const again = await run(...inputs(), "-o", out);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/已存在.*--force/);
    expect(again.err.split("\n")).toHaveLength(1);
    expect((await run(...inputs(), "-o", out, "--force")).code).toBe(2); // the broken file, not the output
    expect((await run(...files.map((f) => f.file), "-o", out, "--force")).code).toBe(0);
  });

  it("rejects bad arguments with one line and exit 2, and has --help", async () => {
    expect((await run("-o", join(dir, "x.xlsx"))).err).toContain("请指定至少一个文件");
    expect((await run(files[0].file)).err).toContain("--out");
    expect((await run(files[0].file, "-o", join(dir, "x.pdf"))).err).toContain(".xlsx 或 .csv");
    expect((await run(files[0].file, "-o", join(dir, "x.xlsx"), "--year", "20x0")).code).toBe(2);
    expect((await run(files[0].file, "-o", join(dir, "x.xlsx"), "--edition", "1999")).err).toContain("1999");
    expect((await run(files[0].file, "--bogus")).code).toBe(2);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
    const help = await run("--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("scorecard summary");
  });

  it("reports a workbook without scorecards as unreadable and rolls up the rest", async () => {
    const empty = join(dir, "empty-book.xlsx");
    const workbook = newWorkbook();
    workbook.addWorksheet("Sheet1").getCell("A1").value = "hello";
    await writeWorkbookFile(workbook, empty);
    const r = await run(files[0].file, empty, "-o", join(dir, "one.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`无法读取 ${empty}：没有找到评分表`);
    expect(r.out).toContain("收到 1 个，已提交 1 个");
  });
});
