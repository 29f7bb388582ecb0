/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node's export conditions, as in taskpane.export.test.tsx: the zip-bomb test runs the real engine (ExcelJS,
// fflate), whose browser builds are ES modules that jest's CommonJS loader cannot read.
import * as React from "react";
import { strToU8, zipSync } from "fflate";
import { configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RendererProvider, createDOMRenderer } from "@fluentui/react-components";
import { STRINGS, format, langOf } from "../src/i18n/strings";
import { defaultYear, getRubric } from "../src/rubric";
import { sheetNameFor } from "../src/sheet";
import { FileApp } from "../src/taskpane/root/FileApp";
import { detectEnvironment } from "../src/taskpane/root/environment";
import { isLegacyWebview, showLegacyMessage, showLoadFailure } from "../src/taskpane/legacy";
import { loadXlsxEngine, type XlsxDocument, type XlsxEngine } from "../src/taskpane/file/xlsxLoader";
import { PART_LIMIT } from "../src/xlsx/stream/zip";
import { trackChanges } from "../src/taskpane/file/FilePanel";
import { MemoryPort, entriesOf, rubric as memoryRubric } from "./support/memoryPort";

const renderer = createDOMRenderer(document, { unstable_filterCSSRule: () => false });
// Wait for conditions, never for a fixed second: a loaded 2-core CI machine can take several seconds per step.
configure({ asyncUtilTimeout: 20_000 });
const TIMING = { readDelay: 20, writeDelay: 30 };
const YEAR = defaultYear(getRubric(), new Date().getFullYear());

/** The memory port standing in for ExcelJS: "bytes" are the JSON of its sheet names. */
class FakeDocument extends MemoryPort implements XlsxDocument {
  async toBuffer(): Promise<Uint8Array> {
    return Uint8Array.from(JSON.stringify(await this.sheetNames()), (c) => c.charCodeAt(0) & 0xff);
  }
}

function fakeEngine(): XlsxEngine & { created: FakeDocument[]; opened: number; loads: number } {
  const engine = {
    created: [] as FakeDocument[],
    opened: 0,
    loads: 0,
    create: () => {
      const doc = new FakeDocument();
      engine.created.push(doc);
      return doc;
    },
    open: async () => {
      engine.opened++;
      const doc = new FakeDocument();
      doc.addScorecard({
        rubric: (await import("../src/rubric")).getRubric(),
        station: "东城街道",
        year: 2020,
      });
      return doc;
    },
  };
  return engine;
}

function setupFile(engine: XlsxEngine & { loads: number }) {
  const user = userEvent.setup();
  const loadEngine = async (): Promise<XlsxEngine> => {
    engine.loads++;
    return engine;
  };
  render(
    <RendererProvider renderer={renderer} targetDocument={document}>
      <FileApp lang="zh" loadEngine={loadEngine} timing={TIMING} />
    </RendererProvider>,
  );
  return { user };
}

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("file mode", () => {
  let downloads: { name: string; href: string }[];
  beforeEach(() => {
    downloads = [];
    URL.createObjectURL = jest.fn(() => `blob:test/${downloads.length}`);
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, href: this.href });
    });
  });

  it("loads the engine only on first use, then creates, fills and downloads a workbook", async () => {
    const engine = fakeEngine();
    const { user } = setupFile(engine);
    expect(screen.getByText("在浏览器中填写评分表")).toBeTruthy();
    expect(engine.loads).toBe(0);
    await user.click(screen.getByRole("button", { name: "新建" }));
    // 新建 goes straight to the insert form: a new workbook has no scorecard to complain about.
    await user.type(await screen.findByRole("combobox", { name: /服务站/ }), "石鱼镇");
    expect(screen.queryByText("当前工作表不是评分表")).toBeNull();
    expect(engine.loads).toBe(1);
    await user.click(screen.getByRole("button", { name: "插入评分表" }));
    await screen.findByTestId("total");
    const sheet = sheetNameFor("石鱼镇", YEAR);
    expect(screen.getByText("未保存")).toBeTruthy();
    expect(screen.getByTestId("file-name").textContent).toBe(`文件：${sheet}.xlsx`);
    await user.click(screen.getByRole("button", { name: "保存（下载）" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe(`${sheet}.xlsx`);
    expect(screen.queryByText("未保存")).toBeNull();
    expect(within(screen.getByTestId("message-bar")).getByText("已保存")).toBeTruthy();
    expect(engine.loads).toBe(1);
  });

  it("opens a chosen .xlsx file and refuses other files", async () => {
    const engine = fakeEngine();
    setupFile(engine);
    const input = screen.getByTestId("file-input") as HTMLInputElement;
    const choose = (file: File): void => {
      fireEvent.change(input, { target: { files: [file] } });
    };
    choose(new File(["x"], "notes.txt", { type: "text/plain" }));
    const bar = await screen.findByTestId("message-bar");
    expect(within(bar).getByText("无法打开文件")).toBeTruthy();
    expect(bar.textContent).toContain("“notes.txt”不是 .xlsx 文件");
    expect(engine.opened).toBe(0);
    choose(new File([new Uint8Array([0x50, 0x4b])], "东城.xlsx"));
    await screen.findByTestId("total");
    expect(engine.opened).toBe(1);
    expect(screen.getByTestId("file-name").textContent).toBe("文件：东城.xlsx");
    expect(screen.queryByText("未保存")).toBeNull();
  });

  it("opens a dropped .xlsx file", async () => {
    const engine = fakeEngine();
    setupFile(engine);
    const zone = screen.getByText("也可以把 .xlsx 文件拖放到这里");
    const file = new File([new Uint8Array([0x50, 0x4b])], "拖放.xlsx");
    const dataTransfer = { files: [file], types: ["Files"], dropEffect: "none" };
    fireEvent.dragOver(zone, { dataTransfer });
    fireEvent.drop(zone, { dataTransfer });
    await screen.findByTestId("total");
    expect(engine.opened).toBe(1);
    expect(screen.getByTestId("file-name").textContent).toBe("文件：拖放.xlsx");
  });

  it("asks before dropping unsaved changes", async () => {
    const engine = fakeEngine();
    const { user } = setupFile(engine);
    await user.click(screen.getByRole("button", { name: "新建" }));
    await user.type(await screen.findByRole("combobox", { name: /服务站/ }), "石鱼镇");
    await user.click(screen.getByRole("button", { name: "插入评分表" }));
    await screen.findByTestId("total");
    await user.click(screen.getByRole("button", { name: "新建" }));
    const bar = screen.getByTestId("message-bar");
    expect(within(bar).getByText("当前文件有未保存的修改")).toBeTruthy();
    await user.click(within(bar).getByRole("button", { name: "取消" }));
    expect(screen.getByTestId("total")).toBeTruthy();
    expect(engine.created).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "新建" }));
    await user.click(
      within(screen.getByTestId("message-bar")).getByRole("button", { name: "放弃修改并继续" }),
    );
    await screen.findByRole("combobox", { name: /服务站/ });
    expect(engine.created).toHaveLength(2);
  });

  it("reports an engine that fails to load, and can try again", async () => {
    let fail = true;
    const engine = fakeEngine();
    const user = userEvent.setup();
    render(
      <RendererProvider renderer={renderer} targetDocument={document}>
        <FileApp
          lang="en"
          timing={TIMING}
          loadEngine={async () => {
            if (fail) throw new Error("ChunkLoadError: Loading chunk xlsx failed");
            return engine;
          }}
        />
      </RendererProvider>,
    );
    await user.click(screen.getByRole("button", { name: "New" }));
    const bar = await screen.findByTestId("message-bar");
    expect(within(bar).getByText("Could not open the file")).toBeTruthy();
    // The library's text is kept behind Details, not in the sentence.
    expect(within(bar).getByText("Details")).toBeTruthy();
    expect(within(bar).getByTestId("message-detail").textContent).toContain("Loading chunk xlsx failed");
    // The sentence ends before the disclosure: the library's text is not part of it.
    expect(bar.textContent).toContain("Choose an .xlsx file saved by this add-in or by Excel.Details");
    fail = false;
    await user.click(screen.getByRole("button", { name: "New" }));
    await screen.findByRole("combobox", { name: /Station/ });
  });
});

/**
 * A small zip bomb: a workbook whose sheet part is 60 MB of spaces, deflating to about 60 KB, so that the real
 * engine's guard (loadWorkbook) refuses it, as test/cli.check.test.ts builds one for the command line.
 */
function zipBomb(): Uint8Array {
  return zipSync(
    {
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8(
        '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      "xl/worksheets/sheet1.xml": new Uint8Array(PART_LIMIT + 10 * 1024 * 1024).fill(0x20),
    },
    { level: 6 },
  );
}

describe("file mode: a zip bomb", () => {
  const bomb = zipBomb();
  it.each([
    [
      "zh",
      "已拒绝打开此文件",
      "工作簿中的 xl/worksheets/sheet1.xml 解压后超过 50 MB，已拒绝读取（评分表远小于此，文件可能是恶意构造的）。",
    ],
    [
      "en",
      "The file was refused",
      "xl/worksheets/sheet1.xml in the workbook inflates beyond 50 MB: refused (a scorecard is far smaller; the file may be hostile).",
    ],
  ] as const)("is refused with a clear message in %s only", async (lang, title, body) => {
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    render(
      <RendererProvider renderer={renderer} targetDocument={document}>
        <FileApp lang={lang} loadEngine={loadXlsxEngine} timing={TIMING} />
      </RendererProvider>,
    );
    fireEvent.change(screen.getByTestId("file-input"), {
      target: { files: [new File([bomb], "bomb.xlsx")] },
    });
    const bar = await screen.findByTestId("message-bar");
    expect(within(bar).getByText(title)).toBeTruthy();
    expect(bar.textContent).toContain(body);
    // The body names the limit and the part; the guard's own bilingual text does not reach the pane.
    expect(within(bar).queryByTestId("message-detail")).toBeNull();
    expect(bar.textContent).not.toContain(lang === "zh" ? "inflates" : "解压");
    expect(bar.textContent).not.toContain(lang === "zh" ? "Could not open" : "无法打开");
    expect(screen.queryByTestId("total")).toBeNull();
  });
});

describe("environment", () => {
  const win = (extra: object, language = "zh-CN"): Window =>
    ({ navigator: { language }, ...extra }) as unknown as Window;
  const office = (host: string | null, displayLanguage = "zh-CN") => ({
    Office: {
      onReady: async () => ({ host, platform: null }),
      HostType: { Excel: "Excel" },
      context: { displayLanguage },
    },
  });

  it("is Office mode in Excel, in Office's display language", async () => {
    expect(await detectEnvironment(win(office("Excel")))).toEqual({ mode: "office", lang: "zh" });
    expect(await detectEnvironment(win(office("Excel", "en-US"), "zh-CN"))).toEqual({
      mode: "office",
      lang: "en",
    });
    expect(await detectEnvironment(win(office("Excel", "fr-FR")))).toEqual({ mode: "office", lang: "zh" });
  });

  it("is file mode in a plain browser (host null, or no office.js), in the browser's language", async () => {
    expect(await detectEnvironment(win(office(null), "en-GB"))).toEqual({ mode: "file", lang: "en" });
    expect(await detectEnvironment(win({}, "zh-TW"))).toEqual({ mode: "file", lang: "zh" });
    expect(await detectEnvironment(win({}, "en"))).toEqual({ mode: "file", lang: "en" });
  });

  it("picks English only for English display languages", () => {
    expect(langOf("en-US")).toBe("en");
    expect(langOf("EN-gb")).toBe("en");
    expect(langOf("zh-CN")).toBe("zh");
    expect(langOf("de-DE")).toBe("zh");
    expect(langOf(undefined)).toBe("zh");
  });
});

describe("old Internet Explorer webview", () => {
  const modern = {
    navigator: { userAgent: "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120 Edg/120" },
    Promise,
    fetch: () => undefined,
    Map,
    Set,
    Symbol,
    WeakMap,
    Proxy,
  };

  it("is recognised by its user agent or by missing globals", () => {
    expect(isLegacyWebview(modern)).toBe(false);
    expect(
      isLegacyWebview({
        ...modern,
        navigator: { userAgent: "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0)" },
      }),
    ).toBe(true);
    expect(
      isLegacyWebview({ ...modern, navigator: { userAgent: "Mozilla/4.0 (compatible; MSIE 10.0)" } }),
    ).toBe(true);
    expect(isLegacyWebview({ ...modern, fetch: undefined })).toBe(true);
    expect(isLegacyWebview({ ...modern, Promise: undefined })).toBe(true);
  });

  it("gets a plain message naming the Office versions to use, in both languages", () => {
    const root = document.createElement("div");
    root.textContent = "PLACEHOLDER";
    showLegacyMessage(root);
    const text = root.textContent ?? "";
    expect(text).not.toContain("PLACEHOLDER");
    for (const lang of ["zh", "en"] as const) {
      const s = STRINGS[lang];
      for (const t of [s.legacyTitle, s.legacyWindows, s.legacyMac, s.legacyWeb]) expect(text).toContain(t);
    }
    expect(text).toContain("Office 2016");
    expect(text).toContain("WebView2");
    expect(root.querySelector("[role=alert]")).not.toBeNull();
  });

  it("says when the pane's code could not be loaded", () => {
    const root = document.createElement("div");
    showLoadFailure(root, new Error("ChunkLoadError"));
    expect(root.textContent).toContain(format(STRINGS.zh.loadFailedBody, { detail: "ChunkLoadError" }));
  });
});

describe("strings", () => {
  it("has every text in both languages, with the same placeholders", () => {
    const zh = STRINGS.zh;
    const en = STRINGS.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const holes = (t: string): string[] => (t.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim()).not.toBe("");
      expect(en[key].trim()).not.toBe("");
      expect([key, holes(en[key])]).toEqual([key, holes(zh[key])]);
    }
  });

  it("keeps English texts free of Chinese, except where they quote the sheet's 是/否", () => {
    for (const [key, t] of Object.entries(STRINGS.en)) {
      if (key === "notYesNo") continue;
      expect([key, /[\u4e00-\u9fff]/.test(t)]).toEqual([key, false]);
    }
  });
});

describe("trackChanges (file mode's port)", () => {
  it("reads each sheet once until the workbook changes, and notes every change", async () => {
    const port = new MemoryPort();
    const a = port.addScorecard({
      rubric: memoryRubric,
      station: "巴川街道",
      year: 2020,
      entries: entriesOf({}),
    });
    const b = port.addScorecard({
      rubric: memoryRubric,
      station: "东城街道",
      year: 2020,
      entries: entriesOf({}),
    });
    let changes = 0;
    const tracked = trackChanges(port, () => changes++);
    port.resetCounts();
    const [first] = await tracked.readGrids([a]);
    const all = await tracked.readGrids();
    expect(all.map((g) => g.name)).toEqual([a, b]);
    expect(all[0]).toBe(first);
    const [gb, ga] = await tracked.readGrids([b, a]);
    expect(gb).toBe(all[1]);
    expect(ga).toBe(all[0]);
    expect(port.calls.readGrids).toBe(2);
    await tracked.write(a, [{ cell: "F4", value: 1 }]);
    expect(changes).toBe(1);
    const [again] = await tracked.readGrids([a]);
    expect(again).not.toBe(first);
    expect(again.values[3]?.[5]).toBe(1);
    expect(port.calls.readGrids).toBe(3);
  });
});
