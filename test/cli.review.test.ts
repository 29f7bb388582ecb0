import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { tmpdir } from "os";
import { main } from "../src/cli/main";
import { runReview } from "../src/cli/commands/review";
import { LOG_SHEET, applyTransition, entriesHash } from "../src/review";
import { getRubric } from "../src/rubric";
import { buildPlan, readScorecard, type ScorecardEntries } from "../src/sheet";
import { XlsxPort, newWorkbook, renderPlan, workbookBytes } from "../src/xlsx";
import { convertWithLibreOffice } from "./support/libreoffice";
import { submittedPlan } from "./support/submitted";

/*
 * `scorecard submit` and `scorecard return`: a district registers a scorecard filled without the add-in with
 * exactly the pane's 提交 / 退回修改 (applyTransition over an XlsxPort, the pane's own file-mode path).
 */

const rubric = getRubric();
const dir = mkdtempSync(join(tmpdir(), "scorecard-review-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date("2020-11-05T02:30:00Z");

const fullMarks = (): Record<string, number> =>
  Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));
const entriesOf = (self: ScorecardEntries["self"]): ScorecardEntries => ({
  self,
  review: {},
  evidence: { "1": "学习记录.pdf" },
  notes: {},
});

async function writeCard(name: string, self: ScorecardEntries["self"], password?: string): Promise<string> {
  const workbook = newWorkbook();
  renderPlan(workbook, buildPlan({ rubric, station: name, year: 2020, entries: entriesOf(self), password }));
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, await workbookBytes(workbook));
  return file;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function readBack(file: string): Promise<{ port: XlsxPort; card: ReturnType<typeof readScorecard> }> {
  const port = await XlsxPort.load(readFileSync(file));
  const grids = await port.readGrids();
  const grid = grids.find((g) => g.name.endsWith("评分表"));
  if (!grid) throw new Error("no scorecard");
  return { port, card: readScorecard(grid) };
}

describe("scorecard submit", () => {
  it("submits a complete scorecard in place: 已提交, the hash and time, a 变更记录 row, the original kept", async () => {
    const file = await writeCard("巴川街道", fullMarks());
    const before = readFileSync(file);
    const r = await run("submit", file, "--operator", "张三");
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("已提交：");
    expect(r.out).toContain("填报中 → 已提交；操作人 张三");
    const { port, card } = await readBack(file);
    expect(card.meta.state).toBe("已提交");
    expect(card.meta.submission?.hash).toBe(entriesHash(card.layout.entryIds, card.entries.self));
    expect(r.out).toContain(`提交哈希 ${card.meta.submission?.hash}`);
    expect(card.findings).toEqual([]);
    const [log] = await port.readGrids([LOG_SHEET]);
    expect(log.values[1]?.slice(1, 7)).toEqual([
      "巴川街道",
      "巴川街道2020评分表",
      "提交",
      "填报中",
      "已提交",
      "张三",
    ]);
    // The original, byte for byte, beside it; its name printed.
    const backup = join(dir, "巴川街道.提交前.xlsx");
    expect(readFileSync(backup).equals(before)).toBe(true);
    expect(r.out).toContain(`原文件已另存为 ${backup}`);
    // `check` now shows the state; the roll-up counts it as submitted.
    expect(JSON.parse((await run("check", "--json", file)).out).files[0].scorecards[0].state).toBe("已提交");
    const summary = await run("summary", file, "-o", join(dir, "one.csv"));
    expect(summary.out).toContain("收到 1 个，已提交 1 个");
  });

  it("leaves exactly what the pane's 提交 leaves (the same transition, the same clock)", async () => {
    const file = await writeCard("东城街道", fullMarks());
    const pane = await XlsxPort.load(readFileSync(file));
    await applyTransition(pane, "东城街道2020评分表", "submit", { now: NOW, operator: "张三" });
    const io = { out: () => undefined, err: () => undefined };
    const out = join(dir, "东城街道-已提交.xlsx");
    expect(
      await runReview([file], "submit", { operator: "张三", out, force: false, now: () => NOW }, "zh", io),
    ).toBe(0);
    // Both as saved files: the pane's download and the command's output.
    const saved = await XlsxPort.load(await pane.toBuffer());
    const cli = await XlsxPort.load(readFileSync(out));
    expect(await cli.readGrids()).toEqual(await saved.readGrids());
    // With -o the input is left as it was, and no copy is needed.
    expect((await readBack(file)).card.meta.state).toBe("填报中");
    expect(existsSync(join(dir, "东城街道.提交前.xlsx"))).toBe(false);
  });

  it("refuses an incomplete or invalid self-assessment, listing why, and leaves the file alone", async () => {
    const incomplete = await writeCard("南城街道", { ...fullMarks(), "38": null, "55": null });
    const invalid = await writeCard("蒲吕街道", { ...fullMarks(), "12": "２" });
    const good = await writeCard("旧县街道", fullMarks());
    const bytes = readFileSync(incomplete);
    const r = await run("submit", incomplete, invalid, good, "--operator", "张三");
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toEqual([
      `拒绝提交：${incomplete}（工作表“南城街道2020评分表”）`,
      "  自评尚有 2 项未填：第38、55项",
      `拒绝提交：${invalid}（工作表“蒲吕街道2020评分表”）`,
      "  自评有 1 处无效填写：",
      expect.stringMatching(/^ {4}✗ F15 {3}第12项/),
    ]);
    expect(readFileSync(incomplete).equals(bytes)).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith("南城街道.提交前"))).toBe(false);
    // The others are still done.
    expect((await readBack(good)).card.meta.state).toBe("已提交");
    // A second submission is refused by state, in English too.
    const again = await run("submit", good, "--operator", "张三", "--lang", "en");
    expect(again.code).toBe(1);
    expect(again.err).toContain("its 状态 is submitted: cannot submit");
  });

  it("needs --operator, one file for -o, and never overwrites an existing -o without --force", async () => {
    const file = await writeCard("土桥镇", fullMarks());
    expect(await run("submit", file)).toMatchObject({ code: 2, err: expect.stringContaining("--operator") });
    const two = await run("submit", file, file, "--operator", "张三", "-o", join(dir, "x.xlsx"));
    expect(two.code).toBe(2);
    expect(two.err).toContain("-o 只能和一个输入文件一起用");
    const taken = join(dir, "taken.xlsx");
    writeFileSync(taken, "x");
    expect((await run("submit", file, "--operator", "张三", "-o", taken)).err).toMatch(/已存在.*--force/);
    expect(readFileSync(taken, "utf8")).toBe("x");
    const missing = await run("submit", join(dir, "none.xlsx"), "--operator", "张三");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("文件不存在");
  });

  it("keeps a sheet's protection password through the redraw", async () => {
    const file = await writeCard("安居镇", fullMarks(), "secret");
    const hashOf = async (f: string): Promise<unknown> => {
      const port = await XlsxPort.load(readFileSync(f));
      const sheet = port.workbook.worksheets.find((w) => w.name === "安居镇2020评分表");
      return (sheet as unknown as { sheetProtection?: { hashValue?: string } }).sheetProtection?.hashValue;
    };
    const before = await hashOf(file);
    expect(before).toEqual(expect.any(String));
    expect((await run("submit", file, "--operator", "张三")).code).toBe(0);
    expect(await hashOf(file)).toBe(before);
  });

  it("writes a file LibreOffice opens and recalculates to the same state and totals", async () => {
    const file = await writeCard("平滩镇", { ...fullMarks(), "12": 0.5 });
    expect((await run("submit", file, "--operator", "张三")).code).toBe(0);
    const result = await convertWithLibreOffice([file], { to: "xlsx", outDir: join(dir, "lo") });
    const { card } = await readBack(result.outputs[0]);
    expect(card.meta.state).toBe("已提交");
    expect(card.scores.self.total).toBe(99.5);
    expect(card.findings.filter((f) => f.code === "edited-after-submit")).toEqual([]);
  }, 120_000);
});

describe("help", () => {
  it("explains submit and return, where they write and their exit codes, in both languages", async () => {
    for (const command of ["submit", "return"]) {
      const zh = await run(command, "--help");
      expect(zh.code).toBe(0);
      expect(zh.out).toContain(`用法：scorecard ${command}`);
      expect(zh.out).toMatch(/不加 -o 时就地更新/);
      expect(zh.out).toContain("退出码");
      const en = await run(command, "--help", "--lang", "en");
      expect(en.out).toContain(`Usage: scorecard ${command}`);
      expect(en.out).toContain("Exit codes");
    }
    expect((await run("--help")).out).toMatch(/submit {3}登记提交[\s\S]*return {3}退回修改/);
  });
});

describe("scorecard return", () => {
  it("returns a submitted scorecard to 填报中 with who and why, in place, the original kept", async () => {
    const workbook = newWorkbook();
    renderPlan(
      workbook,
      submittedPlan({
        rubric,
        station: "虎峰镇",
        year: 2020,
        entries: entriesOf(fullMarks()),
        state: "已提交",
      }),
    );
    const file = join(dir, "虎峰镇.xlsx");
    writeFileSync(file, await workbookBytes(workbook));
    expect(await run("return", file, "--operator", "李四")).toMatchObject({
      code: 2,
      err: expect.stringContaining("--reason"),
    });
    const r = await run("return", file, "--operator", "李四", "--reason", "佐证材料不全");
    expect(r.code).toBe(0);
    expect(r.out).toContain("已提交 → 填报中；操作人 李四");
    const { port, card } = await readBack(file);
    expect(card.meta.state).toBe("填报中");
    expect(card.meta.submission).toBeUndefined();
    const [log] = await port.readGrids([LOG_SHEET]);
    expect(log.values[1]?.slice(3, 8)).toEqual(["退回修改", "已提交", "填报中", "李四", "佐证材料不全"]);
    expect(existsSync(join(dir, "虎峰镇.退回前.xlsx"))).toBe(true);
    // Nothing to return now.
    const again = await run("return", file, "--operator", "李四", "--reason", "x");
    expect(again.code).toBe(1);
    expect(again.err).toContain("状态为“填报中”，不能退回修改");
    expect((await run("return", file, file, "--operator", "李四", "--reason", "x")).err).toContain(
      "return 一次退回一个文件，收到 2 个",
    );
  });
});
