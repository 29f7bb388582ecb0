/** @jest-environment jsdom */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import * as React from "react";
import { TextDecoder, TextEncoder } from "util";
import { deserialize, serialize } from "v8";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RendererProvider, createDOMRenderer } from "@fluentui/react-components";
import { defaultYear, getRubric } from "../src/rubric";
import { COL, addr, layoutFor, type GridValue } from "../src/sheet";
import { FileApp } from "../src/taskpane/root/FileApp";
import { loadDraft } from "../src/taskpane/file/draftStore";
import type { XlsxDocument, XlsxEngine } from "../src/taskpane/file/xlsxLoader";
import { MemoryPort, entriesOf } from "./support/memoryPort";
import { TIMING, setup } from "./support/renderPane";

// Wait for conditions, never for a fixed second: a loaded 2-core CI machine can take several seconds per step.
configure({ asyncUtilTimeout: 20_000 });
// fake-indexeddb clones values as browsers do; jsdom's window has no structuredClone of its own.
if (typeof globalThis.structuredClone === "undefined")
  Object.assign(globalThis, { structuredClone: <T,>(value: T): T => deserialize(serialize(value)) as T });

const renderer = createDOMRenderer(document, { unstable_filterCSSRule: () => false });
const YEAR = defaultYear(getRubric(), new Date().getFullYear());
const STATION = "石鱼镇";

interface Saved {
  readonly active: string | null;
  readonly sheets: { name: string; values: GridValue[][] }[];
}

/** A memory workbook whose bytes are its sheets' values as JSON, so that what is kept can be opened again. */
class SnapshotDocument extends MemoryPort implements XlsxDocument {
  async toBuffer(): Promise<Uint8Array> {
    const names = await this.sheetNames();
    const saved: Saved = {
      active: this.activeName,
      sheets: names.map((name) => ({
        name,
        values: Array.from(this.grid(name).values, (r) => Array.from(r ?? [], (v) => v ?? null)),
      })),
    };
    return new TextEncoder().encode(JSON.stringify(saved));
  }

  static from(bytes: ArrayBuffer | Uint8Array): SnapshotDocument {
    const saved = JSON.parse(new TextDecoder().decode(bytes)) as Saved;
    const doc = new SnapshotDocument();
    for (const sheet of saved.sheets) doc.addSheet(sheet.name, sheet.values, sheet.name === saved.active);
    return doc;
  }
}

function engine(): XlsxEngine & { opened: number } {
  const e = {
    opened: 0,
    create: () => new SnapshotDocument(),
    open: async (bytes: ArrayBuffer | Uint8Array) => {
      e.opened++;
      return SnapshotDocument.from(bytes);
    },
  };
  return e;
}

function openPage(xlsx = engine()) {
  const user = userEvent.setup();
  const view = render(
    <RendererProvider renderer={renderer} targetDocument={document}>
      <FileApp lang="zh" loadEngine={async () => xlsx} timing={TIMING} />
    </RendererProvider>,
  );
  return { user, xlsx, ...view };
}

const tab = (name: string): HTMLElement => screen.getByRole("tab", { name: new RegExp(`^${name}`) });
const spin1 = (): HTMLInputElement => screen.getByRole("spinbutton", { name: /^1\. / });
const total = (): string => screen.getByTestId("total").textContent ?? "";

/** 新建 → 石鱼镇's scorecard → item 1 scored 1.5 in 填写, kept in IndexedDB. */
async function editNewWorkbook(): Promise<ReturnType<typeof openPage>> {
  const page = openPage();
  const { user } = page;
  await user.click(screen.getByRole("button", { name: "新建" }));
  await user.type(await screen.findByRole("combobox", { name: /服务站/ }), STATION);
  await user.click(screen.getByRole("button", { name: "插入评分表" }));
  await screen.findByTestId("total");
  await user.click(tab("填写"));
  await user.type(spin1(), "1.5");
  await user.tab();
  await waitFor(async () => expect((await loadDraft())?.total).toBe(1.5));
  return page;
}

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});
beforeEach(() => {
  // Each test starts with an empty browser store.
  Object.assign(globalThis, { indexedDB: new IDBFactory() });
});

describe("the draft kept in IndexedDB (file mode)", () => {
  it("is offered again after the page closes mid-edit, with station, time and total, and 恢复 brings the entries back", async () => {
    const { unmount } = await editNewWorkbook();
    const kept = await loadDraft();
    expect(kept).toMatchObject({ name: null, station: STATION, total: 1.5 });
    unmount();

    const { user, xlsx } = openPage();
    const bar = await screen.findByTestId("message-bar");
    expect(within(bar).getByText("恢复未保存的评分表？")).toBeTruthy();
    const body = bar.textContent ?? "";
    expect(body).toContain(STATION);
    expect(body).toContain(`保存于 ${new Date(kept?.savedAt ?? "").toLocaleString()}`);
    expect(body).toContain("总分 1.5");
    expect(screen.queryByTestId("total")).toBeNull();

    await user.click(within(bar).getByRole("button", { name: "恢复" }));
    await waitFor(() => expect(total()).toBe("1.5"));
    expect(xlsx.opened).toBe(1);
    expect(screen.getByTestId("sheet-caption").textContent).toContain(STATION);
    // Never downloaded, so still unsaved.
    expect(screen.getByText("未保存")).toBeTruthy();
    await user.click(tab("填写"));
    expect(spin1().value).toBe("1.5");
  });

  it("is deleted by 丢弃", async () => {
    const { unmount } = await editNewWorkbook();
    unmount();
    const first = openPage();
    const bar = await screen.findByTestId("message-bar");
    await first.user.click(within(bar).getByRole("button", { name: "丢弃" }));
    await waitFor(async () => expect(await loadDraft()).toBeNull());
    expect(screen.queryByTestId("total")).toBeNull();
    expect(first.xlsx.opened).toBe(0);
  });
});

describe("a refused input in file mode", () => {
  it("makes 保存（下载） ask, stays unsaved after saving, and is restored with the workbook after a reload", async () => {
    const downloads: string[] = [];
    URL.createObjectURL = jest.fn(() => "blob:test");
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    try {
      const { user, unmount } = await editNewWorkbook();
      // Item 1's maximum is 2.
      await user.clear(spin1());
      await user.type(spin1(), "5");
      await user.tab();
      await waitFor(async () => expect((await loadDraft())?.refused).toHaveLength(1));
      expect((await loadDraft())?.refused).toEqual([
        { sheet: expect.stringContaining(STATION), field: "self", id: "1", text: "5" },
      ]);

      await user.click(screen.getByRole("button", { name: "保存（下载）" }));
      const bar = screen.getByTestId("message-bar");
      expect(within(bar).getByText("1 项输入未被接受")).toBeTruthy();
      expect(bar.textContent).toContain("第1项自评“5”");
      expect(downloads).toEqual([]);
      await user.click(within(bar).getByRole("button", { name: "仍然保存" }));
      await waitFor(() => expect(downloads).toHaveLength(1));
      // Saved, yet the refused input is in no file: the page still calls it unsaved and keeps its copy.
      expect(screen.getByText("未保存")).toBeTruthy();
      expect((await loadDraft())?.refused).toHaveLength(1);
      unmount();

      const again = openPage();
      const offer = await screen.findByTestId("message-bar");
      expect(offer.textContent).toContain("1 项输入未被接受");
      // A new workbook is named after its scorecard, as saving names it, not 评分表.xlsx.
      expect(offer.textContent).toContain(`${STATION}${YEAR}评分表.xlsx`);
      await again.user.click(within(offer).getByRole("button", { name: "恢复" }));
      await screen.findByTestId("total");
      await again.user.click(tab("填写"));
      expect(spin1().value).toBe("5");
      await again.user.click(tab("问题"));
      const rows = within(await screen.findByTestId("problems")).getAllByRole("button");
      expect(rows[0].textContent).toContain("输入未被接受：第1项得分 5 超过该项分值 2");
    } finally {
      click.mockRestore();
    }
  });
});

describe("Office mode", () => {
  it("keeps nothing in IndexedDB: the workbook is Excel's", async () => {
    const open = jest.spyOn(indexedDB, "open");
    const port = new MemoryPort();
    port.addSheet("Sheet1");
    const sheet = port.addScorecard({
      rubric: getRubric(),
      station: STATION,
      year: YEAR,
      entries: entriesOf({}),
    });
    const { user } = setup(port);
    await screen.findByTestId("total");
    await user.click(tab("填写"));
    await user.type(spin1(), "1.5");
    await user.tab();
    const row = layoutFor(getRubric()).entryRows.get("1") ?? 0;
    await waitFor(() => expect(port.cell(sheet, addr(COL.self, row))).toBe(1.5));
    await user.click(tab("概览"));
    await waitFor(() => expect(total()).toBe("1.5"));
    expect(open).not.toHaveBeenCalled();
    expect(await indexedDB.databases()).toEqual([]);
  });
});
