/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The 导出 tab of the pane (component tests over the memory port, and file mode over the real ExcelJS port).
// The node export conditions let ExcelJS (its Node build, and uuid's CommonJS build) load under jsdom.
import * as React from "react";
import { act, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { compliantXlsx } from "../src/export/compliant";
import { scoreColumn } from "../src/scoring";
import {
  COL,
  SUMMARY,
  addr,
  layoutFor,
  readScorecard,
  type ReadScorecard,
  type ScorecardEntries,
  type ScorecardState,
} from "../src/sheet";
import { App } from "../src/taskpane/root/App";
import { FileApp } from "../src/taskpane/root/FileApp";
import * as exportLoader from "../src/taskpane/export/loader";
import * as panels from "../src/taskpane/root/panels";
import { MIME, exportFileName } from "../src/taskpane/export/files";
import { loadWorkbook, readScorecards, workbookGrids } from "../src/xlsx";
import { TIMING, renderApp, setup } from "./support/renderPane";
import { MemoryPort, entriesOf, fullBase, rubric } from "./support/memoryPort";

const layout = layoutFor(rubric);
const selfCell = (id: string): string => addr(COL.self, layout.entryRows.get(id) ?? 0);
const XLSX_NAME = "巴川街道2020评分表-上报.xlsx";

// Wait for conditions, never for a fixed second: a loaded 2-core CI machine can take several seconds per step.
configure({ asyncUtilTimeout: 20_000 });

/** A scorecard as it is when a station exports the copy to report: submitted, unless told otherwise. */
function portWith(
  entries: ScorecardEntries,
  state: ScorecardState = "已提交",
): { port: MemoryPort; sheet: string } {
  const port = new MemoryPort();
  port.addSheet("Sheet1");
  const sheet = port.addScorecard({ rubric, station: "巴川街道", year: 2020, entries, state });
  return { port, sheet };
}

const complete = (more: Partial<ScorecardEntries> = {}): ScorecardEntries =>
  entriesOf({
    self: { ...fullBase({ "3": 0.5, "18": 1 }), "71": 3, "72": 2, "75.1": "否", "75.2": "否" },
    review: { "1": 1.5 },
    evidence: { "1": "学习记录.pdf" },
    ...more,
  });

/** Fluent tabs repeat their text in a hidden (by CSS) reserve; match the start of the name. */
const tab = (name: string): HTMLElement => screen.getByRole("tab", { name: new RegExp(`^${name}`) });
const status = (): HTMLElement => screen.getByTestId("export-status");
const bar = (): HTMLElement => screen.getByTestId("message-bar");

async function openExport(user: ReturnType<typeof userEvent.setup>, name = "导出"): Promise<void> {
  await screen.findByTestId("total");
  await user.click(tab(name));
  await screen.findByTestId("export-status");
}

interface Download {
  readonly name: string;
  readonly blob: Blob;
}

let downloads: Download[];
let blobs: Map<string, Blob>;

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});

beforeEach(() => {
  downloads = [];
  blobs = new Map();
  URL.createObjectURL = jest.fn((blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = jest.fn();
  jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) downloads.push({ name: this.download, blob });
  });
});

afterEach(() => {
  jest.mocked(HTMLAnchorElement.prototype.click).mockRestore();
});

/** jsdom's Blob has no arrayBuffer(); FileReader reads it. */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob, "utf-8");
  });
}

/** The downloaded .xlsx, opened with ExcelJS and read back like any scorecard file. */
async function reopen(blob: Blob): Promise<{ read: ReadScorecard; title: string; total: unknown }> {
  const workbook = await loadWorkbook(await bytesOf(blob));
  const reads = readScorecards(workbook);
  expect(reads).toHaveLength(1);
  const grid = workbookGrids(workbook)[0];
  return {
    read: reads[0],
    title: String(grid.values[layout.titleRow - 1]?.[0]),
    total: grid.values[layout.summaryRows.total - 1]?.[COL.self],
  };
}

/** Not exportable: both downloads are disabled and point at the status that says why. */
function expectBlocked(): void {
  for (const name of ["下载 Excel 文件（.xlsx）", "下载 CSV 文件"]) {
    const button = screen.getByRole("button", { name });
    expect(button.hasAttribute("disabled")).toBe(true);
    expect(button.getAttribute("aria-describedby")).toBe(screen.getByTestId("export-status").id);
  }
}

describe("导出 tab", () => {
  it("downloads the compliant .xlsx of a valid scorecard: same entries, totals and verdict", async () => {
    const { port, sheet } = portWith(complete());
    const source = readScorecard(port.grid(sheet));
    const { user } = setup(port);
    await openExport(user);
    expect(status().textContent).toBe("可以导出。");
    expect(screen.queryByTestId("export-problems")).toBeNull();
    port.resetCounts();

    await user.click(screen.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe(XLSX_NAME);
    expect(downloads[0].blob.type).toBe(MIME.xlsx);
    // Read afresh from the sheet, never written to.
    expect(port.calls.readGrids).toBe(1);
    expect(port.calls.write).toBe(0);

    const { read, title, total } = await reopen(downloads[0].blob);
    expect(read.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(read.meta).toMatchObject({ station: "巴川街道", year: 2020, edition: source.meta.edition });
    expect(read.entries).toEqual(source.entries);
    const before = scoreColumn(rubric, source.entries.self);
    const after = scoreColumn(rubric, read.entries.self);
    expect(after).toEqual(before);
    expect(after.verdict).toBe("pass");
    expect(total).toBe(before.total);
    expect(title).not.toContain("草稿");
    expect(within(bar()).getByText("已导出")).toBeTruthy();
    expect(bar().textContent).toContain(`已下载“${XLSX_NAME}”`);
  });

  it("refuses invalid entries and integrity errors, lists each one, and selects its cell when chosen", async () => {
    const { port, sheet } = portWith(complete({ self: fullBase({ "1": 5 }) }));
    // An integrity error: the base subtotal overwritten by a typed number.
    port.userEdit(sheet, addr(COL.self, layout.summaryRows.base), 100);
    const { user } = setup(port);
    await openExport(user);
    expect(status().textContent).toMatch(/^有 \d+ 个问题，全部解决后才能导出/);
    const rows = within(screen.getByTestId("export-problems")).getAllByRole("button");
    expect(rows.map((r) => r.getAttribute("data-kind"))).toEqual(
      expect.arrayContaining(["invalid-entry", "integrity"]),
    );
    const texts = rows.map((r) => r.textContent ?? "");
    expect(texts.some((t) => t.includes("第1项得分 5 超过该项分值 2"))).toBe(true);
    expect(texts.some((t) => t.includes(`“${SUMMARY.base}”行的公式被手工数值“100”覆盖`))).toBe(true);

    port.resetCounts();
    await user.click(screen.getByRole("button", { name: /第1项得分 5 超过该项分值 2/ }));
    await waitFor(() => expect(port.selections).toEqual([{ sheet, cell: selfCell("1") }]));

    // A draft does not lift a refusal for problems.
    await user.click(screen.getByRole("checkbox", { name: "导出为草稿" }));
    expect(status().textContent).toMatch(/^有 \d+ 个问题/);
    expectBlocked();
    expect(downloads).toEqual([]);
    expect(port.calls.write).toBe(0);
  });

  it("refuses an incomplete scorecard unless 导出为草稿 is ticked; the draft is marked 草稿", async () => {
    const entries = complete({ self: fullBase({ "25": null, "40": null }) });
    const { port, sheet } = portWith(entries);
    const { user } = setup(port);
    await openExport(user);
    expect(status().textContent).toContain("尚有 2 项未填写自评得分");
    expect(status().textContent).toContain("导出为草稿");
    const rows = within(screen.getByTestId("export-problems")).getAllByRole("button");
    expect(rows.map((r) => [r.getAttribute("data-kind"), r.textContent])).toEqual([
      ["unscored", expect.stringContaining(`第25项尚未填写自评得分（${selfCell("25")}）`)],
      ["unscored", expect.stringContaining(`第40项尚未填写自评得分（${selfCell("40")}）`)],
    ]);
    // The 导出为草稿 choice comes before the list of unscored items, however long it is.
    const choice = screen.getByRole("checkbox", { name: "导出为草稿" });
    expect(choice.compareDocumentPosition(rows[0]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.click(rows[1]);
    await waitFor(() => expect(port.selections.at(-1)).toEqual({ sheet, cell: selfCell("40") }));

    expectBlocked();
    expect(downloads).toEqual([]);

    await user.click(screen.getByRole("checkbox", { name: "导出为草稿" }));
    expect(status().textContent).toBe("可以导出草稿：标题和文件名会标注“草稿”。");
    expect(screen.queryByTestId("export-problems")).toBeNull();
    await user.click(screen.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe("巴川街道2020评分表-草稿.xlsx");
    const { read, title } = await reopen(downloads[0].blob);
    expect(title.startsWith("【草稿】巴川街道2020年")).toBe(true);
    expect(read.entries.self["25"] ?? null).toBeNull();
    expect(scoreColumn(rubric, read.entries.self).verdict).toBe("incomplete");
    expect(bar().textContent).toContain("已下载草稿“巴川街道2020评分表-草稿.xlsx”");

    await user.click(screen.getByRole("button", { name: "下载 CSV 文件" }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    expect(downloads[1].name).toBe("巴川街道2020评分表-草稿.csv");
    expect((await textOf(downloads[1].blob)).startsWith("【草稿】")).toBe(true);
  });

  it("refuses the copy to report while the scorecard is still 填报中, saying why; 导出为草稿 lifts it", async () => {
    const { port, sheet } = portWith(complete(), "填报中");
    const { user } = setup(port);
    await openExport(user);
    expect(status().textContent).toMatch(/^评分表尚未提交（状态为“填报中”），不能导出上报稿。/);
    const rows = within(screen.getByTestId("export-problems")).getAllByRole("button");
    expect(rows.map((r) => [r.getAttribute("data-kind"), r.textContent])).toEqual([
      ["not-submitted", expect.stringContaining("未提交")],
    ]);
    expect(rows[0].textContent).toContain("上报稿只能由已提交或已复核的评分表导出（I2）");
    await user.click(rows[0]);
    await waitFor(() => expect(port.selections.at(-1)).toEqual({ sheet, cell: "I2" }));
    expectBlocked();
    await user.click(screen.getByRole("checkbox", { name: "导出为草稿" }));
    expect(status().textContent).toBe("可以导出草稿：标题和文件名会标注“草稿”。");
    await user.click(screen.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe("巴川街道2020评分表-草稿.xlsx");
    const { title } = await reopen(downloads[0].blob);
    expect(title.startsWith("【草稿】巴川街道2020年")).toBe(true);
  });

  it("downloads CSV as UTF-8 with a byte order mark, neutralising formula injection", async () => {
    const evidence = { "1": '=HYPERLINK("http://x.example","点我")', "2": "+1+1", "3": "@SUM(A1)" };
    const { port } = portWith(complete({ evidence }));
    const { user } = setup(port);
    await openExport(user);
    await user.click(screen.getByRole("button", { name: "下载 CSV 文件" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe("巴川街道2020评分表-上报.csv");
    expect(downloads[0].blob.type).toBe(MIME.csv);
    const bytes = await bytesOf(downloads[0].blob);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await textOf(downloads[0].blob);
    expect(text).toContain(`"'=HYPERLINK(""http://x.example"",""点我"")"`);
    expect(text).toContain(`"'+1+1"`);
    expect(text).toContain(`"'@SUM(A1)"`);
    expect(text).not.toMatch(/(^|,)"?[=+@]/m);
    expect(text).toContain("主要内容,具体任务,序号,创建标准,分值,自评得分,复核得分,佐证材料,备注\r\n");
  });

  it("reads the sheet again before exporting: a change that raised no event is caught", async () => {
    const { port, sheet } = portWith(complete());
    const { user } = setup(port);
    await openExport(user);
    expect(status().textContent).toBe("可以导出。");
    // A value that arrived without any onChanged event (e.g. a validation pick).
    port.addScorecard({
      rubric,
      station: "巴川街道",
      year: 2020,
      entries: complete({ self: fullBase({ "1": 5 }) }),
      state: "已提交",
    });
    await user.click(screen.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
    expect(await within(await screen.findByTestId("message-bar")).findByText("不能导出")).toBeTruthy();
    expect(bar().textContent).toContain(`评分表“${sheet}”有 1 个问题`);
    expect(status().textContent).toMatch(/^有 1 个问题/);
    expect(downloads).toEqual([]);
  });

  it("writes queued form edits before reading and exporting", async () => {
    // Still being filled in (the self-assessment is editable), so exported as a draft.
    const { port, sheet } = portWith(complete(), "填报中");
    // A long write delay: the edit is still queued when the export starts.
    const { user } = setup(port, "zh", { readDelay: 20, writeDelay: 60_000 });
    await screen.findByTestId("total");
    await user.click(tab("填写"));
    await user.clear(screen.getByRole("spinbutton", { name: /^1\. / }));
    await user.type(screen.getByRole("spinbutton", { name: /^1\. / }), "1.5");
    await user.click(tab("导出"));
    await screen.findByTestId("export-status");
    expect(port.calls.write).toBe(0);
    await user.click(screen.getByRole("checkbox", { name: "导出为草稿" }));
    await user.click(screen.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(port.calls.write).toBe(1);
    expect(port.cell(sheet, selfCell("1"))).toBe(1.5);
    const { read } = await reopen(downloads[0].blob);
    expect(read.entries.self["1"]).toBe(1.5);
  });

  it("reports a failed read or a failed build in the message bar", async () => {
    const { port } = portWith(complete());
    const { user } = setup(port);
    await openExport(user);
    port.failNext("readGrids", new Error("GeneralException"));
    await user.click(screen.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
    expect(await within(await screen.findByTestId("message-bar")).findByText("读取工作簿失败")).toBeTruthy();

    const spy = jest
      .spyOn(exportLoader, "loadCompliantXlsx")
      .mockRejectedValueOnce(new Error("ChunkLoadError"));
    try {
      await user.click(screen.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
      expect(await within(bar()).findByText("导出失败")).toBeTruthy();
      expect(bar().textContent).toContain("ChunkLoadError");
      expect(downloads).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it("says when the export panel itself could not be loaded, and loads it on retry", async () => {
    const spy = jest
      .spyOn(panels, "loadExportPanel")
      .mockRejectedValueOnce(new Error("ChunkLoadError: export"));
    try {
      const { port } = portWith(complete());
      const { user } = setup(port);
      await screen.findByTestId("total");
      await user.click(tab("导出"));
      expect(
        await within(await screen.findByTestId("message-bar")).findByText("导出功能未能加载"),
      ).toBeTruthy();
      await user.click(screen.getByRole("button", { name: "重试" }));
      expect(await screen.findByTestId("export-status")).toBeTruthy();
    } finally {
      spy.mockRestore();
    }
  });
});

describe("PDF", () => {
  it("names WPS 表格's menu, not Excel's, in WPS mode", async () => {
    const { port } = portWith(complete());
    const { user } = renderApp(<App lang="zh" mode="wps" port={port} timing={TIMING} />);
    await openExport(user);
    const steps = screen.getByTestId("pdf-steps").textContent ?? "";
    expect(steps).toBe("WPS 表格（Windows、麒麟、统信 UOS）：文件 > 输出为PDF");
    expect(screen.getByText(/PDF 由 WPS 表格输出/)).toBeTruthy();
    // The file format keeps its name (下载 Excel 文件); Excel's menus and its Mac limits are not WPS's.
    expect(screen.queryByText(/Mac 版 Excel|Excel 网页版|创建 PDF\/XPS/)).toBeNull();
  });

  it("explains Excel's print to PDF and activates the scorecard's sheet (Office mode)", async () => {
    const { port, sheet } = portWith(complete());
    const { user } = setup(port);
    await openExport(user);
    const steps = screen.getByTestId("pdf-steps").textContent ?? "";
    expect(steps).toContain("Windows：文件 > 导出 > 创建 PDF/XPS");
    expect(steps).toContain("Mac：文件 > 打印 > PDF");
    expect(steps).toContain("Excel 网页版：文件 > 打印 > 打印 > 另存为 PDF");
    // The user clicks another sheet; once the pane has read it (and kept the scorecard), counting starts.
    const reads = port.calls.readGrids;
    act(() => port.userActivate("Sheet1"));
    await waitFor(() => expect(port.calls.readGrids).toBe(reads + 1));
    port.resetCounts();
    await user.click(screen.getByRole("button", { name: "激活评分表工作表" }));
    await waitFor(() => expect(port.selections).toEqual([{ sheet, cell: "A1" }]));
    expect(port.activeName).toBe(sheet);
    expect(within(bar()).getByText("已激活评分表")).toBeTruthy();
    expect(port.calls.write).toBe(0);
  });

  it("does not activate a sheet that may not be exported, and sends drafts through the .xlsx", async () => {
    const { port } = portWith(complete({ self: fullBase({ "25": null }) }));
    const { user } = setup(port);
    await openExport(user);
    port.resetCounts();
    await user.click(screen.getByRole("button", { name: "激活评分表工作表" }));
    expect(await within(await screen.findByTestId("message-bar")).findByText("不能导出")).toBeTruthy();
    expect(port.selections).toEqual([]);
    await user.click(screen.getByRole("checkbox", { name: "导出为草稿" }));
    expect(screen.queryByRole("button", { name: "激活评分表工作表" })).toBeNull();
    expect(screen.getByText(/草稿的 PDF：下载草稿 \.xlsx/)).toBeTruthy();
  });
});

describe("file mode", () => {
  it("exports from an opened .xlsx through the ExcelJS port; PDF goes through the downloaded file", async () => {
    const { port, sheet } = portWith(complete());
    const source = readScorecard(port.grid(sheet));
    const bytes = await compliantXlsx(source);
    const { user } = renderApp(<FileApp lang="zh" timing={TIMING} />);
    fireEvent.change(screen.getByTestId("file-input"), {
      target: { files: [new File([bytes], "巴川街道.xlsx", { type: MIME.xlsx })] },
    });
    await openExport(user);
    expect(status().textContent).toBe("可以导出。");
    expect(screen.queryByRole("button", { name: "激活评分表工作表" })).toBeNull();
    // The page prints its own copy of the official layout, or the downloaded file is printed.
    expect(screen.getByRole("button", { name: "打印（可另存为 PDF）" })).toBeTruthy();
    expect(
      screen.getByText(/^也可以下载 \.xlsx 文件，用 Excel、WPS 或 LibreOffice 打开后打印为 PDF/),
    ).toBeTruthy();
    // A plain browser: nothing about Excel for Mac's menus or the command line.
    const tabText = screen.getByRole("tabpanel").textContent ?? "";
    expect(tabText).not.toMatch(/Mac|命令行|scorecard export/);
    expect(screen.queryByTestId("pdf-steps")).toBeNull();
    await user.click(screen.getByRole("button", { name: "下载 Excel 文件（.xlsx）" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe(XLSX_NAME);
    const { read } = await reopen(downloads[0].blob);
    expect(read.entries).toEqual(source.entries);
    // Exporting is not an edit of the open file.
    expect(screen.queryByText("未保存")).toBeNull();
  });
});

describe("en-US", () => {
  it("shows the tab, the refusal, the draft choice and the PDF steps in English", async () => {
    const { port } = portWith(complete({ self: fullBase({ "25": null }) }));
    const { user } = setup(port, "en");
    await openExport(user, "Export");
    expect(status().textContent).toMatch(/^1 items have no self-assessment score yet/);
    expect(within(screen.getByTestId("export-problems")).getByRole("button").textContent).toContain(
      `Item 25: no self-assessment score yet (${selfCell("25")})`,
    );
    expect(screen.getByText("Windows: File > Export > Create PDF/XPS")).toBeTruthy();
    expect(screen.getByText("Excel on the web: File > Print > Print > Save as PDF")).toBeTruthy();
    await user.click(screen.getByRole("checkbox", { name: "Export as draft" }));
    expect(status().textContent).toBe(
      "Ready to export a draft: its title and file name are marked as a draft.",
    );
    await user.click(screen.getByRole("button", { name: "Download CSV file" }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0].name).toBe("巴川街道2020评分表-草稿.csv");
    const text = await textOf(downloads[0].blob);
    expect(text).toContain("Station,巴川街道");
    expect(within(bar()).getByText("Exported")).toBeTruthy();
  });
});

describe("exportFileName", () => {
  it("names the file after station and year, marks drafts, and replaces characters file systems refuse", () => {
    const read = { meta: { station: "东城/街道", year: 2021 } } as ReadScorecard;
    expect(exportFileName(read, "xlsx", false)).toBe("东城_街道2021评分表-上报.xlsx");
    expect(exportFileName(read, "csv", true)).toBe("东城_街道2021评分表-草稿.csv");
  });
});
