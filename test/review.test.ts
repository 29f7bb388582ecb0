import { getRubric } from "../src/rubric";
import { SLICE_MS, canTransition, entriesHash, nextState, scanWorkbook } from "../src/review";
import { MemoryPort } from "./support/memoryPort";
import { buildPlan, layoutFor, planToGrid, readScorecard, type GridValue } from "../src/sheet";
import { COL } from "../src/sheet/layout";

const rubric = getRubric();
const ids = layoutFor(rubric).entryIds;

describe("submission states", () => {
  it("moves 填报中 → 已提交 → 复核中 → 已复核, and back only by reopening", () => {
    expect(nextState("填报中", "submit")).toBe("已提交");
    expect(nextState("已提交", "startReview")).toBe("复核中");
    expect(nextState("复核中", "finishReview")).toBe("已复核");
    for (const s of ["已提交", "复核中", "已复核"] as const) expect(nextState(s, "reopen")).toBe("填报中");
    expect(canTransition("填报中", "reopen")).toBe(false);
    expect(canTransition("已复核", "submit")).toBe(false);
    expect(() => nextState("填报中", "finishReview")).toThrow(/finishReview/);
  });
});

describe("content hash of the self-assessment", () => {
  it("is stable, and changes with any entry, including number versus text", () => {
    const a = entriesHash(ids, { "1": 2, "75.1": "否" });
    expect(entriesHash(ids, { "75.1": "否", "1": 2 })).toBe(a);
    expect(entriesHash(ids, { "1": 1.5, "75.1": "否" })).not.toBe(a);
    expect(entriesHash(ids, { "1": "2", "75.1": "否" })).not.toBe(a);
    expect(entriesHash(ids, { "1": 2 })).not.toBe(a);
    expect(entriesHash(ids, { "1": 2, "75.1": "否", "999": 1 })).toBe(a);
    expect(a).toMatch(/^fnv1a:[0-9a-f]{16}$/);
  });

  it("detects an edit made after submission, even one made outside the add-in", () => {
    const self: Record<string, GridValue> = { "1": 2, "2": 1 };
    const submission = { hash: entriesHash(ids, self), time: "2020-11-01T08:00:00.000Z" };
    const plan = buildPlan({
      rubric,
      station: "土桥镇",
      year: 2020,
      state: "已提交",
      submission,
      entries: { self, review: {}, evidence: {}, notes: {} },
    });
    const grid = planToGrid(plan);
    const untouched = readScorecard(grid);
    expect(untouched.meta.submission).toEqual(submission);
    expect(untouched.findings.filter((f) => f.code === "edited-after-submit")).toEqual([]);

    const values = grid.values.map((r) => [...(r ?? [])]);
    values[plan.layout.firstItemRow - 1][COL.self] = 1.5;
    const edited = readScorecard({ ...grid, values });
    const finding = edited.findings.find((f) => f.code === "edited-after-submit");
    expect(finding).toMatchObject({ severity: "error", cell: "I2" });
    expect(finding?.message.zh).toContain("2020-11-01");

    // While filling (填报中) the hash is not enforced.
    const reopened = readScorecard(
      planToGrid(
        buildPlan({
          rubric,
          station: "土桥镇",
          year: 2020,
          submission,
          entries: { self: { "1": 0 }, review: {}, evidence: {}, notes: {} },
        }),
      ),
    );
    expect(reopened.findings.some((f) => f.code === "edited-after-submit")).toBe(false);
  });
});

describe("the whole-workbook check's pauses", () => {
  it("lets the page draw once judging has held it SLICE_MS, not after every scorecard, and reports the end", async () => {
    const port = new MemoryPort();
    const stations = rubric.notice?.stations.slice(0, 10) ?? [];
    for (const station of stations) port.addScorecard({ rubric, station, year: 2020 });
    // The clock moves 20 ms each time it is read (once per scorecard): a pause every third one (60 ms ≥ 50),
    // and after the last.
    let clock = 0;
    const now = (): number => (clock += 20);
    const events: string[] = [];
    const { rows } = await scanWorkbook(port, {
      now,
      pause: async () => void events.push("pause"),
      onProgress: (p) => events.push(p.phase === "reading" ? "reading" : `${p.done}/${p.total}`),
    });
    expect(SLICE_MS).toBe(50);
    expect(rows).toHaveLength(10);
    expect(events).toEqual([
      "reading",
      "0/10",
      "3/10",
      "pause",
      "6/10",
      "pause",
      "9/10",
      "pause",
      "10/10",
      "pause",
    ]);
  });
});
