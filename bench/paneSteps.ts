/*
 * The clerk's steps on the offline page (issue 22 §7), timed in headless Chromium from file://, with the CPU
 * slowed down by the DevTools protocol (Emulation.setCPUThrottlingRate) as on a low-end office PC and at full
 * speed, each the median of `runs` fresh pages, beside a bare ExcelJS load of the same bytes. Figures, not
 * assertions: a shared machine varies too much from minute to minute for a timed test.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { pathToFileURL } from "url";
import type { Browser, Locator, Page } from "playwright-core";
import { getRubric } from "../src/rubric";
import { buildPlan, type ScorecardEntries } from "../src/sheet";
import { XlsxPort, newWorkbook } from "../src/xlsx";
import { CHROMIUM } from "./paneBuild";

export interface StepTimes {
  /** 新建 and 打开… usable after navigation start (the page's HTML start screen). */
  readonly start: number;
  /** The pane drawn over it (its first render), after navigation start. */
  readonly paneStart: number;
  /** A one-scorecard file chosen (a second after 打开…) → its total shown. */
  readonly open: number;
  /** The same, the file chosen at once (the engine still loading). */
  readonly openAtOnce: number;
  /** Enter after a score typed into the table → the total in the bar updated. */
  readonly typed: number;
  /** A 17-scorecard workbook chosen → the roll-up, then 检查整个工作簿 → its table, end to end as driven. */
  readonly many: number;
  /**
   * The same steps as the clerk waits for them: file chosen → roll-up drawn, plus 审核 clicked → its panel drawn,
   * plus 检查整个工作簿 clicked → its table drawn; without the driver's own work between (finding a button by its
   * role and name runs in the page, a tenth of a second on the slowed CPU, where a person just clicks).
   */
  readonly manyWaits: number;
  /** Bare ExcelJS: workbook.xlsx.load of the one-scorecard and of the 17-scorecard bytes. */
  readonly bareOne: number;
  readonly bareMany: number;
}

const rubric = getRubric();
const STATIONS = rubric.notice?.stations ?? [];

/** Entries of a scorecard three quarters filled, varied by station. */
function entries(k: number): ScorecardEntries {
  const self = Object.fromEntries(
    rubric.baseItems.map((item, j) => [item.id, (j + k) % 4 === 0 ? null : item.max]),
  );
  return { self, review: {}, evidence: {}, notes: {} };
}

/** The bench's two workbooks: one station's scorecard, and the district's 17 in one file. */
export async function stepFiles(dir: string): Promise<{ one: string; many: string }> {
  const { writeFileSync } = await import("fs");
  const one = new XlsxPort(newWorkbook());
  await one.render(buildPlan({ rubric, station: STATIONS[0], year: 2020, entries: entries(0) }));
  const many = new XlsxPort(newWorkbook());
  for (let k = 0; k < STATIONS.length; k++)
    await many.render(buildPlan({ rubric, station: STATIONS[k], year: 2020, entries: entries(k) }));
  const files = { one: join(dir, "一个服务站.xlsx"), many: join(dir, "全区17个服务站.xlsx") };
  writeFileSync(files.one, await one.toBuffer());
  writeFileSync(files.many, await many.toBuffer());
  return files;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const now = (page: Page): Promise<number> => page.evaluate(() => performance.now());

export async function fresh(browser: Browser, rate: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  return page;
}

export async function startScreen(page: Page, html: string): Promise<number> {
  await page.goto(pathToFileURL(html).href, { waitUntil: "commit" });
  await page.waitForFunction(
    // No named helpers in here: tsx would wrap them in a __name() the page does not have.
    () =>
      ["新建", "打开…"].every((text) =>
        [...document.querySelectorAll("button")].some((b) => b.textContent === text && !b.disabled),
      ),
    undefined,
    { polling: 20, timeout: 120_000 },
  );
  return now(page);
}

/** When the pane first rendered (its performance mark), waiting for it. */
export async function paneDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName("pane-first-render").length > 0, undefined, {
    timeout: 120_000,
  });
  return page.evaluate(() => performance.getEntriesByName("pane-first-render")[0]?.startTime ?? NaN);
}

/**
 * Watches for the first frame that paints `selector`, timed in the page: a rAF callback runs just before that
 * paint, whereas a poller from outside sees it only after the idle-time work that follows.
 */
async function watchPaint(page: Page, selector: string): Promise<void> {
  await page.evaluate((watched) => {
    const w = window as unknown as { shownAt?: number };
    w.shownAt = undefined;
    new MutationObserver((_, observer) => {
      if (!document.querySelector(watched)) return;
      observer.disconnect();
      requestAnimationFrame(() => (w.shownAt = performance.now()));
    }).observe(document.body, { childList: true, subtree: true });
  }, selector);
}

/** When the frame watchPaint watches for was painted (the page's clock), waiting for it. */
async function painted(page: Page): Promise<number> {
  await page.waitForFunction(
    () => (window as unknown as { shownAt?: number }).shownAt !== undefined,
    undefined,
    {
      timeout: 120_000,
    },
  );
  return page.evaluate(() => (window as unknown as { shownAt?: number }).shownAt ?? NaN);
}

/**
 * 打开… (which starts loading the engine), the file chosen `after` ms later, then `until` shown: returns when the
 * file was chosen and the ms from then to `until`.
 */
export async function openFile(
  page: Page,
  file: string,
  after: number,
  until: string,
): Promise<{ chosenAt: number; ms: number }> {
  const chooser = page.waitForEvent("filechooser", { timeout: 120_000 });
  // With unsaved changes (the step before typed a score) 打开… asks first.
  const discard = page.getByRole("button", { name: "放弃修改并继续" });
  await page.getByRole("button", { name: "打开…" }).click();
  if (await page.getByText("未保存", { exact: true }).count()) {
    await discard.waitFor({ timeout: 120_000 });
    await discard.click();
  }
  const picker = await chooser;
  if (after > 0) await page.waitForTimeout(after);
  await watchPaint(page, until);
  const chosenAt = await now(page);
  await picker.setFiles(file);
  const shownAt = await painted(page);
  return { chosenAt, ms: shownAt - chosenAt };
}

/**
 * Clicks `target` and returns the ms from the click event (its timeStamp, when the page got it) to the first frame
 * that paints `until`, timed in the page as openFile does.
 */
export async function clickAndTime(page: Page, target: Locator, until: string): Promise<number> {
  await target.waitFor({ timeout: 120_000 });
  await page.evaluate((selector) => {
    if (document.querySelector(selector)) throw new Error(`${selector} is there before the click`);
    const w = window as unknown as { clickAt?: number };
    w.clickAt = undefined;
    document.addEventListener("click", (event) => (w.clickAt = event.timeStamp), {
      capture: true,
      once: true,
    });
  }, until);
  await watchPaint(page, until);
  await target.click();
  const shownAt = await painted(page);
  return shownAt - (await page.evaluate(() => (window as unknown as { clickAt?: number }).clickAt ?? NaN));
}

/** A score typed into the table and Enter: ms from the key to the bar's total changing (timed in the page). */
export async function typeScore(page: Page): Promise<number> {
  await page.getByRole("tab", { name: /^填写/ }).click();
  await page.waitForSelector("[data-testid=fill-table]", { timeout: 120_000 });
  // Let the tab's first drawing and the idle prefetches settle: the step is the typing, not the tab.
  await page.waitForTimeout(1500);
  const empty = rubric.baseItems.find((_, j) => j % 4 === 0) ?? rubric.baseItems[0];
  const cell = page.getByRole("textbox", { name: `第${empty.no}项自评得分` });
  await cell.fill(String(empty.max));
  await page.evaluate(() => {
    const w = window as unknown as { typedAt?: number; totalAt?: number };
    const total = document.querySelector("[data-testid=fill-total]");
    const before = total?.textContent;
    document.addEventListener("keydown", () => (w.typedAt = performance.now()), {
      capture: true,
      once: true,
    });
    if (total)
      new MutationObserver((_, observer) => {
        if (total.textContent === before) return;
        w.totalAt = performance.now();
        observer.disconnect();
      }).observe(total, { childList: true, subtree: true, characterData: true });
  });
  await cell.press("Enter");
  await page.waitForFunction(
    () => (window as unknown as { totalAt?: number }).totalAt !== undefined,
    undefined,
    {
      timeout: 120_000,
    },
  );
  return page.evaluate(() => {
    const w = window as unknown as { typedAt: number; totalAt: number };
    return w.totalAt - w.typedAt;
  });
}

/** ExcelJS alone in a blank page (its own browser build): ms for workbook.xlsx.load(bytes). */
async function bareLoad(browser: Browser, rate: number, file: string, blank: string): Promise<number> {
  const page = await fresh(browser, 1);
  try {
    await page.goto(pathToFileURL(blank).href);
    await page.addScriptTag({ path: require.resolve("exceljs/dist/exceljs.min.js") });
    await page.evaluate(
      (bytes) => {
        (window as unknown as { bytes: Uint8Array }).bytes = new Uint8Array(bytes);
      },
      [...readFileSync(file)],
    );
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    return await page.evaluate(async () => {
      const w = window as unknown as {
        bytes: Uint8Array;
        ExcelJS: { Workbook: new () => { xlsx: { load(data: Uint8Array): Promise<unknown> } } };
      };
      const t0 = performance.now();
      await new w.ExcelJS.Workbook().xlsx.load(w.bytes);
      return performance.now() - t0;
    });
  } finally {
    await page.context().close();
  }
}

/** Every step `runs` times on fresh pages at the given throttling rate; the median of each. */
export async function timeSteps(
  browser: Browser,
  html: string,
  files: { one: string; many: string },
  blank: string,
  rate: number,
  runs: number,
): Promise<StepTimes> {
  const samples: Record<keyof StepTimes, number[]> = {
    start: [],
    paneStart: [],
    open: [],
    openAtOnce: [],
    typed: [],
    many: [],
    manyWaits: [],
    bareOne: [],
    bareMany: [],
  };
  for (let run = 0; run < runs; run++) {
    const page = await fresh(browser, rate);
    try {
      samples.start.push(await startScreen(page, html));
      samples.paneStart.push(await paneDrawn(page));
      await page.waitForTimeout(1000);
      samples.open.push((await openFile(page, files.one, 1000, "[data-testid=total]")).ms);
      samples.typed.push(await typeScore(page));
      const rollup = await openFile(page, files.many, 1000, "[data-testid=rollup-view]");
      const tab = await clickAndTime(
        page,
        page.getByRole("tab", { name: /^审核/ }),
        "[data-testid=review-panel]",
      );
      const check = await clickAndTime(
        page,
        page.getByRole("button", { name: "检查整个工作簿" }),
        "[data-testid=scan-table]",
      );
      // From the choice of the file (a second after 打开…) to the check's table.
      samples.many.push((await now(page)) - rollup.chosenAt);
      samples.manyWaits.push(rollup.ms + tab + check);
    } finally {
      await page.context().close();
    }
    const cold = await fresh(browser, rate);
    try {
      await startScreen(cold, html);
      samples.openAtOnce.push((await openFile(cold, files.one, 0, "[data-testid=total]")).ms);
    } finally {
      await cold.context().close();
    }
    samples.bareOne.push(await bareLoad(browser, rate, files.one, blank));
    samples.bareMany.push(await bareLoad(browser, rate, files.many, blank));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as unknown as StepTimes;
}

export const launchChromium = async (): Promise<Browser> =>
  (await import("playwright-core")).chromium.launch({ ...CHROMIUM, headless: true });
