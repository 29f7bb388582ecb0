/** @jest-environment jsdom */

import { act, configure, screen, waitFor, within } from "@testing-library/react";
import type { Lang } from "../src/i18n/types";
import { LOG_HEADERS, LOG_SHEET, entriesHash } from "../src/review";
import { LIST_SHEET, ROLLUP_SHEET } from "../src/rollup";
import { COL, addr, buildPlan, layoutFor, readScorecard, type GridValue } from "../src/sheet";
import { TIMING, setup } from "./support/renderPane";
import { MemoryPort, entriesOf, fullBase, rubric } from "./support/memoryPort";

const layout = layoutFor(rubric);
const rowOf = (id: string): number => layout.entryRows.get(id) ?? 0;
const selfCell = (id: string): string => addr(COL.self, rowOf(id));
const reviewCell = (id: string): string => addr(COL.review, rowOf(id));
const notesCell = (id: string): string => addr(COL.notes, rowOf(id));

// Wait for conditions, never for a fixed second: a loaded 2-core CI machine can take several seconds per step.
configure({ asyncUtilTimeout: 20_000 });

const tab = (name: string): HTMLElement => screen.getByRole("tab", { name: new RegExp(`^${name}`) });
const messageBar = (): HTMLElement => screen.getByTestId("message-bar");
const button = (name: string): HTMLElement => screen.getByRole("button", { name });

/** A workbook whose active sheet is 巴川街道's 2020 scorecard. */
function portWith(
  entries = entriesOf({}),
  extra: Partial<Parameters<typeof buildPlan>[0]> = {},
): { port: MemoryPort; sheet: string } {
  const port = new MemoryPort();
  port.addSheet("Sheet1");
  const sheet = port.addScorecard({ rubric, station: "巴川街道", year: 2020, entries, ...extra });
  return { port, sheet };
}

async function openReview(port: MemoryPort, lang: Lang = "zh", timing = TIMING) {
  const utils = setup(port, lang, timing);
  await screen.findByTestId("total");
  await utils.user.click(tab(lang === "en" ? "Review" : "审核"));
  await screen.findByTestId("review-panel");
  return utils;
}

/** The 审核 tab as the district uses it (a station's one-scorecard file opens as the station's). */
async function openAsDistrict(port: MemoryPort, lang: Lang = "zh", timing = TIMING) {
  const utils = await openReview(port, lang, timing);
  await utils.user.click(screen.getByRole("radio", { name: lang === "en" ? "District review" : "区县复核" }));
  return utils;
}

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});
beforeEach(() => {
  window.localStorage.clear();
  window.history.replaceState(null, "", "/taskpane.html");
});

describe("review mode: self-assessment against review", () => {
  const entries = entriesOf({
    self: { ...fullBase(), "75.1": "否" },
    review: { ...fullBase({ "1": 1.5, "12": 0 }), "75.1": "是" },
    notes: { "1": "台账不全" },
  });

  it("lists the items that differ with both values and the difference, and selects the review cell", async () => {
    const { port, sheet } = portWith(entries);
    const { user } = await openAsDistrict(port);
    const list = screen.getByTestId("differences");
    expect(within(list).getByRole("heading").textContent).toBe("自评与复核不一致（3）");
    const item1 = within(list).getByRole("button", { name: /第1项/ });
    expect(item1.textContent).toContain("第1项：自评 2，复核 1.5");
    expect(item1.textContent).toContain("台账不全");
    expect(item1.textContent).toContain("差 -0.5");
    const max12 = rubric.itemById.get("12")?.max ?? 0;
    expect(within(list).getByRole("button", { name: /第12项/ }).textContent).toContain(
      `第12项：自评 ${max12}，复核 0差 -${max12}`,
    );
    expect(within(list).getByRole("button", { name: /第75.1项/ }).textContent).toBe(
      "第75.1项：自评 否，复核 是",
    );
    port.resetCounts();
    await user.click(item1);
    expect(port.selections).toEqual([{ sheet, cell: reviewCell("1") }]);
  });

  it("shows the verdict of both columns", async () => {
    const { port } = portWith(entries);
    await openReview(port);
    expect(screen.getByTestId("verdict-self").textContent).toBe("自评：100 分 · 达标");
    expect(screen.getByTestId("verdict-review").textContent).toMatch(/^复核：\d+(\.5)? 分 · 否决$/);
  });

  it("writes the reviewer's remarks to 备注 through the session's batches (复核 column only)", async () => {
    const { port, sheet } = portWith(entries);
    // No pause can end the batch here (typing two remarks may take seconds on a loaded machine): 重新检查 writes it.
    const { user } = setup(port, "zh", { readDelay: 20, writeDelay: 600_000 });
    await screen.findByTestId("total");
    await user.click(tab("填写"));
    expect(screen.queryByRole("textbox", { name: "第2项复核意见（备注）" })).toBeNull();
    await user.click(screen.getByRole("radio", { name: "复核" }));
    port.resetCounts();
    const remark1 = screen.getByRole("textbox", { name: "第1项复核意见（备注）" });
    expect((remark1 as HTMLInputElement).value).toBe("台账不全");
    await user.clear(remark1);
    await user.type(remark1, "扣0.5分");
    await user.type(screen.getByRole("textbox", { name: "第2项复核意见（备注）" }), "属实");
    expect(port.calls.write).toBe(0);
    await user.click(button("重新检查"));
    await waitFor(() => expect(port.calls.write).toBe(1));
    expect(port.writes).toHaveLength(1);
    expect(port.writes[0].sheet).toBe(sheet);
    expect(port.writes[0].writes).toEqual(
      expect.arrayContaining([
        { cell: notesCell("1"), value: "扣0.5分" },
        { cell: notesCell("2"), value: "属实" },
      ]),
    );
    expect(port.writes[0].writes).toHaveLength(2);
    expect(readScorecard(port.grid(sheet)).entries.notes).toMatchObject({ "1": "扣0.5分", "2": "属实" });
  });
});

/** 巴川街道 (clean), 东城街道 (tampered: an invalid entry and a typed-over total), and a copy of 巴川街道. */
function workbookOfThree(): { port: MemoryPort; sheets: string[] } {
  const port = new MemoryPort();
  port.addSheet("说明");
  const a = port.addScorecard({
    rubric,
    station: "巴川街道",
    year: 2020,
    entries: entriesOf({ self: fullBase() }),
  });
  const b = port.addScorecard({
    rubric,
    station: "东城街道",
    year: 2020,
    entries: entriesOf({ self: fullBase() }),
  });
  port.userEdit(b, selfCell("3"), 9);
  port.userEdit(b, addr(COL.self, layout.summaryRows.total), 99);
  const copy = buildPlan({
    rubric,
    station: "巴川街道",
    year: 2020,
    entries: entriesOf({ self: fullBase() }),
  });
  const c = "巴川街道2020评分表(2)";
  void port.render({ ...copy, sheetName: c });
  port.userActivate(a);
  port.resetCounts();
  return { port, sheets: [a, b, c] };
}

const scanRows = (): HTMLElement[] => within(screen.getByTestId("scan-table")).getAllByRole("row").slice(1);
const rowOfSheet = (sheet: string): HTMLElement => {
  const row = scanRows().find((r) => r.getAttribute("data-sheet") === sheet);
  if (!row) throw new Error(`no row for ${sheet}`);
  return row;
};

describe("检查整个工作簿", () => {
  it("reads the workbook once and tabulates totals, verdicts and problem counts; a count selects the problem", async () => {
    const { port, sheets } = workbookOfThree();
    const [a, b, c] = sheets;
    const { user } = await openAsDistrict(port);
    port.resetCounts();
    await user.click(button("检查整个工作簿"));
    await screen.findByTestId("scan-table");
    expect(port.calls.readGrids).toBe(1);
    expect(scanRows()).toHaveLength(3);
    expect(screen.getByTestId("scan-summary").textContent).toMatch(/^共 3 张评分表，错误 4 处/);

    const rowA = rowOfSheet(a);
    expect(rowA.textContent).toContain("巴川街道");
    expect(rowA.textContent).toContain("100 分达标");
    expect(rowA.textContent).toContain("0 分未完成");
    // Warnings as `scorecard check` counts them: each of the 70 scored items lacks its 佐证材料.
    expect(within(rowA).getByTestId("scan-problems").textContent).toBe("错误 1警告 70无效 0 · 未填 0");
    const rowB = rowOfSheet(b);
    expect(within(rowB).getByTestId("scan-problems").textContent).toBe("错误 2警告 69无效 1 · 未填 0");
    expect(rowOfSheet(c).textContent).toContain("巴川街道");

    port.resetCounts();
    await user.click(within(rowB).getByTestId("scan-problems"));
    expect(port.selections).toEqual([{ sheet: b, cell: selfCell("3") }]);
    // The two scorecards of 巴川街道: each points at its station cell.
    await user.click(within(rowOfSheet(c)).getByTestId("scan-problems"));
    expect(port.selections[1]).toEqual({ sheet: c, cell: addr(1, layout.metaRow) });
  });

  it("names the veto items behind a 否决 in either column", async () => {
    const { port, sheets } = workbookOfThree();
    port.userEdit(sheets[0], selfCell("75.2"), "是");
    const { user } = await openAsDistrict(port);
    await user.click(button("检查整个工作簿"));
    await screen.findByTestId("scan-table");
    const [veto] = within(rowOfSheet(sheets[0])).getAllByTestId("scan-veto");
    expect(veto.textContent).toBe("否决：75.2 发生个人极端案事件的");
    expect(within(rowOfSheet(sheets[1])).queryByTestId("scan-veto")).toBeNull();
  });

  it("shows an indeterminate progress bar while the workbook is read", async () => {
    const { port } = workbookOfThree();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const read = port.readGrids.bind(port);
    const { user } = await openAsDistrict(port);
    port.readGrids = async (names) => {
      await gate;
      return read(names);
    };
    await user.click(button("检查整个工作簿"));
    const bar = await screen.findByRole("progressbar", { name: "正在读取工作簿…" });
    expect(bar.getAttribute("aria-valuenow")).toBeNull();
    expect(button("检查整个工作簿").hasAttribute("disabled")).toBe(true);
    act(() => release());
    await screen.findByTestId("scan-table");
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("starts at once for taskpane.html?check=workbook", async () => {
    window.history.replaceState(null, "", "/taskpane.html?check=workbook");
    const { port } = workbookOfThree();
    setup(port);
    await screen.findByTestId("scan-table");
    expect(tab("审核").getAttribute("aria-selected")).toBe("true");
    expect(scanRows()).toHaveLength(3);
    expect(port.calls.readGrids).toBeGreaterThanOrEqual(1);
  });

  it("writes the results to an 审核结果 sheet", async () => {
    const { port } = workbookOfThree();
    const { user } = await openAsDistrict(port);
    await user.click(button("检查整个工作簿"));
    await screen.findByTestId("scan-table");
    await user.click(button("写入“审核结果”工作表"));
    await waitFor(() => expect(port.gridRenders).toHaveLength(1));
    const [{ plan }] = port.gridRenders;
    expect(plan.sheetName).toBe("审核结果");
    expect(port.cell("审核结果", "B4")).toBe("巴川街道");
    expect(within(messageBar()).getByText("已写入审核结果")).toBeTruthy();
  });
});

describe("生成汇总表", () => {
  it("draws 汇总 with its chart and 创建名单 through renderGrid, with live formulas into the scorecards", async () => {
    const { port, sheets } = workbookOfThree();
    const { user } = await openAsDistrict(port);
    port.resetCounts();
    await user.click(button("生成汇总表"));
    await waitFor(() => expect(port.gridRenders).toHaveLength(2));
    expect(port.calls.readGrids).toBe(1);
    expect(port.gridRenders.map((r) => r.plan.sheetName)).toEqual([ROLLUP_SHEET, LIST_SHEET]);
    const [summary, list] = port.gridRenders;
    expect(summary.chart?.sheetName).toBe(ROLLUP_SHEET);
    expect(summary.chart?.line.values.every((v) => v === 90)).toBe(true);
    expect(list.chart).toBeUndefined();
    const formulas = summary.plan.cells.flat().flatMap((cell) => (cell?.formula ? [cell.formula] : []));
    expect(formulas).toContain(`'${sheets[0]}'!F${layout.summaryRows.total}`);
    expect(formulas).toContain(`'${sheets[1]}'!F${layout.summaryRows.total}`);
    expect(port.selections).toEqual([{ sheet: ROLLUP_SHEET, cell: "A1" }]);
    expect(within(messageBar()).getByText("已生成汇总表")).toBeTruthy();
    // The counts scorecard summary reports: the notice's 17 stations, two received (巴川 twice counts once), none
    // submitted — received is not submitted.
    expect(messageBar().textContent).toContain(
      "17 个服务站：收到 2 个，已提交 0 个，已复核 0 个，未收到 15 个；达标 0 个，达标率 0.0%（本工作簿有 3 张评分表）。",
    );
  });

  it("titles the 汇总 with the unit typed (another district or a city), remembered on this computer", async () => {
    window.localStorage.clear();
    const titleOf = (i: number): string =>
      port.gridRenders[i].plan.cells
        .flat()
        .map((cell) => String(cell?.value ?? ""))
        .find((text) => text.includes("汇总")) ?? "";
    const { port } = workbookOfThree();
    const { user, unmount } = await openAsDistrict(port);
    const unit = screen.getByRole("textbox", { name: "汇总单位" });
    expect(unit.getAttribute("placeholder")).toBe("重庆市铜梁区退役军人事务局");
    await user.click(button("生成汇总表"));
    await waitFor(() => expect(port.gridRenders).toHaveLength(2));
    expect(titleOf(0)).toContain("重庆市铜梁区退役军人事务局");
    await user.type(unit, "重庆市退役军人事务局");
    await user.click(button("生成汇总表"));
    await waitFor(() => expect(port.gridRenders).toHaveLength(4));
    expect(titleOf(2)).toContain("重庆市退役军人事务局");
    expect(titleOf(2)).not.toContain("铜梁区");
    unmount();
    await openAsDistrict(workbookOfThree().port);
    expect((screen.getByRole("textbox", { name: "汇总单位" }) as HTMLInputElement).value).toBe(
      "重庆市退役军人事务局",
    );
    window.localStorage.clear();
  });

  it("leaves a 汇总 sheet it did not draw alone", async () => {
    const { port } = workbookOfThree();
    port.addSheet(ROLLUP_SHEET, [["我的汇总"]]);
    const { user } = await openAsDistrict(port);
    await user.click(button("生成汇总表"));
    expect(await screen.findByText(/名为“汇总”的工作表已存在/)).toBeTruthy();
    expect(port.gridRenders).toHaveLength(0);
  });
});

describe("submission and reopening", () => {
  const complete = entriesOf({ self: { ...fullBase({ "3": 0.5 }), "75.1": "否" } });

  it("submits: state 已提交, the hash and time stored, the self column locked, a 变更记录 row", async () => {
    const { port, sheet } = portWith(complete);
    const { user } = await openReview(port);
    expect(screen.getByTestId("state").textContent).toBe("状态：填报中");
    await user.type(screen.getByRole("textbox", { name: /操作人/ }), "张三");
    port.resetCounts();
    await user.click(button("提交"));
    await waitFor(() => expect(screen.getByTestId("state").textContent).toBe("状态：已提交"));
    expect(port.calls.render).toBe(1);
    const plan = port.renders[port.renders.length - 1];
    const self = readScorecard(port.grid(sheet)).entries.self;
    expect(plan.meta.state).toBe("已提交");
    expect(plan.meta.submission?.hash).toBe(entriesHash(layout.entryIds, self));
    expect(Date.parse(plan.meta.submission?.time ?? "")).not.toBeNaN();
    for (const id of layout.entryIds) expect(plan.cells[rowOf(id) - 1][COL.self].style).toBe("entryLocked");
    expect(plan.cells[rowOf("1") - 1][COL.review].style).toBe("entry");
    expect(port.cell(sheet, "J2")).toBe(plan.meta.submission?.hash);
    expect(port.cell(sheet, "I2")).toBe("已提交");
    expect(port.appends).toHaveLength(1);
    expect(port.appends[0].sheet).toBe(LOG_SHEET);
    expect(port.appends[0].rows[0].slice(1)).toEqual([
      "巴川街道",
      sheet,
      "提交",
      "填报中",
      "已提交",
      "张三",
      "",
    ]);
    expect(port.grid(LOG_SHEET).values[0]).toEqual([...LOG_HEADERS]);
    expect(within(messageBar()).getByText("已提交")).toBeTruthy();
    expect(window.localStorage.getItem("veteran-station-scorecard.operator")).toBe("张三");
    expect(screen.queryByTestId("edited-after-submit")).toBeNull();

    // An edit made in the sheet afterwards (the add-in's lock does not stop other software) is caught.
    act(() => port.userEdit(sheet, selfCell("3"), 1));
    const banner = await screen.findByTestId("edited-after-submit");
    expect(banner.textContent).toContain("自评提交后被修改");
    expect(banner.textContent).toContain("提交后自评得分被修改（提交于");
    await user.click(tab("问题"));
    expect(within(screen.getByTestId("problems")).getByText(/^提交后自评得分被修改/)).toBeTruthy();
  });

  it("keeps a submitted self-assessment read-only in the form; the review column stays open", async () => {
    const self = fullBase();
    const { port } = portWith(entriesOf({ self }), {
      state: "已提交",
      submission: { hash: entriesHash(layout.entryIds, self), time: "2020-11-01T08:00:00.000Z" },
    });
    const { user } = setup(port);
    await screen.findByTestId("total");
    await user.click(tab("填写"));
    const spin1 = (): HTMLElement => screen.getByRole("spinbutton", { name: /^1\. / });
    expect(spin1().hasAttribute("disabled")).toBe(true);
    expect(screen.getByTestId("column-locked").textContent).toContain("“自评”列已锁定（状态：已提交）");
    await user.click(screen.getByRole("radio", { name: "复核" }));
    expect(spin1().hasAttribute("disabled")).toBe(false);
    expect(screen.queryByTestId("column-locked")).toBeNull();
  });

  it("refuses to submit an incomplete self-assessment and says why", async () => {
    const { port } = portWith(entriesOf({ self: fullBase({ "5": null }) }));
    const { user } = await openReview(port);
    expect(button("提交").hasAttribute("disabled")).toBe(true);
    expect(screen.getByTestId("blockers").textContent).toBe("自评列尚有未填写的项目");
    await user.type(screen.getByRole("textbox", { name: /操作人/ }), "张三");
    expect(screen.getByTestId("blockers").textContent).toBe("自评列尚有未填写的项目");
  });

  it("asks for 操作人 when 提交 is tried without one, prefilled from last time on this computer", async () => {
    const { port } = portWith(complete);
    const { user, unmount } = await openReview(port);
    // Not before a try: the clerk has not done anything wrong yet.
    expect(screen.queryByText("请填写操作人")).toBeNull();
    expect(screen.queryByTestId("blockers")).toBeNull();
    await user.click(button("提交"));
    expect(screen.getAllByText("请填写操作人").length).toBeGreaterThan(0);
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: /操作人/ }));
    expect(port.calls.render).toBe(0);
    await user.type(screen.getByRole("textbox", { name: /操作人/ }), "张三");
    await user.click(button("提交"));
    await waitFor(() => expect(port.appends).toHaveLength(1));
    expect(port.appends[0].rows[0][6]).toBe("张三");
    // The clerk's next step: save and send the file; the reviewers' actions are not offered.
    expect(messageBar().textContent).toContain("保存此工作簿，并上报区县退役军人事务局");
    await waitFor(() => expect(screen.getByTestId("submitted-next").textContent).toContain("等待区县复核"));
    expect(screen.queryByRole("button", { name: "开始复核" })).toBeNull();
    expect(screen.queryByRole("button", { name: "退回修改" })).toBeNull();
    unmount();
    await openReview(portWith(complete).port);
    expect(screen.getByRole("textbox", { name: /操作人/ })).toHaveProperty("value", "张三");
  });

  it("offers 开始复核 and 完成复核 in turn", async () => {
    const submitted = entriesOf({ self: fullBase(), review: fullBase({ "1": 1 }) });
    const { port } = portWith(submitted, {
      state: "已提交",
      submission: { hash: entriesHash(layout.entryIds, submitted.self), time: "2020-11-01T08:00:00.000Z" },
    });
    const { user } = await openAsDistrict(port);
    await user.type(screen.getByRole("textbox", { name: /操作人/ }), "王复核");
    await user.click(button("开始复核"));
    await waitFor(() => expect(screen.getByTestId("state").textContent).toBe("状态：复核中"));
    await user.click(button("完成复核"));
    await waitFor(() => expect(screen.getByTestId("state").textContent).toBe("状态：已复核"));
    expect(port.appends.map((a) => a.rows[0][3])).toEqual(["开始复核", "完成复核"]);
    const plan = port.renders[port.renders.length - 1];
    expect(plan.cells[rowOf("1") - 1][COL.review].style).toBe("entryLocked");
    expect(screen.queryByTestId("edited-after-submit")).toBeNull();
  });

  it("reopens only with who and why, and logs both in 变更记录", async () => {
    const self: Record<string, GridValue> = fullBase();
    const { port, sheet } = portWith(entriesOf({ self }), {
      state: "已提交",
      submission: { hash: entriesHash(layout.entryIds, self), time: "2020-11-01T08:00:00.000Z" },
    });
    const { user } = await openAsDistrict(port);
    port.resetCounts();
    await user.click(button("退回修改"));
    const dialog = await screen.findByRole("alertdialog");
    // The dialog is ready when it is the active modal: its first field has the focus and, once tabster's
    // hidden-update has run (250 ms later, however slow the machine), the pane behind it is aria-hidden.
    // (Before test/support/paneLayout.ts, jsdom focused the surface itself, the modal never became active and
    // that same update hid the dialog: a step slower than 250 ms then never found its buttons.)
    expect(document.activeElement).toBe(within(dialog).getByRole("textbox", { name: /操作人/ }));
    await waitFor(() =>
      expect(screen.getByTestId("review-panel").closest('[aria-hidden="true"]')).not.toBeNull(),
    );
    await user.click(within(dialog).getByRole("button", { name: "退回修改" }));
    expect(await within(dialog).findByText("请填写原因")).toBeTruthy();
    expect(within(dialog).getByText("请填写操作人")).toBeTruthy();
    expect(port.calls.render).toBe(0);
    expect(port.calls.appendRows).toBe(0);
    await user.type(within(dialog).getByRole("textbox", { name: /操作人/ }), "李四");
    await user.type(within(dialog).getByRole("textbox", { name: /原因/ }), "第3项佐证材料缺失");
    await user.click(within(dialog).getByRole("button", { name: "退回修改" }));
    await waitFor(() => expect(screen.getByTestId("state").textContent).toBe("状态：填报中"));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(port.appends).toHaveLength(1);
    const [row] = port.appends[0].rows;
    expect(row[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(row.slice(1)).toEqual([
      "巴川街道",
      sheet,
      "退回修改",
      "已提交",
      "填报中",
      "李四",
      "第3项佐证材料缺失",
    ]);
    const plan = port.renders[port.renders.length - 1];
    expect(plan.meta.submission).toBeUndefined();
    expect(plan.cells[rowOf("1") - 1][COL.self].style).toBe("entry");
  });
});

describe("roles apart", () => {
  it("shows the station only its 提交, the district its review tools, the city its sample; the choice is remembered", async () => {
    const { port } = portWith(entriesOf({ self: fullBase() }));
    const { user, unmount } = await openReview(port);
    // A one-scorecard file is a station's: 提交 and nothing of the reviewers'.
    expect(screen.getByRole("radio", { name: "服务站填报" })).toHaveProperty("checked", true);
    expect(button("提交")).toBeTruthy();
    for (const tool of ["开始复核", "检查整个工作簿", "生成汇总表", "抽取并写入抽查名单"])
      expect(screen.queryByRole("button", { name: tool })).toBeNull();
    await user.click(screen.getByRole("radio", { name: "区县复核" }));
    expect(button("检查整个工作簿")).toBeTruthy();
    expect(button("生成汇总表")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "提交" })).toBeNull();
    expect(screen.queryByRole("button", { name: "抽取并写入抽查名单" })).toBeNull();
    await user.click(screen.getByRole("radio", { name: "市级抽查" }));
    expect(button("抽取并写入抽查名单")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "提交" })).toBeNull();
    expect(screen.queryByRole("button", { name: "生成汇总表" })).toBeNull();
    unmount();
    await openReview(portWith().port);
    expect(screen.getByRole("radio", { name: "市级抽查" })).toHaveProperty("checked", true);
  });

  it("opens a workbook of several scorecards as the district's", async () => {
    const port = new MemoryPort();
    for (const station of ["巴川街道", "东城街道"])
      port.addScorecard({ rubric, station, year: 2020, entries: entriesOf({}) });
    await openReview(port);
    expect(screen.getByRole("radio", { name: "区县复核" })).toHaveProperty("checked", true);
    expect(button("检查整个工作簿")).toBeTruthy();
  });
});

describe("en-US", () => {
  it("words the review tab in English", async () => {
    const entries = entriesOf({
      self: { ...fullBase(), "75.1": "否" },
      review: { ...fullBase({ "1": 1.5 }) },
    });
    const { port } = portWith(entries);
    const { user } = await openReview(port, "en");
    expect(screen.getByTestId("state").textContent).toBe("State: Filling in");
    expect(screen.getByTestId("verdict-self").textContent).toBe("Self-assessment: 100 · Pass");
    expect(screen.getByTestId("verdict-review").textContent).toBe("Review: 99.5 · Pass");
    await user.click(button("Submit"));
    expect(screen.getAllByText("Enter your name").length).toBeGreaterThan(0);
    await user.type(screen.getByRole("textbox", { name: /Your name/ }), "Zhang San");
    await user.click(button("Submit"));
    await screen.findByText("Done: Submit");
    expect(screen.getByTestId("message-bar").textContent).toContain("went from Filling in to Submitted");
    expect(screen.getByTestId("message-bar").textContent).toContain("send it to the district bureau");
    await user.click(screen.getByRole("radio", { name: "District review" }));
    expect(screen.getByRole("heading", { name: "Self-assessment and review differ (1)" })).toBeTruthy();
    expect(screen.getByTestId("differences").textContent).toContain("Item 1: self 2, review 1.5");
    await user.click(button("Check the whole workbook"));
    await screen.findByTestId("scan-table");
    expect(screen.getByRole("columnheader", { name: "Station" })).toBeTruthy();
    expect(screen.getByTestId("scan-summary").textContent).toMatch(/^1 scorecards, 0 errors/);
    const panel = screen.getByTestId("review-panel").textContent ?? "";
    // Only the station and sheet names are Chinese.
    expect(panel.replace(/巴川街道(2020评分表)?/g, "").match(/[\u4e00-\u9fff]+/g)).toBeNull();
  });
});
