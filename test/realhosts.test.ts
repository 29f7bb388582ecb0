/**
 * Issue "Real hosts, no lost data": the fake behaves like documented Excel, what users type comes back as
 * typed, no redraw loses anything, protected sheets, limits, and cached results in every file written.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ExcelJS from "exceljs";
import { main } from "../src/cli/main";
import fc from "fast-check";
import { OfficeAdapterError, OfficePort } from "../src/excel";
import { compliantWorkbook } from "../src/export/compliant";
import { applyTransition } from "../src/review/transitions";
import { buildRollup } from "../src/rollup";
import { buildRollupWorkbook } from "../src/rollup/xlsx";
import { getRubric } from "../src/rubric";
import {
  COL,
  MAX_ROW_HEIGHT,
  addr,
  buildPlan,
  planToGrid,
  readScorecard,
  sheetNameFor,
  type ScorecardEntries,
  type SheetPlan,
} from "../src/sheet";
import { populate, type WorkbookPort } from "../src/workbook";
import { XlsxPort, sheetToGrid } from "../src/xlsx";
import { FakeExcel, FakeOfficeError, parseA1 } from "./support/fakeExcel";
import { validValues } from "./support/fills";

const rubric = getRubric("2020-trial");
const portOf = (fake: FakeExcel, passwordFor?: (sheet: string) => string | undefined): OfficePort =>
  new OfficePort({ run: fake.run, isSetSupported: fake.isSetSupported, passwordFor });

/** Strings Excel would convert in a General cell, or take for a formula. */
const TRICKY = [
  "2023-05-01",
  "3/4",
  "15-Feb",
  "007",
  "1,200",
  "50%",
  "TRUE",
  "false",
  "1.50",
  "=SUM(A1:A2)",
  "+",
  "-",
  "+86 023-4567",
  "-见附件",
  "@台账",
  "'引号",
  "2020-11-01T08:00:00.000Z",
  "Feb 15",
  " 12 ",
];

const complete = (pick: (values: number[]) => number): Record<string, number | string> => {
  const column: Record<string, number | string> = {};
  for (const item of rubric.items) column[item.id] = pick(validValues(item));
  column.same = "否";
  for (const c of rubric.veto.conditions) column[c.key] = "否";
  return column;
};

/** Reads a scorecard sheet through a port. */
async function readBack(port: WorkbookPort, sheet: string): Promise<ScorecardEntries> {
  const [grid] = await port.readGrids([sheet]);
  return readScorecard(grid).entries;
}

describe("§1 the fake behaves like documented Excel", () => {
  it("converts strings written into General cells as typed input, keeps them in text (@) cells", async () => {
    const fake = new FakeExcel();
    const sheet = fake.createSheet("S");
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("S");
      ws.getRange("B1:B8").numberFormat = Array.from({ length: 8 }, () => ["@"]);
      const column = ["2023-05-01", "3/4", "15-Feb", "007", "1,200", "50%", "TRUE", "1.50"].map((v) => [v]);
      ws.getRange("A1:A8").values = column;
      ws.getRange("B1:B8").values = column;
      await context.sync();
    });
    expect(sheet.value("A1")).toBe(45047); // 2023-05-01 as a date serial
    expect(typeof sheet.value("A2")).toBe("number");
    expect(typeof sheet.value("A3")).toBe("number");
    expect([sheet.value("A4"), sheet.value("A5"), sheet.value("A6"), sheet.value("A7")]).toEqual([
      7,
      1200,
      0.5,
      true,
    ]);
    expect(sheet.value("A8")).toBe(1.5);
    expect(["B1", "B4", "B6", "B7"].map((a) => sheet.value(a))).toEqual(["2023-05-01", "007", "50%", "TRUE"]);
  });

  it("rejects a row height above 409 points", async () => {
    const fake = new FakeExcel();
    fake.createSheet("S");
    const error = await fake
      .run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("3:3").format.rowHeight = 410;
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "InvalidArgument" });
  });

  it("fails unprotect with a wrong password as BadPassword, and protect on a protected sheet", async () => {
    const fake = new FakeExcel();
    const sheet = fake.createSheet("S");
    Object.assign(sheet.protection, { protected: true, password: "pw" });
    const wrong = await fake
      .run(async (context) => {
        context.workbook.worksheets.getItem("S").protection.unprotect("nope");
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: "BadPassword" });
    const twice = await fake
      .run(async (context) => {
        context.workbook.worksheets.getItem("S").protection.protect();
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(FakeOfficeError);
  });

  it("compares sheet names without case: add fails with ItemAlreadyExists, getItem finds either spelling", async () => {
    const fake = new FakeExcel();
    fake.createSheet("XINQIAO2020评分表");
    expect(() => fake.createSheet("Xinqiao2020评分表")).toThrow(
      expect.objectContaining({ code: "ItemAlreadyExists" }),
    );
    const name = await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("xinqiao2020评分表");
      ws.load("name");
      await context.sync();
      return ws.name;
    });
    expect(name).toBe("XINQIAO2020评分表");
  });

  it("populate repairs the scorecard whose name differs only in case instead of failing", async () => {
    const fake = new FakeExcel();
    const upper = buildPlan({
      rubric,
      station: "XINQIAO",
      year: 2020,
      entries: { ...emptyWith({ "1": 2 }) },
    });
    await portOf(fake).render(upper);
    const result = await populate(portOf(fake), { rubric, station: "Xinqiao", year: 2020 });
    expect(result.repaired).toBe(true);
    expect(fake.sheets.map((s) => s.name)).toEqual([upper.sheetName]);
    expect((await readBack(portOf(fake), "Xinqiao2020评分表")).self["1"]).toBe(2);
  });

  it("fails a response over 5 MB, as Excel on the web does", async () => {
    const fake = new FakeExcel();
    const sheet = fake.createSheet("Big");
    for (let r = 0; r < 100_000; r++) sheet.cell(r, 0).value = `第${r}行的很长的台账内容，重复以填满响应`;
    const error = await fake
      .run(async (context) => {
        const used = context.workbook.worksheets.getItem("Big").getUsedRangeOrNullObject(true);
        used.load("values");
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("raises onChanged for format changes; the adapter ignores its own, without a round trip per event", async () => {
    const fake = new FakeExcel({ api: "1.9" }); // no triggerSource: the own-write guard decides
    fake.createSheet("Sheet1");
    const port = portOf(fake);
    const plan = buildPlan({ rubric, station: "东城街道", year: 2020 });
    await port.render(plan);
    const seen: string[] = [];
    await port.onChanged((sheet) => seen.push(sheet));
    const runs = fake.runs.length;
    await port.render(plan);
    await fake.settle();
    const formatEvents = fake.delivered.filter((e) => e.kind === "changed" && e.byAddin).length;
    expect(formatEvents).toBeGreaterThan(50);
    expect(seen).toEqual([]);
    // The redraw is one run; event names come from the id cache, not from a run each.
    expect(fake.runs.length - runs).toBe(1);
    fake.userEdit(plan.sheetName, "H5", "台账.pdf");
    await fake.settle();
    expect(seen).toEqual([]); // still inside the own-write window of the redraw
  });

  it("freezing panes on an inactive sheet raises onActivated for it; the adapter does not pass it on", async () => {
    const fake = new FakeExcel();
    fake.createSheet("Sheet1");
    const port = portOf(fake);
    const activated: string[] = [];
    await port.onActivated((sheet) => activated.push(sheet));
    await port.appendRows("变更记录", ["时间", "操作"], [["2020-11-01 08:00:00", "提交"]]);
    await fake.settle();
    expect(fake.delivered.some((e) => e.kind === "activated")).toBe(true);
    expect(activated).toEqual([]);
    expect(fake.find(fake.activeId)?.name).toBe("Sheet1");
  });
});

function emptyWith(self: Record<string, number | string>): ScorecardEntries {
  return { self, review: {}, evidence: {}, notes: {} };
}

describe("§2 what users type comes back exactly as typed", () => {
  const evidence = Object.fromEntries(TRICKY.map((t, i) => [String(i + 1), t]));
  const notes = Object.fromEntries(TRICKY.map((t, i) => [String(i + 30), t]));
  const signature = { filler: "007", reviewer: "-", date: "2020-10-30" };
  const entries: ScorecardEntries = { self: {}, review: {}, evidence, notes, signature };

  it("Office.js: render, then the pane's writes into text cells and into General cells of an older sheet", async () => {
    const fake = new FakeExcel();
    const plan = buildPlan({ rubric, station: "007", year: 2020, entries });
    const port = portOf(fake);
    await port.render(plan);
    const read = readScorecard((await port.readGrids([plan.sheetName]))[0]);
    expect(read.entries.evidence).toEqual(evidence);
    expect(read.entries.notes).toEqual(notes);
    expect(read.entries.signature).toEqual(signature);
    expect(read.meta.station).toBe("007");

    // A sheet drawn before text formats existed: every cell General.
    const old = new FakeExcel();
    const empty = buildPlan({ rubric, station: "东城街道", year: 2020 });
    old.seedScorecard(empty, planToGrid(empty));
    const rows = empty.layout.entryRows;
    const writes = TRICKY.map((t, i) => ({
      cell: addr(COL.evidence, rows.get(String(i + 1)) ?? 0),
      value: t,
    }));
    await portOf(old).write(empty.sheetName, writes);
    expect((await readBack(portOf(old), empty.sheetName)).evidence).toEqual(evidence);
  });

  it("the .xlsx path keeps them too, with text cells formatted @", async () => {
    const port = new XlsxPort();
    const plan = buildPlan({ rubric, station: "007", year: 2020, entries });
    await port.render(plan);
    const reopened = await XlsxPort.load(await port.toBuffer());
    const read = readScorecard((await reopened.readGrids([plan.sheetName]))[0]);
    expect(read.entries.evidence).toEqual(evidence);
    expect(read.entries.signature).toEqual(signature);
    const sheet = reopened.workbook.getWorksheet(plan.sheetName);
    expect(sheet?.getCell(addr(COL.evidence, plan.layout.firstItemRow)).numFmt).toBe("@");
  });

  it("sheet names are cut by code points: a CJK Extension B character is never split", () => {
    const station = `${"桥".repeat(21)}𠀋𠀋镇`;
    const name = sheetNameFor(station, 2020);
    expect([...name].some((ch) => ch.length === 1 && /[\uD800-\uDFFF]/.test(ch))).toBe(false);
    expect(name.startsWith(`${"桥".repeat(21)}𠀋`)).toBe(true);
  });
});

describe("§3 no redraw loses anything", () => {
  const ids = [...rubric.items.map((i) => i.id), "same", ...rubric.veto.conditions.map((c) => c.key)];
  const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ minLength: 1, maxLength: 30 }));
  const content = fc.record({
    seed: fc.integer({ min: 0, max: 1000 }),
    evidence: fc.dictionary(fc.constantFrom(...ids), text, { maxKeys: 12 }),
    notes: fc.dictionary(fc.constantFrom(...ids), text, { maxKeys: 8 }),
    links: fc.dictionary(
      fc.constantFrom(...ids),
      fc.constantFrom("台账.pdf", "file:///D:/佐证/会议记录.docx", "https://example.org/a"),
      { maxKeys: 4 },
    ),
    filler: text,
    reviewer: text,
    date: fc.constantFrom("2020-10-30", "2020年10月30日", "10/30"),
    unit: text,
    head: text,
    phone: fc.constantFrom("023-45671234", "13800138000", "+86 23 4567 1234"),
    reviewUnit: text,
    reviewPerson: text,
    reviewDate: fc.constantFrom("2020-11-05", "2020年11月5日"),
  });
  type Content = typeof content extends fc.Arbitrary<infer T> ? T : never;

  const entriesOf = (c: Content): ScorecardEntries => {
    const at = (values: number[]): number => values[c.seed % values.length];
    const trimmed = (r: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(r).filter(([, v]) => v.trim() !== ""));
    const evidence = trimmed({
      ...c.evidence,
      ...Object.fromEntries(Object.keys(c.links).map((k) => [k, c.evidence[k] ?? "附件"])),
    });
    const links = Object.fromEntries(
      Object.entries(c.links).filter(([k]) => (evidence[k] ?? "").trim() !== ""),
    );
    const signature = trimmed({
      filler: c.filler,
      reviewer: c.reviewer,
      date: c.date,
      unit: c.unit,
      head: c.head,
      phone: c.phone,
      reviewUnit: c.reviewUnit,
      reviewPerson: c.reviewPerson,
      reviewDate: c.reviewDate,
    });
    return {
      self: complete(at),
      review: complete((values) => values[(c.seed + 1) % values.length]),
      evidence,
      notes: trimmed(c.notes),
      ...(Object.keys(links).length > 0 ? { links } : {}),
      ...(Object.keys(signature).length > 0 ? { signature } : {}),
    };
  };
  const kept = (e: ScorecardEntries): unknown => ({
    self: e.self,
    review: e.review,
    evidence: e.evidence,
    notes: e.notes,
    links: e.links ?? {},
    signature: e.signature ?? {},
  });

  const redraws = async (port: WorkbookPort, plan: SheetPlan): Promise<ScorecardEntries[]> => {
    const out: ScorecardEntries[] = [];
    const now = new Date("2020-11-01T08:00:00Z");
    await populate(port, { rubric, station: plan.meta.station, year: plan.meta.year });
    out.push(await readBack(port, plan.sheetName));
    for (const transition of ["submit", "startReview", "finishReview", "reopen"] as const) {
      await applyTransition(port, plan.sheetName, transition, { now, operator: "张三", reason: "补充材料" });
      out.push(await readBack(port, plan.sheetName));
    }
    return out;
  };

  it("Office.js: repair and every state change keep entries, evidence, notes, links and the signature", async () => {
    await fc.assert(
      fc.asyncProperty(content, async (c) => {
        const entries = entriesOf(c);
        const fake = new FakeExcel();
        const plan = buildPlan({ rubric, station: "东城街道", year: 2020, entries });
        const port = portOf(fake);
        await port.render(plan);
        for (const after of await redraws(port, plan)) expect(kept(after)).toEqual(kept(entries));
      }),
      { numRuns: 8 },
    );
  });

  it(".xlsx: repair, state changes, the compliant export and the roll-up's copy keep them too", async () => {
    await fc.assert(
      fc.asyncProperty(content, async (c) => {
        const entries = entriesOf(c);
        const plan = buildPlan({ rubric, station: "东城街道", year: 2020, entries });
        const port = new XlsxPort();
        await port.render(plan);
        for (const after of await redraws(port, plan)) expect(kept(after)).toEqual(kept(entries));
        const saved = await XlsxPort.load(await port.toBuffer());
        const read = readScorecard((await saved.readGrids([plan.sheetName]))[0]);
        expect(kept(read.entries)).toEqual(kept(entries));
        const exported = compliantWorkbook(read);
        expect(kept(readScorecard(sheetToGrid(exported.worksheets[0])).entries)).toEqual(kept(entries));
        const rollupBook = buildRollupWorkbook(buildRollup([read], rubric), [read]);
        const copy = rollupBook.worksheets.find((w) => w.name === plan.sheetName);
        expect(copy).toBeDefined();
        if (copy) expect(kept(readScorecard(sheetToGrid(copy)).entries)).toEqual(kept(entries));
      }),
      { numRuns: 6 },
    );
  });
});

describe("§3 the command line keeps the signature line and linked evidence", () => {
  it("scorecard export and summary of a card signed 张三 / 李四 / 2020-10-30 with 台账.pdf linked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "signed-"));
    const entries: ScorecardEntries = {
      self: complete((v) => v[v.length - 1]),
      review: {},
      evidence: { "1": "台账.pdf" },
      notes: {},
      links: { "1": "台账.pdf" },
      signature: {
        filler: "张三",
        reviewer: "李四",
        date: "2020-10-30",
        unit: "巴川街道退役军人服务站",
        head: "王五",
        phone: "023-45671234",
      },
    };
    // Submitted: the compliant (上报) copy is made only from a submitted or reviewed card.
    const plan = buildPlan({ rubric, station: "巴川街道", year: 2020, entries, state: "已提交" });
    const port = new XlsxPort();
    await port.render(plan);
    const source = join(dir, "巴川街道.xlsx");
    writeFileSync(source, await port.toBuffer());
    const io = { out: (): void => undefined, err: (): void => undefined };
    const exported = join(dir, "上报.xlsx");
    const summary = join(dir, "汇总.xlsx");
    expect(await main(["export", source, "-o", exported], io)).toBe(0);
    expect(await main(["summary", source, "-o", summary], io)).toBe(0);
    for (const file of [exported, summary]) {
      const book = await XlsxPort.load(readFileSync(file));
      const read = readScorecard((await book.readGrids([plan.sheetName]))[0]);
      expect({ file, signature: read.entries.signature, links: read.entries.links }).toEqual({
        file,
        signature: entries.signature,
        links: entries.links,
      });
    }
  });
});

describe("§4 protected sheets", () => {
  const entries: ScorecardEntries = {
    self: { "1": 2 },
    review: {},
    evidence: { "1": "台账.pdf" },
    notes: {},
  };
  const plan = buildPlan({ rubric, station: "东城街道", year: 2020, entries, password: "pw" });

  it("a redraw of a password-protected sheet without the password fails as bad-password and changes nothing", async () => {
    const fake = new FakeExcel();
    await portOf(fake).render(plan);
    const before = fake.log.length;
    const withoutPassword = buildPlan({ rubric, station: "东城街道", year: 2020, entries });
    const error = await portOf(fake)
      .render(withoutPassword)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeAdapterError);
    expect((error as OfficeAdapterError).kind).toBe("bad-password");
    expect(fake.log.slice(before).filter((e) => e.kind !== "freezeRows")).toEqual([]);
    expect(fake.sheet(plan.sheetName).protection).toMatchObject({ protected: true, password: "pw" });
  });

  it("a render that fails at any step leaves the sheet protected and every entry readable", async () => {
    // Record the operations of one redraw: the first of each kind, and a spread of all of them.
    const probe = new FakeExcel();
    await portOf(probe).render(plan);
    const start = probe.opIndex;
    const ops: string[] = [];
    probe.failOp = (what) => {
      ops.push(what);
      return false;
    };
    await portOf(probe).render(plan);
    const firsts = [...new Set(ops)].map((what) => ({ what, step: ops.indexOf(what) + 1 }));
    const spread = Array.from({ length: 10 }, (_, k) => Math.floor(((k + 1) * ops.length) / 11));
    expect(firsts.length).toBeGreaterThan(20);
    expect(start).toBeGreaterThan(0);
    const cases = [
      // A host that refuses protect() itself cannot be left protected by anyone; every other kind can fail.
      ...firsts
        .filter(({ what }) => what !== "WorksheetProtection.protect")
        .map(({ what, step }) => ({ step, always: what })),
      ...firsts.map(({ step }) => ({ step, always: null })),
      ...spread.map((step) => ({ step, always: null })),
    ];
    for (const { step, always } of cases) {
      const fake = new FakeExcel();
      await portOf(fake).render(plan);
      const base = fake.opIndex;
      // Once at that step (a transient failure), or at every operation of that kind (a host that refuses it).
      fake.failOp = always === null ? (_what, i) => i === base + step : (what) => what === always;
      const outcome = await portOf(fake)
        .render(plan)
        .then(() => "ok")
        .catch(() => "failed");
      fake.failOp = null;
      const sheet = fake.sheet(plan.sheetName);
      expect({ step, always, protected: sheet.protection.protected }).toEqual({
        step,
        always,
        protected: true,
      });
      const read = readScorecard((await portOf(fake).readGrids([plan.sheetName]))[0]);
      expect({ step, always, self: read.entries.self["1"], evidence: read.entries.evidence["1"] }).toEqual({
        step,
        always,
        self: 2,
        evidence: "台账.pdf",
      });
      if (always === null) expect({ step, outcome }).toEqual({ step, outcome: "ok" });
    }
  });

  it("a state change writes 状态 and its 变更记录 row together or not at all", async () => {
    const fake = new FakeExcel();
    const full = buildPlan({
      rubric,
      station: "东城街道",
      year: 2020,
      entries: { ...entries, self: complete((v) => v[0]) },
    });
    await portOf(fake).render(full);
    fake.failOp = (what) => what === "Range.values"; // the log row cannot be written
    const error = await applyTransition(portOf(fake), full.sheetName, "submit", {
      now: new Date("2020-11-01T08:00:00Z"),
      operator: "张三",
    }).catch((e: unknown) => e);
    fake.failOp = null;
    expect(error).toBeDefined();
    const read = readScorecard((await portOf(fake).readGrids([full.sheetName]))[0]);
    expect(read.meta.state).toBe("填报中");
    expect(read.meta.submission).toBeUndefined();
    expect(fake.find("变更记录")?.value("A2") ?? null).toBeNull();
    expect(fake.sheet(full.sheetName).protection.protected).toBe(true);
  });
});

describe("§5 limits", () => {
  it("row heights stay within 409 pt; a 1,000-character note renders and reads back", async () => {
    const note = "会议记录".repeat(250);
    const entries: ScorecardEntries = {
      self: {},
      review: {},
      evidence: { "2": "台账\n".repeat(40) },
      notes: { "1": note, "75.1": note },
    };
    const plan = buildPlan({ rubric, station: "东城街道", year: 2020, entries });
    expect(Math.max(...plan.rowHeights)).toBe(MAX_ROW_HEIGHT);
    const fake = new FakeExcel();
    await portOf(fake).render(plan);
    const read = readScorecard((await portOf(fake).readGrids([plan.sheetName]))[0]);
    expect(read.entries.notes["1"]).toBe(note);
    expect(read.entries.notes["75.1"]).toBe(note);
    const xlsx = new XlsxPort();
    await xlsx.render(plan);
    const reopened = await XlsxPort.load(await xlsx.toBuffer());
    expect(readScorecard((await reopened.readGrids([plan.sheetName]))[0]).entries.notes["1"]).toBe(note);
  });
});

describe("§6 cached results in every file written", () => {
  it("after edits in file mode the saved file caches what the engine computes, 汇总 included", async () => {
    const port = new XlsxPort();
    const plan = buildPlan({ rubric, station: "东城街道", year: 2020 });
    await port.render(plan);
    const self = complete((v) => v[v.length - 1]);
    const rows = plan.layout.entryRows;
    await port.write(
      plan.sheetName,
      Object.entries(self).map(([id, value]) => ({ cell: addr(COL.self, rows.get(id) ?? 0), value })),
    );
    const bytes = await port.toBuffer();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes));
    const sheet = book.getWorksheet(plan.sheetName);
    if (!sheet) throw new Error("sheet missing");
    const read = readScorecard(sheetToGrid(sheet));
    const s = plan.layout.summaryRows;
    const cached = (row: number): unknown => sheet.getCell(addr(COL.self, row)).result;
    expect(cached(s.total)).toBe(read.scores.self.total);
    expect(cached(s.verdict)).toBe("达标");
    expect(read.scores.self.total).toBeGreaterThanOrEqual(90);
    const { r1 } = parseA1(addr(COL.self, s.base));
    expect(sheet.getCell(r1 + 1, COL.self + 1).result).toBe(read.scores.self.base);
  });
});
