/*
 * The built task pane in headless Chromium (Debian chromium + playwright-core), file mode: office.js is the local
 * @microsoft/office-js copy, so Office.onReady reports host null and the pane works over .xlsx files through the
 * lazily loaded ExcelJS adapter. Screenshots go to test-artifacts/ (gitignored). Set UPDATE_DOCS_SCREENSHOT=1 to
 * refresh docs/screenshots/pane.png (written anyway when it is missing).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { defaultYear, getRubric } from "../src/rubric";
import { scoreColumn } from "../src/scoring";
import { buildPlan, readScorecard, sheetNameFor, type ScorecardEntries } from "../src/sheet";
import { XlsxPort } from "../src/xlsx";
import { CHROMIUM, buildPane, requireChromium, servePane, type Served } from "../bench/paneBuild";
import { fillCategoryAtMax } from "./support/paneFill";

jest.setTimeout(300_000);

const ROOT = resolve(__dirname, "..");
const ARTIFACTS = join(ROOT, "test-artifacts", "browser");
const DOCS_SHOT = join(ROOT, "docs", "screenshots", "pane.png");
const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const rubric = getRubric();
const YEAR = defaultYear(getRubric(), new Date().getFullYear());
requireChromium();

async function xlsxWith(station: string, year: number, entries: Partial<ScorecardEntries>): Promise<Buffer> {
  const port = new XlsxPort();
  await port.render(
    buildPlan({
      rubric,
      station,
      year,
      entries: { self: {}, review: {}, evidence: {}, notes: {}, ...entries },
    }),
  );
  return Buffer.from(await port.toBuffer());
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

describe("task pane in headless Chromium (file mode)", () => {
  let served: Served;
  let buildDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const requests: string[] = [];
  let shot = 0;

  const snap = async (name: string): Promise<void> => {
    await page.screenshot({ path: join(ARTIFACTS, `${String(++shot).padStart(2, "0")}-${name}.png`) });
  };
  const text = async (testId: string): Promise<string> =>
    (await page.getByTestId(testId).textContent()) ?? "";
  const tab = (name: string) => page.getByRole("tab", { name: new RegExp(`^${name}`) });
  const axe = async (label: string): Promise<void> => {
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
    // Tabster's focus-redirecting dummy elements (aria-hidden, tabindex 0) are Fluent's by design: axe's
    // aria-hidden-focus flags them although they only pass focus on. Everything else is checked.
    const result = (await page.evaluate(async () => {
      const w = window as unknown as {
        axe: { run(context: { exclude: string[][] }): Promise<AxeResult> };
      };
      return w.axe.run({ exclude: [["[data-tabster-dummy]"]] });
    })) as AxeResult;
    const bad = result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
    expect(bad).toEqual([]);
  };
  const openFile = async (file: string): Promise<void> => {
    await page.getByTestId("file-input").setInputFiles(file);
  };

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    buildDir = (await buildPane("development")).dir;
    served = await servePane(buildDir);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ ...CHROMIUM, headless: true });
    context = await browser.newContext({
      viewport: { width: 380, height: 900 },
      acceptDownloads: true,
      locale: "zh-CN",
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("request", (r) => requests.push(r.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it("starts in file mode with the local office.js and no ExcelJS until it is needed", async () => {
    await page.goto(`${served.url}taskpane.html`);
    await page.getByRole("heading", { name: "在浏览器中填写评分表" }).waitFor();
    expect(requests.some((u) => u === `${served.url}office-js/office.js`)).toBe(true);
    expect(requests.filter((u) => !u.startsWith(served.url) && !u.startsWith("data:"))).toEqual([]);
    expect(requests.some((u) => /exceljs/i.test(u))).toBe(false);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await snap("file-start");
    await axe("file start");
  });

  it("is usable from the keyboard with a visible focus indicator", async () => {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        text: el?.textContent ?? "",
        marked: el?.hasAttribute("data-fui-focus-visible") ?? false,
        ring: el ? [getComputedStyle(el).boxShadow, getComputedStyle(el).outlineStyle] : [],
      };
    });
    expect(focused.text).toBe("新建");
    expect(focused.marked).toBe(true);
    // Fluent draws the keyboard focus ring as a box shadow / outline on [data-fui-focus-visible].
    expect(focused.ring.some((v) => v !== "none" && v !== "")).toBe(true);
    await snap("keyboard-focus");
  });

  it("creates a scorecard, fills it past 90, refuses an invalid value, vetoes, saves and reopens it", async () => {
    await page.getByRole("button", { name: "新建" }).click();
    // 新建 goes straight to the insert form.
    await page.getByRole("combobox", { name: /服务站/ }).fill("巴川街道");
    expect(requests.some((u) => /exceljs/i.test(u))).toBe(true);
    await snap("insert");
    await axe("insert");
    await page.getByRole("button", { name: "插入评分表", exact: true }).click();
    await page.getByTestId("total").waitFor();
    expect(await text("total")).toBe("0");
    expect(await text("verdict")).toBe("未完成");
    await snap("inserted");
    await axe("overview");

    // Fill items 1–70 at their maximum in the form, category by category.
    await tab("填写").click();
    for (const category of rubric.categories) await fillCategoryAtMax(page, category);
    // One section is open at a time: item 1's opens again.
    await page.getByRole("button", { name: new RegExp(`^${rubric.categories[0].name}`) }).click();
    await page.getByRole("textbox", { name: "第1项佐证材料" }).fill("学习记录台账");
    await snap("form-filled");
    await axe("form");
    await tab("概览").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "100");
    expect(await text("verdict")).toBe("达标");
    expect(await text("needed")).toBe("已达到 90 分");
    await snap("pass");

    // An invalid value is refused where it is typed and never reaches the sheet.
    await tab("填写").click();
    const first = page.getByRole("spinbutton", { name: /^1\. / });
    await first.fill("5");
    await first.press("Tab");
    await page.getByText("第1项得分 5 超过该项分值 2").waitFor();
    await snap("invalid-refused");
    await tab("概览").click();
    expect(await text("total")).toBe("100");
    expect(await text("refused")).toBe("1 项输入未被接受");
    // Given up (Esc): otherwise saving asks about it first (test/clerk.browser.test.ts).
    await tab("填写").click();
    await first.press("Escape");
    await page.getByText("第1项得分 5 超过该项分值 2").waitFor({ state: "detached" });

    // Veto.
    await tab("填写").click();
    const veto = page.getByRole("button", { name: /^一票否决/ });
    if ((await veto.getAttribute("aria-expanded")) !== "true") await veto.click();
    await page.getByRole("switch", { name: /75\.1 发生重大群体性事件的/ }).click();
    await tab("概览").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=verdict]")?.textContent === "否决");
    expect(await text("total")).toBe("100");
    await snap("veto");

    // Save (download), check the file, reopen it.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "保存（下载）" }).click(),
    ]);
    const sheet = sheetNameFor("巴川街道", YEAR);
    expect(download.suggestedFilename()).toBe(`${sheet}.xlsx`);
    const saved = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(saved);
    const port = await XlsxPort.load(readFileSync(saved));
    const [grid] = await port.readGrids([sheet]);
    const read = readScorecard(grid);
    const score = scoreColumn(read.rubric, read.entries.self);
    expect([score.total, score.verdict]).toEqual([100, "veto"]);
    expect(read.entries.evidence["1"]).toBe("学习记录台账");
    expect(read.findings).toEqual([]);

    await openFile(saved);
    await page.getByTestId("file-name").getByText(download.suggestedFilename()).waitFor();
    await page.getByTestId("total").waitFor();
    expect(await text("total")).toBe("100");
    expect(await text("verdict")).toBe("否决");
    expect(await text("base")).toBe("100 / 100");
    await snap("reopened");
  });

  it("lists an invalid entry typed into the sheet, and selects its cell when chosen", async () => {
    const file = join(ARTIFACTS, "typed-in-excel.xlsx");
    writeFileSync(file, await xlsxWith("东城街道", 2020, { self: { "1": 5, "2": "一", "3": 1 } }));
    await openFile(file);
    await page.getByTestId("file-name").getByText("typed-in-excel.xlsx").waitFor();
    await tab("问题").click();
    const problems = page.getByTestId("problems");
    await problems.getByText("第1项得分 5 超过该项分值 2").waitFor();
    await problems.getByText("第2项的“一”不是分数，请填写数字").waitFor();
    expect(await problems.getByRole("button").count()).toBeGreaterThan(60);
    await page.getByRole("combobox", { name: "按类别筛选" }).selectOption({ label: "加分项" });
    expect(await text("problem-count")).toBe("此类别中没有问题");
    await page.getByRole("combobox", { name: "按类别筛选" }).selectOption({ label: "全部类别" });
    await snap("problems");
    await axe("problems");
    await problems.getByRole("button", { name: /第1项得分 5/ }).click();
    expect(pageErrors).toEqual([]);
  });

  it("takes a screenshot of the overview for the README", async () => {
    const file = join(ARTIFACTS, "demo.xlsx");
    const self = Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max])) as Record<
      string,
      number | string
    >;
    Object.assign(self, {
      "9": 1,
      "18": 2,
      "24": 1,
      "38": 1.5,
      "57": 2,
      "67": 2,
      "71": 3,
      "73": 1,
      "75.1": "否",
    });
    writeFileSync(file, await xlsxWith("巴川街道", 2020, { self }));
    await openFile(file);
    await page.getByTestId("file-name").getByText("demo.xlsx").waitFor();
    await tab("概览").click();
    await page.getByTestId("total").waitFor();
    expect(await text("total")).toBe(String(scoreColumn(rubric, self).total));
    expect(await text("verdict")).toBe("达标");
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap("overview-demo");
    await axe("overview demo");
    if (process.env.UPDATE_DOCS_SCREENSHOT || !existsSync(DOCS_SHOT)) {
      mkdirSync(join(ROOT, "docs", "screenshots"), { recursive: true });
      await page.screenshot({ path: DOCS_SHOT, fullPage: true });
    }
  });

  it("in English where the browser is English", async () => {
    const en = await browser.newContext({ viewport: { width: 380, height: 700 }, locale: "en-US" });
    const p = await en.newPage();
    await p.goto(`${served.url}taskpane.html`);
    await p.getByRole("heading", { name: "Fill in a scorecard in the browser" }).waitFor();
    expect(await p.evaluate(() => document.documentElement.lang)).toBe("en-US");
    await p.screenshot({ path: join(ARTIFACTS, "english-start.png") });
    await en.close();
  });

  it("shows a plain message, without React, in the Internet Explorer webview", async () => {
    const ie = await browser.newContext({
      userAgent: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; rv:11.0) like Gecko",
    });
    const p = await ie.newPage();
    const loaded: string[] = [];
    p.on("request", (r) => loaded.push(r.url()));
    await p.goto(`${served.url}taskpane.html`);
    await p.getByRole("alert").waitFor();
    const message = (await p.getByRole("alert").textContent()) ?? "";
    expect(message).toContain("此版本的 Office 无法运行评分表加载项");
    expect(message).toContain("Office 2016");
    expect(message).toContain("WebView2");
    expect(message).toContain("Excel on the web");
    expect(loaded.some((u) => /\/taskpane\.js$/.test(u))).toBe(true);
    expect(loaded.some((u) => /\/pane\.js$/.test(u))).toBe(false);
    expect(await p.evaluate(() => document.querySelector(".fui-FluentProvider"))).toBeNull();
    await p.screenshot({ path: join(ARTIFACTS, "legacy-webview.png") });
    await ie.close();
  });
});
