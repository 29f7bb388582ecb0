/*
 * dist/scorecard-offline.html (scripts/build-offline.cjs) opened from disk in headless Chromium with every network
 * request refused: the whole standalone page must come out of the one file. New → fill → save → open the saved file;
 * then fill every item, export .xlsx and .csv from 导出 (lazy chunks and Blob downloads must work from disk), and
 * drop a saved file onto the page.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";
import * as ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { defaultYear, getRubric } from "../src/rubric";
import { readScorecard, sheetNameFor } from "../src/sheet";
import { XlsxPort, readScorecards } from "../src/xlsx";
import { CHROMIUM, requireChromium } from "../bench/paneBuild";
import { part, writeZip, zerosDeflated } from "./support/hostile";
import { fillCategoryAtMax } from "./support/paneFill";

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
  /** The file saved by the first test, with only the first category filled: dropped onto the page later. */
  let firstSaved = "";
  const sheet = sheetNameFor("巴川街道", YEAR);
  /**
   * Opens a tab and waits until it is the selected one: under load a click can land while the pane is still
   * redrawing after a file was opened, and is then lost, so it is given again.
   */
  const openTab = async (name: RegExp): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      await page.getByRole("tab", { name }).click();
      try {
        await page.getByRole("tab", { name, selected: true }).waitFor({ timeout: 10_000 });
        return;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  };
  const waitForTotal = (want: string) =>
    page.waitForFunction((text) => document.querySelector("[data-testid=total]")?.textContent === text, want);
  /** Clicks `button` and saves the download it starts into the test folder. */
  const downloadFrom = async (button: ReturnType<Page["getByRole"]>): Promise<string> => {
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  };

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

    await openTab(/^填写/);
    const [category] = rubric.categories;
    await fillCategoryAtMax(page, category);
    const filled = category.items.reduce((sum, item) => sum + item.max, 0);
    await openTab(/^概览/);
    await waitForTotal(String(filled));

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "保存（下载）" }).click(),
    ]);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    expect(existsSync(saved)).toBe(true);
    firstSaved = saved;
    const [grid] = await (await XlsxPort.load(readFileSync(saved))).readGrids([sheet]);
    expect(readScorecard(grid).entries.self[category.items[0].id]).toBe(category.items[0].max);

    await page.getByTestId("file-input").setInputFiles(saved);
    await page.getByTestId("file-name").getByText(download.suggestedFilename()).waitFor();
    await waitForTotal(String(filled));
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });

  it("exports a complete scorecard as .xlsx and .csv, and opens a dropped file", async () => {
    // Read now: saving again below downloads under the same name and overwrites it.
    const dropped = readFileSync(firstSaved);
    await openTab(/^填写/);
    for (const category of rubric.categories.slice(1)) await fillCategoryAtMax(page, category);
    const full = rubric.baseItems.reduce((sum, item) => sum + item.max, 0);
    await openTab(/^概览/);
    await waitForTotal(String(full));

    // The 导出 panel and the ExcelJS renderer are lazy chunks in the served pane: here they must come from the file.
    // A card still 填报中 gives only a draft (c8b7a71): the copy to report comes from a submitted one.
    await openTab(/^导出/);
    // The verdict waits for the last fills to be written and read back: slow on a loaded machine, so no 30 s cap.
    await page
      .getByText(/评分表尚未提交/)
      .first()
      .waitFor({ timeout: 150_000 });
    expect(await page.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }).isDisabled()).toBe(true);

    // The clerk's step: 提交 on 审核 (the station's role), then save and send the file.
    await openTab(/^审核/);
    await page.getByRole("textbox", { name: /操作人/ }).fill("张三");
    await page.getByRole("button", { name: "提交", exact: true }).click();
    await page.getByTestId("state").getByText("状态：已提交").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("submitted-next").textContent()).toContain("保存（下载）");
    for (const tool of ["开始复核", "退回修改"])
      expect([tool, await page.getByRole("button", { name: tool }).count()]).toEqual([tool, 0]);

    await openTab(/^导出/);
    await page.getByText("可以导出。", { exact: true }).waitFor({ timeout: 150_000 });
    const xlsx = await downloadFrom(page.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
    expect(xlsx.endsWith(`${sheet}-上报.xlsx`)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(xlsx));
    expect(workbook.worksheets.map((w) => w.name)).toEqual([sheet]);
    const [copy] = readScorecards(workbook);
    expect(copy.findings).toEqual([]);
    for (const item of rubric.baseItems) expect(copy.entries.self[item.id]).toBe(item.max);
    expect(copy.meta.state).toBe("已提交");

    const csv = await downloadFrom(page.getByRole("button", { name: "下载 CSV 文件" }));
    expect(csv.endsWith(`${sheet}-上报.csv`)).toBe(true);
    const bytes = readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text).toContain("巴川街道");
    const rows = text.split("\r\n").map((line) => line.split(","));
    // Columns as in test/export.test.ts: the item's number third, then its maximum and the self-assessment.
    for (const item of rubric.baseItems) {
      const row = rows.find((cells) => cells[2] === String(item.no));
      expect(row?.slice(4, 6)).toEqual([String(item.max), String(item.max)]);
    }
    expect(text).toContain("达标");

    // Saved first, so that dropping another file does not ask about unsaved changes.
    await downloadFrom(page.getByRole("button", { name: "保存（下载）" }));
    const name = "拖放的评分表.xlsx";
    const dataTransfer = await page.evaluateHandle(
      ({ data, fileName }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], fileName));
        return transfer;
      },
      { data: [...dropped], fileName: name },
    );
    // With a document open the drop hint is gone; the whole file panel takes drops, so any element inside will do.
    const target = page.getByTestId("file-name");
    await target.dispatchEvent("dragover", { dataTransfer });
    await target.dispatchEvent("drop", { dataTransfer });
    await page.getByTestId("file-name").getByText(name).waitFor();
    const firstCategory = rubric.categories[0].items.reduce((sum, item) => sum + item.max, 0);
    // The pane stays on the tab it was on (导出); the total is on 概览.
    await openTab(/^概览/);
    await waitForTotal(String(firstCategory));
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });

  it("refuses a zip64 bomb and a file of thousands of media parts within seconds, in the pane's words", async () => {
    // A fresh tab: nothing open, so opening asks nothing first.
    const fresh = await page.context().newPage();
    await fresh.goto(pathToFileURL(html).href);
    await fresh.getByRole("heading", { name: "在浏览器中填写评分表" }).waitFor();
    const files: [string, Uint8Array, string][] = [
      [
        "zip64-bomb.xlsx",
        writeZip([{ name: "xl/worksheets/sheet1.xml", method: 8, flags: 0, ...zerosDeflated(2048) }], {
          zip64: true,
        }),
        "工作簿中的 xl/worksheets/sheet1.xml 解压后超过 50 MB",
      ],
      [
        "media.xlsx",
        writeZip(
          Array.from({ length: 3000 }, (_, i) =>
            part(`xl/media/image${i}.png`, new Uint8Array([i & 0xff]), 0),
          ),
        ),
        "图片等媒体部件（xl/media）超过 500 个",
      ],
    ];
    for (const [name, bytes, reason] of files) {
      await fresh
        .getByTestId("file-input")
        .setInputFiles({ name, mimeType: "application/octet-stream", buffer: Buffer.from(bytes) });
      const bar = fresh.getByTestId("message-bar");
      // Without the package gate either file holds the tab for half a minute or more.
      await bar.getByText(reason).waitFor({ timeout: 15_000 });
      expect(await bar.textContent()).toContain("已拒绝打开此文件");
    }
    await fresh.close();
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });

  /**
   * A page whose pane does not start until `release()`: the start screen's runner appends the pane's scripts to
   * <head>, and they are held back (the HTML screen is then all there is, as on a slow PC).
   */
  async function heldPage(locale: string): Promise<{ page: Page; release: () => Promise<void> }> {
    const context = await browser.newContext({
      acceptDownloads: true,
      locale,
      viewport: { width: 380, height: 900 },
    });
    await context.addInitScript(() => {
      const w = window as unknown as { held: (() => void)[] | null };
      w.held = [];
      const append = Node.prototype.appendChild;
      Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
        if (w.held && node instanceof HTMLScriptElement && this === document.head) {
          const parent = this;
          w.held.push(() => void append.call(parent, node));
          return node;
        }
        return append.call(this, node) as T;
      };
    });
    const held = await context.newPage();
    held.on("pageerror", (e) => pageErrors.push(String(e)));
    await held.goto(pathToFileURL(html).href);
    const release = async (): Promise<void> => {
      await held.evaluate(() => {
        const w = window as unknown as { held: (() => void)[] | null };
        const waiting = w.held ?? [];
        w.held = null;
        for (const run of waiting) run();
      });
    };
    return { page: held, release };
  }

  it("takes 新建 and 打开… on its HTML start screen before the pane has started, and does them then", async () => {
    const first = await heldPage("zh-CN");
    try {
      const screen = first.page.locator("#early-start");
      await screen.getByRole("heading", { name: "在浏览器中填写评分表" }).waitFor();
      const [chooser] = await Promise.all([
        first.page.waitForEvent("filechooser"),
        screen.getByRole("button", { name: "打开…" }).click(),
      ]);
      await chooser.setFiles(firstSaved);
      await screen.getByRole("status").getByText("正在准备…").waitFor();
      expect(await first.page.getByTestId("total").count()).toBe(0);
      await first.release();
      await first.page.getByTestId("total").waitFor({ timeout: 60_000 });
      expect(await first.page.locator("#early-start").count()).toBe(0);
    } finally {
      await first.page.context().close();
    }
    const en = await heldPage("en-US");
    try {
      const screen = en.page.locator("#early-start");
      await screen.getByRole("heading", { name: "Fill in a scorecard in the browser" }).waitFor();
      await screen.getByRole("button", { name: "New", exact: true }).click();
      await en.release();
      await en.page
        .getByRole("button", { name: "Insert scorecard", exact: true })
        .waitFor({ timeout: 60_000 });
    } finally {
      await en.page.context().close();
    }
    expect(pageErrors).toEqual([]);
  });
});
