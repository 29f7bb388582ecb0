/*
 * Hostile and costly sheets (test/support/hostileSheets.ts) through every reader: check and summary read them all
 * in one process each, export each one in a process of its own, and the page's loader in-process. Each ends within
 * a time bound (generous: it catches hangs, not a slow minute) and, measured per process, under 300 MB, with the
 * right refusal in one line or the right reading.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { isScorecard, readScorecard } from "../src/sheet";
import { areaText } from "../src/sheet/areas";
import { XlsxPort } from "../src/xlsx";
import { streamWorkbook } from "../src/xlsx/stream/read";
import type { WorkbookSheet } from "../src/xlsx/stream/workbook";
import {
  HOSTILE_SHEETS,
  MILLION_ROWS,
  MILLION_ROWS_ON_SCORECARD,
  SHEET,
  hostileSheets,
  refusalKind,
  type SheetFixture,
} from "./support/hostileSheets";
import { measuredCli, type MeasuredRun } from "./support/measuredCli";

jest.setTimeout(600_000);

/** Per process: the bounds every reader keeps. */
const MAX_RSS_MB = 300;
const MAX_SECONDS = 60;

let dir: string;
let fixtures: SheetFixture[];
let cli: (args: readonly string[], cwd: string) => MeasuredRun;
const fileOf = (name: string): string => `${(fixtures ?? []).findIndex((f) => f.name === name)}.xlsx`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "scorecard-hostile-"));
  fixtures = await hostileSheets({ millionRows: true });
  for (const f of fixtures) writeFileSync(join(dir, fileOf(f.name)), f.bytes);
  cli = measuredCli(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const within = (run: MeasuredRun): void => {
  expect(run.rssMb).toBeLessThanOrEqual(MAX_RSS_MB);
  expect(run.seconds).toBeLessThan(MAX_SECONDS);
  expect(run.stderr).not.toMatch(/\n\s+at |RangeError|TypeError|heap out of memory/);
};

interface FileEntry {
  readonly file: string;
  readonly error?: string;
  readonly scorecards: readonly { sheet: string; self: { total: number; verdict: string } }[];
}

describe("hostile sheets end within bounds, refused for their reason or read right", () => {
  it("check reads or refuses every one, in one process under 300 MB", () => {
    const names = [...HOSTILE_SHEETS, MILLION_ROWS, MILLION_ROWS_ON_SCORECARD];
    const run = cli(["check", "--json", ...names.map(fileOf)], dir);
    within(run);
    const files = (JSON.parse(run.stdout) as { files: FileEntry[] }).files;
    const refusals = run.stderr.trim().split("\n");
    for (const f of fixtures) {
      const entry = files.find((e) => e.file === fileOf(f.name));
      if ("refused" in f.expected) {
        expect([f.name, entry?.scorecards]).toEqual([f.name, []]);
        // One line naming the file and the reason, in the user's language.
        expect(refusals.filter((l) => l.startsWith(`无法读取 ${fileOf(f.name)}：`))).toHaveLength(1);
        expect([f.name, entry?.error]).toEqual([
          f.name,
          expect.stringMatching(REASONS[f.expected.refused] ?? /./),
        ]);
      } else {
        expect([f.name, entry?.error]).toEqual([f.name, undefined]);
        expect([f.name, entry?.scorecards.map((c) => [c.sheet, c.self.total, c.self.verdict])]).toEqual([
          f.name,
          [[SHEET, 91.5, "pass"]],
        ]);
      }
    }
    expect(run.status).toBe(2);
  });

  it("summary reads the readable ones and names the others, in one process under 300 MB", () => {
    const run = cli(["summary", ...fixtures.map((f) => fileOf(f.name)), "-o", "汇总.csv", "--force"], dir);
    within(run);
    for (const f of fixtures)
      expect([f.name, run.stderr.includes(`无法读取 ${fileOf(f.name)}：`)]).toEqual([
        f.name,
        "refused" in f.expected,
      ]);
  });

  it.each([...HOSTILE_SHEETS.slice(0, 5), MILLION_ROWS, MILLION_ROWS_ON_SCORECARD])(
    "export of “%s” ends under 300 MB",
    (name) => {
      const f = fixtures.find((x) => x.name === name) as SheetFixture;
      // A draft: the fixtures are 填报中, and only a submitted scorecard gives the copy to report.
      const run = cli(["export", fileOf(name), "-o", `${fileOf(name)}-上报.xlsx`, "--draft", "--force"], dir);
      within(run);
      if ("page" in f.expected && f.expected.page) {
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(REASONS[f.expected.page] ?? /./);
      } else expect([run.status, run.stderr]).toEqual([0, ""]);
    },
  );

  it.each([...HOSTILE_SHEETS, MILLION_ROWS, MILLION_ROWS_ON_SCORECARD])(
    "the page's loader on “%s”",
    async (name) => {
      const f = fixtures.find((x) => x.name === name) as SheetFixture;
      const t0 = performance.now();
      const loaded = await XlsxPort.load(f.bytes).then(
        (port) => port,
        (e: unknown) => e,
      );
      expect((performance.now() - t0) / 1000).toBeLessThan(MAX_SECONDS);
      const refused = "refused" in f.expected ? f.expected.refused : f.expected.page;
      if (refused) {
        expect(refusalKind(loaded)).toBe(refused);
        return;
      }
      const grids = await (loaded as XlsxPort).readGrids();
      const card = readScorecard(grids.filter(isScorecard)[0]);
      expect([card.scores.self.total, card.scores.self.verdict]).toEqual([91.5, "pass"]);
    },
  );
});

describe("what the page holds back from ExcelJS it saves back as it was", () => {
  it.each([
    [
      "five whole-column list validations",
      (sheet: WorkbookSheet) => sheet.grid.guards?.validatedAreas ?? [],
      "L1:L1048576",
    ],
    [
      "a whole-sheet merge on another sheet",
      (sheet: WorkbookSheet) => sheet.merges.map(areaText),
      "A1:XFD1048576",
    ],
  ] as const)("%s", async (name, areas, area) => {
    const f = fixtures.find((x) => x.name === name) as SheetFixture;
    const port = await XlsxPort.load(f.bytes);
    const saved = streamWorkbook(await port.toBuffer());
    expect(saved.sheets.flatMap(areas)).toContain(area);
  });
});

/** What each refusal's line says (zh), so that the reason, not just any failure, is checked. */
const REASONS: Partial<Record<string, RegExp>> = {
  "beyond-sheet": /超出了 Excel 工作表的范围/,
  "shared-part": /共用同一个部件/,
  "cell-twice": /单元格 F7 写了两次/,
  "row-twice": /第 7 行写了两次/,
  "unknown-cell-type": /类型未知（t="zz"）/,
  "bad-value": /与其类型不符/,
  "misplaced-cell": /第 3 行中写着单元格 A4/,
  "merges-overlap": /合并单元格 A1:B2 与 B2:C3 重叠/,
  "malformed-xml": /不是格式正确的 XML/,
  "shared-string": /共享字符串 99999 不存在/,
  modelCells: /超过网页、导出和抽查一次能载入的 200,000 个/,
};
