/*
 * The 审核 tab in headless Chromium (Debian chromium + playwright-core), file mode over an .xlsx holding five
 * scorecards: the panel's own chunk loads, the whole-workbook check fills its table, 生成汇总表 draws 汇总 and
 * 创建名单, and the saved file carries the chart. Screenshots go to test-artifacts/review/; set
 * UPDATE_DOCS_SCREENSHOT=1 to refresh docs/screenshots/review.png (written anyway when it is missing).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { entriesHash } from "../src/review";
import { getRubric } from "../src/rubric";
import { LIST_SHEET, ROLLUP_SHEET } from "../src/rollup";
import { COL, addr, buildPlan, layoutFor, type GridValue, type ScorecardEntries } from "../src/sheet";
import { XlsxPort } from "../src/xlsx";
import { CHROMIUM, buildPane, requireChromium, servePane, type Served } from "../bench/paneBuild";

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, "..");
const ARTIFACTS = join(ROOT, "test-artifacts", "review");
const DOCS_SHOT = join(ROOT, "docs", "screenshots", "review.png");
const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const rubric = getRubric();
const layout = layoutFor(rubric);
const cellOf = (col: number, id: string): string => addr(col, layout.entryRows.get(id) ?? 0);
requireChromium();

function full(changes: Record<string, GridValue> = {}): Record<string, GridValue> {
  const entries: Record<string, GridValue> = Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));
  return { ...entries, "75.1": "否", "75.2": "否", "75.3": "否", "75.4": "否", ...changes };
}
const entries = (e: Partial<ScorecardEntries>): ScorecardEntries => ({
  self: {},
  review: {},
  evidence: {},
  notes: {},
  ...e,
});

/** Five scorecards: one under review, one tampered, one incomplete, one twice, one edited after submission. */
async function workbook(): Promise<Buffer> {
  const port = new XlsxPort();
  const self = full({ "9": 1, "71": 3 });
  const submission = { hash: entriesHash(layout.entryIds, self), time: "2020-11-20T02:00:00.000Z" };
  const bachuan = buildPlan({
    rubric,
    station: "巴川街道",
    year: 2020,
    state: "复核中",
    submission,
    entries: entries({
      self,
      review: full({ "1": 1.5, "9": 1, "12": 0, "71": 3 }),
      notes: { "1": "学习记录缺两次", "12": "未见台账" },
    }),
  });
  await port.render(bachuan);
  await port.render(
    buildPlan({ rubric, station: "东城街道", year: 2020, entries: entries({ self: full() }) }),
  );
  await port.write("东城街道2020评分表", [
    { cell: cellOf(COL.self, "3"), value: 9 },
    { cell: addr(COL.self, layout.summaryRows.total), value: 99 },
  ]);
  await port.render(
    buildPlan({
      rubric,
      station: "土桥镇",
      year: 2020,
      entries: entries({ self: full({ "20": null, "21": null }) }),
    }),
  );
  const anju = full();
  await port.render(
    buildPlan({
      rubric,
      station: "安居镇",
      year: 2020,
      state: "已提交",
      submission: { hash: entriesHash(layout.entryIds, anju), time: "2020-11-18T06:30:00.000Z" },
      entries: entries({ self: anju }),
    }),
  );
  await port.write("安居镇2020评分表", [{ cell: cellOf(COL.self, "5"), value: 0 }]);
  await port.render({ ...bachuan, sheetName: "巴川街道2020评分表(2)" });
  await port.select(bachuan.sheetName, "G4");
  return Buffer.from(await port.toBuffer());
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** Serious and critical axe findings on the page (Tabster's focus-trap dummies excluded, as in browser.test). */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(context: { exclude: string[][] }): Promise<AxeResult> } };
    return w.axe.run({ exclude: [["[data-tabster-dummy]"]] });
  })) as AxeResult;
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("the 审核 tab in headless Chromium (file mode)", () => {
  let served: Served;
  let buildDir: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    buildDir = (await buildPane("development")).dir;
    served = await servePane(buildDir);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ ...CHROMIUM, headless: true });
    const context = await browser.newContext({
      viewport: { width: 380, height: 900 },
      acceptDownloads: true,
      locale: "zh-CN",
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it("checks the whole workbook and tabulates every scorecard", async () => {
    const file = join(ARTIFACTS, "五站.xlsx");
    writeFileSync(file, await workbook());
    await page.goto(`${served.url}taskpane.html`);
    await page.getByTestId("file-input").setInputFiles(file);
    // A workbook of several scorecards opens at their roll-up; 巴川街道's opens from its row.
    await page.getByTestId("rollup-view").waitFor();
    await page.getByRole("button", { name: "打开巴川街道的评分表" }).click();
    await page.getByTestId("total").waitFor();
    await page.getByRole("tab", { name: /^审核/ }).click();
    await page.getByTestId("review-panel").waitFor();
    expect(await page.getByTestId("state").textContent()).toBe("状态：复核中");
    expect(await page.getByTestId("verdict-self").textContent()).toMatch(/^自评：\d+(\.5)? 分 · 达标$/);
    expect(await page.getByTestId("differences").textContent()).toContain("第1项：自评 2，复核 1.5");

    await page.getByRole("button", { name: "检查整个工作簿" }).first().click();
    await page.getByTestId("scan-table").waitFor();
    const rows = page.getByTestId("scan-table").locator("tbody tr");
    expect(await rows.count()).toBe(5);
    expect(await page.getByTestId("scan-summary").textContent()).toMatch(/^共 5 张评分表，错误 \d+ 处/);
    expect(await page.locator('tr[data-sheet="东城街道2020评分表"]').textContent()).toContain("无效 1");
    expect(await page.locator('tr[data-sheet="安居镇2020评分表"]').textContent()).toContain("错误 1");
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, "review.png"), fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT || !existsSync(DOCS_SHOT)) {
      mkdirSync(join(ROOT, "docs", "screenshots"), { recursive: true });
      await page.screenshot({ path: DOCS_SHOT, fullPage: true });
    }
    expect(pageErrors).toEqual([]);
  });

  it("generates 汇总 and 创建名单, and the saved file carries the chart", async () => {
    await page.getByRole("button", { name: "生成汇总表" }).click();
    await page.getByText("已生成汇总表").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "保存（下载）" }).click(),
    ]);
    const saved = join(ARTIFACTS, "saved.xlsx");
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    const port = await XlsxPort.load(bytes);
    const names = await port.sheetNames();
    expect(names).toEqual(expect.arrayContaining([ROLLUP_SHEET, LIST_SHEET]));
    const [summary] = await port.readGrids([ROLLUP_SHEET]);
    expect(summary.formulas.flat()).toContain(`'巴川街道2020评分表'!F${layout.summaryRows.total}`);
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file("xl/charts/chart1.xml")).not.toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
