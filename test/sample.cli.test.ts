import { createHash } from "crypto";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../src/cli/main";
import { sampleCommand } from "../src/cli/commands/sample";
import { drawIndexes, SAMPLE_HEADERS, SAMPLE_SHEET } from "../src/rollup";
import { getRubric } from "../src/rubric";
import { buildPlan } from "../src/sheet";
import { cellGridValue, newWorkbook, renderPlan } from "../src/xlsx";
import { readWorkbookFile, writeWorkbookFile } from "../src/xlsx/files";

const rubric = getRubric();
const STATIONS = rubric.notice?.stations ?? [];
const dir = mkdtempSync(join(tmpdir(), "scorecard-sample-"));
const files = STATIONS.map((s) => join(dir, `${s}.xlsx`));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  for (const [i, station] of STATIONS.entries()) {
    const self = Object.fromEntries(rubric.baseItems.map((it) => [it.id, it.max - (i % 3)]));
    const workbook = newWorkbook();
    const evidence: Record<string, string> = i === 0 ? {} : { "1": "学习记录.pdf" };
    renderPlan(
      workbook,
      buildPlan({ rubric, station, year: 2020, entries: { self, review: {}, evidence, notes: {} } }),
    );
    await writeWorkbookFile(workbook, files[i]);
  }
});

describe("scorecard sample", () => {
  it("draws 9 of the 17 stations, the same for the same seed, as the core draws them", async () => {
    const a = await run("sample", ...files, "--seed", "铜梁2020");
    expect(a.code).toBe(0);
    expect(a.out).toContain("17 个服务站中抽取 9 个");
    const listed = a.out.split("\n").filter((l) => /^ {2}\d+\. /.test(l));
    expect(listed).toHaveLength(9);
    const expected = drawIndexes(17, 0.5, "铜梁2020").map((i) => STATIONS[i]);
    expect(listed.map((l) => l.split(/\s+/)[2])).toEqual(expected);
    const b = await run("sample", ...[...files].reverse(), "--seed", "铜梁2020");
    expect(b.out.split("\n").filter((l) => /^ {2}\d+\. /.test(l))).toEqual(listed);
  });

  it("prints each input's SHA-256, and picks, prints and records a seed when none is given", async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    const env = { now: () => new Date("2020-11-10T02:00:00Z"), pickSeed: () => "abc123" };
    const csv = join(dir, "抽查名单.csv");
    expect(await sampleCommand([...files, "-o", csv], "zh", io, env)).toBe(0);
    expect(out[0]).toContain("已随机选取种子：abc123");
    const hash = createHash("sha256").update(readFileSync(files[3])).digest("hex");
    expect(out).toContain(`  sha256:${hash}  ${files[3]}`);
    const text = readFileSync(csv, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("随机种子：abc123");
    // Local time with its offset (this machine's zone; test/cli.report.test.ts pins Asia/Shanghai).
    expect(text).toMatch(/抽取时间：2020-11-1[01] \d\d:\d\d [+-]\d\d:\d\d\r\n/);
    expect(text).toContain(`${SAMPLE_HEADERS.join(",")}\r\n`);
    expect(text).toContain(`${files[3]},sha256:${hash}\r\n`);
  });

  it("writes the 抽查名单 sheet to .xlsx", async () => {
    const xlsx = join(dir, "抽查名单.xlsx");
    expect((await run("sample", ...files, "--seed", "s", "--rate", "0.6", "-o", xlsx)).code).toBe(0);
    const sheet = (await readWorkbookFile(xlsx)).getWorksheet(SAMPLE_SHEET);
    expect(sheet).toBeDefined();
    const values = [] as unknown[];
    sheet?.eachRow((row) => row.eachCell((c) => values.push(cellGridValue(c))));
    expect(values).toContain("随机种子：s");
    expect(values.filter((v) => typeof v === "string" && STATIONS.includes(v))).toHaveLength(11);
  });

  it("refuses a rate outside (0, 1] and explains itself with --help in both languages", async () => {
    expect((await run("sample", files[0], "--rate", "0")).code).toBe(2);
    expect((await run("sample", files[0], "--rate", "abc")).err).toContain("抽取比例无效");
    expect((await run("sample", files[0], "--rate", "150%")).err).toContain("抽取比例无效");
    // The notice's own words: 50%.
    const percent = await run("sample", ...files, "--rate", "50%", "--seed", "铜梁2020");
    expect(percent.code).toBe(0);
    expect(percent.out).toContain("17 个服务站中抽取 9 个（比例 50%");
    expect((await run("sample", "--help")).out).toContain("FNV-1a");
    expect((await run("sample", "--help", "--lang", "en")).out).toContain("mulberry32");
    expect((await run("--help")).out).toContain("sample");
  });
});

describe("scorecard check and missing evidence", () => {
  it("lists no-evidence warnings, grouped (each one with --details) and with the 佐证材料 cell; exit code 0", async () => {
    const human = await run("check", files[1]);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/! 缺佐证材料 26 项：第9、18、20–24、.*、69、70项（--details 逐项列出）/);
    expect(human.out).not.toContain("! H12");
    const details = await run("check", "--details", files[1]);
    expect(details.out).toMatch(/! H12 {3}第9项已得分，但未填写佐证材料（H12）/);
    const json = JSON.parse((await run("check", "--json", files[1])).out);
    const issues = json.files[0].scorecards[0].issues;
    expect(issues.find((i: { item: string }) => i.item === "9")).toEqual({
      item: "9",
      cell: "H12",
      severity: "warning",
      code: "no-evidence",
      message: "第9项已得分，但未填写佐证材料（H12）",
    });
    expect(issues.some((i: { item: string }) => i.item === "1")).toBe(false);
  });
});
