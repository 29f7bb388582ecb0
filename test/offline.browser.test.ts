/*
 * dist/scorecard-offline.html (scripts/build-offline.cjs) opened from disk in headless Chromium with every network
 * request refused: the whole standalone page must come out of the one file. New → fill → save → open the saved file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";
import type { Browser, Page } from "playwright-core";
import { defaultYear, getRubric } from "../src/rubric";
import { readScorecard, sheetNameFor } from "../src/sheet";
import { XlsxPort } from "../src/xlsx";
import { CHROMIUM, requireChromium } from "../bench/paneBuild";

jest.setTimeout(300_000);
requireChromium();

const { buildOffline } = require("../scripts/build-offline.cjs") as {
  buildOffline(outFile: string): Promise<string>;
};
const rubric = getRubric();
const YEAR = defaultYear(rubric, new Date().getFullYear());

describe("the offline page from file:// with no network", () => {
  const dir = mkdtempSync(join(tmpdir(), "scorecard-offline-test-"));
  const html = join(dir, "scorecard-offline.html");
  let browser: Browser;
  let page: Page;
  const refused: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildOffline(html);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ ...CHROMIUM, headless: true });
    const context = await browser.newContext({
      acceptDownloads: true,
      locale: "zh-CN",
      viewport: { width: 380, height: 900 },
    });
    // Everything but the file itself and what it carries inline is refused, and remembered.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:"))
        return route.continue();
      refused.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is one HTML file with its script inline", () => {
    const text = readFileSync(html, "utf8");
    expect(text).not.toMatch(/<script[^>]*\ssrc=/);
    expect(text).not.toContain("appsforoffice.microsoft.com");
    expect(text.length).toBeGreaterThan(500_000);
  });

  it("creates, fills and saves a scorecard, then opens the saved file", async () => {
    await page.goto(pathToFileURL(html).href);
    await page.getByRole("heading", { name: "在浏览器中填写评分表" }).waitFor();
    await page.getByRole("button", { name: "新建" }).click();
    await page.getByRole("combobox", { name: /服务站/ }).fill("巴川街道");
    await page.getByRole("button", { name: "插入评分表", exact: true }).click();
    await page.getByTestId("total").waitFor();

    await page.getByRole("tab", { name: /^填写/ }).click();
    const [category] = rubric.categories;
    const header = page.getByRole("button", { name: new RegExp(`^${category.name}`) });
    if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
    for (const item of category.items) {
      const box = page.getByRole("spinbutton", { name: new RegExp(`^${item.no}\\. `) });
      await box.fill(String(item.max));
      await box.press("Tab");
    }
    const filled = category.items.reduce((sum, item) => sum + item.max, 0);
    await page.getByRole("tab", { name: /^概览/ }).click();
    await page.waitForFunction(
      (want) => document.querySelector("[data-testid=total]")?.textContent === want,
      String(filled),
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "保存（下载）" }).click(),
    ]);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    expect(existsSync(saved)).toBe(true);
    const sheet = sheetNameFor("巴川街道", YEAR);
    const [grid] = await (await XlsxPort.load(readFileSync(saved))).readGrids([sheet]);
    expect(readScorecard(grid).entries.self[category.items[0].id]).toBe(category.items[0].max);

    await page.getByTestId("file-input").setInputFiles(saved);
    await page.getByTestId("file-name").getByText(download.suggestedFilename()).waitFor();
    await page.waitForFunction(
      (want) => document.querySelector("[data-testid=total]")?.textContent === want,
      String(filled),
    );
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });
});
