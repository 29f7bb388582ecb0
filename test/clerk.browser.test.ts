/*
 * The clerk's page (issue 22) in headless Chromium, file mode over the development build: a refused input is never
 * lost (问题, 概览, 保存, 导出 and the restore after a reload all keep it), the phone layout (numeric keyboard,
 * 44 px targets, the bar that keeps the total in sight, one section open), the official table at 1280 px typed
 * into with the keyboard and printed in the official layout, roles apart, the roll-up of a district's workbook,
 * axe, contrast and Chinese screen-reader names — in zh-CN and en-US, at 350, 375 and 1280 px. Screenshots go to
 * test-artifacts/clerk/; UPDATE_DOCS_SCREENSHOT=1 refreshes docs/screenshots/pane-table.png.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { entriesHash } from "../src/review";
import { getRubric } from "../src/rubric";
import { buildPlan, layoutFor, type PlanOptions, type ScorecardEntries } from "../src/sheet";
import { XlsxPort, newWorkbook } from "../src/xlsx";
import { CHROMIUM, buildPane, requireChromium, servePane, type Served } from "../bench/paneBuild";
import { waitForDraft } from "./support/pageDraft";

jest.setTimeout(600_000);
requireChromium();

const ROOT = resolve(__dirname, "..");
const ARTIFACTS = join(ROOT, "test-artifacts", "clerk");
const DOCS_SHOT = join(ROOT, "docs", "screenshots", "pane-table.png");
const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const rubric = getRubric();
const layout = layoutFor(rubric);
const STATIONS = rubric.notice?.stations ?? [];
/** Item 23's maximum is 2: 5 is refused. */
const CATEGORY_23 = rubric.categories.find((c) => c.items.some((i) => i.id === "23"));

const entries = (e: Partial<ScorecardEntries>): ScorecardEntries => ({
  self: {},
  review: {},
  evidence: {},
  notes: {},
  ...e,
});
/** Items 1–70 at their maximum but `gone`, and every veto answered 否. */
const fullBut = (...gone: string[]): Record<string, number | string> => ({
  ...Object.fromEntries(rubric.baseItems.filter((i) => !gone.includes(i.id)).map((i) => [i.id, i.max])),
  ...Object.fromEntries(rubric.veto.conditions.map((c) => [c.key, "否"])),
});

async function xlsx(file: string, plans: readonly Omit<PlanOptions, "rubric">[]): Promise<string> {
  const port = new XlsxPort(newWorkbook());
  for (const plan of plans) await port.render(buildPlan({ rubric, ...plan }));
  writeFileSync(file, await port.toBuffer());
  return file;
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** Serious and critical axe findings (Tabster's focus-trap dummies excluded, as in browser.test.ts). */
async function axe(page: Page, label: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(context: { exclude: string[][] }): Promise<AxeResult> } };
    return w.axe.run({ exclude: [["[data-tabster-dummy]"]] });
  })) as AxeResult;
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${label}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Words a Chinese screen may carry in Latin letters: file types and the names of programs and keys. */
const LATIN_OK = /\b(xlsx|csv|pdf|excel|wps|libreoffice|enter|shift|tab|esc|trial)\b/gi;

/** Accessible names in the page's accessibility tree (Chromium's) that read as English words. */
async function englishNames(context: BrowserContext, page: Page): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
      nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[];
    };
    return nodes
      .filter((n) => !n.ignored && n.role?.value !== "RootWebArea")
      .map((n) => n.name?.value ?? "")
      .filter((name) => /[A-Za-z]{4,}/.test(name.replace(LATIN_OK, "")));
  } finally {
    await cdp.detach();
  }
}

/**
 * Excel's words in what the browser shows (issue 22 §5: a clerk has a file with a scorecard in it, not worksheets
 * to activate or cells to select). 检查整个工作簿 is the district's tool, named as on the ribbon.
 */
async function excelWords(page: Page): Promise<string[]> {
  const text = (await page.locator("body").innerText()).replace(/检查整个工作簿/g, "");
  return [...new Set(text.match(/激活|单元格|当前工作表|分批写入|工作表|工作簿/g) ?? [])];
}

/** WCAG contrast ratio of an element's text colour against the first opaque background behind it. */
function contrastOf(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (elements) => {
    const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]): number =>
      [r, g, b]
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    return elements.map((el) => {
      let bg = [255, 255, 255];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) {
          bg = c.slice(0, 3);
          break;
        }
      }
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    });
  });
}

describe("the clerk's page in headless Chromium (issue 22)", () => {
  let served: Served;
  let buildDir: string;
  let browser: Browser;
  const pageErrors: string[] = [];
  let one = "";
  let district = "";
  let submitted = "";

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    buildDir = (await buildPane("development")).dir;
    served = await servePane(buildDir);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ ...CHROMIUM, headless: true });
    one = await xlsx(join(ARTIFACTS, "巴川街道.xlsx"), [
      { station: "巴川街道", year: 2020, entries: entries({ self: fullBut("23") }) },
    ]);
    // Six stations sent their file: four submitted (one of them vetoed), two still 填报中.
    district = await xlsx(
      join(ARTIFACTS, "全区.xlsx"),
      STATIONS.slice(0, 6).map((station, k) => {
        const self = {
          ...fullBut(...(k % 2 ? ["1", "5", "9", "12", "30"] : [])),
          ...(k === 2 ? { "75.2": "是" } : {}),
        };
        return k < 4
          ? {
              station,
              year: 2020,
              state: "已提交" as const,
              submission: { hash: entriesHash(layout.entryIds, self), time: "2020-11-20T02:00:00.000Z" },
              entries: entries({ self }),
            }
          : { station, year: 2020, entries: entries({ self }) };
      }),
    );
    const self = fullBut();
    submitted = await xlsx(join(ARTIFACTS, "已提交.xlsx"), [
      {
        station: "东城街道",
        year: 2020,
        state: "已提交",
        submission: { hash: entriesHash(layout.entryIds, self), time: "2020-11-20T02:00:00.000Z" },
        entries: entries({ self: { ...self, "71": 3 } }),
      },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  async function open(
    width: number,
    locale: "zh-CN" | "en-US",
    file: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      locale,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.goto(`${served.url}taskpane.html`);
    await page.getByTestId("file-input").setInputFiles(file);
    await page.getByRole("tablist").waitFor({ timeout: 120_000 });
    return { context, page };
  }
  const tab = (page: Page, name: string) => page.getByRole("tab", { name: new RegExp(`^${name}`) });
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it("never loses a refused input on a phone (zh-CN, 375 px), and fits a phone's fingers", async () => {
    const { context, page } = await open(375, "zh-CN", one);
    try {
      await page.getByTestId("total").waitFor();
      await shot(page, "375-zh-overview");
      expect(await excelWords(page)).toEqual([]);
      await tab(page, "填写").click();
      await page.getByRole("button", { name: new RegExp(`^${CATEGORY_23?.name}`) }).click();
      const box = page.getByRole("spinbutton", { name: /^23\. / });
      // The numeric keyboard, and spin arrows a finger can hit.
      expect(await box.getAttribute("inputmode")).toBe("decimal");
      for (const name of ["增加第23项得分", "减少第23项得分"]) {
        const arrow = await page.getByRole("button", { name }).boundingBox();
        expect([name, arrow && arrow.width >= 44 && arrow.height >= 44]).toEqual([name, true]);
      }
      const small = await page.$$eval(
        "[role=tab], [role=tabpanel] button, [role=tabpanel] input, [role=tabpanel] select",
        (elements) =>
          elements
            // A text box is hit anywhere in its frame (Fluent's Input: the input plus a 1 px border).
            .map((e) => ({ e, r: (e.closest(".fui-Input") ?? e).getBoundingClientRect() }))
            .filter(({ r }) => r.width > 0 && r.height > 0 && r.height < 43.5)
            .map(({ e, r }) => `${e.getAttribute("aria-label") ?? e.textContent}: ${r.height}`),
      );
      expect(small).toEqual([]);
      // One section open at a time.
      expect(await page.locator("[data-section] [aria-expanded=true]").count()).toBe(1);

      await box.fill("5");
      await box.press("Tab");
      await page.getByText("第23项得分 5 超过该项分值 2").waitFor();
      expect(await box.inputValue()).toBe("5");
      // The bar keeps the total, the section's count and the refusal in sight, scrolled anywhere.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      const bar = page.getByTestId("fill-bar");
      const at = await bar.boundingBox();
      expect(at && at.y >= 0 && at.y + at.height <= 800 + 1).toBe(true);
      expect(await bar.getByTestId("fill-refused").textContent()).toBe("1 项输入未被接受");
      expect(await bar.getByTestId("fill-section").textContent()).toMatch(
        new RegExp(`^${CATEGORY_23?.name}：已填`),
      );
      await shot(page, "375-zh-form-refused");
      expect(await axe(page, "375 form")).toEqual([]);

      await tab(page, "问题").click();
      const first = page.getByTestId("problems").getByRole("button").first();
      expect(await first.getAttribute("data-kind")).toBe("invalid");
      expect(await first.textContent()).toContain("输入未被接受：第23项得分 5 超过该项分值 2");
      expect(
        await page
          .getByTestId("problems")
          .getByText(/第23项未填写/)
          .count(),
      ).toBe(0);
      expect(await page.getByTestId("reminders").count()).toBe(1);
      await shot(page, "375-zh-problems");
      expect(await excelWords(page)).toEqual([]);
      expect(await axe(page, "375 problems")).toEqual([]);
      await tab(page, "概览").click();
      expect(await page.getByTestId("refused").textContent()).toBe("1 项输入未被接受");

      // 保存（下载） asks first; 仍然保存 goes on.
      await page.getByRole("button", { name: "保存（下载）" }).click();
      const bar1 = page.getByTestId("message-bar");
      await bar1.getByText("1 项输入未被接受").waitFor();
      expect(await bar1.textContent()).toContain("第23项自评“5”");
      const [saved] = await Promise.all([
        page.waitForEvent("download"),
        bar1.getByRole("button", { name: "仍然保存" }).click(),
      ]);
      expect(saved.suggestedFilename()).toBe("巴川街道.xlsx");
      // 导出 asks too.
      await tab(page, "导出").click();
      await page.getByTestId("export-status").waitFor();
      expect(await excelWords(page)).toEqual([]);
      await page.getByRole("checkbox", { name: "导出为草稿" }).click();
      await page.getByRole("button", { name: "下载 CSV 文件" }).click();
      await page.getByTestId("message-bar").getByText("1 项输入未被接受").waitFor();
      const [csv] = await Promise.all([
        page.waitForEvent("download"),
        page.getByTestId("message-bar").getByRole("button", { name: "仍然导出" }).click(),
      ]);
      expect(csv.suggestedFilename()).toMatch(/草稿\.csv$/);

      // The browser's copy keeps it through a reload (the beforeunload question answered yes).
      page.on("dialog", (d) => void d.accept().catch(() => undefined));
      await waitForDraft(page, (draft) => draft.refused === 1);
      for (let attempt = 1; ; attempt++) {
        try {
          await page.reload({ timeout: 20_000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
        }
      }
      const offer = page.getByTestId("message-bar");
      await offer.getByText("恢复未保存的评分表？").waitFor({ timeout: 60_000 });
      expect(await offer.textContent()).toContain("1 项输入未被接受");
      await offer.getByRole("button", { name: "恢复" }).click();
      await page.getByTestId("total").waitFor({ timeout: 60_000 });
      await tab(page, "填写").click();
      const again = page.getByRole("spinbutton", { name: /^23\. / });
      if (!(await again.isVisible()))
        await page.getByRole("button", { name: new RegExp(`^${CATEGORY_23?.name}`) }).click();
      expect(await again.inputValue()).toBe("5");
      expect(await englishNames(context, page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("says the same in English at 350 px", async () => {
    const { context, page } = await open(350, "en-US", one);
    try {
      await page.getByTestId("total").waitFor();
      expect(await page.title()).toBe("Demonstration Station Scorecard");
      await tab(page, "Form").click();
      await page.getByRole("button", { name: new RegExp(`^${CATEGORY_23?.nameEn}`) }).click();
      const box = page.getByRole("spinbutton", { name: /^23\. / });
      await box.fill("5");
      await box.press("Tab");
      await page.getByText("Item 23: 5 exceeds the item's maximum of 2").waitFor();
      await tab(page, "Problems").click();
      expect(await page.getByTestId("problems").getByRole("button").first().textContent()).toContain(
        "Input not accepted: Item 23: 5 exceeds the item's maximum of 2",
      );
      await tab(page, "Overview").click();
      expect(await page.getByTestId("refused").textContent()).toBe("Inputs not accepted: 1");
      await page.getByRole("button", { name: "Save (download)" }).click();
      await page.getByTestId("message-bar").getByText("Inputs not accepted: 1").waitFor();
      const fit = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(fit).toBe(true);
      await shot(page, "350-en-overview");
      expect(await axe(page, "350 en")).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the official table at 1280 px, typed into like a sheet, and prints it in the official layout", async () => {
    const { context, page } = await open(1280, "zh-CN", one);
    try {
      expect(await page.title()).toBe("示范型服务站评分表");
      await tab(page, "填写").click();
      const table = page.getByTestId("fill-table");
      await table.waitFor();
      expect(await table.locator("thead th").allTextContents()).toEqual([
        "序号",
        "创建标准",
        "分值",
        "自评得分",
        "复核得分",
        "佐证材料",
        "备注",
      ]);
      const cell = (no: number, column = "自评") =>
        page.getByRole("textbox", { name: `第${no}项${column}得分` });
      const [a, b] = [rubric.baseItems[20], rubric.baseItems[21]];
      await cell(a.no).click();
      await page.keyboard.press("ArrowDown");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
        `第${b.no}项自评得分`,
      );
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
        `第${a.no}项复核得分`,
      );
      // 23 in the table: refused, kept, in red, with the message under its row; the bar counts it.
      await cell(23).fill("5");
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
        `第${rubric.baseItems[rubric.baseItems.findIndex((i) => i.id === "23") + 1].no}项自评得分`,
      );
      expect(await cell(23).getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByTestId("fill-refused").textContent()).toBe("1 项输入未被接受");
      await cell(23).fill("2");
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        () => document.querySelector("[data-testid=fill-total]")?.textContent === "100",
      );
      await shot(page, "1280-zh-table");
      expect(await axe(page, "1280 table")).toEqual([]);
      if (process.env.UPDATE_DOCS_SCREENSHOT || !existsSync(DOCS_SHOT)) {
        mkdirSync(join(ROOT, "docs", "screenshots"), { recursive: true });
        await page.screenshot({ path: DOCS_SHOT });
      }

      // Printing draws the sheet's plan: the official columns, the title rows in every page's head.
      await tab(page, "导出").click();
      await page.getByTestId("print").waitFor();
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await page.emulateMedia({ media: "print" });
      const sheet = page.getByTestId("print-sheet");
      await sheet.waitFor();
      expect(await sheet.locator("thead").textContent()).toContain(
        "巴川街道2020年全国示范型退役军人服务站创建评分表",
      );
      expect(await page.locator("#root").isVisible()).toBe(false);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      writeFileSync(join(ARTIFACTS, "print.pdf"), pdf);
      expect(pdf.length).toBeGreaterThan(20_000);
      await page.emulateMedia({ media: "screen" });
      await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
      await sheet.waitFor({ state: "detached" });
    } finally {
      await context.close();
    }
  });

  it("shows the table in English at 1280 px", async () => {
    const { context, page } = await open(1280, "en-US", one);
    try {
      await tab(page, "Form").click();
      const table = page.getByTestId("fill-table");
      await table.waitFor();
      expect(await table.locator("thead th").allTextContents()).toEqual([
        "No.",
        "Standard",
        "Points",
        "Self-assessment",
        "Review",
        "Evidence",
        "Remarks",
      ]);
      await shot(page, "1280-en-table");
    } finally {
      await context.close();
    }
  });

  it("keeps roles apart and rolls a district's workbook up (zh-CN 1280, en-US 375)", async () => {
    const { context, page } = await open(1280, "zh-CN", district);
    try {
      const view = page.getByTestId("rollup-view");
      await view.waitFor();
      expect(await page.getByText("当前工作表不是评分表").count()).toBe(0);
      expect(await page.getByTestId("rollup-table").locator("tbody tr").count()).toBe(STATIONS.length);
      expect(await page.getByTestId("rollup-chart").getAttribute("aria-label")).toMatch(
        /^各站总分与 90 分达标线：1 个站达到/,
      );
      expect(await page.getByTestId("rollup-receipts").textContent()).toBe(
        `收到 6 个，已提交 4 个，已复核 0 个，未收到 ${STATIONS.length - 6} 个。`,
      );
      expect(await page.getByTestId("rollup-legend").textContent()).toBe("达标未达标否决未完成未提交");
      expect(await page.locator(`[data-station="${STATIONS[2]}"]`).textContent()).toContain(
        "否决：75.2 发生个人极端案事件的",
      );
      expect(await page.getByRole("tab").allTextContents()).toEqual(["概览", "审核", "插入"]);
      await shot(page, "1280-zh-rollup");
      expect(await excelWords(page)).toEqual([]);
      expect(await axe(page, "roll-up")).toEqual([]);

      await tab(page, "审核").click();
      // Several scorecards: the district's tools; the station's 提交 is not among them.
      expect(await page.getByRole("radio", { name: "区县复核" }).isChecked()).toBe(true);
      await page.getByRole("button", { name: "检查整个工作簿" }).click();
      await page.getByTestId("scan-table").waitFor();
      expect(await excelWords(page)).toEqual([]);
      expect(await page.getByRole("button", { name: "提交", exact: true }).count()).toBe(0);
      await page.getByRole("radio", { name: "市级抽查" }).check();
      expect(await page.getByLabel("抽取比例").inputValue()).toBe("50");
      await page.getByRole("button", { name: "抽取并写入抽查名单" }).waitFor();
      await shot(page, "1280-zh-city");
      expect(await excelWords(page)).toEqual([]);
      expect(await axe(page, "city")).toEqual([]);

      await tab(page, "概览").click();
      // A station's file still 填报中: its clerk's step is 提交.
      await page.getByRole("button", { name: `打开${STATIONS[4]}的评分表` }).click();
      await page.getByTestId("total").waitFor();
      await tab(page, "审核").click();
      await page.getByRole("radio", { name: "服务站填报" }).check();
      await page.getByRole("button", { name: "提交", exact: true }).waitFor();
      for (const tool of ["开始复核", "退回修改", "检查整个工作簿", "生成汇总表"])
        expect([tool, await page.getByRole("button", { name: tool }).count()]).toEqual([tool, 0]);
      await page.getByRole("button", { name: "全部评分表（6）" }).click();
      await view.waitFor();
    } finally {
      await context.close();
    }
    const en = await open(375, "en-US", district);
    try {
      await en.page.getByTestId("rollup-view").waitFor();
      expect(await en.page.getByRole("heading", { name: /^All scorecards/ }).count()).toBe(1);
      expect(await en.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
        true,
      );
      await shot(en.page, "375-en-rollup");
    } finally {
      await en.context.close();
    }
  });

  it("keeps locked values and the bonus choices legible (contrast 4.5:1) and names controls in Chinese", async () => {
    const { context, page } = await open(375, "zh-CN", submitted);
    try {
      await tab(page, "填写").click();
      await page.getByTestId("column-locked").waitFor();
      expect(Math.min(...(await contrastOf(page, "[role=spinbutton]")))).toBeGreaterThanOrEqual(4.5);
      await page.getByRole("button", { name: /^加分项/ }).click();
      const radios = await contrastOf(page, ".fui-Radio__label");
      expect(radios.length).toBeGreaterThan(4);
      expect(Math.min(...radios)).toBeGreaterThanOrEqual(4.5);
      await page.getByRole("button", { name: /^一票否决/ }).click();
      const switches = await contrastOf(page, ".fui-Switch__label");
      expect(switches.length).toBe(4);
      expect(Math.min(...switches)).toBeGreaterThanOrEqual(4.5);
      await shot(page, "375-zh-locked");
      expect(await axe(page, "locked")).toEqual([]);
      expect(await englishNames(context, page)).toEqual([]);
      // 插入's year has Chinese names on its arrows too, and a near station name is asked about.
      await tab(page, "插入").click();
      await page.getByRole("button", { name: "增加年度" }).waitFor();
      await page.getByRole("combobox", { name: /服务站/ }).fill("巴川");
      await page.getByRole("button", { name: "是否为 巴川街道？" }).click();
      expect(await page.getByRole("combobox", { name: /服务站/ }).inputValue()).toBe("巴川街道");
      expect(await englishNames(context, page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
