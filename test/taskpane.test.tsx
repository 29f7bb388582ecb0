/** @jest-environment jsdom */

import { defaultYear, getRubric } from "../src/rubric";
import { act, configure, screen, waitFor, within } from "@testing-library/react";
import { OfficeAdapterError } from "../src/excel";
import { scoreColumn } from "../src/scoring";
import {
  COL,
  addr,
  layoutFor,
  planToGrid,
  buildPlan,
  readScorecard,
  sheetNameFor,
  SUMMARY,
} from "../src/sheet";
import { ScorecardSession } from "../src/taskpane/shared/session";
import { TIMING, setup } from "./support/renderPane";
import { MemoryPort, entriesOf, fullBase, rubric } from "./support/memoryPort";

const layout = layoutFor(rubric);
const selfCell = (id: string): string => addr(COL.self, layout.entryRows.get(id) ?? 0);
const reviewCell = (id: string): string => addr(COL.review, layout.entryRows.get(id) ?? 0);
const evidenceCell = (id: string): string => addr(COL.evidence, layout.entryRows.get(id) ?? 0);
// 年度 defaults to this year while the edition covers it, else to its latest campaign year.
const YEAR = defaultYear(getRubric(), new Date().getFullYear());

// Wait for conditions, never for a fixed second: a loaded 2-core CI machine can take several seconds per step.
configure({ asyncUtilTimeout: 20_000 });

/** A workbook whose active sheet is 巴川街道's 2020 scorecard with the given entries. */
function portWith(entries = entriesOf({})): { port: MemoryPort; sheet: string } {
  const port = new MemoryPort();
  port.addSheet("Sheet1");
  const sheet = port.addScorecard({ rubric, station: "巴川街道", year: 2020, entries });
  return { port, sheet };
}

/** Fluent tabs repeat their text in a hidden (by CSS) reserve; match the start of the name. */
const tab = (name: string): HTMLElement => screen.getByRole("tab", { name: new RegExp(`^${name}`) });
const total = (): string => screen.getByTestId("total").textContent ?? "";
const verdict = (): string => screen.getByTestId("verdict").textContent ?? "";
const messageBar = (): HTMLElement => screen.getByTestId("message-bar");

/** Records the sheets of every readGrids call from now on; `done` counts the calls that have returned. */
function recordReads(port: MemoryPort): string[][] & { done: number } {
  const reads = Object.assign([] as string[][], { done: 0 });
  const read = port.readGrids.bind(port);
  port.readGrids = async (names) => {
    reads.push([...(names ?? [])]);
    const grids = await read(names);
    reads.done++;
    return grids;
  };
  return reads;
}

async function loaded(): Promise<void> {
  await screen.findByTestId("total");
}

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("insert", () => {
  it("creates the station's scorecard through the port, activates it and shows it", async () => {
    const port = new MemoryPort().addSheet("Sheet1", [["notes"]], true);
    const { user } = setup(port);
    await screen.findByText("当前工作表不是评分表");
    await user.click(screen.getByRole("button", { name: "插入评分表…" }));
    const suggestions = [...screen.getByTestId("stations").querySelectorAll("option")].map((o) => o.value);
    expect(suggestions).toHaveLength(17);
    expect(suggestions).toEqual(rubric.notice?.stations);
    await user.type(screen.getByRole("combobox", { name: /服务站/ }), "安居镇");
    expect(screen.getByRole("spinbutton", { name: /年度/ })).toHaveProperty("value", String(YEAR));
    await user.click(screen.getByRole("button", { name: "插入评分表" }));
    await loaded();
    const sheet = sheetNameFor("安居镇", YEAR);
    expect(await port.sheetNames()).toEqual(["Sheet1", sheet]);
    expect(port.activeName).toBe(sheet);
    expect(port.renders).toHaveLength(1);
    expect(verdict()).toBe("未完成");
    expect(within(messageBar()).getByText("已插入评分表")).toBeTruthy();
  });

  it("asks 是否为 巴川街道？ for a name close to one of the notice's, and takes it when chosen", async () => {
    const port = new MemoryPort().addSheet("Sheet1", [["notes"]], true);
    const { user } = setup(port);
    await user.click(await screen.findByRole("button", { name: "插入评分表…" }));
    const station = screen.getByRole("combobox", { name: /服务站/ });
    await user.type(station, "巴川");
    await user.click(screen.getByRole("button", { name: "是否为 巴川街道？" }));
    expect(station).toHaveProperty("value", "巴川街道");
    expect(screen.queryByTestId("station-suggestion")).toBeNull();
    // A name of its own is left alone.
    await user.clear(station);
    await user.type(station, "朝阳街道");
    expect(screen.queryByTestId("station-suggestion")).toBeNull();
  });

  it("accepts a station typed by hand and refuses an empty one", async () => {
    const port = new MemoryPort().addSheet("Sheet1", [["x"]], true);
    const { user } = setup(port);
    await screen.findByText("当前工作表不是评分表");
    await user.click(tab("插入"));
    await user.click(screen.getByRole("button", { name: "插入评分表" }));
    expect(await screen.findByText("请填写服务站名称")).toBeTruthy();
    expect(port.calls.render).toBe(0);
    await user.type(screen.getByRole("combobox", { name: /服务站/ }), "二郎镇");
    await user.click(screen.getByRole("button", { name: "插入评分表" }));
    await loaded();
    expect(port.activeName).toBe(sheetNameFor("二郎镇", YEAR));
  });

  it("offers to open or repair an existing scorecard; repair keeps every entry", async () => {
    const entries = entriesOf({
      self: { ...fullBase({ "3": 0.5 }), "71": 3, "75.2": "否" },
      review: { "1": 1.5 },
      evidence: { "1": "学习记录.pdf" },
    });
    const { port, sheet } = portWith(entries);
    // Someone typed over the total formula of the self column.
    const totalCell = addr(COL.self, layout.summaryRows.total);
    port.userEdit(sheet, totalCell, 99);
    expect(port.grid(sheet).formulas[layout.summaryRows.total - 1]?.[COL.self]).toBeNull();
    const before = readScorecard(port.grid(sheet)).entries;

    const { user } = setup(port);
    await loaded();
    await user.click(tab("插入"));
    await user.type(screen.getByRole("combobox", { name: /服务站/ }), "巴川街道");
    const year = screen.getByRole("spinbutton", { name: /年度/ });
    await user.clear(year);
    await user.type(year, "2020");
    await user.click(screen.getByRole("button", { name: "插入评分表" }));

    const offer = await screen.findByTestId("existing");
    expect(within(offer).getByText("“巴川街道”的 2020 年评分表已存在")).toBeTruthy();
    expect(within(offer).getByRole("button", { name: "打开评分表" })).toBeTruthy();
    expect(port.calls.render).toBe(0);
    await user.click(within(offer).getByRole("button", { name: "修复评分表" }));
    await waitFor(() => expect(port.calls.render).toBe(1));

    const after = readScorecard(port.grid(sheet));
    expect(after.entries).toEqual(before);
    expect(port.grid(sheet).formulas[layout.summaryRows.total - 1]?.[COL.self]).not.toBeNull();
    expect(after.findings.filter((f) => f.code === "formula-overwritten")).toEqual([]);
    expect(await within(messageBar()).findByText("已修复评分表")).toBeTruthy();
  });

  it("opens the existing scorecard by selecting it instead of drawing it again", async () => {
    const { port, sheet } = portWith();
    port.addSheet("Other", [["x"]], true);
    const { user } = setup(port);
    await screen.findByText("当前工作表不是评分表");
    await user.click(tab("插入"));
    await user.type(screen.getByRole("combobox", { name: /服务站/ }), "巴川街道");
    const year = screen.getByRole("spinbutton", { name: /年度/ });
    await user.clear(year);
    await user.type(year, "2020");
    await user.click(screen.getByRole("button", { name: "插入评分表" }));
    await user.click(await screen.findByRole("button", { name: "打开评分表" }));
    await loaded();
    expect(port.selections).toEqual([{ sheet, cell: selfCell("1") }]);
    expect(port.calls.render).toBe(0);
    expect(port.activeName).toBe(sheet);
  });

  it("reports a sheet of that name that is not a scorecard instead of drawing over it", async () => {
    const port = new MemoryPort().addSheet(sheetNameFor("安居镇", 2020), [["手工表格"]], true);
    const { user } = setup(port);
    await user.click(await screen.findByRole("button", { name: "插入评分表…" }));
    await user.type(screen.getByRole("combobox", { name: /服务站/ }), "安居镇");
    const year = screen.getByRole("spinbutton", { name: /年度/ });
    await user.clear(year);
    await user.type(year, "2020");
    await user.click(screen.getByRole("button", { name: "插入评分表" }));
    expect(
      await within(await screen.findByTestId("message-bar")).findByText("工作表名称已被占用"),
    ).toBeTruthy();
    expect(messageBar().textContent).toContain("请先重命名该工作表");
    expect(port.calls.render).toBe(0);
  });
});

describe("workbook without an active scorecard", () => {
  it("offers the workbook's scorecards and opens one", async () => {
    const port = new MemoryPort().addSheet("Sheet1", [["x"]], true);
    const sheet = port.addScorecard({ rubric, station: "南城街道", year: 2020 }, false);
    // (Several scorecards show the roll-up instead: test/taskpane.rollup.test.tsx.)
    const { user } = setup(port);
    await user.click(await screen.findByRole("button", { name: `打开“${sheet}”` }));
    await loaded();
    expect(port.selections).toEqual([{ sheet, cell: selfCell("1") }]);
    expect(screen.getByTestId("sheet-caption").textContent).toContain("南城街道");
  });

  it("says so when a listed sheet is not a scorecard after all", async () => {
    const port = new MemoryPort().addSheet("Sheet1", [["x"]], true);
    port.addSheet("旧评分表", [["手工"]]);
    const { user } = setup(port);
    await user.click(await screen.findByRole("button", { name: "打开“旧评分表”" }));
    const bar = await screen.findByTestId("message-bar");
    expect(within(bar).getByText("无法打开评分表")).toBeTruthy();
    expect(bar.textContent).toContain("工作表“旧评分表”已不存在或不再是评分表");
    expect(port.selections).toEqual([]);
  });

  it("warns about features the host could not set up when inserting", async () => {
    const port = new MemoryPort().addSheet("Sheet1", [["x"]], true);
    port.renderReport = { skipped: [{ feature: "数据验证", requirement: "ExcelApi 1.8" }] };
    const { user } = setup(port);
    await user.click(await screen.findByRole("button", { name: "插入评分表…" }));
    await user.type(screen.getByRole("combobox", { name: /服务站/ }), "安居镇");
    await user.click(screen.getByRole("button", { name: "插入评分表" }));
    await loaded();
    const bar = screen.getByTestId("message-bar");
    expect(within(bar).getByText("部分功能未能设置")).toBeTruthy();
    expect(bar.textContent).toContain("数据验证（需要 ExcelApi 1.8）");
  });
});

describe("overview", () => {
  const entries = entriesOf({
    self: { ...fullBase({ "1": 1, "12": 0, "30": null }), "71": 4, "72": 3, same: "是", "73": 1 },
    review: { ...fullBase({ "2": 0.5 }), "74": 1 },
  });

  it("shows the numbers scoreColumn computes for 自评", async () => {
    const { port } = portWith(entries);
    setup(port);
    await loaded();
    const expected = scoreColumn(rubric, entries.self);
    expect(total()).toBe(String(expected.total));
    expect(verdict()).toBe("未完成");
    expect(screen.getByTestId("base").textContent).toBe(`${expected.base} / 100`);
    expect(screen.getByTestId("bonus").textContent).toBe(`${expected.bonus} / 10`);
    expect(screen.getByTestId("unscored").textContent).toBe(`尚有 ${expected.missing.length} 项未评分`);
    expect(screen.getByTestId("needed").textContent).toBe(
      expected.needed > 0 ? `距 90 分还差 ${expected.needed} 分` : "已达到 90 分",
    );
    for (const c of expected.categories) {
      const name = rubric.categories.find((x) => x.id === c.id)?.name;
      expect(screen.getByTestId(`category-${c.id}`).textContent).toContain(
        `${name}：${c.score} / ${c.max} 分`,
      );
    }
    expect(screen.getByText("第71、72项为同一事项，只计其中最高加分")).toBeTruthy();
    expect(screen.getByTestId("veto").textContent).toBe("未触发");
  });

  it("switches between 自评 and 复核", async () => {
    const { port } = portWith(entries);
    const { user } = setup(port);
    await loaded();
    const review = scoreColumn(rubric, entries.review);
    await user.click(screen.getByRole("radio", { name: "复核" }));
    expect(total()).toBe(String(review.total));
    expect(review.total).toBe(100.5);
    expect(verdict()).toBe("达标");
    expect(screen.getByTestId("needed").textContent).toBe("已达到 90 分");
    await user.click(screen.getByRole("radio", { name: "自评" }));
    expect(total()).toBe(String(scoreColumn(rubric, entries.self).total));
  });

  it("shows 否决 when a veto condition is 是", async () => {
    const { port } = portWith(entriesOf({ self: { ...fullBase(), "75.3": "是" } }));
    setup(port);
    await loaded();
    expect(verdict()).toBe("否决");
    expect(screen.getByTestId("veto").textContent).toContain("75.3 发生重大舆情负面炒作的");
    expect(screen.getByTestId("needed").textContent).toBe("触发一票否决，不论得分均不达标");
  });
});

describe("updates", () => {
  it("re-reads once after a burst of change events and never writes in response", async () => {
    const { port, sheet } = portWith(entriesOf({ self: fullBase({ "1": 0 }) }));
    setup(port);
    await loaded();
    expect(total()).toBe("98");
    port.resetCounts();
    act(() => {
      port.userEdit(sheet, selfCell("1"), 2);
      port.fireChanged(sheet);
      port.fireChanged(sheet);
    });
    await waitFor(() => expect(total()).toBe("100"));
    // A later event is read after every read the burst scheduled (same delay, scheduled before): when its read
    // has come, a second read of the burst would have come too.
    act(() => port.fireChanged(sheet));
    await waitFor(() => expect(port.calls.readGrids).toBeGreaterThanOrEqual(2));
    expect(port.calls.readGrids).toBe(2);
    expect(port.calls.write).toBe(0);
    expect(port.calls.render).toBe(0);
    expect(verdict()).toBe("达标");
  });

  it("ignores changes on other sheets", async () => {
    const { port } = portWith();
    setup(port);
    await loaded();
    port.resetCounts();
    const reads = recordReads(port);
    act(() => port.userEdit("Sheet1", "A1", "y"));
    // Then another scorecard is activated: its one read must not take the shown sheet along (as a change
    // of the shown sheet would), and nothing else may have been called.
    const other = port.addScorecard({ rubric, station: "东城街道", year: 2020 }, false);
    act(() => port.userActivate(other));
    await waitFor(() => expect(screen.getByTestId("sheet-caption").textContent).toContain("东城街道"));
    expect([...reads]).toEqual([[other]]);
    expect(port.totalCalls).toBe(1);
  });

  it("follows the activation of another scorecard sheet and keeps the scorecard for other sheets", async () => {
    const { port } = portWith(entriesOf({ self: fullBase() }));
    const other = port.addScorecard({ rubric, station: "东城街道", year: 2020 }, false);
    setup(port);
    await loaded();
    expect(screen.getByTestId("sheet-caption").textContent).toContain("巴川街道");
    act(() => port.userActivate(other));
    await waitFor(() => expect(screen.getByTestId("sheet-caption").textContent).toContain("东城街道"));
    expect(total()).toBe("0");
    const reads = recordReads(port);
    act(() => port.userActivate("Sheet1"));
    await waitFor(() => expect(reads.done).toBe(1));
    expect([...reads]).toEqual([["Sheet1"]]);
    expect(screen.getByTestId("sheet-caption").textContent).toContain("东城街道");
  });

  it("重新检查 reads the sheet again (validation picks may raise no event)", async () => {
    const { port, sheet } = portWith(entriesOf({ self: fullBase({ "1": 0 }) }));
    const { user } = setup(port);
    await loaded();
    // A value that arrived without any onChanged event.
    port.addScorecard({ rubric, station: "巴川街道", year: 2020, entries: entriesOf({ self: fullBase() }) });
    expect(port.activeName).toBe(sheet);
    expect(total()).toBe("98");
    port.resetCounts();
    await user.click(screen.getByRole("button", { name: "重新检查" }));
    await waitFor(() => expect(total()).toBe("100"));
    expect(port.calls.write).toBe(0);
  });

  it("unsubscribes from the workbook's events when unmounted", async () => {
    const { port } = portWith();
    const { unmount } = setup(port);
    await loaded();
    expect(port.subscriptions).toBe(2);
    unmount();
    expect(port.subscriptions).toBe(0);
  });
});

describe("problems", () => {
  const cleanups: (() => void)[] = [];
  const afterThis = (cleanup: () => void): void => void cleanups.push(cleanup);
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  function problemPort() {
    const { port, sheet } = portWith(
      entriesOf({ self: { ...fullBase({ "1": 5, "18": 1, "25": null, "40": 0 }), "71": 1, "75.1": "也许" } }),
    );
    // An integrity finding: the base subtotal overwritten by a typed number.
    port.userEdit(sheet, addr(COL.self, layout.summaryRows.base), 100);
    return { port, sheet };
  }

  it("lists invalid entries, integrity findings, empty items and shortfalls by points lost", async () => {
    const { port } = problemPort();
    const { user } = setup(port);
    await loaded();
    await user.click(tab("问题"));
    const rows = within(screen.getByTestId("problems")).getAllByRole("button");
    const kinds = rows.map((r) => r.getAttribute("data-kind"));
    const texts = rows.map((r) => r.textContent ?? "");
    expect(texts[0]).toContain("第1项得分 5 超过该项分值 2");
    expect(kinds.slice(0, 3)).toEqual(["invalid", "invalid", "invalid"]);
    expect(texts.some((t) => t.includes("第71项只能填"))).toBe(true);
    expect(texts.some((t) => t.includes("第75.1项只能填“是”或“否”"))).toBe(true);
    expect(texts.some((t) => t.includes(`“${SUMMARY.base}”行的公式被手工数值“100”覆盖`))).toBe(true);
    expect(texts.some((t) => t.includes("第25项未填写"))).toBe(true);
    const shortfalls = rows
      .filter((r) => r.getAttribute("data-kind") === "shortfall")
      .map((r) => r.textContent);
    expect(shortfalls).toEqual([
      expect.stringContaining("第18项失 2 分（得 1 分，满分 3 分）"),
      expect.stringContaining("第40项失 1 分（得 0 分，满分 1 分）"),
    ]);
    expect(tab("问题").textContent).toContain(`问题（${rows.length}）`);
  });

  it("orders what matters first and counts evidence reminders apart, one row per category", async () => {
    const { port, sheet } = problemPort();
    const { user } = setup(port);
    await loaded();
    await user.click(tab("问题"));
    const rows = within(screen.getByTestId("problems")).getAllByRole("button");
    const rank = ["invalid", "integrity", "empty", "shortfall"];
    const ranks = rows.map((r) => rank.indexOf(r.getAttribute("data-kind") ?? ""));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Every scored item 1–74 lacks evidence here: the reminders come after the problems, grouped per category.
    const reminders = screen.getByTestId("reminders");
    const groups = within(reminders).getAllByRole("button");
    const first = rubric.categories[0];
    const scoredInFirst = first.items.filter((i) => i.id !== "1").length;
    expect(groups[0].textContent).toBe(`${first.name}：缺佐证材料 ${scoredInFirst} 项`);
    expect(groups[0].getAttribute("aria-expanded")).toBe("false");
    const total = groups.reduce((n, g) => n + Number(/(\d+) 项$/.exec(g.textContent ?? "")?.[1]), 0);
    expect(tab("问题").textContent).toBe(`问题（${rows.length}）· 提醒（${total}）`);
    await user.click(groups[0]);
    expect(groups[0].getAttribute("aria-expanded")).toBe("true");
    const items = within(screen.getByTestId(`reminders-${first.id}`)).getAllByRole("button");
    expect(items).toHaveLength(scoredInFirst);
    expect(items[0].textContent).toContain(`第${first.items[1].no}项已得分，但未填写佐证材料：`);
    port.resetCounts();
    await user.click(items[0]);
    await waitFor(() => expect(port.selections).toEqual([{ sheet, cell: evidenceCell(first.items[1].id) }]));

    // Scoring the empty item 25 turns it into a shortfall and adds a reminder: the problem count stays.
    await user.click(tab("填写"));
    const category25 = rubric.categories.find((c) => c.items.some((i) => i.id === "25"));
    await user.click(screen.getByRole("button", { name: new RegExp(`^${category25?.name}`) }));
    await user.type(screen.getByRole("spinbutton", { name: /^25\. / }), "0.5");
    await user.tab();
    await waitFor(() => expect(tab("问题").textContent).toBe(`问题（${rows.length}）· 提醒（${total + 1}）`));
  });

  it("selects the problem's cell in the sheet when a row is chosen", async () => {
    const { port, sheet } = problemPort();
    const { user } = setup(port);
    await loaded();
    await user.click(tab("问题"));
    port.resetCounts();
    await user.click(screen.getByRole("button", { name: /第1项得分 5 超过该项分值 2/ }));
    await waitFor(() => expect(port.selections).toEqual([{ sheet, cell: selfCell("1") }]));
    // Keyboard: Enter on a focused row.
    const empty = screen.getByRole("button", { name: /第25项未填写/ });
    empty.focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(port.selections.at(-1)).toEqual({ sheet, cell: selfCell("25") }));
  });

  it("in Excel selects the cell and sets 填写 at the item: opening 填写 shows it expanded and focused", async () => {
    const { port, sheet } = problemPort();
    const { user } = setup(port);
    await loaded();
    // 填写 opened once and left at its first section, as a clerk would have it.
    await user.click(tab("填写"));
    // jsdom has no scrollIntoView: record what the form brings into view.
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    afterThis(() => delete (Element.prototype as Partial<Element>).scrollIntoView);
    await user.click(tab("问题"));
    port.resetCounts();
    const category40 = rubric.categories.find((c) => c.items.some((i) => i.id === "40"));
    expect(category40?.id).not.toBe(rubric.categories[0].id);
    await user.click(screen.getByRole("button", { name: /第40项失 1 分/ }));
    await waitFor(() => expect(port.selections).toEqual([{ sheet, cell: selfCell("40") }]));
    // The pane stays on 问题 (the user works in the sheet); 填写 is not brought forward by itself.
    expect(tab("问题").getAttribute("aria-selected")).toBe("true");
    expect(scrolled).toEqual([]);
    await user.click(tab("填写"));
    const spin40 = await screen.findByRole("spinbutton", { name: /^40\. / });
    await waitFor(() => expect(document.activeElement).toBe(spin40));
    expect(scrolled).toEqual([spin40.closest("[data-item]")]);
    expect(
      screen.getByRole("button", { name: new RegExp(`^${category40?.name}`) }).getAttribute("aria-expanded"),
    ).toBe("true");
  });

  it("filters by category", async () => {
    const { port } = problemPort();
    const { user } = setup(port);
    await loaded();
    await user.click(tab("问题"));
    const all = within(screen.getByTestId("problems")).getAllByRole("button").length;
    const filter = screen.getByRole("combobox", { name: "按类别筛选" });
    await user.selectOptions(filter, "加分项");
    const bonus = within(screen.getByTestId("problems")).getAllByRole("button");
    expect(bonus.map((r) => r.textContent)).toEqual([expect.stringContaining("第71项只能填")]);
    expect(screen.getByTestId("problem-count").textContent).toContain("共 1 项");
    await user.selectOptions(filter, "一票否决");
    expect(within(screen.getByTestId("problems")).getAllByRole("button")).toHaveLength(1);
    await user.selectOptions(filter, "全部类别");
    expect(within(screen.getByTestId("problems")).getAllByRole("button")).toHaveLength(all);
  });

  it("says so when there is nothing to fix", async () => {
    const evidence = Object.fromEntries(rubric.items.map((i) => [i.id, "记录"]));
    const { port } = portWith(entriesOf({ self: fullBase(), evidence }));
    const { user } = setup(port);
    await loaded();
    await user.click(await screen.findByRole("tab", { name: /^问题（0）/ }));
    expect(screen.getByTestId("problem-count").textContent).toBe("没有发现问题");
  });
});

describe("form", () => {
  const spin = (no: number): HTMLElement =>
    screen.getByRole("spinbutton", { name: new RegExp(`^${no}\\. `) });

  /** Typing into several inputs in jsdom takes a while: a long write delay keeps the edits in one batch. */
  const BATCH = { readDelay: 20, writeDelay: 2500 };

  async function openForm(port: MemoryPort, timing = TIMING) {
    const utils = setup(port, "zh", timing);
    await loaded();
    await utils.user.click(tab("填写"));
    return utils;
  }

  it("refuses invalid values with the engine's message and writes nothing", async () => {
    const { port } = portWith();
    const { user } = await openForm(port);
    port.resetCounts();
    for (const typed of ["5", "-1", "0.3", "abc"]) {
      await user.clear(spin(1));
      await user.type(spin(1), typed);
      await user.tab();
    }
    expect(screen.getByText("第1项的“abc”不是分数，请填写数字")).toBeTruthy();
    await user.clear(spin(1));
    await user.type(spin(1), "5");
    await user.tab();
    expect(screen.getByText("第1项得分 5 超过该项分值 2")).toBeTruthy();
    expect(port.calls.write).toBe(0);
    // A valid edit after them goes out in the next batch: a refused value queued would go out with it.
    await user.clear(spin(2));
    await user.type(spin(2), "1");
    await user.tab();
    await waitFor(() => expect(port.calls.write).toBeGreaterThanOrEqual(1));
    expect(port.writes.flatMap((w) => w.writes.map((x) => x.cell))).toEqual([selfCell("2")]);
  });

  it("writes valid edits in one batch after a pause, then shows the new totals", async () => {
    const { port, sheet } = portWith();
    const { user } = await openForm(port, BATCH);
    port.resetCounts();
    await user.type(spin(1), "1.5");
    await user.tab();
    await user.type(spin(2), "１"); // full-width digit from a Chinese IME
    await user.tab();
    await user.type(screen.getByRole("textbox", { name: "第1项佐证材料" }), "台账");
    expect(port.calls.write).toBe(0);
    expect(screen.getByTestId("write-status").textContent).toBe("3 处修改尚未写入表格");
    await waitFor(() => expect(port.calls.write).toBe(1));
    expect(port.writes).toEqual([
      {
        sheet,
        writes: expect.arrayContaining([
          { cell: selfCell("1"), value: 1.5 },
          { cell: selfCell("2"), value: 1 },
          { cell: evidenceCell("1"), value: "台账" },
        ]),
      },
    ]);
    expect(port.writes[0].writes).toHaveLength(3);
    expect(port.cell(sheet, selfCell("1"))).toBe(1.5);
    await user.click(tab("概览"));
    expect(total()).toBe("2.5");
  });

  it("writes to the 复核 column when it is chosen, and spins in 0.5 steps up to the maximum", async () => {
    const { port, sheet } = portWith();
    const { user } = await openForm(port);
    await user.click(screen.getByRole("radio", { name: "复核" }));
    port.resetCounts();
    spin(2).focus();
    await user.keyboard("{ArrowUp}{ArrowUp}{ArrowUp}");
    // Item 2's maximum is 1: three steps up stop at 1. A busy machine may write the steps in more than one batch.
    await waitFor(() => expect(port.cell(sheet, reviewCell("2"))).toBe(1));
    expect(new Set(port.writes.flatMap((w) => w.writes.map((x) => x.cell)))).toEqual(
      new Set([reviewCell("2")]),
    );
    expect(screen.getByRole("button", { name: "增加第2项得分" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "减少第2项得分" })).toBeTruthy();
    expect(port.cell(sheet, selfCell("2"))).toBeNull();
  });

  it("offers the tiers of items 71 and 72 by level, and 是/否 switches for same matter and veto", async () => {
    const { port, sheet } = portWith();
    const { user } = await openForm(port, BATCH);
    await user.click(screen.getByRole("button", { name: /加分项/ }));
    port.resetCounts();
    const tiers = screen.getByRole("radiogroup", { name: /^71\. / });
    expect(
      within(tiers)
        .getAllByRole("radio")
        .map((o) => o.closest("span")?.textContent),
    ).toEqual([
      "未填",
      "不加分（0 分）",
      "中央（4 分）：受到中央领导批示或简报宣传的",
      "省部级（3 分）：受到省部级领导批示或简报宣传的",
      "厅局级（2 分）：受到厅局级领导批示或简报宣传的",
    ]);
    await user.click(within(tiers).getByRole("radio", { name: /省部级/ }));
    await user.click(screen.getByRole("switch", { name: /同一事项/ }));
    // One section open at a time: opening 一票否决 closes 加分项.
    await user.click(screen.getByRole("button", { name: /一票否决/ }));
    expect(screen.queryByRole("radiogroup", { name: /^71\. / })).toBeNull();
    await user.click(screen.getByRole("switch", { name: /75\.2 发生个人极端案事件的/ }));
    // Switching sections takes a while on a busy machine: the edits may go out in more than one batch.
    await waitFor(() =>
      expect(port.writes.flatMap((w) => w.writes)).toEqual(
        expect.arrayContaining([
          { cell: selfCell("71"), value: 3 },
          { cell: selfCell("same"), value: "是" },
          { cell: selfCell("75.2"), value: "是" },
        ]),
      ),
    );
    expect(port.cell(sheet, selfCell("75.2"))).toBe("是");
    await user.click(tab("概览"));
    expect(verdict()).toBe("否决");
  });

  it("keeps the total, verdict, points needed and the section's 已填 n / m in a bar, and jumps to the next unscored item", async () => {
    const [first, second] = rubric.categories;
    const a = first.items[2];
    const b = second.items[0];
    // Items 1–70 at their maximum but a (first section) and b (second section), and 10 points off item 1.
    const base = fullBase({ [a.id]: null, [b.id]: null });
    const { port } = portWith(entriesOf({ self: base }));
    const { user } = await openForm(port, BATCH);
    const bar = screen.getByTestId("fill-bar");
    const totalNow = (): string => within(bar).getByTestId("fill-total").textContent ?? "";
    expect(totalNow()).toBe(String(100 - a.max - b.max));
    expect(within(bar).getByText("未完成")).toBeTruthy();
    expect(within(bar).getByTestId("fill-section").textContent).toBe(
      `${first.name}：已填 ${first.items.length - 1} / ${first.items.length}`,
    );
    const next = within(bar).getByRole("button", { name: /^下一个未填项/ });
    expect(next.textContent).toBe(`下一个未填项（第${a.no}项）`);
    await user.click(next);
    await waitFor(() => expect(document.activeElement).toBe(spin(a.no)));
    await user.type(spin(a.no), String(a.max));
    await user.tab();
    await waitFor(() => expect(totalNow()).toBe(String(100 - b.max)));
    expect(within(bar).getByTestId("fill-section").textContent).toContain(`已填 ${first.items.length} /`);
    expect(next.textContent).toBe(`下一个未填项（第${b.no}项）`);
    await user.click(next);
    await waitFor(() => expect(document.activeElement).toBe(spin(b.no)));
    // One section open at a time: b's section replaced a's.
    expect(screen.queryByRole("spinbutton", { name: new RegExp(`^${a.no}\\. `) })).toBeNull();
    expect(within(bar).getByTestId("fill-section").textContent).toContain(second.name);
    await user.type(spin(b.no), "0");
    await user.tab();
    await waitFor(() => expect(next.textContent).toBe("已全部评分"));
    expect(within(bar).getByTestId("fill-needed").textContent).toBe(
      100 - b.max >= 90 ? "已达到 90 分" : `距 90 分还差 ${90 - (100 - b.max)} 分`,
    );
    expect((next as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows edits made in the sheet", async () => {
    const { port, sheet } = portWith();
    await openForm(port);
    expect(spin(3)).toHaveProperty("value", "");
    act(() => port.userEdit(sheet, selfCell("3"), 0.5));
    await waitFor(() => expect(spin(3)).toHaveProperty("value", "0.5"));
    act(() => port.userEdit(sheet, selfCell("3"), 9));
    expect(await screen.findByText("第3项得分 9 超过该项分值 1")).toBeTruthy();
    expect(port.calls.write).toBe(0);
  });
});

describe("errors", () => {
  it("shows a protected-sheet error in the message bar with what to do, and keeps the edit to retry", async () => {
    const { port, sheet } = portWith();
    const { user } = setup(port);
    await loaded();
    await user.click(tab("填写"));
    port.failNext("write", new OfficeAdapterError("protected", new Error("AccessDenied")));
    await user.type(screen.getByRole("spinbutton", { name: /^1\. / }), "2");
    await user.tab();
    const bar = await screen.findByTestId("message-bar");
    expect(within(bar).getByText("工作表受保护，无法写入")).toBeTruthy();
    expect(bar.textContent).toContain("撤销工作表保护");
    expect(screen.getByTestId("write-status").textContent).toBe("1 处修改尚未写入表格");
    await user.click(within(bar).getByRole("button", { name: "重试" }));
    await waitFor(() => expect(port.cell(sheet, selfCell("1"))).toBe(2));
    expect(screen.queryByTestId("message-bar")).toBeNull();
  });

  it("explains edit mode and missing requirement sets", async () => {
    const { port } = portWith();
    port.failNext("select", new OfficeAdapterError("edit-mode", new Error("InvalidOperationInCellEditMode")));
    const { user } = setup(port);
    await loaded();
    await user.click(tab("问题"));
    await user.click(within(screen.getByTestId("problems")).getAllByRole("button")[0]);
    expect(
      await within(await screen.findByTestId("message-bar")).findByText("Excel 正在编辑单元格"),
    ).toBeTruthy();
    expect(messageBar().textContent).toContain("请按 Enter 或 Esc 结束单元格编辑");
    await user.click(within(messageBar()).getByRole("button", { name: "关闭" }));
    expect(screen.queryByTestId("message-bar")).toBeNull();

    port.failNext("readGrids", new OfficeAdapterError("requirement-missing", undefined, "ExcelApi 1.7"));
    await user.click(screen.getByRole("button", { name: "重新检查" }));
    expect(
      await within(await screen.findByTestId("message-bar")).findByText("此 Excel 版本不支持该操作"),
    ).toBeTruthy();
    expect(messageBar().textContent).toContain("Office 2016");
  });

  it("reports an unexpected failure at start with its detail", async () => {
    const port = new MemoryPort().addSheet("Sheet1");
    port.failNext("activeSheet", new Error("boom"));
    setup(port);
    const bar = await screen.findByTestId("message-bar");
    expect(within(bar).getByText("加载项启动失败")).toBeTruthy();
    expect(bar.textContent).toContain("boom");
  });
});

describe("en-US", () => {
  it("shows every text in English", async () => {
    const { port } = portWith(entriesOf({ self: { ...fullBase({ "5": null }), "75.4": "是" } }));
    const { user } = setup(port, "en");
    await loaded();
    expect(screen.getByText("Score overview")).toBeTruthy();
    expect(screen.getByText("Total")).toBeTruthy();
    expect(verdict()).toBe("Vetoed");
    expect(screen.getByRole("radio", { name: "Review" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Re-check" })).toBeTruthy();
    expect(screen.getByTestId("category-political").textContent).toContain(
      "Political and ideological education",
    );
    expect(screen.getByTestId("veto").textContent).toContain("Disqualified under other regulations");
    await user.click(tab("Problems"));
    expect(screen.getByText("Item 5 is empty (maximum 1)")).toBeTruthy();
    await user.click(tab("Form"));
    expect(screen.getByRole("textbox", { name: "Evidence for item 1" })).toBeTruthy();
    await user.click(tab("Insert"));
    expect(screen.getByRole("button", { name: "Insert scorecard" })).toBeTruthy();
    // Nothing Chinese in the pane's own texts (rubric texts, station names and cell values aside).
    expect(screen.getByRole("main").textContent).not.toMatch(/插入|评分概览|重新检查/);
  });

  it("words adapter errors in English", async () => {
    const { port } = portWith();
    const { user } = setup(port, "en");
    await loaded();
    port.failNext("readGrids", new OfficeAdapterError("protected", undefined));
    await user.click(screen.getByRole("button", { name: "Re-check" }));
    const bar = await screen.findByTestId("message-bar");
    expect(within(bar).getByText("The sheet is protected")).toBeTruthy();
    expect(bar.textContent).toContain("Unprotect Sheet");
  });
});

describe("accessibility basics", () => {
  it("labels every control of the form and the insert panel", async () => {
    const { port } = portWith();
    const { user } = setup(port);
    await loaded();
    await user.click(tab("填写"));
    const shown = (): HTMLElement[] => [
      ...screen.queryAllByRole("spinbutton"),
      ...screen.queryAllByRole("textbox"),
      ...screen.queryAllByRole("switch"),
      ...screen.queryAllByRole("combobox"),
      ...screen.queryAllByRole("radio"),
    ];
    const unlabelled = (): HTMLElement[] =>
      shown().filter(
        (control) =>
          !(
            control.getAttribute("aria-label") ??
            control.getAttribute("aria-labelledby") ??
            (control.id && document.querySelector(`label[for="${control.id}"]`))
          ),
      );
    // One section is open at a time: each one's controls in turn.
    let count = shown().length;
    expect(unlabelled()).toEqual([]);
    for (const name of ["加分项", "一票否决"]) {
      await user.click(screen.getByRole("button", { name: new RegExp(name) }));
      count += shown().length;
      expect(unlabelled()).toEqual([]);
    }
    expect(count).toBeGreaterThan(20);
  });
});

it("planToGrid of a fresh plan reads back as the same scorecard (memory port sanity)", () => {
  const plan = buildPlan({ rubric, station: "巴川街道", year: 2020 });
  const read = readScorecard(planToGrid(plan));
  expect(read.findings).toEqual([]);
});

describe("session (the state behind useScorecard)", () => {
  async function started(port: MemoryPort) {
    const errors: unknown[] = [];
    const session = new ScorecardSession(port, {
      onError: (e) => errors.push(e),
      timing: { readDelay: 10, writeDelay: 10_000 },
    });
    await session.start();
    return { session, errors };
  }

  it("judges edits before queuing them and never queues an invalid one", async () => {
    const { port } = portWith();
    const { session, errors } = await started(port);
    expect(session.edit("self", "1", 3)?.status).toBe("invalid");
    expect(session.edit("self", "75.1", "x")?.status).toBe("invalid");
    expect(session.edit("review", "71", 1)?.status).toBe("invalid");
    expect(session.getSnapshot().queued).toBe(0);
    expect(session.edit("self", "1", 1.5)?.status).toBe("valid");
    expect(session.edit("self", "75.1", "否")?.status).toBe("valid");
    expect(session.getSnapshot().queued).toBe(2);
    expect(session.getSnapshot().view?.scores.self.base).toBe(1.5);
    expect(await session.flush()).toBe(true);
    expect(port.writes).toHaveLength(1);
    expect(session.getSnapshot().queued + session.getSnapshot().writing).toBe(0);
    session.dispose();
    expect(errors).toEqual([]);
  });

  it("writes edits still waiting for their batch when it is disposed", async () => {
    const { port, sheet } = portWith();
    const { session } = await started(port);
    session.edit("self", "2", 1);
    session.edit("evidence", "2", "会议纪要");
    session.dispose();
    await waitFor(() => expect(port.writes).toHaveLength(1));
    expect(port.cell(sheet, selfCell("2"))).toBe(1);
    expect(port.cell(sheet, evidenceCell("2"))).toBe("会议纪要");
  });

  it("keeps a failed batch queued for a retry", async () => {
    const { port, sheet } = portWith();
    const { session, errors } = await started(port);
    port.failNext("write", new OfficeAdapterError("edit-mode", undefined));
    session.edit("self", "3", 1);
    expect(await session.flush()).toBe(false);
    expect(errors).toHaveLength(1);
    expect(session.getSnapshot().queued).toBe(1);
    expect(await session.flush()).toBe(true);
    expect(port.cell(sheet, selfCell("3"))).toBe(1);
    session.dispose();
  });
});
