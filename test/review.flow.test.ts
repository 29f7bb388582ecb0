import JSZip from "jszip";
import {
  LOG_HEADERS,
  LOG_SHEET,
  RESULT_SHEET,
  TransitionRefusedError,
  applyTransition,
  blockers,
  entriesHash,
  logTime,
  renderRollup,
  resultPlan,
  scanRow,
  scanWorkbook,
  transitionPlan,
} from "../src/review";
import { LIST_SHEET, ROLLUP_SHEET } from "../src/rollup";
import {
  COL,
  addr,
  buildPlan,
  isScorecard,
  layoutFor,
  planToGrid,
  readScorecard,
  workbookFindings,
} from "../src/sheet";
import { defaultOperator, officeUserName, rememberOperator } from "../src/taskpane/review/operator";
import { wantsWorkbookCheck } from "../src/taskpane/review/url";
import { XlsxPort } from "../src/xlsx";
import { MemoryPort, entriesOf, fullBase, rubric } from "./support/memoryPort";

const layout = layoutFor(rubric);
const NOW = new Date(2020, 10, 1, 8, 30, 5);
const readOf = (options: Partial<Parameters<typeof buildPlan>[0]> = {}) =>
  readScorecard(planToGrid(buildPlan({ rubric, station: "巴川街道", year: 2020, ...options })));

describe("transitions", () => {
  it("submits a complete, valid self-assessment: hash and time recorded, self column locked", () => {
    const read = readOf({ entries: entriesOf({ self: fullBase({ "9": 1 }) }) });
    expect(blockers(read, "submit")).toEqual([]);
    const plan = transitionPlan(read, "submit", NOW);
    expect(plan.meta).toMatchObject({
      state: "已提交",
      submission: { hash: entriesHash(layout.entryIds, read.entries.self), time: NOW.toISOString() },
    });
    const row = layout.entryRows.get("9") ?? 0;
    expect(plan.cells[row - 1][COL.self]).toMatchObject({ value: 1, style: "entryLocked" });
    const again = readScorecard(planToGrid(plan));
    expect(again.meta.submission?.hash).toBe(plan.meta.submission?.hash);
    expect(again.findings.filter((f) => f.code === "edited-after-submit")).toEqual([]);
  });

  it("lists what stands in the way", () => {
    expect(blockers(readOf({ entries: entriesOf({ self: fullBase({ "2": null }) }) }), "submit")).toEqual([
      "self-empty",
    ]);
    expect(blockers(readOf({ entries: entriesOf({ self: fullBase({ "2": 7 }) }) }), "submit")).toEqual([
      "self-invalid",
    ]);
    expect(blockers(readOf(), "finishReview")).toEqual(["state"]);
    const reviewing = readOf({ state: "复核中", entries: entriesOf({ self: fullBase(), review: {} }) });
    expect(blockers(reviewing, "finishReview")).toEqual(["review-empty"]);
    expect(blockers(reviewing, "reopen")).toEqual([]);
  });

  it("reopening drops the submission record and unlocks the self column", () => {
    const self = fullBase();
    const read = readOf({
      state: "已复核",
      entries: entriesOf({ self, review: self }),
      submission: { hash: entriesHash(layout.entryIds, self), time: "2020-11-01T00:00:00.000Z" },
    });
    const plan = transitionPlan(read, "reopen", NOW);
    expect(plan.meta.state).toBe("填报中");
    expect(plan.meta.submission).toBeUndefined();
    expect(plan.cells[layout.firstItemRow - 1][COL.self].style).toBe("entry");
    expect(plan.cells[layout.firstItemRow - 1][COL.review].style).toBe("entry");
  });

  it("applyTransition redraws and logs; reopening without who or why changes nothing", async () => {
    const port = new MemoryPort();
    const sheet = port.addScorecard({
      rubric,
      station: "巴川街道",
      year: 2020,
      entries: entriesOf({ self: fullBase() }),
    });
    port.resetCounts();
    const done = await applyTransition(port, sheet, "submit", { now: NOW, operator: " 张三 " });
    expect(done).toMatchObject({ from: "填报中", to: "已提交" });
    expect(port.totalCalls).toBe(3);
    expect(port.grid(LOG_SHEET).values).toEqual([
      [...LOG_HEADERS],
      ["2020-11-01 08:30:05", "巴川街道", sheet, "提交", "填报中", "已提交", "张三", ""],
    ]);
    port.resetCounts();
    await expect(
      applyTransition(port, sheet, "reopen", { now: NOW, operator: "张三", reason: " " }),
    ).rejects.toEqual(new TransitionRefusedError("reopen", ["reason"]));
    await expect(applyTransition(port, sheet, "submit", { now: NOW, operator: "" })).rejects.toMatchObject({
      blockers: ["state", "operator"],
    });
    expect(port.calls.render + port.calls.appendRows).toBe(0);
    await applyTransition(port, sheet, "reopen", { now: NOW, operator: "李四", reason: "佐证缺失" });
    expect(port.grid(LOG_SHEET).values).toHaveLength(3);
    expect(readScorecard(port.grid(sheet)).meta.state).toBe("填报中");
  });

  it("logs local time to the second", () => {
    expect(logTime(new Date(2021, 0, 2, 3, 4, 5))).toBe("2021-01-02 03:04:05");
  });
});

describe("the workbook check", () => {
  it("counts errors, warnings, invalid and empty entries and points at the first problem", async () => {
    const port = new MemoryPort().addSheet("说明");
    const a = port.addScorecard({
      rubric,
      station: "甲",
      year: 2020,
      entries: entriesOf({ self: fullBase({ "4": null }) }),
    });
    const b = port.addScorecard({
      rubric,
      station: "乙",
      year: 2020,
      entries: entriesOf({ self: fullBase() }),
    });
    port.userEdit(b, addr(COL.review, layout.entryRows.get("7") ?? 0), "abc");
    const phases: string[] = [];
    const result = await scanWorkbook(port, {
      onProgress: (p) => phases.push(p.phase === "reading" ? "reading" : `${p.done}/${p.total}`),
      pause: async () => undefined,
      // A clock that stands still: one slice, the progress told at its end (the pauses: see review.test).
      now: () => 0,
    });
    expect(phases).toEqual(["reading", "0/2", "2/2"]);
    expect(result.grids.map((g) => g.name)).toEqual(["说明", a, b]);
    const [ra, rb] = result.rows;
    // Every scored item lacks its 佐证材料: warnings, as `scorecard check` lists them (69 scored of 70).
    expect(ra.counts).toEqual({ errors: 0, warnings: 69, invalid: 0, empty: 1 });
    expect(ra.firstProblem).toBe(addr(COL.self, layout.entryRows.get("4") ?? 0));
    expect(rb.counts).toEqual({ errors: 1, warnings: 70, invalid: 1, empty: 0 });
    expect(rb.firstProblem).toBe(addr(COL.review, layout.entryRows.get("7") ?? 0));
    expect(ra.self).toEqual({
      total: 100 - (rubric.itemById.get("4")?.max ?? 0),
      verdict: "incomplete",
      vetoItems: [],
    });
  });

  it("puts the workbook's own findings (one station twice) first", () => {
    const one = readOf();
    const two = readScorecard({
      ...planToGrid(buildPlan({ rubric, station: "巴川街道", year: 2020 })),
      name: "副本",
    });
    const extra = workbookFindings([one, two]);
    const row = scanRow(two, extra.get(two));
    expect(row.findings[0].code).toBe("duplicate-station");
    expect(row.firstProblem).toBe(addr(1, layout.metaRow));
  });

  it("writes an 审核结果 plan with one row per scorecard", () => {
    const plan = resultPlan([scanRow(readOf({ entries: entriesOf({ self: fullBase() }) }))], NOW);
    expect(plan.sheetName).toBe(RESULT_SHEET);
    expect(plan.cells[2].map((c) => c?.value)).toContain("首个问题");
    expect(plan.cells[3].slice(0, 6).map((c) => c?.value)).toEqual([
      1,
      "巴川街道",
      "巴川街道2020评分表",
      "填报中",
      100,
      "达标",
    ]);
  });
});

describe("XlsxPort: grid sheets, the chart on saving, the change log", () => {
  it("draws 汇总 and 创建名单 into the file, the chart included when it is saved", async () => {
    const port = new XlsxPort();
    await port.render(
      buildPlan({ rubric, station: "巴川街道", year: 2020, entries: entriesOf({ self: fullBase() }) }),
    );
    await port.render(buildPlan({ rubric, station: "东城街道", year: 2020 }));
    const grids = await port.readGrids();
    const reads = grids.filter(isScorecard).map(readScorecard);
    await renderRollup(port, grids, reads);
    // Drawn again: replaced in place, not added twice.
    await renderRollup(port, await port.readGrids(), reads);
    expect(await port.sheetNames()).toEqual([
      "巴川街道2020评分表",
      "东城街道2020评分表",
      ROLLUP_SHEET,
      LIST_SHEET,
    ]);
    expect(await port.activeSheet()).toBe(ROLLUP_SHEET);
    await port.appendRows(LOG_SHEET, LOG_HEADERS, [["t", "巴川街道"]]);
    await port.appendRows(LOG_SHEET, LOG_HEADERS, [["u", "东城街道"]]);

    const bytes = await port.toBuffer();
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(1);
    const chart = (await zip.file("xl/charts/chart1.xml")?.async("string")) ?? "";
    expect(chart).toContain("<c:barChart>");
    expect(chart).toContain("<c:lineChart>");

    const reopened = await XlsxPort.load(bytes);
    const [summary] = await reopened.readGrids([ROLLUP_SHEET]);
    expect(summary.formulas[3]?.[3]).toBe(`'巴川街道2020评分表'!F${layout.summaryRows.total}`);
    const [log] = await reopened.readGrids([LOG_SHEET]);
    expect(log.values.map((r) => r?.slice(0, 2))).toEqual([
      ["时间", "服务站"],
      ["t", "巴川街道"],
      ["u", "东城街道"],
    ]);
  });
});

describe("who acts, and the check=workbook address", () => {
  const storage = (items: Record<string, string> = {}): Storage =>
    ({
      getItem: (k: string) => items[k] ?? null,
      setItem: (k: string, v: string) => {
        items[k] = v;
      },
    }) as unknown as Storage;

  it("remembers the typed name, else takes Office's user where the host has one", () => {
    const office = { Office: { context: { userProfile: { displayName: "王五" } } } };
    expect(officeUserName(office)).toBe("王五");
    expect(officeUserName({ Office: { context: {} } })).toBeNull();
    expect(defaultOperator({ localStorage: storage(), ...office })).toBe("王五");
    const remembered = storage();
    rememberOperator(" 李四 ", { localStorage: remembered });
    expect(defaultOperator({ localStorage: remembered, ...office })).toBe("李四");
    const blocked = {
      getItem: () => {
        throw new Error("SecurityError");
      },
    } as unknown as Storage;
    expect(defaultOperator({ localStorage: blocked })).toBe("");
  });

  it("opens the check for ?check=workbook only", () => {
    expect(wantsWorkbookCheck("?check=workbook")).toBe(true);
    expect(wantsWorkbookCheck("?_host_Info=Excel&check=workbook")).toBe(true);
    expect(wantsWorkbookCheck("")).toBe(false);
    expect(wantsWorkbookCheck("?check=sheet")).toBe(false);
  });
});
