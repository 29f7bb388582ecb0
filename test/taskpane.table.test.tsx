/** @jest-environment jsdom */
/*
 * 填写 at 900 px and more (issue 22 §1): the official table, typed into like a sheet — Enter and the arrows move
 * between score cells — with the form's validation, refusals and messages. jsdom lays nothing out, so the width
 * is given through matchMedia; the browser test checks it at 1280 px.
 */
import { configure, screen, waitFor, within } from "@testing-library/react";
import { COL, addr, layoutFor } from "../src/sheet";
import { WIDE } from "../src/taskpane/shared/media";
import { MemoryPort, entriesOf, fullBase, rubric } from "./support/memoryPort";
import { setup } from "./support/renderPane";

configure({ asyncUtilTimeout: 20_000 });

const layout = layoutFor(rubric);
const cellOf = (col: number, id: string): string => addr(col, layout.entryRows.get(id) ?? 0);
const tab = (name: string): HTMLElement => screen.getByRole("tab", { name: new RegExp(`^${name}`) });
const box = (name: string): HTMLInputElement => screen.getByRole("textbox", { name });

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
  // A wide window: only the table's query matches.
  window.matchMedia = ((query: string) => ({
    matches: query === WIDE,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
});
afterAll(() => {
  delete (window as Partial<Window>).matchMedia;
});

async function openTable(entries = entriesOf({})) {
  const port = new MemoryPort();
  const sheet = port.addScorecard({ rubric, station: "巴川街道", year: 2020, entries });
  const utils = setup(port);
  await screen.findByTestId("total");
  await utils.user.click(tab("填写"));
  return { ...utils, port, sheet, table: await screen.findByTestId("fill-table") };
}

describe("the official table", () => {
  it("has the official columns and every category as a row group", async () => {
    const { table } = await openTable();
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["序号", "创建标准", "分值", "自评得分", "复核得分", "佐证材料", "备注"]);
    const groups = within(table)
      .getAllByRole("rowheader")
      .map((h) => h.textContent ?? "");
    for (const c of rubric.categories) expect(groups.some((g) => g.startsWith(`${c.name} · `))).toBe(true);
    expect(groups).toContain(rubric.veto.name);
    expect(screen.queryByRole("spinbutton")).toBeNull();
  });

  it("moves like a sheet: Enter and ↓ to the next score, Shift+Enter and ↑ back, Tab to the right", async () => {
    const { user, port, sheet } = await openTable();
    const [first, second, third] = rubric.baseItems;
    box(`第${first.no}项自评得分`).focus();
    await user.keyboard(`${first.max}{Enter}`);
    expect(document.activeElement).toBe(box(`第${second.no}项自评得分`));
    await user.keyboard("0.5{ArrowDown}");
    expect(document.activeElement).toBe(box(`第${third.no}项自评得分`));
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(box(`第${second.no}项自评得分`));
    await user.keyboard("{Shift>}{Enter}{/Shift}");
    expect(document.activeElement).toBe(box(`第${first.no}项自评得分`));
    await user.keyboard("{Tab}");
    expect(document.activeElement).toBe(box(`第${first.no}项复核得分`));
    await user.keyboard("{Tab}");
    expect(document.activeElement).toBe(box(`第${first.no}项佐证材料`));
    await waitFor(() => expect(port.cell(sheet, cellOf(COL.self, second.id))).toBe(0.5));
    expect(port.cell(sheet, cellOf(COL.self, first.id))).toBe(first.max);
    await waitFor(() =>
      expect(within(screen.getByTestId("fill-bar")).getByTestId("fill-total").textContent).toBe(
        String(first.max + 0.5),
      ),
    );
  });

  it("refuses as the form does: the input stays, in red, with the engine's message, until corrected or Esc", async () => {
    const { user, port } = await openTable(entriesOf({ self: fullBase({ "23": null }) }));
    port.resetCounts();
    const cell = box("第23项自评得分");
    cell.focus();
    await user.keyboard("5{Enter}");
    expect(cell.value).toBe("5");
    expect(cell.getAttribute("aria-invalid")).toBe("true");
    const message = document.getElementById(cell.getAttribute("aria-describedby") ?? "");
    expect(message?.textContent).toBe("自评：第23项得分 5 超过该项分值 2");
    expect(port.calls.write).toBe(0);
    expect(within(screen.getByTestId("fill-bar")).getByTestId("fill-refused").textContent).toBe(
      "1 项输入未被接受",
    );
    cell.focus();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(cell.value).toBe(""));
    expect(cell.hasAttribute("aria-invalid")).toBe(false);
  });

  it("offers the tiers of 71 and 72 and 是 / 否 as choices", async () => {
    const { user, port, sheet } = await openTable();
    const tiers = screen.getByRole("combobox", { name: "第71项自评得分" });
    expect(
      within(tiers)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["未填", "不加分（0 分）", "中央（4 分）", "省部级（3 分）", "厅局级（2 分）"]);
    await user.selectOptions(tiers, "3");
    await user.selectOptions(screen.getByRole("combobox", { name: "75.2：自评" }), "是");
    await waitFor(() => expect(port.cell(sheet, cellOf(COL.self, "75.2"))).toBe("是"));
    expect(port.cell(sheet, cellOf(COL.self, "71"))).toBe(3);
  });
});

describe("printing (the browser's Save as PDF)", () => {
  it("draws the sheet's own plan just before printing, title rows repeated, and drops it after", async () => {
    const { loadPrintSheet } = await import("../src/taskpane/root/panels");
    const { port } = await openTable(
      entriesOf({ self: fullBase({ "23": null }), evidence: { "1": "学习台账" } }),
    );
    port.resetCounts();
    await waitFor(() => expect(loadPrintSheet.ready()).toBeDefined());
    expect(document.querySelector("[data-testid=print-sheet]")).toBeNull();
    window.dispatchEvent(new Event("beforeprint"));
    const sheet = document.querySelector("[data-testid=print-sheet]");
    expect(sheet?.parentElement).toBe(document.body);
    const head = sheet?.querySelector("thead")?.textContent ?? "";
    // The plan's title (an incomplete scorecard prints as a draft), its meta row and the official headers.
    expect(head).toContain("【草稿】巴川街道2020年");
    for (const h of [
      "主要内容",
      "具体任务",
      "序号",
      "创建标准",
      "分值",
      "自评得分",
      "复核得分",
      "佐证材料",
      "备注",
    ])
      expect(head).toContain(h);
    const body = sheet?.querySelector("tbody")?.textContent ?? "";
    expect(body).toContain(rubric.baseItems[0].text);
    expect(body).toContain("学习台账");
    expect(body).toContain("填报人");
    // Nothing is read or written to print.
    expect(port.calls.readGrids + port.calls.write).toBe(0);
    window.dispatchEvent(new Event("afterprint"));
    await waitFor(() => expect(document.querySelector("[data-testid=print-sheet]")).toBeNull());
  });
});
