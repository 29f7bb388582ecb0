/*
 * Excel as it behaves now (issue 23 §3), each rule in test/support/fakeExcel.ts with its issue:
 * - protect()/unprotect() on a sheet already in that state is AccessDenied (office-js#6784);
 * - a value picked from a validation list raises no onChanged (#420 Windows, #3888 web), and requests wait
 *   while the list is open (#4936): the pane reads again on selection change and on focus;
 * - a co-author's change arrives with source "Remote" (#108, #1813): the pane shows it, and no redraw is made
 *   while others may be editing.
 */
import { OfficeAdapterError, OfficePort, type OfficePortOptions } from "../src/excel";
import { applyTransition } from "../src/review";
import { getRubric } from "../src/rubric";
import { COL, buildPlan, planToGrid, readScorecard, type GridValue } from "../src/sheet";
import { ScorecardSession } from "../src/taskpane/shared/session";
import { FakeExcel, a1 } from "./support/fakeExcel";

const rubric = getRubric("2020-trial");
const full: Record<string, GridValue> = Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));
const plan = buildPlan({
  rubric,
  station: "东城街道",
  year: 2020,
  entries: { self: full, review: {}, evidence: {}, notes: {} },
});
const cellOf = (id: string, col: number = COL.self): string =>
  a1((plan.layout.entryRows.get(id) ?? 0) - 1, col);

let fake: FakeExcel;
/** Errors the sessions reported; none expected. */
const errors: unknown[] = [];
const portOf = (f: FakeExcel, options: OfficePortOptions = {}): OfficePort =>
  new OfficePort({ run: f.run, isSetSupported: f.isSetSupported, ...options });
afterEach(() => {
  expect(fake.violations).toEqual([]);
  expect(errors.splice(0)).toEqual([]);
});

const seeded = (api = "1.14"): FakeExcel => {
  const f = new FakeExcel({ api });
  f.createSheet("封面");
  f.seedScorecard(plan, planToGrid(plan));
  f.activeId = f.sheet(plan.sheetName).id;
  return f;
};

/** Waits (up to 20 s, for a busy machine) until the condition holds. */
async function until(condition: () => boolean): Promise<void> {
  for (const start = Date.now(); !condition();) {
    if (Date.now() - start > 20_000) throw new Error("condition not met in 20 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const settle = async (f: FakeExcel, ms = 30): Promise<void> => {
  await f.settle();
  await new Promise((resolve) => setTimeout(resolve, ms));
  await f.settle();
};

describe("office-js#6784: protect and unprotect only on a sheet in the other state", () => {
  it("the fake refuses protect on a protected sheet and unprotect on an unprotected one with AccessDenied", async () => {
    fake = new FakeExcel();
    fake.createSheet("甲");
    const attempt = (f: (sheet: Excel.Worksheet) => void) =>
      fake
        .run(async (context) => {
          f(context.workbook.worksheets.getItem("甲"));
          await context.sync();
        })
        .catch((e: unknown) => e);
    expect(await attempt((sheet) => sheet.protection.unprotect())).toMatchObject({ code: "AccessDenied" });
    expect(await attempt((sheet) => sheet.protection.protect())).toBeUndefined();
    expect(await attempt((sheet) => sheet.protection.protect())).toMatchObject({ code: "AccessDenied" });
    expect(fake.sheet("甲").protection.protected).toBe(true);
  });

  it("render, appendRows and write never call either in the wrong state", async () => {
    fake = seeded();
    const port = portOf(fake);
    await port.render(plan); // protected sheet
    fake.sheet(plan.sheetName).protection.protected = false;
    await port.render(plan); // unprotected sheet
    await port.appendRows("变更记录", ["时间"], [["1"]]); // new log
    await port.appendRows("变更记录", ["时间"], [["2"]]); // protected log
    await port.write(plan.sheetName, [{ cell: cellOf("1", COL.notes + 3), value: "锁定的单元格" }]); // locked
    expect(fake.sheet(plan.sheetName).protection.protected).toBe(true);
    expect(fake.sheet("变更记录").protection.protected).toBe(true);
  });

  it("a write to a locked cell still lands when someone unprotects the sheet between the adapter's two round trips", async () => {
    fake = seeded();
    const syncs = fake.syncCount;
    fake.beforeSync = (n) => {
      if (n === syncs + 2) fake.sheet(plan.sheetName).protection.protected = false;
    };
    const locked = cellOf("1", COL.notes + 3);
    await portOf(fake).write(plan.sheetName, [{ cell: locked, value: "x" }]);
    fake.beforeSync = null;
    expect(fake.sheet(plan.sheetName).value(locked)).toBe("x");
    // Left as that person set it: unprotected, the adapter never lifted anything.
    expect(fake.entries("unprotect")).toHaveLength(0);
  });

  it("a redraw still completes when someone unprotects the sheet between the adapter's look and its drawing", async () => {
    fake = seeded();
    const syncs = fake.syncCount;
    fake.beforeSync = (n) => {
      if (n === syncs + 2) fake.sheet(plan.sheetName).protection.protected = false;
    };
    await portOf(fake).render(plan);
    fake.beforeSync = null;
    expect(fake.sheet(plan.sheetName).protection.protected).toBe(true);
    expect(readScorecard((await portOf(fake).readGrids([plan.sheetName]))[0]).findings).toEqual([]);
  });
});

describe("office-js#420 / #3888 / #4936: a value picked from a validation list", () => {
  const veto = cellOf("75.1");

  it("the fake raises no change event for it, and holds every request while the list is open", async () => {
    fake = seeded();
    const seen: string[] = [];
    const port = portOf(fake);
    await port.onChanged((sheet) => seen.push(sheet));
    fake.userOpenList(plan.sheetName, veto);
    let done = false;
    const read = port.readGrids([plan.sheetName]).then((grids) => {
      done = true;
      return grids;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false); // Excel.run waits while the list is open
    fake.userPickFromList(plan.sheetName, veto, "是");
    const [grid] = await read;
    await settle(fake);
    expect(seen).toEqual([plan.sheetName]); // once: the selection of the list's cell, not the pick
    expect(fake.delivered.filter((e) => e.kind === "changed")).toEqual([]);
    expect(readScorecard(grid).entries.self["75.1"]).toBe("是");
  });

  it.each(["1.14", "1.8"])(
    "ExcelApi %s: the pane shows the picked value once the clerk moves to another cell, without 重新检查",
    async (api) => {
      fake = seeded(api);
      const port = portOf(fake, { ownWriteWindowMs: 0 });
      const session = new ScorecardSession(port, {
        onError: (e) => errors.push(e),
        timing: { readDelay: 5 },
      });
      await session.start();
      expect(session.getSnapshot().view?.scores.self.vetoed).toBe(false);
      fake.userOpenList(plan.sheetName, veto);
      fake.userPickFromList(plan.sheetName, veto, "是");
      fake.userSelect(plan.sheetName, cellOf("75.2"));
      await until(() => session.getSnapshot().view?.entries.self["75.1"] === "是");
      expect(session.getSnapshot().view?.scores.self.vetoed).toBe(true);
      session.dispose();
    },
  );

  it("focus on the pane while the list is open queues one read, which shows the value once it is picked", async () => {
    fake = seeded();
    const port = portOf(fake);
    const session = new ScorecardSession(port, { onError: (e) => errors.push(e), timing: { readDelay: 5 } });
    await session.start();
    const reads = jest.spyOn(port, "readGrids");
    fake.userOpenList(plan.sheetName, veto);
    // Selecting the list's cell asked for a read, which now waits for the list (#4936).
    await until(() => reads.mock.calls.length === 1);
    const runs = fake.runs.length;
    for (let i = 0; i < 3; i++) {
      session.outsideChange(); // the pane got focus, three times
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    expect(reads).toHaveBeenCalledTimes(1); // no read queued behind the waiting one
    expect(fake.runs.length).toBe(runs);
    fake.userPickFromList(plan.sheetName, veto, "是");
    await until(() => session.getSnapshot().view?.entries.self["75.1"] === "是");
    // And one more, for what was asked meanwhile.
    await until(() => reads.mock.calls.length === 2);
    await settle(fake);
    expect(reads).toHaveBeenCalledTimes(2);
    session.dispose();
  });

  it("the pane's own select() is not taken for the clerk moving on", async () => {
    fake = seeded("1.13");
    const port = portOf(fake);
    const seen: string[] = [];
    await port.onChanged((sheet) => seen.push(sheet));
    await port.select(plan.sheetName, cellOf("3"));
    await settle(fake);
    expect(fake.delivered.some((e) => e.kind === "selection")).toBe(true);
    expect(seen).toEqual([]);
  });
});

describe("co-authoring (office-js#108, #1813): changes with source Remote", () => {
  it("before ExcelApi 1.14, a co-author's change inside the add-in's own-write window still updates the pane", async () => {
    let now = 1000;
    fake = seeded("1.13");
    const port = portOf(fake, { now: () => now });
    const seen: string[] = [];
    await port.onChanged((sheet) => seen.push(sheet));
    await port.write(plan.sheetName, [{ cell: cellOf("1"), value: 1 }]);
    await settle(fake);
    expect(seen).toEqual([]); // the add-in's own write
    fake.remoteEdit(plan.sheetName, cellOf("2"), 0);
    await settle(fake);
    expect(seen).toEqual([plan.sheetName]);
  });

  it("the pane's view follows a co-author's change", async () => {
    fake = seeded();
    const session = new ScorecardSession(portOf(fake), {
      onError: (e) => errors.push(e),
      timing: { readDelay: 5 },
    });
    await session.start();
    fake.remoteEdit(plan.sheetName, cellOf("1"), 0);
    await until(() => session.getSnapshot().view?.entries.self["1"] === 0);
    session.dispose();
  });

  it("no redraw while others may be editing: refused before anything changes, said as such; filling goes on", async () => {
    let now = 0;
    fake = seeded();
    const submitted = buildPlan({ rubric, station: "西城街道", year: 2020, state: "已提交" });
    fake.seedScorecard(submitted, planToGrid(submitted));
    const port = portOf(fake, { now: () => now, coauthorQuietMs: 60_000 });
    await port.onChanged(() => undefined);
    fake.remoteEdit(plan.sheetName, cellOf("2"), 1);
    await settle(fake);
    expect(port.othersMayBeEditing()).toBe(true);
    const logBefore = fake.log.length;
    const refused = await port.render(plan).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OfficeAdapterError);
    expect((refused as OfficeAdapterError).kind).toBe("co-authoring");
    const transition = await applyTransition(port, submitted.sheetName, "startReview", {
      now: new Date(),
      operator: "张三",
    }).catch((e: unknown) => e);
    expect((transition as OfficeAdapterError).kind).toBe("co-authoring");
    expect(fake.log.slice(logBefore).filter((e) => e.kind !== "select")).toEqual([]);
    expect(fake.sheet(plan.sheetName).protection.protected).toBe(true);
    // A scorecard of another station is a new sheet: nobody can be typing in it yet.
    await port.render(buildPlan({ rubric, station: "南城街道", year: 2020 }));
    // Entry cells are unlocked: written without lifting protection, as always.
    await port.write(plan.sheetName, [{ cell: cellOf("3"), value: 1 }]);
    expect(fake.sheet(plan.sheetName).value(cellOf("3"))).toBe(1);
    const locked = cellOf("1", COL.notes + 3);
    const lifting = await port.write(plan.sheetName, [{ cell: locked, value: "x" }]).catch((e: unknown) => e);
    expect((lifting as OfficeAdapterError).kind).toBe("co-authoring");
    // Quiet for the whole window: redrawing is allowed again.
    now += 60_000;
    expect(port.othersMayBeEditing()).toBe(false);
    await port.render(plan);
    expect(fake.entries("unprotect").length).toBeGreaterThan(0);
  });

  it("a local change does not count as others editing", async () => {
    fake = seeded();
    const port = portOf(fake);
    await port.onChanged(() => undefined);
    fake.userEdit(plan.sheetName, cellOf("2"), 1);
    await settle(fake);
    expect(port.othersMayBeEditing()).toBe(false);
    await port.render(plan);
  });
});
