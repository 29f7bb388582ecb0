import { spawnSync } from "child_process";
import {
  existsSync,
  linkSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { PageSetup, Workbook, Worksheet } from "exceljs";
import { main, type Io } from "../src/cli/main";
import { exportCommand, type ExportDeps } from "../src/cli/commands/export";
import { reason, UsageError } from "../src/cli/errors";
import { findSoffice } from "../src/export/pdf";
import type { Lang } from "../src/i18n/types";
import { getRubric } from "../src/rubric";
import { scoreScorecard } from "../src/scoring";
import {
  COL,
  DRAFT_MARK,
  SIGNATURE_LABELS,
  VERDICT_TEXT,
  addr,
  buildPlan,
  checkScorecard,
  rowOf,
  type PlanValue,
  type ScorecardEntries,
  type ScorecardState,
} from "../src/sheet";
import { cellFormula, cellGridValue, newWorkbook, readScorecards, renderPlan } from "../src/xlsx";
import { readWorkbookFile, writeWorkbookFile } from "../src/xlsx/files";
import { internals } from "../src/xlsx/internals";
import { compactEntries } from "./support/fills";

const rubric = getRubric();
const layout = buildPlan({ rubric, station: "x", year: 2020 }).layout;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "scorecard-export-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const path = (name: string): string => join(dir, name);
const fullMarks = (): Record<string, PlanValue> =>
  Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));
const entriesOf = (e: Partial<ScorecardEntries>): ScorecardEntries => ({
  self: {},
  review: {},
  evidence: {},
  notes: {},
  ...e,
});

/** Scorecards as a district receives them: submitted, unless told otherwise. */
async function writeScorecards(
  file: string,
  cards: readonly { station: string; entries: Partial<ScorecardEntries>; state?: ScorecardState }[],
): Promise<void> {
  const workbook = newWorkbook();
  for (const c of cards)
    renderPlan(
      workbook,
      buildPlan({
        rubric,
        station: c.station,
        year: 2020,
        entries: entriesOf(c.entries),
        state: c.state ?? "已提交",
      }),
    );
  await writeWorkbookFile(workbook, file);
}
const writeScorecard = (
  file: string,
  station: string,
  entries: Partial<ScorecardEntries>,
  state?: ScorecardState,
): Promise<void> => writeScorecards(file, [{ station, entries, state }]);

interface Run {
  code: number;
  out: string;
  err: string;
}

const capture = (): { io: Io; result: () => Omit<Run, "code"> } => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    result: () => ({ out: out.join("\n"), err: err.join("\n") }),
  };
};

let wired: boolean | undefined;
/** Whether src/cli/main.ts dispatches `export` yet; until it does, the command is called as main would. */
async function mainHasExport(): Promise<boolean> {
  wired ??= (await main(["export", "--help"], capture().io)) === 0;
  return wired;
}

/** `scorecard export …` through main(), or (not wired yet, or with test deps) exactly as main calls it. */
async function run(args: readonly string[], deps?: ExportDeps): Promise<Run> {
  const c = capture();
  const lang: Lang = args.includes("en") && args[args.indexOf("en") - 1] === "--lang" ? "en" : "zh";
  let code: number;
  if (!deps && (await mainHasExport())) code = await main(["export", ...args], c.io);
  else
    try {
      code = await exportCommand(args, lang, c.io, deps);
    } catch (e) {
      c.io.err(`scorecard: ${reason(e)}`);
      code = 2;
    }
  return { code, ...c.result() };
}

const sheetOf = (workbook: Workbook): Worksheet => {
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0];
};

/** Bytes and modification time, to prove a file was not touched. */
const fingerprint = (file: string): { bytes: string; mtime: number } => ({
  bytes: readFileSync(file).toString("base64"),
  mtime: statSync(file).mtimeMs,
});

const evidence = { "1": "会议记录（2020年）", "12": "照片 3 张", "75.1": "无" };
const notes = { "5": "第一行\n第二行" };

describe("scorecard export: .xlsx", () => {
  let valid: string;
  beforeAll(async () => {
    valid = path("valid.xlsx");
    await writeScorecard(valid, "南城街道", {
      self: { ...fullMarks(), "12": 0.5, "71": 3, "75.1": "否" },
      review: { "1": 1.5 },
      evidence,
      notes,
    });
  });

  it("exports a valid scorecard as the compliant copy, leaving the input untouched", async () => {
    const before = fingerprint(valid);
    const out = path("南城-合规.xlsx");
    const r = await run([valid, "-o", out]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toBe(`已导出 ${out}（工作表“南城街道2020评分表”）`);
    expect(fingerprint(valid)).toEqual(before);

    const sheet = sheetOf(await readWorkbookFile(out));
    expect(sheet.name).toBe("南城街道2020评分表");
    const title = String(sheet.getCell("A1").value);
    expect(title).toContain("南城街道");
    expect(title).toContain("2020");
    expect(title).toContain(rubric.title);
    expect(title).not.toContain(DRAFT_MARK);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => sheet.getCell(layout.headerRow, c).value)).toEqual([
      "主要内容",
      "具体任务",
      "序号",
      "创建标准",
      "分值",
      "自评得分",
      "复核得分",
      "佐证材料",
      "备注",
    ]);
    // Live formulas with the engine's results, the verdict among them.
    const total = sheet.getCell(addr(COL.self, layout.summaryRows.total));
    expect(cellFormula(total)).toMatch(/^[A-Z]/);
    expect(cellGridValue(total)).toBe(99.5 + 3);
    const verdict = sheet.getCell(addr(COL.self, layout.summaryRows.verdict));
    expect(cellFormula(verdict)).not.toBeNull();
    expect(cellGridValue(verdict)).toBe(VERDICT_TEXT.pass);
    // The edition by its title, the signature block and the print setup.
    expect(sheet.getCell(addr(5, layout.metaRow)).value).toBe("试行标准（2020）");
    const labels = layout.signatureRows.flatMap((r) => sheet.getRow(r).values as unknown[]);
    expect(labels).toEqual(
      expect.arrayContaining(Object.values(SIGNATURE_LABELS).map((label) => `${label}：`)),
    );
    expect(sheet.getRow(layout.signatureRow).values).toEqual(
      expect.arrayContaining(["填报人：", "审核人：", "日期："]),
    );
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToWidth: 1,
      printTitlesRow: "3:3",
    });
    expect(sheet.headerFooter.oddFooter).toMatch(/&P.*&N/);
    expect(internals(sheet).sheetProtection?.sheet).toBe(true);
  });

  it("round-trips: the copy reads back with the same entries, totals and verdict and no findings", async () => {
    const out = path("roundtrip.xlsx");
    expect((await run([valid, "-o", out])).code).toBe(0);
    const [source] = readScorecards(await readWorkbookFile(valid));
    const [copy] = readScorecards(await readWorkbookFile(out));
    expect(copy.findings).toEqual([]);
    expect(compactEntries(copy.entries)).toEqual(compactEntries(source.entries));
    expect(copy.meta).toEqual(source.meta);
    const a = checkScorecard(source, "zh");
    const b = checkScorecard(copy, "zh");
    expect(b).toEqual(a);
    expect(b.self).toMatchObject({ total: 102.5, verdict: "pass" });
  });

  it("draws a clean copy from a source re-saved by another program (styles, print setup, cached results lost)", async () => {
    const resaved = path("resaved.xlsx");
    const workbook = await readWorkbookFile(valid);
    const sheet = sheetOf(workbook);
    // What WPS or a careless save can do without changing a single entry or formula.
    sheet.getColumn(4).width = 20;
    sheet.getCell("A1").font = { name: "SimSun", size: 9 };
    sheet.getCell("A1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    sheet.pageSetup.orientation = "portrait";
    sheet.pageSetup.paperSize = 1 as PageSetup["paperSize"]; // Letter
    sheet.pageSetup.printTitlesRow = undefined;
    sheet.headerFooter.oddFooter = "";
    internals(sheet).conditionalFormattings = [];
    const total = sheet.getCell(addr(COL.self, layout.summaryRows.total));
    total.value = { formula: cellFormula(total) ?? "", result: -1 };
    await writeWorkbookFile(workbook, resaved);
    expect(readScorecards(await readWorkbookFile(resaved))[0].findings).toEqual([]);

    const out = path("resaved-copy.xlsx");
    expect((await run([resaved, "-o", out])).code).toBe(0);
    const fresh = sheetOf(await readWorkbookFile(path("roundtrip.xlsx")));
    const copy = sheetOf(await readWorkbookFile(out));
    expect(copy.getColumn(4).width).toBe(fresh.getColumn(4).width);
    expect(copy.getCell("A1").style).toEqual(fresh.getCell("A1").style);
    expect(copy.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printTitlesRow: "3:3" });
    expect(copy.headerFooter.oddFooter).toBe(fresh.headerFooter.oddFooter);
    expect(internals(copy).conditionalFormattings.length).toBe(
      internals(fresh).conditionalFormattings.length,
    );
    expect(cellGridValue(copy.getCell(addr(COL.self, layout.summaryRows.total)))).toBe(102.5);
  });

  it("refuses a scorecard with invalid entries: exit 1, every problem with its cell, no file written", async () => {
    const bad = path("invalid.xlsx");
    await writeScorecard(bad, "蒲吕街道", {
      self: { ...fullMarks(), "12": "２", "13": 5 },
      review: { "75.2": "有" },
    });
    const out = path("invalid-out.xlsx");
    for (const extra of [[], ["--draft"]]) {
      const r = await run([bad, "-o", out, ...extra]);
      expect(r.code).toBe(1);
      expect(r.out).toBe("");
      const lines = r.err.split("\n");
      expect(lines[0]).toBe("拒绝导出“蒲吕街道2020评分表”：有 3 个问题需先修正");
      expect(lines.slice(1)).toEqual([
        expect.stringMatching(/^ {2}✗ F15 {3}第12项.*文本格式的数字/),
        expect.stringMatching(/^ {2}✗ F16 {3}第13项.*超过该项分值/),
        expect.stringMatching(new RegExp(`^ {2}✗ ${addr(COL.review, rowOf(layout, "75.2"))} .*75\\.2`)),
      ]);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(path(`invalid-out-${DRAFT_MARK}.xlsx`))).toBe(false);
    }
    const en = await run([bad, "-o", out, "--lang", "en"]);
    expect(en.err.split("\n")[0]).toBe('Export of "蒲吕街道2020评分表" refused: 3 problem(s) to fix first');
    expect(en.err).toContain("Item 12");
  });

  it("refuses a scorecard whose sheet was altered, naming the cell", async () => {
    const altered = path("altered.xlsx");
    await writeScorecard(altered, "双凤街道", { self: fullMarks() });
    const workbook = await readWorkbookFile(altered);
    const text = addr(COL.text, rowOf(layout, "5"));
    sheetOf(workbook).getCell(text).value = "改过的创建标准";
    await writeWorkbookFile(workbook, altered);
    const r = await run([altered, "-o", path("altered-out.xlsx"), "--draft"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`✗ ${text}`);
    expect(r.err).toContain("创建标准文字与官方标准不一致");
    expect(existsSync(path(`altered-out-${DRAFT_MARK}.xlsx`))).toBe(false);
  });

  describe("a scorecard still 填报中", () => {
    let filling: string;
    beforeAll(async () => {
      filling = path("filling.xlsx");
      await writeScorecard(filling, "少云镇", { self: fullMarks() }, "填报中");
    });

    it("is refused as the 上报 copy, saying why and pointing at --draft", async () => {
      const out = path("filling-out.xlsx");
      const r = await run([filling, "-o", out]);
      expect(r.code).toBe(1);
      expect(r.err.split("\n")).toEqual([
        "拒绝导出“少云镇2020评分表”的上报稿：状态为“填报中”，尚未提交。上报稿只能由已提交或已复核的评分表导出；请先提交，或加 --draft 导出草稿",
        "  ✗ I2    状态为“填报中”，尚未提交：上报稿只能由已提交或已复核的评分表导出（I2）",
      ]);
      expect(existsSync(out)).toBe(false);
      const en = await run([filling, "-o", out, "--lang", "en"]);
      expect(en.err.split("\n")[0]).toBe(
        'Export of "少云镇2020评分表" refused: it has not been submitted (still being filled in). The copy to report is made only from a submitted or reviewed scorecard; submit it first, or add --draft to export a draft',
      );
    });

    it("exports as a draft with --draft, marked 草稿 in the title and on every page's footer", async () => {
      const r = await run([filling, "-o", path("filling-out.csv"), "--draft"]);
      expect(r.code).toBe(0);
      const out = path(`filling-out-${DRAFT_MARK}.xlsx`);
      expect((await run([filling, "-o", path("filling-out.xlsx"), "--draft"])).code).toBe(0);
      const sheet = sheetOf(await readWorkbookFile(out));
      expect(String(sheet.getCell("A1").value)).toMatch(/^【草稿】少云镇/);
      expect(sheet.headerFooter.oddFooter).toMatch(/^&C【草稿】少云镇2020年评分表/);
    });
  });

  describe("an incomplete scorecard", () => {
    let incomplete: string;
    beforeAll(async () => {
      incomplete = path("incomplete.xlsx");
      const self = fullMarks();
      delete self["3"];
      delete self["40"];
      await writeScorecard(incomplete, "丹凤街道", { self });
    });

    it("is refused, listing the unscored items and pointing at --draft", async () => {
      const out = path("incomplete-out.xlsx");
      const r = await run([incomplete, "-o", out]);
      expect(r.code).toBe(1);
      expect(r.err.split("\n")).toEqual([
        "拒绝导出“丹凤街道2020评分表”：自评尚未完成，2 项未评分（加 --draft 可导出草稿）",
        `  ✗ F6    第3项尚未填写自评得分（F6）`,
        `  ✗ ${addr(COL.self, rowOf(layout, "40"))}   第40项尚未填写自评得分（${addr(COL.self, rowOf(layout, "40"))}）`,
      ]);
      expect(existsSync(out)).toBe(false);
    });

    it("exports with --draft: 草稿 in the title cell and in the file name", async () => {
      const r = await run([incomplete, "-o", path("incomplete-out.xlsx"), "--draft"]);
      const out = path(`incomplete-out-${DRAFT_MARK}.xlsx`);
      expect(r).toMatchObject({ code: 0, err: "" });
      expect(r.out).toBe(`已导出草稿 ${out}（工作表“丹凤街道2020评分表”，标题标有“【草稿】”）`);
      expect(existsSync(path("incomplete-out.xlsx"))).toBe(false);
      const sheet = sheetOf(await readWorkbookFile(out));
      expect(String(sheet.getCell("A1").value)).toMatch(/^【草稿】丹凤街道2020年/);
      const [copy] = readScorecards(await readWorkbookFile(out));
      expect(copy.findings).toEqual([]);
      expect(scoreScorecard(rubric, copy.entries.self, {}).self.missing).toEqual(["3", "40"]);
      expect(cellGridValue(sheet.getCell(addr(COL.self, layout.summaryRows.verdict)))).toBe(
        VERDICT_TEXT.incomplete,
      );
    });

    it("keeps a file name that already says 草稿, and refuses to overwrite an existing draft", async () => {
      const named = path("丹凤草稿.xlsx");
      expect((await run([incomplete, "-o", named, "--draft"])).code).toBe(0);
      expect(existsSync(named)).toBe(true);
      const before = fingerprint(named);
      const again = await run([incomplete, "-o", named, "--draft"]);
      expect(again.code).toBe(2);
      expect(again.err).toBe(`scorecard: 文件已存在：${named}（加 --force 覆盖）`);
      expect(fingerprint(named)).toEqual(before);
    });
  });

  it("asks which scorecard when a file holds several, and exports the one named by --sheet", async () => {
    const multi = path("multi.xlsx");
    await writeScorecards(multi, [
      { station: "甲街道", entries: { self: fullMarks() } },
      { station: "乙街道", entries: { self: { ...fullMarks(), "1": 0 } } },
    ]);
    const out = path("multi-out.xlsx");
    const r = await run([multi, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `scorecard: ${multi} 中有 2 张评分表，请用 --sheet 指定其一：甲街道2020评分表、乙街道2020评分表`,
    );
    const wrong = await run([multi, "-o", out, "--sheet", "丙街道2020评分表"]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain("甲街道2020评分表、乙街道2020评分表");
    expect(existsSync(out)).toBe(false);
    expect((await run([multi, "--sheet", "乙街道2020评分表", "-o", out])).code).toBe(0);
    const [copy] = readScorecards(await readWorkbookFile(out));
    expect(copy.sheet).toBe("乙街道2020评分表");
    expect(checkScorecard(copy, "zh").self.total).toBe(98);
  });

  it("rejects wrong arguments with one line and exit 2", async () => {
    const cases: [string[], RegExp][] = [
      [[valid, "-o", path("x.txt")], /无法从文件名判断导出格式.*\.xlsx、\.csv 或 \.pdf/],
      [[valid, "-o", path("x.xls")], /导出格式/],
      [[valid], /缺少参数 --out/],
      [["-o", path("x.xlsx")], /请指定一个要导出的文件/],
      [[valid, valid, "-o", path("x.xlsx")], /export 一次导出一个文件，收到 2 个/],
      [[path("missing.xlsx"), "-o", path("x.xlsx")], /无法读取 .*missing\.xlsx：文件不存在/],
      [[valid, "-o", path("x.xlsx"), "--bogus"], /未知选项：--bogus/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.err).toMatch(message);
      expect(r.err.split("\n")).toHaveLength(1);
    }
    expect(existsSync(path("x.xlsx"))).toBe(false);
    const en = await run([valid, "-o", path("x.txt"), "--lang", "en"]);
    expect(en.err).toMatch(/Cannot tell the export format/);
  });

  it("has --help documenting formats, the draft file name and exit codes", async () => {
    const zh = await run(["--help"]);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain("scorecard export");
    expect(zh.out).toContain("评分表.xlsx → 评分表-草稿.xlsx");
    expect(zh.out).toMatch(/\.csv.*BOM/);
    const en = await run(["--help", "--lang", "en"]);
    expect(en.out).toContain("scorecard-草稿.xlsx");
    expect(en.out).toContain("Exit codes");
  });

  describe("never overwrites its input or an existing output", () => {
    it("refuses the input as output, even with --force, also through a link", async () => {
      const input = path("keep.xlsx");
      await writeScorecard(input, "保留街道", { self: fullMarks() });
      const before = fingerprint(input);
      const hard = path("keep-hardlink.xlsx");
      const soft = path("keep-symlink.xlsx");
      linkSync(input, hard);
      symlinkSync(input, soft);
      for (const out of [input, hard, soft, join(dir, ".", "keep.xlsx")]) {
        const r = await run([input, "-o", out, "--force"]);
        expect([out, r.code]).toEqual([out, 2]);
        expect(r.err).toBe(`scorecard: 不能覆盖输入文件：${out}`);
      }
      expect(fingerprint(input)).toEqual(before);
    });

    it("refuses an existing output without --force and replaces it with --force", async () => {
      const out = path("existing.xlsx");
      writeFileSync(out, "not a scorecard");
      const before = fingerprint(out);
      for (const target of [out, path("existing.csv")]) {
        if (!existsSync(target)) writeFileSync(target, "keep me");
        const r = await run([valid, "-o", target]);
        expect(r.code).toBe(2);
        expect(r.err).toBe(`scorecard: 文件已存在：${target}（加 --force 覆盖）`);
      }
      expect(fingerprint(out)).toEqual(before);
      expect(readFileSync(path("existing.csv"), "utf8")).toBe("keep me");
      expect((await run([valid, "-o", out, "--force"])).code).toBe(0);
      expect(readScorecards(await readWorkbookFile(out))[0].findings).toEqual([]);
    });
  });
});

describe("scorecard export: .csv", () => {
  it("writes UTF-8 with a BOM and CRLF, Chinese intact and formula-like text neutralised", async () => {
    const input = path("csv-in.xlsx");
    await writeScorecard(input, "=巴川街道", {
      self: { ...fullMarks(), "12": 0.5 },
      evidence: {
        "1": '=HYPERLINK("http://evil.example","点击")',
        "2": "+1",
        "3": "-2",
        "4": "@SUM(A1)",
        "5": "\tx",
      },
      notes: { "6": "-3", "7": "正常备注" },
    });
    const out = path("巴川.csv");
    const r = await run([input, "-o", out]);
    expect(r).toMatchObject({ code: 0, err: "" });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain(rubric.items[0].text);
    expect(text).toContain("正常备注");
    expect(text.split("\r\n")[2]).toBe(`服务站,"'=巴川街道",,,,,,,`);
    const line = (no: string): string =>
      text.split("\r\n").find((l) => l.split(",")[2] === no && !l.startsWith("服务站")) ?? "";
    expect(line("1")).toContain(`"'=HYPERLINK(""http://evil.example"",""点击"")"`);
    expect(line("2")).toContain(`"'+1"`);
    expect(line("3")).toContain(`"'-2"`);
    expect(line("4")).toContain(`"'@SUM(A1)"`);
    expect(line("5")).toContain(`"'\tx"`);
    expect(line("6")).toMatch(/,"'-3"$/);
    expect(line("12").split(",").slice(4, 6)).toEqual(["1", "0.5"]);
    // Submitted, not yet reviewed: the 复核 column is blank, as on the sheet; 110 is explained.
    expect(text).toMatch(/\r\n总分,,,,110,99\.5,,满分110＝基础分100＋加分10,\r\n/);
    expect(text).toMatch(/\r\n结论,,,,,达标,,,\r\n否决原因,,,,,,,,\r\n$/);
  });
});

describe("scorecard export: .pdf", () => {
  it("says in one line that LibreOffice is missing, exit 2, writing nothing", async () => {
    const input = path("pdf-missing-in.xlsx");
    await writeScorecard(input, "石龙街道", { self: fullMarks() });
    const out = path("no-lo.pdf");
    const missing = { findSoffice: (): string | null => null };
    const zh = await run([input, "-o", out], missing);
    expect(zh.code).toBe(2);
    expect(zh.err.split("\n")).toHaveLength(1);
    expect(zh.err).toMatch(/^scorecard: 导出 PDF 需要 LibreOffice，但未找到 soffice/);
    const en = await run([input, "-o", out, "--lang", "en"], missing);
    expect(en.err).toMatch(/^scorecard: PDF export needs LibreOffice, but soffice was not found/);
    expect(existsSync(out)).toBe(false);
  });

  it("renders the compliant copy through LibreOffice: station, total, verdict, pages numbered, A4 landscape", async () => {
    if (!findSoffice())
      throw new Error(
        "LibreOffice is required for this test (Debian/Ubuntu: apt-get install libreoffice-calc-nogui)",
      );
    const input = path("pdf-in.xlsx");
    await writeScorecard(input, "古城街道", { self: { ...fullMarks(), "12": 0.5 }, evidence });
    const before = fingerprint(input);
    const out = path("古城 导出.pdf");
    const r = await run([input, "-o", out]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(fingerprint(input)).toEqual(before);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");

    const text = spawnSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8" });
    expect(text.error).toBeUndefined();
    expect(text.stdout).toContain("古城街道2020年全国示范型退役军人服务站创建评分表");
    expect(text.stdout).toMatch(/总分\s+110\s+99\.5/);
    expect(text.stdout).toMatch(/结论\s+达标/);
    expect(text.stdout).toMatch(/第 1 页，共 \d 页/);
    expect(text.stdout).toContain("填报人");
    expect(text.stdout).not.toContain("###");
    const info = spawnSync("pdfinfo", [out], { encoding: "utf8" }).stdout;
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);

    // The draft is marked on the page too; an existing PDF is kept without --force.
    const draft = await run([input, "-o", out, "--draft"]);
    expect(draft.code).toBe(0);
    const draftPdf = path(`古城 导出-${DRAFT_MARK}.pdf`);
    expect(spawnSync("pdftotext", [draftPdf, "-"], { encoding: "utf8" }).stdout).toContain(
      "【草稿】古城街道",
    );
    const kept = fingerprint(out);
    expect((await run([input, "-o", out])).code).toBe(2);
    expect(fingerprint(out)).toEqual(kept);
  });
});

it("UsageError is what the command throws for usage problems", async () => {
  await expect(exportCommand(["a.xlsx", "-o", "b.doc"], "zh", capture().io)).rejects.toBeInstanceOf(
    UsageError,
  );
});
