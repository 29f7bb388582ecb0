/** @jest-environment jsdom */
/*
 * A workbook of several scorecards (a district's, a 汇总) shows the roll-up — chart and table, computed by the
 * same core as 生成汇总表 — instead of "当前工作表不是评分表" with a button per sheet (issue 22 §4).
 */
import * as React from "react";
import { configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { XlsxDocument, XlsxEngine } from "../src/taskpane/file/xlsxLoader";
import * as scanHook from "../src/taskpane/review/useWorkbookScan";
import { FileApp } from "../src/taskpane/root/FileApp";
import * as panels from "../src/taskpane/root/panels";
import { buildRollup } from "../src/rollup";
import { readScorecard, type GridValue } from "../src/sheet";
import { MemoryPort, entriesOf, fullBase, rubric } from "./support/memoryPort";
import { TIMING, renderApp, setup } from "./support/renderPane";
import { submittedPlan } from "./support/submitted";

configure({ asyncUtilTimeout: 20_000 });

const STATIONS = rubric.notice?.stations ?? [];
const tab = (name: string): HTMLElement => screen.getByRole("tab", { name: new RegExp(`^${name}`) });

/** Five stations' scorecards (two of them below 90), and a sheet of notes that is active. */
function district(): MemoryPort {
  const port = new MemoryPort();
  STATIONS.slice(0, 5).forEach((station, i) =>
    port.addScorecard(
      {
        rubric,
        station,
        year: 2020,
        entries: entriesOf({ self: fullBase(i < 2 ? { "1": 0, "5": 0, "9": 0 } : {}) }),
      },
      false,
    ),
  );
  port.addSheet("汇总", [["各站汇总"]], true);
  return port;
}

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("the roll-up of a workbook of several scorecards", () => {
  it("shows the table and chart of the core roll-up, and opens a station's scorecard from it", async () => {
    const port = district();
    const { user } = setup(port);
    const table = await screen.findByTestId("rollup-table");
    expect(screen.queryByText("当前工作表不是评分表")).toBeNull();
    const names = await port.sheetNames();
    const reads = (await port.readGrids(names.filter((n) => n.endsWith("评分表")))).map(readScorecard);
    const expected = buildRollup(reads, rubric);
    expect(screen.getByTestId("rollup-summary").textContent).toBe(
      `${expected.totals.stations} 个服务站，达标 ${expected.totals.passed} 个，达标率 ${(
        expected.totals.rate * 100
      ).toFixed(1)}%；目标 ${expected.totals.target} 个，还需 ${expected.totals.needed} 个达标。`,
    );
    const rows = within(table).getAllByRole("row").slice(1);
    // The notice's 17 stations, those without a scorecard as 未提交.
    expect(rows).toHaveLength(STATIONS.length);
    expect(rows[0].textContent).toContain(STATIONS[0]);
    expect(rows.at(-1)?.textContent).toContain("未提交");
    expect(screen.getByTestId("rollup-chart").getAttribute("aria-label")).toBe(
      `各站总分与 90 分达标线：${expected.totals.passed} 个站达到`,
    );
    // Only the tabs about the workbook.
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["概览", "审核", "插入"]);

    await user.click(within(rows[2]).getByRole("button", { name: `打开${STATIONS[2]}的评分表` }));
    await waitFor(() => expect(screen.getByTestId("total").textContent).toBe("100"));
    expect(screen.getByTestId("sheet-caption").textContent).toContain(STATIONS[2]);
    expect(screen.getAllByRole("tab")).toHaveLength(6);
    await user.click(screen.getByRole("button", { name: "全部评分表（5）" }));
    expect(await screen.findByTestId("rollup-table")).toBeTruthy();
    expect(tab("概览").getAttribute("aria-selected")).toBe("true");
  });

  it("tells received from submitted, as the 汇总 does, and names the veto items of a vetoed card", async () => {
    const port = new MemoryPort();
    const add = async (
      station: string,
      state: "填报中" | "已提交",
      self: Record<string, GridValue>,
    ): Promise<void> => {
      const plan = submittedPlan({ rubric, station, year: 2020, state, entries: entriesOf({ self }) });
      await port.render(plan);
    };
    await add(STATIONS[0], "已提交", fullBase());
    await add(STATIONS[1], "已提交", { ...fullBase(), "75.2": "是" });
    await add(STATIONS[2], "填报中", fullBase());
    port.addSheet("说明", [["各站评分表"]], true);
    setup(port);
    const table = await screen.findByTestId("rollup-table");
    const row = (station: string): HTMLElement => {
      const found = within(table)
        .getAllByRole("row")
        .find((r) => r.getAttribute("data-station") === station);
      if (!found) throw new Error(station);
      return found;
    };
    // 状态 and 认定结论: submitted passes, the vetoed card says why, the one still being filled in is received only.
    expect(row(STATIONS[0]).textContent).toContain("已提交");
    expect(row(STATIONS[0]).textContent).toContain("达标");
    expect(row(STATIONS[1]).textContent).toContain("否决：75.2 发生个人极端案事件的");
    expect(row(STATIONS[2]).textContent).toContain("填报中");
    expect(row(STATIONS[2]).textContent).toContain("未提交");
    expect(row(STATIONS[3]).textContent).toContain("未收到");
    expect(screen.getByTestId("rollup-receipts").textContent).toBe(
      `收到 3 个，已提交 2 个，已复核 0 个，未收到 ${STATIONS.length - 3} 个。`,
    );
    expect(screen.getByTestId("rollup-summary").textContent).toMatch(/^17 个服务站，达标 1 个，达标率 5\.9%/);
  });

  it("is not shown for a station's own file: one scorecard opens as itself", async () => {
    const port = new MemoryPort();
    port.addScorecard({ rubric, station: STATIONS[0], year: 2020, entries: entriesOf({}) });
    setup(port);
    await screen.findByTestId("total");
    expect(screen.queryByTestId("rollup-view")).toBeNull();
    expect(screen.queryByRole("button", { name: /全部评分表/ })).toBeNull();
  });
});

describe("a district's file opened in the browser", () => {
  /** The memory port standing in for ExcelJS's model of an opened file. */
  class FakeDocument extends MemoryPort implements XlsxDocument {
    async toBuffer(): Promise<Uint8Array> {
      return new Uint8Array(0);
    }
  }

  /** Opens a file of `stations`' scorecards, the first one active, and records what the page drew first. */
  async function openFile(stations: readonly string[]): Promise<{ drawn: string[] }> {
    const engine: XlsxEngine = {
      create: () => new FakeDocument(),
      open: async () => {
        const doc = new FakeDocument();
        stations.forEach((station, i) => doc.addScorecard({ rubric, station, year: 2020 }, i === 0));
        return doc;
      },
    };
    renderApp(<FileApp lang="zh" loadEngine={async () => engine} timing={TIMING} />);
    const drawn: string[] = [];
    new MutationObserver(() => {
      for (const id of ["total", "rollup-view"])
        if (document.querySelector(`[data-testid=${id}]`) && !drawn.includes(id)) drawn.push(id);
    }).observe(document.body, { childList: true, subtree: true });
    fireEvent.change(screen.getByTestId("file-input"), {
      target: { files: [new File([new Uint8Array([0x50, 0x4b])], "全区.xlsx")] },
    });
    return { drawn };
  }

  it("shows the roll-up at once, never the first scorecard before it, and readies 审核's check", async () => {
    const review = jest.spyOn(panels, "loadReviewPanel");
    const scan = jest.spyOn(scanHook, "loadScan");
    try {
      const { drawn } = await openFile(STATIONS.slice(0, 3));
      await screen.findByTestId("rollup-table");
      expect(drawn).toEqual(["rollup-view"]);
      // The reviewer's next step is fetched while they look: 审核 and its whole-workbook check.
      await waitFor(() => expect(review).toHaveBeenCalled());
      await waitFor(() => expect(scan).toHaveBeenCalled());
    } finally {
      review.mockRestore();
      scan.mockRestore();
    }
  });

  it("opens a station's own file on its overview, and readies 填写 rather than 审核", async () => {
    const review = jest.spyOn(panels, "loadReviewPanel");
    const form = jest.spyOn(panels, "loadFormView");
    try {
      const { drawn } = await openFile(STATIONS.slice(0, 1));
      await screen.findByTestId("total");
      await waitFor(() => expect(form).toHaveBeenCalled());
      expect(drawn).toEqual(["total"]);
      expect(review).not.toHaveBeenCalled();
    } finally {
      review.mockRestore();
      form.mockRestore();
    }
  });
});
