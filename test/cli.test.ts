import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, existsSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { spawnSync } from "child_process";
import { main } from "../src/cli/main";
import { getRubric } from "../src/rubric";
import { buildPlan } from "../src/sheet";
import { newWorkbook, renderPlan } from "../src/xlsx";
import { writeWorkbookFile } from "../src/xlsx/files";

const dir = mkdtempSync(join(tmpdir(), "scorecard-cli-"));
const rubric = getRubric();

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function writeScorecard(
  file: string,
  station: string,
  self: Record<string, string | number>,
): Promise<void> {
  const workbook = newWorkbook();
  renderPlan(
    workbook,
    buildPlan({ rubric, station, year: 2020, entries: { self, review: {}, evidence: {}, notes: {} } }),
  );
  await writeWorkbookFile(workbook, file);
}

const fullMarks = (): Record<string, number> =>
  Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));

describe("scorecard new", () => {
  it("writes a workbook holding one scorecard that check reads back clean", async () => {
    const file = join(dir, "new.xlsx");
    const r = await run("new", "--station", "巴川街道", "--year", "2020", "-o", file);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("巴川街道2020评分表");
    const c = await run("check", "--json", file);
    expect(c.code).toBe(0);
    const json = JSON.parse(c.out);
    expect(json.files[0].scorecards[0]).toMatchObject({
      sheet: "巴川街道2020评分表",
      station: "巴川街道",
      year: 2020,
      edition: "2020-trial",
      issues: [],
      self: { base: 0, bonus: 0, total: 0, vetoed: false, verdict: "incomplete" },
    });
    expect(json.files[0].scorecards[0].self.missing).toHaveLength(70);
  });

  it("refuses to overwrite unless given --force, and rejects bad arguments with exit 2", async () => {
    const file = join(dir, "twice.xlsx");
    expect((await run("new", "--station", "东城街道", "--year", "2020", "-o", file)).code).toBe(0);
    const again = await run("new", "--station", "东城街道", "--year", "2020", "-o", file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/已存在.*--force/);
    expect((await run("new", "--station", "东城街道", "--year", "2020", "-o", file, "--force")).code).toBe(0);
    expect((await run("new", "--year", "2020", "-o", join(dir, "x.xlsx"))).err).toContain("--station");
    expect((await run("new", "--station", "x", "--year", "20x0", "-o", join(dir, "x.xlsx"))).code).toBe(2);
    expect(
      (await run("new", "--station", "x", "--year", "2020", "--edition", "1999", "-o", join(dir, "x.xlsx")))
        .err,
    ).toContain("1999");
    expect((await run("new", "--bogus")).code).toBe(2);
    expect((await run("frobnicate")).err).toContain("未知命令");
  });
});

describe("scorecard check", () => {
  let good: string;
  let bad: string;
  beforeAll(async () => {
    good = join(dir, "good.xlsx");
    bad = join(dir, "bad.xlsx");
    await writeScorecard(good, "南城街道", { ...fullMarks(), "12": 0.5 });
    await writeScorecard(bad, "蒲吕街道", { ...fullMarks(), "12": "２", "13": 5 });
  });

  it("prints a readable Chinese report, English with --lang en", async () => {
    const zh = await run("check", good);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain("南城街道");
    expect(zh.out).toContain("总分 99.5");
    expect(zh.out).toContain("达标");
    expect(zh.out).toContain("第12项 −0.5");
    const en = await run("check", "--lang", "en", good);
    expect(en.out).toContain("total 99.5");
    expect(en.out).toContain("pass");
  });

  it("exits 1 and names item and cell for invalid entries", async () => {
    const r = await run("check", "--json", bad);
    expect(r.code).toBe(1);
    const card = JSON.parse(r.out).files[0].scorecards[0];
    expect(card.self.verdict).toBe("incomplete");
    expect(card.issues.filter((i: { severity: string }) => i.severity === "error")).toEqual([
      expect.objectContaining({ item: "12", column: "self", cell: "F15", severity: "error" }),
      expect.objectContaining({ item: "13", column: "self", cell: "F16", severity: "error" }),
    ]);
    expect(card.issues[0].message).toContain("第12项");
  });

  it("exits 2 on unreadable files with one line each, and still checks the others", async () => {
    const empty = join(dir, "empty.xlsx");
    writeFileSync(empty, "");
    const notZip = join(dir, "notzip.xlsx");
    writeFileSync(notZip, "hello, this is not a spreadsheet");
    const truncated = join(dir, "truncated.xlsx");
    writeFileSync(truncated, readFileSync(good).subarray(0, 2000));
    const folder = join(dir, "folder.xlsx");
    mkdirSync(folder);
    const missing = join(dir, "missing.xlsx");
    const r = await run("check", "--json", empty, notZip, truncated, folder, missing, good);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(5);
    expect(r.err).not.toMatch(/\n\s+at /);
    const json = JSON.parse(r.out);
    expect(json.files.map((f: { error?: string }) => typeof f.error)).toEqual([
      "string",
      "string",
      "string",
      "string",
      "string",
      "undefined",
    ]);
    expect(json.files[5].scorecards[0].self.total).toBe(99.5);
  });

  it("has --help on every command", async () => {
    for (const cmd of ["new", "check", "summary", "export"]) {
      const r = await run(cmd, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toContain(`scorecard ${cmd}`);
    }
    expect((await run("--help")).out).toContain("check");
  });

  it("runs as `npx scorecard` from the project root", () => {
    const r = spawnSync("npx", ["--no-install", "scorecard", "check", "--json", good], {
      encoding: "utf8",
      cwd: join(__dirname, ".."),
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files[0].scorecards[0].station).toBe("南城街道");
    expect(existsSync(good)).toBe(true);
  });
});
