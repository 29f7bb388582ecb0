import type { Workbook, Worksheet } from "exceljs";
import JSZip from "jszip";
import { readFile, writeFile } from "fs/promises";
import { join } from "path";
import { getRubric, type Rubric } from "../src/rubric";
import { scoreScorecard, YES, type Verdict } from "../src/scoring";
import {
  VERDICT_TEXT,
  buildPlan,
  evidenceStatus,
  planToGrid,
  readScorecard,
  type GridValue,
  type ReadScorecard,
  type ScorecardEntries,
  type ScorecardState,
} from "../src/sheet";
import {
  BASIS_TEXT,
  LIST_HEADERS,
  LIST_SHEET,
  MISSING_TEXT,
  REACHED_TEXT,
  ROLLUP_COL,
  ROLLUP_HEADERS,
  ROLLUP_SHEET,
  STATUS_TEXT,
  TOTAL_LABELS,
  VERDICT_COLOURS,
  buildRollup,
  buildRollupPlans,
  csvField,
  listCsv,
  summaryCsv,
  targetCount,
  type Rollup,
  type RollupStatus,
  type RollupVerdict,
} from "../src/rollup";
import { vetoText } from "../src/i18n/veto";
import { addChart, buildRollupWorkbook, rollupBytes } from "../src/rollup/xlsx";
import { cellFormula, cellGridValue, loadWorkbook, readScorecards, workbookBytes } from "../src/xlsx";
import { compactEntries, randomFill } from "./support/fills";
import { submittedPlan } from "./support/submitted";
import { convertWithLibreOffice, requireSoffice, tempDir } from "./support/libreoffice";

const rubric = getRubric("2020-trial");
const notice = rubric.notice ?? { stations: [] as string[], year: 0, targetRate: 0, issuer: "" };
const STATIONS = notice.stations;
/** The station left without a scorecard: one in the middle, so 未提交 is not just the last row. */
const MISSING = "土桥镇";
const POISON = -1234.5;

interface Card {
  readonly station: string;
  readonly entries: ScorecardEntries;
  readonly state: ScorecardState;
}

/** A scorecard as the pane leaves it: past 填报中 with the submission (hash and time) it records. */
const readOf = (card: Card, year = 2020): ReadScorecard =>
  readScorecard(
    planToGrid(
      submittedPlan({ rubric, station: card.station, year, entries: card.entries, state: card.state }),
    ),
  );

/** 16 seeded scorecards for the notice's stations, all but MISSING. */
const cards: Card[] = STATIONS.filter((s) => s !== MISSING).map((station, i) => ({
  station,
  entries: randomFill(rubric, 100 + i).entries,
  // In this order the seeds give every counted verdict, a draft whose own scores pass, and a deciding review.
  state: (["已提交", "填报中", "复核中", "已复核"] as const)[i % 4],
}));
const reads = cards.map((c) => readOf(c));

interface Expected {
  readonly station: string;
  readonly status: RollupStatus;
  readonly selfTotal: number;
  /** Null until the review has started. */
  readonly reviewTotal: number | null;
  readonly self: Verdict;
  readonly review: Verdict | null;
  readonly total: number;
  readonly verdict: RollupVerdict;
  readonly basis: "self" | "review" | null;
  readonly vetoItems: readonly string[];
}

const STATUS_OF = { 填报中: "draft", 已提交: "submitted", 复核中: "reviewing", 已复核: "reviewed" } as const;

/**
 * The engine's numbers, with the rules written out again here: a scorecard still 填报中 is 未提交 whatever its
 * scores; the review shows once 复核中 or 已复核, and counts once it is not 未完成.
 */
function expectedOf(card: Card): Expected {
  const s = scoreScorecard(rubric, card.entries.self, card.entries.review);
  const reviewShown = card.state === "复核中" || card.state === "已复核";
  const reviewCounts = reviewShown && s.review.verdict !== "incomplete";
  const counted = reviewCounts ? s.review : s.self;
  const submitted = card.state !== "填报中";
  return {
    station: card.station,
    status: STATUS_OF[card.state],
    selfTotal: s.self.total,
    reviewTotal: reviewShown ? s.review.total : null,
    self: s.self.verdict,
    review: reviewShown ? s.review.verdict : null,
    total: counted.total,
    verdict: submitted ? counted.verdict : "unsubmitted",
    basis: submitted ? (reviewCounts ? "review" : "self") : null,
    vetoItems: submitted && counted.vetoed ? counted.vetoConditions : [],
  };
}
const expected = cards.map(expectedOf);
const expectedPassed = expected.filter((e) => e.verdict === "pass").length;

const fullMarks = (): Record<string, number> =>
  Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));
const entries = (
  self: ScorecardEntries["self"],
  review: ScorecardEntries["review"] = {},
): ScorecardEntries => ({
  self,
  review,
  evidence: {},
  notes: {},
});
const passing = (station: string): Card => ({ station, entries: entries(fullMarks()), state: "已提交" });
const failing = (station: string): Card => ({
  station,
  entries: entries({ ...fullMarks(), "1": 0, "2": 0, "3": 0, "9": 0, "18": 0, "57": 0 }),
  state: "已提交",
});

describe("buildRollup: the numbers are the engine's", () => {
  const rollup = buildRollup(reads, rubric);

  it("has one row per station the notice names, in its order, the missing one 未提交", () => {
    expect(STATIONS).toHaveLength(17);
    expect(rollup.named).toBe(true);
    expect(rollup.year).toBe(2020);
    expect(rollup.issuer).toBe("重庆市铜梁区退役军人事务局");
    expect(rollup.rows.map((r) => r.station)).toEqual(STATIONS);
    expect(rollup.rows.map((r) => r.no)).toEqual(STATIONS.map((_, i) => i + 1));
    const missing = rollup.rows.find((r) => r.station === MISSING);
    expect(missing).toMatchObject({
      sheet: null,
      readIndex: null,
      status: "missing",
      total: null,
      verdict: "unsubmitted",
    });
    expect(rollup.duplicates).toEqual([]);
    expect(rollup.excluded).toEqual([]);
  });

  it("takes totals and verdicts from scoreScorecard, the review when it is finished, 未提交 while 填报中", () => {
    const got = rollup.rows
      .filter((r) => r.status !== "missing")
      .map((r) => ({
        station: r.station,
        status: r.status,
        selfTotal: r.self?.total,
        reviewTotal: r.review?.total ?? null,
        self: r.self?.verdict,
        review: r.review?.verdict ?? null,
        total: r.total,
        verdict: r.verdict,
        basis: r.basis,
        vetoItems: r.vetoItems,
      }));
    expect(got).toEqual(expected);
    expect(rollup.rows.filter((r) => r.sheet !== null).map((r) => r.sheet)).toEqual(
      cards.map((c) => `${c.station}2020评分表`),
    );
  });

  it("covers every counted verdict and both bases", () => {
    expect(new Set(expected.map((e) => e.verdict))).toEqual(
      new Set(["pass", "fail", "veto", "incomplete", "unsubmitted"]),
    );
    expect(new Set(expected.map((e) => e.basis))).toEqual(new Set(["self", "review", null]));
    // A station still 填报中 whose own scores pass: received, never counted as 达标.
    expect(expected.some((e) => e.status === "draft" && e.self === "pass")).toBe(true);
    // A review that differs from the self-assessment and decides the row.
    expect(expected.some((e) => e.basis === "review" && e.self !== e.review)).toBe(true);
  });

  it("counts stations received, submitted, reviewed and missing apart, and passes against ceil(60% × 17) = 11", () => {
    const inState = (state: ScorecardState): number => cards.filter((c) => c.state === state).length;
    expect(rollup.totals).toEqual({
      stations: 17,
      received: 16,
      submitted: 16 - inState("填报中"),
      reviewed: inState("已复核"),
      missing: 1,
      passed: expectedPassed,
      rate: expectedPassed / 17,
      targetRate: 0.6,
      target: 11,
      needed: Math.max(0, 11 - expectedPassed),
      reached: expectedPassed >= 11,
      counts: {
        pass: expectedPassed,
        fail: expected.filter((e) => e.verdict === "fail").length,
        veto: expected.filter((e) => e.verdict === "veto").length,
        incomplete: expected.filter((e) => e.verdict === "incomplete").length,
        unsubmitted: 1 + inState("填报中"),
      },
    });
  });

  it("counts a submission only while its hash holds: typed 状态 or a later change is 未提交", () => {
    const [a, b, c] = STATIONS;
    const submitted = readOf(passing(a));
    const edited: ReadScorecard = {
      ...submitted,
      meta: { ...submitted.meta, station: b },
      entries: { ...submitted.entries, self: { ...submitted.entries.self, "1": 0 } },
    };
    const typed = readScorecard(
      planToGrid(buildPlan({ rubric, station: c, year: 2020, entries: passing(c).entries, state: "已复核" })),
    );
    const rows = buildRollup([submitted, edited, typed], rubric).rows;
    expect(rows.slice(0, 3).map((r) => [r.status, r.verdict, r.basis])).toEqual([
      ["submitted", "pass", "self"],
      ["edited", "unsubmitted", null],
      ["unrecorded", "unsubmitted", null],
    ]);
    const totals = buildRollup([submitted, edited, typed], rubric).totals;
    expect(totals).toMatchObject({ received: 3, submitted: 1, reviewed: 0, passed: 1 });
  });

  it("reaches the target at exactly 11 passes, needs one more at 10", () => {
    const eleven = STATIONS.map((s, i) => readOf(i < 11 ? passing(s) : failing(s)));
    expect(buildRollup(eleven, rubric).totals).toMatchObject({
      passed: 11,
      target: 11,
      needed: 0,
      reached: true,
    });
    const ten = STATIONS.map((s, i) => readOf(i < 10 ? passing(s) : failing(s)));
    expect(buildRollup(ten, rubric).totals).toMatchObject({ passed: 10, needed: 1, reached: false });
    expect(buildRollup([], rubric).totals).toMatchObject({ stations: 17, passed: 0, needed: 11 });
    expect(buildRollup([], rubric).rows.every((r) => r.verdict === "unsubmitted")).toBe(true);
  });

  it("rounds the target up without binary noise", () => {
    expect(targetCount(0.6, 17)).toBe(11);
    expect(targetCount(0.6, 5)).toBe(3); // 0.6 × 5 = 3.0000000000000004 in binary
    expect(targetCount(0.6, 10)).toBe(6);
    expect(targetCount(0.6, 0)).toBe(0);
  });

  it("lets a finished review decide once it has started, a veto in an unfinished review too, else the self-assessment", () => {
    const [a, b, c, d] = STATIONS;
    const rows = buildRollup(
      [
        readOf({ station: a, state: "已复核", entries: entries(fullMarks(), failing(a).entries.self) }),
        readOf({ station: b, state: "复核中", entries: entries(fullMarks(), { "1": 2, "75.1": YES }) }),
        readOf({ station: c, state: "复核中", entries: entries(fullMarks(), { "1": 2, "2": 1 }) }),
        // Review scores typed before 开始复核: no review yet, the self-assessment counts.
        readOf({ station: d, state: "已提交", entries: entries(failing(d).entries.self, fullMarks()) }),
      ],
      rubric,
    ).rows;
    expect(rows.slice(0, 4).map((r) => [r.basis, r.verdict, r.total, r.review?.total ?? null])).toEqual([
      ["review", "fail", 88, 88],
      ["review", "veto", 2, 2],
      ["self", "pass", 100, 3],
      ["self", "fail", 88, null],
    ]);
    expect(rows[1].vetoItems).toEqual(["75.1"]);
  });

  it("keeps the first scorecard of a station and year, leaves out other years and editions, lists unnamed stations last", () => {
    const first = readOf(passing("巴川街道"));
    const again = readOf(failing("巴川街道"));
    const suffixed = readOf(failing("东城街道 退役军人服务站"));
    const otherYear = readOf(passing("南城街道"), 2021);
    const unnamed = readOf(passing("测试街道"));
    const otherEdition: ReadScorecard = {
      ...readOf(passing("蒲吕街道")),
      meta: { ...first.meta, edition: "2099" },
    };
    const rollup = buildRollup([first, again, suffixed, otherYear, unnamed, otherEdition], rubric);
    expect(rollup.duplicates).toEqual([{ index: 1, keptIndex: 0 }]);
    expect(rollup.excluded).toEqual([
      { index: 3, reason: "year" },
      { index: 5, reason: "edition" },
    ]);
    expect(rollup.notNamed).toEqual([4]);
    expect(rollup.rows).toHaveLength(18);
    expect(rollup.rows[17]).toMatchObject({ no: 18, station: "测试街道", readIndex: 4, verdict: "pass" });
    expect(rollup.rows[0]).toMatchObject({ station: "巴川街道", readIndex: 0, verdict: "pass" });
    expect(rollup.rows[1]).toMatchObject({
      station: "东城街道",
      readIndex: 2,
      sheet: "东城街道 退役军人服务站2020评分表",
    });
    expect(rollup.totals).toMatchObject({
      stations: 18,
      passed: 2,
      target: 11,
      counts: { unsubmitted: 15, fail: 1 },
    });
    expect(buildRollup([otherYear], rubric).year).toBe(2021);
    expect(buildRollup([otherYear], rubric, { year: 2020 }).excluded).toEqual([{ index: 0, reason: "year" }]);
  });

  it("without a notice, has one row per scorecard and no target", () => {
    const plain: Rubric = { ...rubric, notice: undefined };
    const rollup = buildRollup([readOf(passing("甲街道")), readOf(failing("乙镇"))], plain);
    expect(rollup.named).toBe(false);
    expect(rollup.rows.map((r) => [r.station, r.verdict])).toEqual([
      ["甲街道", "pass"],
      ["乙镇", "fail"],
    ]);
    expect(rollup.totals).toMatchObject({ stations: 2, passed: 1, rate: 0.5, target: null, needed: null });
    const plans = buildRollupPlans(rollup);
    expect(plans.at.totals.target).toBeUndefined();
    expect(plans.summary.cells[0][0]?.value).toBe("2020年全国示范型退役军人服务站创建情况汇总表");
  });
});

describe("the 汇总 plan", () => {
  const rollup = buildRollup(reads, rubric);
  const plans = buildRollupPlans(rollup);
  const { at } = plans;
  const cell = (row: number, col: number) => plans.summary.cells[row - 1][col];

  it("keeps the header texts (a contract) and names the year and bureau in the title", () => {
    expect(ROLLUP_HEADERS).toEqual([
      "序号",
      "服务站",
      "工作表",
      "自评总分",
      "复核总分",
      "自评结论",
      "复核结论",
      "认定总分",
      "认定结论",
      "认定依据",
      "达标线",
      "缺佐证项数",
      "状态",
      "否决原因",
    ]);
    expect(LIST_HEADERS).toEqual(["序号", "服务站", "总分", "结论"]);
    expect(plans.summary.sheetName).toBe("汇总");
    expect(plans.list.sheetName).toBe("创建名单");
    expect(plans.summary.cells[at.headerRow - 1].map((c) => c?.value)).toEqual([...ROLLUP_HEADERS]);
    expect(cell(1, 0)?.value).toBe("重庆市铜梁区退役军人事务局2020年全国示范型退役军人服务站创建情况汇总表");
    // The bureau on a line of its own, so that the portrait list never breaks inside a word.
    expect(plans.list.cells[0][0]?.value).toBe(
      "重庆市铜梁区退役军人事务局\n2020年全国示范型退役军人服务站创建名单",
    );
    const notes = plans.summary.cells.flat().map((c) => String(c?.value ?? ""));
    expect(notes.some((n) => n.startsWith("认定规则"))).toBe(true);
    // The rule under the table says a scorecard still 填报中 never passes nor stands on the 创建名单.
    expect(notes.some((n) => /填报中.*未提交.*不计为达标.*不列入创建名单/.test(n))).toBe(true);
  });

  it("names another unit in both titles and the 报送单位 when asked (--unit)", () => {
    const other = buildRollupPlans(buildRollup(reads, rubric, { unit: "重庆市退役军人事务局" }));
    expect(other.summary.cells[0][0]?.value).toBe(
      "重庆市退役军人事务局2020年全国示范型退役军人服务站创建情况汇总表",
    );
    expect(other.list.cells[0][0]?.value).toBe(
      "重庆市退役军人事务局\n2020年全国示范型退役军人服务站创建名单",
    );
    expect(other.list.cells.flat().map((c) => c?.value)).toContain("报送单位（盖章）：重庆市退役军人事务局");
  });

  it("refers live to each station sheet's total (row 91) and verdict (row 94), gated by the 状态", () => {
    const r = at.firstRow;
    const submitted = `OR(M${r}="已提交",M${r}="复核中",M${r}="已复核")`;
    const reviewShown = `OR(M${r}="复核中",M${r}="已复核")`;
    const reviewOpen = `OR(G${r}="",G${r}="未完成")`;
    expect(cell(r, ROLLUP_COL.status)).toEqual({
      value: STATUS_TEXT[rollup.rows[0].status],
      style: "verdict",
    });
    expect(cell(r, ROLLUP_COL.selfTotal)?.formula).toBe("'巴川街道2020评分表'!F91");
    expect(cell(r, ROLLUP_COL.reviewTotal)?.formula).toBe(`IF(${reviewShown},'巴川街道2020评分表'!G91,"")`);
    expect(cell(r, ROLLUP_COL.selfVerdict)?.formula).toBe("'巴川街道2020评分表'!F94");
    expect(cell(r, ROLLUP_COL.reviewVerdict)?.formula).toBe(`IF(${reviewShown},'巴川街道2020评分表'!G94,"")`);
    expect(cell(r, ROLLUP_COL.total)?.formula).toBe(`IF(${reviewOpen},D${r},E${r})`);
    expect(cell(r, ROLLUP_COL.verdict)?.formula).toBe(
      `IF(${submitted},IF(${reviewOpen},F${r},G${r}),"未提交")`,
    );
    expect(cell(r, ROLLUP_COL.vetoReason)?.formula).toMatch(
      new RegExp(
        `^IF\\(I${r}="否决",IF\\(OR\\(G${r}="",G${r}="未完成"\\),MID\\(IF\\('巴川街道2020评分表'!F79="是","、75\\.1 发生重大群体性事件的",""\\)&`,
      ),
    );
    const missing = at.firstRow + STATIONS.indexOf(MISSING);
    expect(cell(missing, ROLLUP_COL.station)?.value).toBe(MISSING);
    expect(cell(missing, ROLLUP_COL.verdict)).toEqual({ value: MISSING_TEXT, style: "verdict" });
    for (const c of [ROLLUP_COL.sheet, ROLLUP_COL.selfTotal, ROLLUP_COL.total, ROLLUP_COL.basis])
      expect(cell(missing, c)?.formula).toBeUndefined();
    const t = at.totals;
    const range = `I${at.firstRow}:I${at.lastRow}`;
    expect(cell(t.stations ?? 0, 3)?.formula).toBe(`COUNTA(B${at.firstRow}:B${at.lastRow})`);
    expect(cell(t.passed ?? 0, 3)?.formula).toBe(`COUNTIF(${range},"达标")`);
    expect(cell(t.unsubmitted ?? 0, 3)?.formula).toBe(`COUNTIF(${range},"未提交")`);
    const status = `M${at.firstRow}:M${at.lastRow}`;
    expect(cell(t.missing ?? 0, 3)?.formula).toBe(`COUNTIF(${status},"未收到")`);
    expect(cell(t.reviewed ?? 0, 3)?.formula).toBe(`COUNTIF(${status},"已复核")`);
    expect(cell(t.target ?? 0, 3)?.formula).toBe(`ROUNDUP(ROUND(D${t.targetRate}*D${t.stations},6),0)`);
    expect(cell(t.needed ?? 0, 3)?.formula).toBe(`MAX(0,D${t.target}-D${t.passed})`);
    for (const [key, label] of Object.entries(TOTAL_LABELS))
      expect(cell(t[key as keyof typeof TOTAL_LABELS] ?? 0, 0)?.value).toBe(label);
  });

  it("uses only functions Excel 2010, WPS and LibreOffice share", () => {
    const formulas = [plans.summary, plans.list].flatMap((p) =>
      p.cells.flat().flatMap((c) => c?.formula ?? []),
    );
    const used = new Set(formulas.flatMap((f) => [...f.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1])));
    expect([...used].sort()).toEqual([
      "COUNTA",
      "COUNTIF",
      "IF",
      "ISNUMBER",
      "LEN",
      "MAX",
      "MID",
      "OR",
      "ROUND",
      "ROUNDUP",
      "SUMPRODUCT",
      "TRIM",
    ]);
  });

  it("lists the passing stations on the 创建名单, referring to their 汇总 rows", () => {
    const rows = plans.list.cells.slice(3, 3 + expectedPassed);
    expect(rows.map((r) => r[1]?.value)).toEqual(
      expected.filter((e) => e.verdict === "pass").map((e) => e.station),
    );
    expect(rows.map((r) => r[0]?.value)).toEqual(rows.map((_, i) => i + 1));
    const first = rollup.rows.find((r) => r.verdict === "pass");
    expect(rows[0][2]?.formula).toBe(`'汇总'!H${at.firstRow + (first?.no ?? 0) - 1}`);
  });
});

describe("the 创建名单 CSV", () => {
  it("is UTF-8 with a BOM and CRLF, header first, one line per passing station, with basis, state and edition", () => {
    const csv = listCsv(buildRollup(reads, rubric));
    expect(csv.startsWith("\uFEFF序号,服务站,总分,结论,认定依据,状态,标准\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines.pop()).toBe("");
    const want = expected.filter((e) => e.verdict === "pass");
    expect(lines.slice(1)).toEqual(
      want.map(
        (e, i) =>
          `${i + 1},${e.station},${e.total},达标,${BASIS_TEXT[e.basis ?? "self"]},${STATUS_TEXT[e.status]},试行标准（2020）`,
      ),
    );
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("as the whole 汇总 (--csv summary): each station's state, verdict and veto items, then the counts", () => {
    const rollup = buildRollup(reads, rubric);
    const lines = summaryCsv(rollup).slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "序号,服务站,自评总分,复核总分,自评结论,复核结论,认定总分,认定结论,认定依据,缺佐证项数,状态,否决原因,标准",
    );
    const rowOf = (station: string): string[] =>
      (lines.find((l) => l.split(",")[1] === station) ?? "").split(",");
    for (const e of expected) {
      const row = rowOf(e.station);
      expect([row[7], row[10], row[11], row[12]]).toEqual([
        e.verdict === "unsubmitted" ? MISSING_TEXT : VERDICT_TEXT[e.verdict],
        STATUS_TEXT[e.status],
        vetoText(rubric, e.vetoItems),
        "试行标准（2020）",
      ]);
      expect(row[3]).toBe(e.reviewTotal === null ? "" : String(e.reviewTotal));
    }
    expect(rowOf(MISSING).slice(10, 11)).toEqual(["未收到"]);
    expect(lines).toContain(`收到数,16`);
    expect(lines).toContain(`未收到数,1`);
    expect(lines).toContain(`已提交数,${rollup.totals.submitted}`);
    expect(lines).toContain(`未提交数,${rollup.totals.counts.unsubmitted}`);
  });

  it("neutralises text that a spreadsheet would run as a formula, and quotes per RFC 4180", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"].map(csvField)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
    ]);
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(-1)).toBe("-1");
    expect(csvField(null)).toBe("");
    const plain: Rubric = { ...rubric, notice: undefined };
    const csv = listCsv(buildRollup([readOf(passing('=HYPERLINK("x")'))], plain));
    expect(csv).toContain(`1,"'=HYPERLINK(""x"")",100,达标,自评,已提交,试行标准（2020）\r\n`);
  });
});

// ---------------------------------------------------------------------------------------------------------

/** Rewrites every formula's cached result, so a file LibreOffice did not recalculate cannot pass. */
function poison(workbook: Workbook): number {
  let n = 0;
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        const formula = cellFormula(c);
        if (formula === null) return;
        c.value = { formula, result: POISON };
        n++;
      }),
    );
  return n;
}

const sheetOf = (workbook: Workbook | undefined, name: string): Worksheet => {
  const sheet = workbook?.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};

const shown = (v: GridValue): GridValue => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v);

/** What the 汇总 must show, from the engine's numbers (not from the plan's cached results). */
function expectedSummary(rollup: Rollup): Map<string, GridValue> {
  const { at } = buildRollupPlans(rollup);
  const want = new Map<string, GridValue>();
  const C = ROLLUP_COL;
  const letter = (c: number): string => String.fromCharCode(65 + c);
  STATIONS.forEach((station, i) => {
    const r = at.firstRow + i;
    const e = expected.find((x) => x.station === station);
    const put = (c: number, v: GridValue): void => void want.set(`${letter(c)}${r}`, v);
    put(C.no, i + 1);
    put(C.station, station);
    put(C.passLine, 90);
    const read = reads.find((x) => x.meta.station === station);
    put(C.missingEvidence, read ? evidenceStatus(read).missing.length : null);
    put(C.status, STATUS_TEXT[e?.status ?? "missing"]);
    if (!e) {
      for (const c of [
        C.sheet,
        C.selfTotal,
        C.reviewTotal,
        C.selfVerdict,
        C.reviewVerdict,
        C.total,
        C.basis,
        C.vetoReason,
      ])
        put(c, null);
      put(C.verdict, MISSING_TEXT);
      return;
    }
    // Blank, not 0: a formula's "" reads back as an empty cell.
    const blank = null;
    put(C.sheet, `${station}2020评分表`);
    put(C.selfTotal, e.selfTotal);
    put(C.reviewTotal, e.reviewTotal ?? blank);
    put(C.selfVerdict, VERDICT_TEXT[e.self]);
    put(C.reviewVerdict, e.review === null ? blank : VERDICT_TEXT[e.review]);
    put(C.total, e.total);
    put(C.verdict, e.verdict === "unsubmitted" ? MISSING_TEXT : VERDICT_TEXT[e.verdict]);
    put(C.basis, e.basis === null ? blank : BASIS_TEXT[e.basis]);
    put(C.vetoReason, vetoText(rubric, e.vetoItems) || blank);
  });
  const t = at.totals;
  const count = (v: RollupVerdict): number => expected.filter((e) => e.verdict === v).length;
  const inStatus = (s: RollupStatus): number => expected.filter((e) => e.status === s).length;
  const totals: [number | undefined, GridValue][] = [
    [t.stations, 17],
    [t.received, 16],
    [t.submitted, inStatus("submitted") + inStatus("reviewing") + inStatus("reviewed")],
    [t.reviewed, inStatus("reviewed")],
    [t.missing, 1],
    [t.passed, expectedPassed],
    [t.fail, count("fail")],
    [t.veto, count("veto")],
    [t.incomplete, count("incomplete")],
    [t.unsubmitted, 1 + count("unsubmitted")],
    [t.rate, expectedPassed / 17],
    [t.targetRate, 0.6],
    [t.target, 11],
    [t.needed, Math.max(0, 11 - expectedPassed)],
    [t.reached, expectedPassed >= 11 ? REACHED_TEXT.yes : REACHED_TEXT.no],
  ];
  for (const [row, v] of totals) want.set(`D${row}`, v);
  return want;
}

describe("the roll-up workbook", () => {
  const rollup = buildRollup(reads, rubric);
  let bytes: Uint8Array;
  let zip: JSZip;

  beforeAll(async () => {
    bytes = await rollupBytes(rollup, reads);
    zip = await JSZip.loadAsync(bytes);
  });

  it("holds 汇总, 创建名单 and a copy of each scorecard with its entries and state", async () => {
    const workbook = await loadWorkbook(bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      ROLLUP_SHEET,
      LIST_SHEET,
      ...cards.map((c) => `${c.station}2020评分表`),
    ]);
    const copies = readScorecards(workbook);
    expect(copies.map((c) => c.meta.station)).toEqual(cards.map((c) => c.station));
    copies.forEach((copy, i) => {
      expect(compactEntries(copy.entries)).toEqual(compactEntries(cards[i].entries));
      expect(copy.meta.state).toBe(cards[i].state);
      expect(copy.findings).toEqual([]);
    });
    // Cached results are the engine's values.
    const sheet = sheetOf(workbook, ROLLUP_SHEET);
    const mismatches = [...expectedSummary(rollup)].filter(
      ([a, v]) => shown(cellGridValue(sheet.getCell(a))) !== shown(v),
    );
    expect(mismatches).toEqual([]);
  });

  it("colours each bar by its 认定结论, names the colours in the legend and labels the bars at their foot", async () => {
    const chart = (await zip.file("xl/charts/chart1.xml")?.async("string")) ?? "";
    const barChart = chart.slice(chart.indexOf("<c:barChart>"), chart.indexOf("</c:barChart>"));
    const [bars, ...legend] = barChart.split("</c:ser>").slice(0, -1);
    const points = [
      ...bars.matchAll(/<c:dPt><c:idx val="(\d+)"\/>.*?<a:srgbClr val="([0-9A-F]{6})"\/>.*?<\/c:dPt>/g),
    ];
    expect(points.map((m) => [Number(m[1]), m[2]])).toEqual(
      rollup.rows.map((row, i) => [i, VERDICT_COLOURS[row.verdict]]),
    );
    // Every colour appears: a draft (未提交) in grey however high its own total, a veto in red.
    expect(new Set(points.map((m) => m[2]))).toEqual(new Set(Object.values(VERDICT_COLOURS)));
    const named = legend.map((ser) => [
      /<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/.exec(ser)?.[1],
      /<a:srgbClr val="([0-9A-F]{6})"\/>/.exec(ser)?.[1],
    ]);
    expect(named).toEqual([
      ["达标", VERDICT_COLOURS.pass],
      ["未达标", VERDICT_COLOURS.fail],
      ["否决", VERDICT_COLOURS.veto],
      ["未完成", VERDICT_COLOURS.incomplete],
      ["未提交", VERDICT_COLOURS.unsubmitted],
    ]);
    expect(barChart).toContain('<c:overlap val="100"/>');
    expect(chart).toContain('<c:legendEntry><c:idx val="0"/><c:delete val="1"/></c:legendEntry>');
    // Labels inside the foot of the bar, where the 90 line never crosses them; 95, not 95.0.
    expect(bars).toContain('<c:dLblPos val="inBase"/>');
    expect(bars).toContain('<c:numFmt formatCode="General" sourceLinked="0"/>');
  });

  it("carries the chart: chart, drawing and relationship parts, the sheet's <drawing>, content types", async () => {
    const chart = (await zip.file("xl/charts/chart1.xml")?.async("string")) ?? "";
    expect(chart).toContain("<c:barChart>");
    expect(chart).toContain("<c:lineChart>");
    expect(chart).toContain(`<c:f>'汇总'!$H$4:$H$20</c:f>`);
    expect(chart).toContain(`<c:f>'汇总'!$K$4:$K$20</c:f>`);
    expect(chart).toContain(`<c:f>'汇总'!$B$4:$B$20</c:f>`);
    const line = chart.slice(chart.indexOf("<c:lineChart>"));
    expect((line.match(/<c:pt idx="\d+"><c:v>90<\/c:v>/g) ?? []).length).toBe(17);
    const drawingRels = (await zip.file("xl/drawings/_rels/drawing1.xml.rels")?.async("string")) ?? "";
    expect(drawingRels).toContain('Target="../charts/chart1.xml"');
    const sheetXml = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    expect(sheetXml).toMatch(/<drawing r:id="rId\d+"\/><\/worksheet>$/);
    const sheetRels = (await zip.file("xl/worksheets/_rels/sheet1.xml.rels")?.async("string")) ?? "";
    expect(sheetRels).toContain('Target="../drawings/drawing1.xml"');
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
  });
});

describe("LibreOffice recalculates the 汇总 to the engine's numbers", () => {
  const rollup = buildRollup(reads, rubric);
  let converted: Workbook | undefined;
  let convertedZip: JSZip | undefined;
  let poisoned = 0;
  let ms = 0;
  let dir: { path: string; remove: () => Promise<void> } | undefined;

  beforeAll(async () => {
    requireSoffice();
    dir = await tempDir("rollup-libreoffice-");
    const plans = buildRollupPlans(rollup);
    const workbook = buildRollupWorkbook(rollup, reads, plans);
    poisoned = poison(workbook);
    const input = join(dir.path, "rollup.xlsx");
    await writeFile(input, await addChart(await workbookBytes(workbook), plans.chart));
    const result = await convertWithLibreOffice([input], { to: "xlsx", outDir: join(dir.path, "out") });
    ms = result.ms;
    const out = await readFile(result.outputs[0]);
    converted = await loadWorkbook(out);
    convertedZip = await JSZip.loadAsync(out);
    process.stdout.write(`roll-up of 16 scorecards recalculated by LibreOffice in ${ms} ms\n`);
  }, 240_000);

  afterAll(async () => {
    await dir?.remove();
  });

  it("started from wrong cached results everywhere", () => {
    // 16 scorecards × 154 formulas, 汇总 and 创建名单.
    expect(poisoned).toBeGreaterThan(16 * 100);
    expect(ms).toBeGreaterThan(0);
  });

  it("every 汇总 cell equals the engine's number", () => {
    const sheet = sheetOf(converted, ROLLUP_SHEET);
    const mismatches = [...expectedSummary(rollup)]
      .map(([a, v]) => [a, shown(cellGridValue(sheet.getCell(a))), shown(v)])
      .filter(([, got, want]) => got !== want);
    expect(mismatches).toEqual([]);
  });

  it("the 创建名单 shows the passing stations' totals", () => {
    const sheet = sheetOf(converted, LIST_SHEET);
    const want = expected.filter((e) => e.verdict === "pass");
    const got = want.map((_, i) =>
      [4 + i, 2, 3, 4].map((c, k) => (k === 0 ? c : cellGridValue(sheet.getCell(4 + i, c)))),
    );
    expect(got).toEqual(want.map((e, i) => [4 + i, e.station, e.total, "达标"]));
  });

  it("keeps the chart and the scorecards", async () => {
    const charts = Object.keys(convertedZip?.files ?? {}).filter((p) =>
      /^xl\/charts\/chart\d+\.xml$/.test(p),
    );
    expect(charts).toHaveLength(1);
    const chart = (await convertedZip?.file(charts[0])?.async("string")) ?? "";
    expect(chart).toMatch(/barChart/);
    expect(chart).toMatch(/lineChart/);
    expect(chart).toContain("$H$4:$H$20");
    const copies = readScorecards(converted as Workbook);
    expect(copies.map((c) => compactEntries(c.entries))).toEqual(cards.map((c) => compactEntries(c.entries)));
  });
});
