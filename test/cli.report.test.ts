import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../src/cli/main";
import { ROLLUP_SHEET } from "../src/rollup";
import { getRubric } from "../src/rubric";
import type { ScorecardEntries } from "../src/sheet";
import { cellGridValue, newWorkbook, readScorecards, renderPlan, workbookBytes } from "../src/xlsx";
import { readWorkbookFile } from "../src/xlsx/files";
import { version } from "../package.json";
import { submittedPlan } from "./support/submitted";

/* What a reviewer reads: the check report and its closing summary, and every message in the chosen language. */

const rubric = getRubric();
const dir = mkdtempSync(join(tmpdir(), "scorecard-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const fullMarks = (): Record<string, number> =>
  Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));
/** Evidence for every item but those listed. */
const evidenceBut = (...missing: string[]): Record<string, string> =>
  Object.fromEntries(rubric.items.filter((i) => !missing.includes(i.id)).map((i) => [i.id, "台账.pdf"]));

async function write(
  name: string,
  entries: ScorecardEntries,
  state: "填报中" | "已提交" = "填报中",
): Promise<string> {
  const workbook = newWorkbook();
  renderPlan(workbook, submittedPlan({ rubric, station: name, year: 2020, entries, state }));
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, await workbookBytes(workbook));
  return file;
}

describe("scorecard check: the report a reviewer reads", () => {
  let clean: string;
  let vetoed: string;
  let invalid: string;
  let partial: string;
  const missing = join(dir, "没有这个文件.xlsx");
  beforeAll(async () => {
    clean = await write(
      "巴川街道",
      { self: fullMarks(), review: {}, evidence: evidenceBut(), notes: {} },
      "已提交",
    );
    vetoed = await write("东城街道", {
      self: { ...fullMarks(), "75.2": "是" },
      review: {},
      evidence: evidenceBut("1", "2", "3", "9"),
      notes: {},
    });
    invalid = await write("南城街道", {
      self: { ...fullMarks(), "12": "２" },
      review: {},
      evidence: evidenceBut(),
      notes: {},
    });
    partial = await write("蒲吕街道", {
      self: { ...fullMarks(), "38": null, "55": null },
      review: {},
      evidence: evidenceBut(),
      notes: {},
    });
  });

  it("names the state, the edition by its title, the veto items and unscored items by number", async () => {
    const r = await run("check", clean, vetoed, partial);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "【巴川街道2020评分表】服务站：巴川街道  年度：2020  标准：试行标准（2020）  状态：已提交",
    );
    expect(r.out).not.toContain("2020-trial");
    expect(r.out).toContain("结论 否决：75.2 发生个人极端案事件的");
    expect(r.out).toContain("未评分 2 项：第38、55项");
    expect(r.out).toContain("复核：尚未开始");
  });

  it("groups warnings of a kind per scorecard (each with --details); errors always one by one", async () => {
    const grouped = await run("check", vetoed, invalid);
    expect(grouped.out).toContain("! 缺佐证材料 4 项：第1–3、9项（--details 逐项列出）");
    expect(grouped.out).not.toMatch(/! H4 /);
    expect(grouped.out).toMatch(/✗ F15 {3}第12项/);
    const details = await run("check", "--details", vetoed);
    expect(details.out.split("\n").filter((l) => /^ {6}! H\d+ /.test(l))).toHaveLength(4);
  });

  it("ends with a line per scorecard, errors first, and the totals; an unreadable file reported once", async () => {
    const r = await run("check", clean, vetoed, missing, invalid);
    expect(r.code).toBe(2);
    // On stderr once, and nowhere on stdout: a terminal shows it once.
    expect(r.err.split("\n")).toEqual([`无法读取 ${missing}：文件不存在`]);
    expect(r.out).not.toContain(missing);
    const lines = r.out.split("\n");
    const heading = lines.indexOf("逐表汇总（3 张评分表，有错误的在前）：");
    expect(heading).toBeGreaterThan(0);
    expect(lines.slice(heading + 1)).toEqual([
      `  ✗ 南城街道（${invalid}）  填报中  自评 99  复核 —  结论 未完成  错误 1  警告 0`,
      `  ✓ 巴川街道（${clean}）  已提交  自评 100  复核 —  结论 达标  错误 0  警告 0`,
      `  ! 东城街道（${vetoed}）  填报中  自评 100  复核 —  结论 否决：75.2 发生个人极端案事件的  错误 0  警告 4`,
      "4 个文件：1 个无法读取，1 个有错误；缺佐证材料 4 处",
    ]);
  });

  it("says it all in English with --lang en", async () => {
    const r = await run("check", "--lang", "en", vetoed, partial);
    expect(r.out).toContain("Edition: Trial standard (2020)  State: being filled in");
    expect(r.out).toContain("verdict vetoed: 75.2 An extreme individual incident occurred");
    expect(r.out).toContain("2 not scored: items 38, 55");
    expect(r.out).toContain("no evidence: 4, items 1–3, 9 (--details lists each)");
    expect(r.out).toContain("2 file(s): no errors; no evidence 4");
    // Chinese only in the data (station, sheet, file names), none in the report's own words.
    expect(r.out).not.toMatch(/结论|未评分|逐表汇总|问题|标准|状态|否决|缺佐证/);
  });

  it("keeps the JSON document, adding the state and the veto items", async () => {
    const r = await run("check", "--json", vetoed);
    const card = JSON.parse(r.out).files[0].scorecards[0];
    expect(card).toMatchObject({ edition: "2020-trial", state: "填报中" });
    expect(card.self).toMatchObject({ vetoed: true, vetoItems: ["75.2"], verdict: "veto" });
    expect(card.review).toMatchObject({ vetoed: false, vetoItems: [] });
    // Nothing but the document on stdout: no closing lines.
    expect(r.out.trim().endsWith("}")).toBe(true);
  });
});

describe("every message in the chosen language", () => {
  it("unknown options, missing and stray values: one line, no Node English, exit 2", async () => {
    const zh = await run("check", "--bogus", "a.xlsx");
    expect(zh).toMatchObject({
      code: 2,
      err: "scorecard: 未知选项：--bogus（用 scorecard check --help 查看可用选项）",
    });
    const en = await run("check", "--bogus", "a.xlsx", "--lang", "en");
    expect(en.err).toBe("scorecard: Unknown option: --bogus (see scorecard check --help)");
    expect((await run("summary", "a.xlsx", "-o")).err).toBe("scorecard: 选项 --out 后面缺少值");
    expect((await run("check", "--json=yes", "a.xlsx")).err).toBe("scorecard: 选项 --json 不带值");
    expect((await run("new", "stray", "--station", "x")).err).toContain("多余的参数：stray");
  });

  it("refuses a language it cannot speak, an unknown edition and an unknown command, pointing to --help", async () => {
    const fr = await run("check", "--lang", "fr", "a.xlsx");
    expect(fr).toMatchObject({ code: 2, err: "scorecard: 不支持的语言：fr（--lang 可用 zh 中文、en 英文）" });
    expect((await run("check", "--lang=fr", "a.xlsx")).code).toBe(2);
    const edition = await run("new", "--station", "x", "--year", "2020", "--edition", "1999", "-o", "x.xlsx");
    expect(edition.err).toBe("scorecard: 未知的标准版本：1999（可用：2020-trial（试行标准（2020）））");
    const editionEn = await run("summary", "a.xlsx", "-o", "x.xlsx", "--edition", "1999", "--lang", "en");
    expect(editionEn.err).toBe(
      "scorecard: Unknown edition: 1999 (known: 2020-trial (Trial standard (2020)))",
    );
    expect((await run("foo")).err).toBe("scorecard: 未知命令：foo（用 scorecard --help 查看全部命令）");
    expect((await run("--lang", "en", "foo")).err).toBe(
      "scorecard: Unknown command: foo (see scorecard --help for the commands)",
    );
    expect(await run("--version")).toEqual({ code: 0, out: `scorecard ${version}`, err: "" });
  });

  it("export of two files says what is wrong", async () => {
    const r = await run("export", "a.xlsx", "b.xlsx", "-o", "x.xlsx");
    expect(r).toMatchObject({
      code: 2,
      err: "scorecard: export 一次导出一个文件，收到 2 个：a.xlsx、b.xlsx（请分别导出；输出文件用 -o 指定）",
    });
  });
});

describe("scorecard new", () => {
  it("points out a year the edition is not used for, as the pane does, and still writes the file", async () => {
    const file = join(dir, "2023.xlsx");
    const r = await run("new", "--station", "巴川街道", "--year", "2023", "-o", file);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "提示：试行标准（2020）用于 2020–2022 年度的创建活动，2023 年不在其中，请确认年度（已照常新建）",
    );
    expect(existsSync(file)).toBe(true);
    expect(
      (await run("new", "--station", "巴川街道", "--year", "2021", "-o", join(dir, "2021.xlsx"))).err,
    ).toBe("");
  });

  it("refuses an output that is not .xlsx (it writes .xlsx bytes)", async () => {
    const file = join(dir, "old.xls");
    const r = await run("new", "--station", "巴川街道", "--year", "2020", "-o", file);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining("输出文件须以 .xlsx 结尾") });
    expect(existsSync(file)).toBe(false);
  });

  it("--all-stations writes one scorecard per station the notice names, and refuses to overwrite any", async () => {
    const folder = join(dir, "各站");
    const r = await run("new", "--all-stations", "--year", "2020", "-o", folder);
    expect(r.code).toBe(0);
    const stations = rubric.notice?.stations ?? [];
    expect(readdirSync(folder).sort()).toEqual(stations.map((s) => `${s}.xlsx`).sort());
    const [card] = readScorecards(await readWorkbookFile(join(folder, `${stations[4]}.xlsx`)));
    expect(card.meta).toMatchObject({ station: stations[4], year: 2020, state: "填报中" });
    expect(r.out.split("\n").pop()).toBe(`已在 ${folder} 中创建 17 个评分表文件`);
    const before = readFileSync(join(folder, `${stations[0]}.xlsx`));
    const again = await run("new", "--all-stations", "--year", "2020", "-o", folder);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/已存在.*--force/);
    expect(readFileSync(join(folder, `${stations[0]}.xlsx`)).equals(before)).toBe(true);
    expect((await run("new", "--all-stations", "--station", "x", "--year", "2020", "-o", folder)).code).toBe(
      2,
    );
  });
});

describe("scorecard sample and summary", () => {
  it("prints the draw's time in local time with its offset, in the machine's own zone", async () => {
    const file = await write("石鱼镇", { self: fullMarks(), review: {}, evidence: {}, notes: {} });
    // A process of its own: the zone is read from TZ when a process starts.
    const script =
      'const { sampleCommand } = require("./src/cli/commands/sample.ts");' +
      "const io = { out: (l) => console.log(l), err: (l) => console.log(l) };" +
      'const env = { now: () => new Date("2020-11-25T02:30:00Z"), pickSeed: () => "s" };' +
      `sampleCommand([${JSON.stringify(file)}, "--seed", "s"], "zh", io, env);`;
    const headerIn = (zone: string): string => {
      const r = spawnSync(process.execPath, ["--import", "tsx", "-e", script], {
        cwd: join(__dirname, ".."),
        encoding: "utf8",
        env: { ...process.env, TZ: zone },
      });
      return r.stdout.split("\n")[0];
    };
    expect(headerIn("Asia/Shanghai")).toMatch(/；时间 2020-11-25 10:30 \+08:00$/);
    expect(headerIn("America/St_Johns")).toMatch(/；时间 2020-11-24 23:00 -03:30$/);
  }, 60_000);

  it("--unit names another unit in the 汇总 title", async () => {
    const file = await write("永嘉镇", { self: fullMarks(), review: {}, evidence: {}, notes: {} }, "已提交");
    const out = join(dir, "大足.xlsx");
    const r = await run("summary", file, "-o", out, "--unit", "重庆市大足区退役军人事务局");
    expect(r.code).toBe(0);
    const sheet = (await readWorkbookFile(out)).getWorksheet(ROLLUP_SHEET);
    expect(cellGridValue(sheet!.getCell("A1"))).toBe(
      "重庆市大足区退役军人事务局2020年全国示范型退役军人服务站创建情况汇总表",
    );
    expect((await run("summary", file, "-o", join(dir, "x.xlsx"), "--unit", " ")).err).toContain("--unit");
  });

  it("a roll-up of files still 填报中 says none is submitted and lists none", async () => {
    const a = await write("少云镇", { self: fullMarks(), review: {}, evidence: {}, notes: {} });
    const r = await run("summary", a, "-o", join(dir, "名单.csv"));
    expect(r.out.split("\n")).toEqual([
      `已生成创建名单 ${join(dir, "名单.csv")}：0 个达标服务站`,
      `已生成 ${join(dir, "名单.csv")}：17 个服务站，收到 1 个，已提交 0 个，已复核 0 个，未收到 16 个；达标 0 个，达标率 0.0%；目标 11 个，还需 11 个达标`,
      expect.stringMatching(/^进度：/),
    ]);
  });
});
