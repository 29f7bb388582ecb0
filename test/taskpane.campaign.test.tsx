/** @jest-environment jsdom */

import * as React from "react";
import { TextEncoder } from "util";
import { configure, screen, waitFor, within } from "@testing-library/react";
import { drawIndexes, ROLLUP_SHEET, SAMPLE_SHEET, YEARS_SHEET } from "../src/rollup";
import { COL, addr, layoutFor } from "../src/sheet";
import { App } from "../src/taskpane/root/App";
import { ClockContext } from "../src/taskpane/shared/clock";
import { TIMING, renderApp } from "./support/renderPane";
import { MemoryPort, entriesOf, fullBase, rubric } from "./support/memoryPort";

// jsdom lacks TextEncoder, which the seed hash uses (browsers and Office webviews have it).
if (typeof globalThis.TextEncoder === "undefined") Object.assign(globalThis, { TextEncoder });

configure({ asyncUtilTimeout: 20_000 });

const layout = layoutFor(rubric);
const evidenceCell = (id: string): string => addr(COL.evidence, layout.entryRows.get(id) ?? 0);
const tab = (name: string): HTMLElement => screen.getByRole("tab", { name: new RegExp(`^${name}`) });
const STATIONS = rubric.notice?.stations ?? [];

/** The pane with its clock stopped at `day`. */
function setupAt(port: MemoryPort, day: Date): ReturnType<typeof renderApp> {
  return renderApp(
    <ClockContext.Provider value={() => day}>
      <App lang="zh" mode="office" port={port} timing={TIMING} />
    </ClockContext.Provider>,
  );
}

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});
beforeEach(() => {
  window.localStorage.clear();
  window.history.replaceState(null, "", "/taskpane.html");
});

describe("overview: evidence and the timeline", () => {
  it("counts evidence filled against required and shows the phase for the pinned day", async () => {
    const port = new MemoryPort();
    port.addScorecard({
      rubric,
      station: "巴川街道",
      year: 2020,
      entries: entriesOf({
        self: { "1": 2, "2": 0, "3": 1, "4": 1 },
        evidence: { "1": "学习记录.pdf", "2": "x" },
      }),
    });
    setupAt(port, new Date(2020, 10, 6, 9, 0));
    expect((await screen.findByTestId("evidence")).textContent).toBe("佐证材料：已填 1 / 应填 3");
    expect(screen.getByTestId("timeline").textContent).toBe(
      "进度：当前阶段“审核验收”（2020年12月31日前，还剩 55 天）；下一项：市退役军人事务局审核并抽取50%以上暗访（2020年11月25日前，还剩 19 天）",
    );
  });

  it("words both lines in English", async () => {
    const port = new MemoryPort();
    port.addScorecard({ rubric, station: "巴川街道", year: 2020, entries: entriesOf({ self: { "1": 2 } }) });
    renderApp(
      <ClockContext.Provider value={() => new Date(2020, 6, 24)}>
        <App lang="en" mode="office" port={port} timing={TIMING} />
      </ClockContext.Provider>,
    );
    expect((await screen.findByTestId("evidence")).textContent).toBe("Evidence: 0 filled of 1 required");
    expect(screen.getByTestId("timeline").textContent).toBe(
      "Timeline: now in “Mobilisation” (by 2020-07-24, due today); next: District initial check and list submitted to the city (by 2020-11-05, 104 days left)",
    );
  });

  it("invents no dates for a year the notice does not cover", async () => {
    const port = new MemoryPort();
    port.addScorecard({ rubric, station: "巴川街道", year: 2021, entries: entriesOf({}) });
    setupAt(port, new Date(2021, 6, 1));
    expect((await screen.findByTestId("timeline")).textContent).toBe("进度：通知未给出2021年的时间安排");
  });
});

describe("problems: the no-evidence filter", () => {
  it("shows only the scored items without evidence, each selecting its 佐证材料 cell", async () => {
    const port = new MemoryPort();
    const sheet = port.addScorecard({
      rubric,
      station: "巴川街道",
      year: 2020,
      entries: entriesOf({ self: { "1": 2, "3": 1, "4": 0 }, evidence: { "1": "记录" } }),
    });
    const { user } = setupAt(port, new Date(2020, 8, 1));
    await screen.findByTestId("total");
    await user.click(tab("问题"));
    await user.selectOptions(screen.getByRole("combobox", { name: /筛选/ }), "缺佐证材料的项");
    const rows = within(screen.getByTestId("problems")).getAllByRole("button");
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining("第3项已得分，但未填写佐证材料"),
    ]);
    expect(rows[0].getAttribute("data-kind")).toBe("evidence");
    await user.click(rows[0]);
    await waitFor(() => expect(port.selections).toContainEqual({ sheet, cell: evidenceCell("3") }));
  });
});

describe("审核: the city's sample and 历年对比", () => {
  /** Five stations in 2020, two of them again in 2021. */
  function workbook(): MemoryPort {
    const port = new MemoryPort();
    STATIONS.slice(0, 5).forEach((station) =>
      port.addScorecard({ rubric, station, year: 2020, entries: entriesOf({ self: fullBase() }) }, false),
    );
    STATIONS.slice(0, 2).forEach((station) =>
      port.addScorecard(
        { rubric, station, year: 2021, entries: entriesOf({ self: fullBase({ "1": 0 }) }) },
        false,
      ),
    );
    port.userActivate(`${STATIONS[0]}2020评分表`);
    port.resetCounts();
    return port;
  }

  /** The 审核 tab as the city (its sample) or the district (its roll-up) uses it. */
  async function openReview(port: MemoryPort, role: "市级抽查" | "区县复核" = "市级抽查") {
    const utils = setupAt(port, new Date(2020, 10, 20));
    await screen.findByTestId("total");
    await utils.user.click(tab("审核"));
    await screen.findByTestId("review-panel");
    await utils.user.click(screen.getByRole("radio", { name: role }));
    return utils;
  }

  it("draws ⌈50% × 5⌉ = 3 stations from the seed and writes the 抽查名单 through the port", async () => {
    const port = workbook();
    const { user } = await openReview(port);
    // 50 %, as a clerk reads it; the seed behind 详细信息, with what it is for.
    expect(screen.getByRole("textbox", { name: /抽取比例/ })).toHaveProperty("value", "50");
    await user.click(screen.getByText("详细信息"));
    expect(screen.getByText(/相同的种子总能抽出相同的名单/)).toBeTruthy();
    await user.type(screen.getByRole("textbox", { name: /随机种子/ }), "铜梁");
    await user.click(screen.getByRole("button", { name: "抽取并写入抽查名单" }));
    await waitFor(() => expect(port.gridRenders.map((r) => r.plan.sheetName)).toEqual([SAMPLE_SHEET]));
    const texts = port.gridRenders[0].plan.cells.flat().map((c) => String(c?.value ?? ""));
    const expected = drawIndexes(5, 0.5, "铜梁").map((i) => STATIONS[i]);
    expect(texts.filter((t) => STATIONS.includes(t))).toEqual(expected);
    expect(texts).toContain("随机种子：铜梁");
    expect(texts).toContain(`${STATIONS[0]}2020评分表`);
    expect(port.selections).toContainEqual({ sheet: SAMPLE_SHEET, cell: "A1" });
    expect(await screen.findByText(/5 个服务站中抽取 3 个/)).toBeTruthy();
  });

  it("takes the share in per cent, from 1 to 100", async () => {
    const port = workbook();
    const { user } = await openReview(port);
    const share = screen.getByRole("textbox", { name: /抽取比例/ });
    for (const [typed, ok] of [
      ["0", false],
      ["101", false],
      ["半", false],
      ["１００", true],
      ["34", true],
    ] as const) {
      await user.clear(share);
      await user.type(share, typed);
      expect(screen.queryByText("抽取比例应在 1% 至 100% 之间") === null).toBe(ok);
    }
    await user.click(screen.getByRole("button", { name: "抽取并写入抽查名单" }));
    // ⌈34% × 5⌉ = 2.
    expect(await screen.findByText(/5 个服务站中抽取 2 个/)).toBeTruthy();
  });

  it("picks a seed when none is given, shows it and keeps it in the field for a redo", async () => {
    const port = workbook();
    const { user } = await openReview(port);
    await user.click(screen.getByRole("button", { name: "抽取并写入抽查名单" }));
    const done = await screen.findByText(/种子：[0-9a-f]{16}$/);
    const seed = /([0-9a-f]{16})$/.exec(done.textContent ?? "")?.[1];
    expect(screen.getByRole("textbox", { name: /随机种子/ })).toHaveProperty("value", seed);
    const texts = port.gridRenders[0].plan.cells.flat().map((c) => String(c?.value ?? ""));
    expect(texts).toContain(`随机种子：${seed}`);
  });

  it("adds 历年对比 to the roll-up when the workbook holds several years, and the timeline under the 汇总 title", async () => {
    const port = workbook();
    const { user } = await openReview(port, "区县复核");
    await user.click(screen.getByRole("button", { name: "生成汇总表" }));
    await waitFor(() => expect(port.gridRenders).toHaveLength(3));
    expect(port.gridRenders.map((r) => r.plan.sheetName)).toEqual([ROLLUP_SHEET, "创建名单", YEARS_SHEET]);
    const subtitle = String(port.gridRenders[0].plan.cells[1][0]?.value);
    expect(subtitle).toContain("进度：当前阶段“审核验收”（2020年12月31日前，还剩 41 天）");
    const years = port.gridRenders[2].plan;
    expect(years.cells[2].map((c) => c?.value)).toContain("2021较上年");
    // Scorecards still 填报中: each year 未提交 whatever their totals, and no review yet (blank, not 0).
    expect(years.cells[3].map((c) => c?.value)).toEqual([
      1,
      STATIONS[0],
      100,
      null,
      "未提交",
      98,
      null,
      "未提交",
      -2,
    ]);
    expect(await screen.findByText(/已同时生成“历年对比”工作表（2020、2021）/)).toBeTruthy();
  });
});
