/*
 * npm run build:wps (scripts/build-wps.mjs) into a temporary folder, then: what the add-in folder, the offline
 * package, jsplugins.xml and the publish page hold; that every chunk parses at ES2017 (what the WPS build's
 * Chromium parses) and that every newer runtime API a chunk calls is polyfilled; and the clerk's whole flow in
 * headless Chromium with the strict fake ET (test/support/fakeEt.ts, bundled) installed as `window.wps`, with the
 * APIs older WPS builds lack removed from the page first.
 */
import { execFileSync } from "child_process";
import { buildSync } from "esbuild";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import type { Browser, Page } from "playwright-core";
import { getRubric } from "../src/rubric";
import { COL, addr, layoutFor } from "../src/sheet";
import { POLYFILLED } from "../src/wps/polyfilled";
import { RIBBON_BUTTONS } from "../src/wps/ribbon";
import { CHROMIUM, requireChromium, servePane, type Served } from "../bench/paneBuild";
import { fillCategoryAtMax } from "./support/paneFill";

jest.setTimeout(600_000);
requireChromium();

const ROOT = resolve(__dirname, "..");
const ARTIFACTS = join(ROOT, "test-artifacts", "wps");
const pkg = require("../package.json") as { version: string };
const FOLDER = `scorecard_${pkg.version}`;
const rubric = getRubric();

/** APIs newer than Chromium 58 that a chunk may call, by the name POLYFILLED uses, and how to spot a call. */
const NEWER_APIS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: "Array.prototype.flat", pattern: /\.flat\(/ },
  { name: "Array.prototype.flatMap", pattern: /\.flatMap\(/ },
  { name: "Array.prototype.at", pattern: /\.at\(-?\d/ },
  { name: "Object.fromEntries", pattern: /Object\.fromEntries/ },
  { name: "Object.hasOwn", pattern: /Object\.hasOwn\(/ },
  { name: "String.prototype.matchAll", pattern: /\.matchAll\(/ },
  { name: "String.prototype.replaceAll", pattern: /\.replaceAll\(/ },
  { name: "String.prototype.trimStart", pattern: /\.trimStart\(/ },
  { name: "String.prototype.trimEnd", pattern: /\.trimEnd\(/ },
  { name: "Promise.prototype.finally", pattern: /\.finally\(/ },
  { name: "Promise.allSettled", pattern: /allSettled/ },
  { name: "Symbol.asyncIterator", pattern: /Symbol\.asyncIterator/ },
  { name: "globalThis", pattern: /\bglobalThis\b/ },
  { name: "queueMicrotask", pattern: /\bqueueMicrotask\b/ },
  { name: "WeakRef", pattern: /\bWeakRef\b/ },
  { name: "ResizeObserver", pattern: /\bResizeObserver\b/ },
  { name: "crypto.randomUUID", pattern: /randomUUID/ },
  { name: "structuredClone", pattern: /\bstructuredClone\(/ },
  { name: "Array.prototype.findLastIndex", pattern: /\.findLastIndex\(/ },
  { name: "Array.prototype.toSorted", pattern: /\.toSorted\(/ },
  { name: "AggregateError", pattern: /\bAggregateError\b/ },
  { name: "Promise.any", pattern: /Promise\.any\(/ },
  { name: "Intl.Segmenter", pattern: /Intl\.Segmenter/ },
];

/** What the page deletes before anything loads, as an older WPS build's Chromium would not have it. */
const REMOVED_FROM_PAGE = [
  "Array.prototype.flat",
  "Array.prototype.flatMap",
  "Array.prototype.at",
  "Object.fromEntries",
  "Object.hasOwn",
  "String.prototype.matchAll",
  "String.prototype.replaceAll",
  "Promise.allSettled",
  "WeakRef",
  "ResizeObserver",
  "Crypto.prototype.randomUUID",
];

let out: string;
let addin: string;
const acorn = require("acorn") as {
  parse(code: string, options: { ecmaVersion: number; sourceType: "script" }): unknown;
};

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "wps-build-"));
  execFileSync("node", [join(ROOT, "scripts", "build-wps.mjs"), "--out", out], {
    cwd: ROOT,
    env: { ...process.env, WPS_ADDON_URL: "https://intranet.example/wps" },
    stdio: "ignore",
  });
  addin = join(out, FOLDER);
});
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const files = (): string[] =>
  readdirSync(addin, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) =>
      join(d.parentPath, d.name)
        .slice(addin.length + 1)
        .split("\\")
        .join("/"),
    );
const chunks = (): string[] => files().filter((f) => f.endsWith(".js"));

describe("npm run build:wps", () => {
  it("writes the add-in folder: its entry page with ribbon.js, ribbon.xml, the pane without office.js, icons", () => {
    const all = files();
    for (const f of ["index.html", "ribbon.xml", "taskpane.html"]) expect(all).toContain(f);
    expect(readFileSync(join(addin, "index.html"), "utf8")).toMatch(/<script[^>]+ribbon\.[0-9a-f]{8}\.js/);
    const pane = readFileSync(join(addin, "taskpane.html"), "utf8");
    expect(pane).not.toMatch(/office\.js/);
    expect(pane).toMatch(/taskpane\.[0-9a-f]{8}\.js/);
    expect(all).toContain("assets/icon-32.png");
    expect(all).toContain("assets/check-32.png");
  });

  it("has a ribbon.xml starting with <customUI, well-formed, whose 评分表 group has the three buttons and their callbacks", () => {
    const xml = readFileSync(join(addin, "ribbon.xml"), "utf8");
    expect(xml.startsWith("<customUI")).toBe(true);
    execFileSync("xmllint", ["--noout", join(addin, "ribbon.xml")]);
    expect(xml).toMatch(/<group id="scorecardGroup" label="评分表">/);
    const buttons = [...xml.matchAll(/<button id="(\w+)" label="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(buttons).toEqual([
      ["btnOpenPane", "打开窗格"],
      ["btnInsertScorecard", "插入评分表"],
      ["btnCheckWorkbook", "检查整个工作簿"],
    ]);
    expect(buttons.map(([id]) => id).sort()).toEqual(Object.keys(RIBBON_BUTTONS).sort());
    const callbacks = new Set([...xml.matchAll(/(?:onAction|getImage|onLoad)="(\w+)"/g)].map((m) => m[1]));
    expect([...callbacks].sort()).toEqual(["GetImage", "OnAction", "OnAddinLoad"]);
  });

  it("packs the folder into the offline package, with jsplugins.xml, publish.xml and a publish page naming it", () => {
    const listing = execFileSync("7zz", ["l", "-ba", join(out, "scorecard.7z")], { encoding: "utf8" });
    expect(listing).toContain(`${FOLDER}/ribbon.xml`);
    expect(listing).toContain(`${FOLDER}/taskpane.html`);
    const jsplugins = readFileSync(join(out, "jsplugins.xml"), "utf8");
    execFileSync("xmllint", ["--noout", join(out, "jsplugins.xml")]);
    expect(jsplugins).toContain(
      `<jsplugin name="scorecard" type="et" url="https://intranet.example/wps/scorecard.7z" version="${pkg.version}" enable="true" />`,
    );
    expect(readFileSync(join(out, "publish.xml"), "utf8")).toContain(`url="${FOLDER}"`);
    const publish = readFileSync(join(out, "publish.html"), "utf8");
    expect(publish).toContain(
      JSON.stringify({
        name: "scorecard",
        addonType: "et",
        online: "false",
        url: "https://intranet.example/wps/scorecard.7z",
        version: pkg.version,
      }),
    );
    expect(publish).not.toMatch(/__[A-Z]+__/);
    expect(publish).toContain("deployaddons/runParams");
  });

  it("every chunk parses as ES2017, the syntax of the Chromium older WPS builds embed", () => {
    expect(chunks().length).toBeGreaterThanOrEqual(5);
    for (const f of chunks())
      expect(() =>
        acorn.parse(readFileSync(join(addin, f), "utf8"), { ecmaVersion: 2017, sourceType: "script" }),
      ).not.toThrow();
    // The same chunks unlowered would not: the pane's own use newer syntax (class fields, `?.`, `??`).
    expect(() => acorn.parse("a?.b ?? c", { ecmaVersion: 2017, sourceType: "script" })).toThrow();
  });

  it("every runtime API newer than Chromium 58 that a chunk calls is polyfilled", () => {
    const code = chunks()
      .map((f) => readFileSync(join(addin, f), "utf8"))
      .join("\n");
    const called = NEWER_APIS.filter((api) => api.pattern.test(code)).map((api) => api.name);
    expect(called.length).toBeGreaterThan(3);
    const polyfilled: readonly string[] = POLYFILLED;
    expect(called.filter((name) => !polyfilled.includes(name))).toEqual([]);
    expect(
      REMOVED_FROM_PAGE.filter((n) => !polyfilled.includes(n.replace("Crypto.prototype.", "crypto."))),
    ).toEqual([]);
  });
});

describe("the clerk's flow in WPS (headless Chromium, fake ET as window.wps)", () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let shot = 0;
  const snap = async (name: string): Promise<void> => {
    await page.screenshot({ path: join(ARTIFACTS, `${String(++shot).padStart(2, "0")}-${name}.png`) });
  };
  const text = async (testId: string): Promise<string> =>
    (await page.getByTestId(testId).textContent()) ?? "";
  const tab = (name: string) => page.getByRole("tab", { name: new RegExp(`^${name}`) });
  /** The fake's model, read in the page. */
  const inWps = <T>(f: string): Promise<T> =>
    page.evaluate(`(function (fake) { return ${f}; })(window.__fakeEt)`);

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    const bundle = buildSync({
      entryPoints: [join(__dirname, "support", "fakeEt.ts")],
      bundle: true,
      format: "iife",
      globalName: "FakeEtModule",
      target: "es2017",
      write: false,
    }).outputFiles[0].text;
    const remove = REMOVED_FROM_PAGE.map((path) => {
      const at = path.lastIndexOf(".");
      return at < 0 ? `delete window.${path};` : `delete ${path.slice(0, at)}.${path.slice(at + 1)};`;
    }).join("\n");
    served = await servePane(addin);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ ...CHROMIUM, headless: true });
    const context = await browser.newContext({
      viewport: { width: 380, height: 900 },
      locale: "zh-CN",
      acceptDownloads: true,
    });
    await context.addInitScript({
      content: `${bundle}
        (function () {
          var fake = new FakeEtModule.FakeEt();
          fake.addSheet("Sheet1");
          fake.install(window);
          window.__fakeEt = fake;
          // The ribbon's side of window.wps: task panes, and the storage shared by the add-in's pages.
          var stored = {};
          window.wps.CreateTaskPane = function (url) {
            window.__taskPaneUrl = url;
            return { ID: 1, Visible: false, Navigate: function (next) { window.__taskPaneUrl = next; } };
          };
          window.wps.GetTaskPane = function () { return null; };
          window.wps.PluginStorage = {
            getItem: function (key) { return stored[key]; },
            setItem: function (key, value) { stored[key] = String(value); },
          };
          ${remove}
        })();`,
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it("opens the pane from the ribbon's 打开窗格, and runs without the APIs older WPS builds lack", async () => {
    // WPS loads the add-in's index.html and calls ribbon.xml's callbacks there.
    await page.goto(`${served.url}index.html`);
    const url = await page.evaluate(() => {
      const w = window as unknown as { OnAction(control: { Id: string }): void; __taskPaneUrl?: string };
      w.OnAction({ Id: "btnOpenPane" });
      return w.__taskPaneUrl ?? "";
    });
    expect(url).toBe(`${served.url}taskpane.html`);
    await page.goto(url);
    expect(await page.evaluate(() => typeof (Array.prototype as { flatMap?: unknown }).flatMap)).toBe(
      "function",
    );
    expect(await page.evaluate(() => typeof (window as { WeakRef?: unknown }).WeakRef)).toBe("function");
    expect(await page.evaluate(() => crypto.randomUUID())).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });

  it("opens the pane over WPS, inserts a scorecard, fills it (a value refused), sees the total, submits and exports", async () => {
    await page.getByRole("button", { name: "插入评分表" }).first().click();
    await page.getByRole("combobox", { name: /服务站/ }).fill("巴川街道");
    await snap("insert");
    await page.getByRole("button", { name: "插入评分表", exact: true }).click();
    await page.getByTestId("total").waitFor();
    expect(await text("total")).toBe("0");
    const sheet = await inWps<string>("fake.active.name");
    expect(sheet).toMatch(/^巴川街道\d{4}评分表$/);
    expect(await inWps<boolean>("fake.active.protection.protected")).toBe(true);
    await snap("inserted");

    await tab("填写").click();
    for (const category of rubric.categories) await fillCategoryAtMax(page, category);
    // One section is open at a time: item 1's opens again.
    await page.getByRole("button", { name: new RegExp(`^${rubric.categories[0].name}`) }).click();
    await page.getByRole("textbox", { name: "第1项佐证材料" }).fill("学习记录台账");
    // Refused where it is typed, never written to WPS.
    const first = page.getByRole("spinbutton", { name: /^1\. / });
    await first.fill("5");
    await first.press("Tab");
    await page.getByText("第1项得分 5 超过该项分值 2").waitFor();
    await snap("refused");
    await first.press("Escape");
    // The veto questions answered 否: switched on (是) and off again.
    const veto = page.getByRole("button", { name: /^一票否决/ });
    if ((await veto.getAttribute("aria-expanded")) !== "true") await veto.click();
    for (const condition of rubric.veto.conditions) {
      const toggle = page.getByRole("switch", { name: new RegExp(`^${condition.key.replace(".", "\\.")} `) });
      await toggle.click();
      await toggle.click();
    }
    await tab("概览").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "100");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=write-status]")?.textContent === "",
    );
    const item1 = addr(COL.self, layoutFor(rubric).entryRows.get("1") ?? 0);
    expect(await inWps<unknown>(`fake.sheet(${JSON.stringify(sheet)}).value(${JSON.stringify(item1)})`)).toBe(
      2,
    );
    expect(await inWps<string[]>("fake.problems")).toEqual([]);
    await snap("total");

    await tab("审核").click();
    await page.getByRole("textbox", { name: /操作人/ }).fill("张三");
    await page.getByRole("button", { name: "提交", exact: true }).click();
    await page.getByTestId("state").getByText("状态：已提交").waitFor();
    expect(await inWps<unknown>(`fake.sheet(${JSON.stringify(sheet)}).value("I2")`)).toBe("已提交");
    expect(await inWps<string[]>("fake.sheets.map(function (s) { return s.name; })")).toContain("变更记录");
    await snap("submitted");

    await tab("导出").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/评分表-上报\.xlsx$/);
    await download.saveAs(join(ARTIFACTS, download.suggestedFilename()));
    expect(existsSync(join(ARTIFACTS, download.suggestedFilename()))).toBe(true);
    await snap("exported");
    expect(await inWps<string[]>("fake.problems")).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
