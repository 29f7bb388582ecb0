import { createHash } from "crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Workbook, Worksheet } from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { COPIES_LIMIT, runSummary } from "../src/cli/commands/summary";
import {
  BASIS_TEXT,
  LIST_SHEET,
  ROLLUP_COL,
  ROLLUP_HEADERS,
  ROLLUP_SHEET,
  SOURCES_SHEET,
  SOURCES_SHEET_HEADERS,
  SOURCE_HEADERS,
  STATUS_TEXT,
  YEARS_SHEET,
  buildRollup,
  buildRollupPlans,
  verdictText,
  type Rollup,
} from "../src/rollup";
import { vetoText } from "../src/i18n/veto";
import { getRubric } from "../src/rubric";
import { VERDICT_TEXT, type GridValue, type ReadScorecard, type ScorecardState } from "../src/sheet";
import {
  cellFormula,
  cellGridValue,
  loadWorkbook,
  newWorkbook,
  readScorecards,
  renderPlan,
  workbookBytes,
} from "../src/xlsx";
import { convertWithLibreOffice, requireSoffice } from "./support/libreoffice";
import { randomFills } from "./support/fills";
import { submittedPlan } from "./support/submitted";

/*
 * The two shapes of `scorecard summary`'s workbook. With the stations' copies (a district's few: the default up
 * to COPIES_LIMIT scorecards of the year), the 汇总 refers to them live and LibreOffice recalculates it to the
 * engine's numbers; without (a city's thousand, or --no-copies), it holds the engine's values, each row naming its
 * file and that file's SHA-256, and the 来源文件 sheet lists every input and what became of it.
 */

const rubric = getRubric();
const STATIONS = rubric.notice?.stations ?? [];
const dir = mkdtempSync(join(tmpdir(), "scorecard-shapes-"));
const STATES: readonly ScorecardState[] = ["已提交", "复核中", "已复核", "填报中", "已提交"];
const POISON = -1234.5;

/** Inputs in command-line order: 12 stations of 2020 (one 填报中), a duplicate, a 2021 file, an unreadable one. */
const inputs: string[] = [];
const stationFiles: string[] = [];

async function write(file: string, station: string, year: number, seed: number, state: ScorecardState) {
  const [fill] = randomFills(rubric, 1, seed);
  const workbook = newWorkbook();
  renderPlan(workbook, submittedPlan({ rubric, station, year, entries: fill.entries, state }));
  writeFileSync(inDir(file), await workbookBytes(workbook));
}

beforeAll(async () => {
  for (let i = 0; i < 12; i++) {
    await write(`${i}.xlsx`, STATIONS[i], 2020, 40 + i, STATES[i % STATES.length]);
    stationFiles.push(`${i}.xlsx`);
  }
  copyFileSync(inDir("3.xlsx"), inDir("again.xlsx"));
  await write("2021.xlsx", STATIONS[0], 2021, 90, "已提交");
  writeFileSync(inDir("broken.xlsx"), "not a workbook");
  inputs.push(
    ...stationFiles.slice(0, 6),
    "again.xlsx",
    "broken.xlsx",
    ...stationFiles.slice(6),
    "2021.xlsx",
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `scorecard summary` of files in `dir`, named as the command is given them (the 来源文件 column shows them so). */
async function summary(args: { out: string; copies?: boolean }, files = inputs) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSummary(
    files.map(inDir),
    { out: inDir(args.out), force: true, copies: args.copies, today: "2020-11-06" },
    "zh",
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

const inDir = (file: string): string => join(dir, file);
const sha256 = (file: string): string =>
  `sha256:${createHash("sha256")
    .update(readFileSync(inDir(file)))
    .digest("hex")}`;

/** The engine's roll-up of the station files (2020), read by ExcelJS, each scorecard with the file it came from. */
async function engine(): Promise<{ rollup: Rollup; files: string[]; reads: ReadScorecard[] }> {
  const reads: ReadScorecard[] = [];
  const files: string[] = [];
  for (const file of stationFiles) {
    const [read] = readScorecards(await loadWorkbook(readFileSync(inDir(file))));
    reads.push(read);
    files.push(file);
  }
  return { rollup: buildRollup(reads, rubric), files, reads };
}

const C = ROLLUP_COL;
const sheetOf = (workbook: Workbook, name: string): Worksheet => {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};
const rowOf = (sheet: Worksheet, r: number, width: number): GridValue[] =>
  Array.from({ length: width }, (_, c) => cellGridValue(sheet.getCell(r, c + 1)));
const shown = (v: GridValue): GridValue => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v);

/** What each station row of the 汇总 must hold (A–N), from the engine; `sheet` as the shape names it. */
function expectedRows(rollup: Rollup, sheetName: (i: number, readIndex: number) => string): GridValue[][] {
  return rollup.rows.map((row, i) => {
    const none = row.readIndex === null;
    return [
      row.no,
      row.station,
      none ? null : sheetName(i, row.readIndex ?? 0),
      row.self?.total ?? null,
      row.review?.total ?? null,
      row.self ? VERDICT_TEXT[row.self.verdict] : null,
      row.review ? VERDICT_TEXT[row.review.verdict] : null,
      none ? null : row.total,
      verdictText(row.verdict),
      row.basis === null ? null : BASIS_TEXT[row.basis],
      90,
      row.missingEvidence,
      STATUS_TEXT[row.status],
      vetoText(rubric, row.vetoItems) || null,
    ].map(shown);
  });
}

/** Rewrites every formula's cached result, so that only a recalculation can bring the numbers back. */
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

describe("scorecard summary: the two shapes of the roll-up workbook", () => {
  let withCopies: Workbook;
  let without: Workbook;
  let recalculated: { with: Workbook; without: Workbook };
  let printed: { with: string[]; without: string[] };

  beforeAll(async () => {
    requireSoffice();
    const a = await summary({ out: "with.xlsx" });
    const b = await summary({ out: "without.xlsx", copies: false });
    expect([a.code, b.code]).toEqual([2, 2]); // broken.xlsx
    printed = { with: a.out, without: b.out };
    withCopies = await loadWorkbook(readFileSync(inDir("with.xlsx")));
    without = await loadWorkbook(readFileSync(inDir("without.xlsx")));
    // Both through LibreOffice, every cached result poisoned first.
    const poisoned: string[] = [];
    for (const name of ["with", "without"]) {
      const copy = await loadWorkbook(readFileSync(inDir(`${name}.xlsx`)));
      // Without copies, only the counts under the 汇总 and the 创建名单 are formulas.
      expect(poison(copy)).toBeGreaterThan(name === "with" ? 12 * 100 : 10);
      writeFileSync(inDir(`poisoned-${name}.xlsx`), await workbookBytes(copy));
      poisoned.push(inDir(`poisoned-${name}.xlsx`));
    }
    const result = await convertWithLibreOffice(poisoned, { to: "xlsx", outDir: inDir("lo") });
    recalculated = {
      with: await loadWorkbook(readFileSync(result.outputs[0])),
      without: await loadWorkbook(readFileSync(result.outputs[1])),
    };
  }, 240_000);

  it("copies the stations in by default when the year has at most COPIES_LIMIT scorecards, and says which shape it wrote", () => {
    expect(withCopies.worksheets.map((w) => w.name)).toEqual([
      ROLLUP_SHEET,
      LIST_SHEET,
      YEARS_SHEET,
      SOURCES_SHEET,
      ...stationFiles.map((_, i) => `${STATIONS[i]}2020评分表`),
    ]);
    expect(without.worksheets.map((w) => w.name)).toEqual([
      ROLLUP_SHEET,
      LIST_SHEET,
      YEARS_SHEET,
      SOURCES_SHEET,
    ]);
    expect(printed.with[1]).toBe("已附 12 个服务站的评分表副本，汇总表为引用副本的实时公式");
    expect(printed.without[1]).toMatch(
      /^未附评分表副本（12 个服务站，超过 50 个时默认不附；加 --copies 可附上）/,
    );
  });

  it("with copies: live formulas over the copies, which LibreOffice recalculates to the engine's numbers", async () => {
    const { rollup } = await engine();
    const { at } = buildRollupPlans(rollup);
    const sheet = sheetOf(withCopies, ROLLUP_SHEET);
    expect(cellFormula(sheet.getCell(at.firstRow, C.selfTotal + 1))).toBe(`'${STATIONS[0]}2020评分表'!F91`);
    const want = expectedRows(rollup, (i) => `${STATIONS[i]}2020评分表`);
    const got = rollup.rows.map((_, i) =>
      rowOf(sheetOf(recalculated.with, ROLLUP_SHEET), at.firstRow + i, ROLLUP_HEADERS.length).map(shown),
    );
    expect(got).toEqual(want);
  });

  it("without copies: the engine's values, no formula in a station row, each row with its file's name and SHA-256", async () => {
    const { rollup, files, reads } = await engine();
    const { at } = buildRollupPlans(rollup);
    const sheet = sheetOf(without, ROLLUP_SHEET);
    const width = ROLLUP_HEADERS.length + SOURCE_HEADERS.length;
    expect(rowOf(sheet, at.headerRow, width)).toEqual([...ROLLUP_HEADERS, ...SOURCE_HEADERS]);
    const want = expectedRows(rollup, (_, readIndex) => reads[readIndex].sheet).map((row, i) => {
      const readIndex = rollup.rows[i].readIndex;
      return [
        ...row,
        ...(readIndex === null ? [null, null] : [inDir(files[readIndex]), sha256(files[readIndex])]),
      ];
    });
    for (const book of [without, recalculated.without]) {
      const got = rollup.rows.map((_, i) =>
        rowOf(sheetOf(book, ROLLUP_SHEET), at.firstRow + i, width).map(shown),
      );
      expect(got).toEqual(want);
    }
    const formulas = rollup.rows.flatMap((_, i) =>
      Array.from({ length: width }, (__, c) => cellFormula(sheet.getCell(at.firstRow + i, c + 1))),
    );
    expect(formulas.filter((f) => f !== null)).toEqual([]);
    // The counts under the table still count, over the values.
    const stations = at.totals.stations ?? 0;
    expect(cellFormula(sheet.getCell(stations, C.selfTotal + 1))).toMatch(/^COUNTA\(/);
    expect(
      cellGridValue(sheetOf(recalculated.without, ROLLUP_SHEET).getCell(stations, C.selfTotal + 1)),
    ).toBe(rollup.totals.stations);
    const passed = at.totals.passed ?? 0;
    expect(cellGridValue(sheetOf(recalculated.without, ROLLUP_SHEET).getCell(passed, C.selfTotal + 1))).toBe(
      rollup.totals.passed,
    );
  });

  it("the 创建名单 lists the same passing stations either way", async () => {
    const { rollup } = await engine();
    const passing = rollup.rows.filter((r) => r.verdict === "pass").map((r) => [r.station, r.total]);
    for (const book of [recalculated.with, recalculated.without]) {
      const sheet = sheetOf(book, LIST_SHEET);
      expect(
        passing.map((_, i) => [
          cellGridValue(sheet.getCell(4 + i, 2)),
          cellGridValue(sheet.getCell(4 + i, 3)),
        ]),
      ).toEqual(passing);
    }
  });

  it("the 来源文件 sheet lists every input in order with its hash and what became of each scorecard", () => {
    for (const book of [withCopies, without]) {
      const sheet = sheetOf(book, SOURCES_SHEET);
      expect(rowOf(sheet, 3, SOURCES_SHEET_HEADERS.length)).toEqual([...SOURCES_SHEET_HEADERS]);
      const rows = inputs.map((_, i) => rowOf(sheet, 4 + i, SOURCES_SHEET_HEADERS.length));
      expect(rows.map((r) => r[1])).toEqual(inputs.map(inDir));
      // The unreadable file too: its bytes were read, only not as a workbook.
      expect(rows.map((r) => r[2])).toEqual(inputs.map(sha256));
      const use = Object.fromEntries(rows.map((r) => [r[1], r[7]]));
      expect(use[inDir("0.xlsx")]).toBe("计入汇总");
      expect(use[inDir("again.xlsx")]).toBe(`未计入：与${inDir("3.xlsx")}中的评分表为同一服务站、同一年度`);
      expect(use[inDir("broken.xlsx")]).toBe("未计入：无法读取");
      expect(use[inDir("2021.xlsx")]).toBe(`计入${YEARS_SHEET}（2021年）`);
      expect(rows[0].slice(3, 7)).toEqual([
        `${STATIONS[0]}2020评分表`,
        STATIONS[0],
        2020,
        STATUS_TEXT.submitted,
      ]);
    }
  });
});

describe("scorecard summary: when the copies go in", () => {
  /** `n` station files of 2020 made from one, each renamed (the station is in the shared strings and sheet name). */
  function many(n: number): string[] {
    const parts = unzipSync(readFileSync(inDir("0.xlsx")));
    return Array.from({ length: n }, (_, i) => {
      const copy = { ...parts };
      for (const name of ["xl/sharedStrings.xml", "xl/workbook.xml", "docProps/app.xml"])
        if (copy[name]) copy[name] = strToU8(strFromU8(copy[name]).split(STATIONS[0]).join(`城${i}街道`));
      const file = `many-${i}.xlsx`;
      writeFileSync(inDir(file), zipSync(copy));
      return file;
    });
  }

  it(`copies up to ${COPIES_LIMIT} scorecards of the year by default, none past it unless --copies`, async () => {
    const files = many(COPIES_LIMIT + 1);
    const sheets = async (out: string): Promise<number> =>
      (await loadWorkbook(readFileSync(inDir(out)))).worksheets.length;
    const limit = await summary({ out: "at.xlsx" }, files.slice(0, COPIES_LIMIT));
    expect(await sheets("at.xlsx")).toBe(3 + COPIES_LIMIT);
    expect(limit.out[1]).toMatch(/^已附 50 个/);
    const past = await summary({ out: "past.xlsx" }, files);
    expect(await sheets("past.xlsx")).toBe(3);
    expect(past.out[1]).toMatch(/^未附评分表副本（51 个服务站/);
    await summary({ out: "forced.xlsx", copies: true }, files);
    expect(await sheets("forced.xlsx")).toBe(3 + COPIES_LIMIT + 1);
  }, 120_000);
});
