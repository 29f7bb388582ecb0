import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { checkFile } from "../src/cli/commands/check";
import { runSummary } from "../src/cli/commands/summary";
import { scanWorkbook } from "../src/review";
import { getRubric } from "../src/rubric";
import { COL, addr, layoutFor, type Finding } from "../src/sheet";
import { XlsxPort, newWorkbook, renderPlan, workbookBytes } from "../src/xlsx";
import { writeWorkbookFile } from "../src/xlsx/files";
import { randomFills } from "./support/fills";
import { submittedPlan } from "./support/submitted";

/*
 * One check everywhere: the pane's 检查整个工作簿 (scanWorkbook through a WorkbookPort, here the XlsxPort of
 * the browser file mode) and `scorecard check` (the streaming reader) give the same findings, kind for kind and
 * cell for cell, for the same workbook.
 */

const rubric = getRubric();
const layout = layoutFor(rubric);
const dir = mkdtempSync(join(tmpdir(), "scorecard-same-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Key = string;
const keyOf = (f: { item: string; cell: string; severity: string; code?: string }): Key =>
  `${f.code} ${f.severity} ${f.item} ${f.cell}`;

/** Per sheet, the findings of the pane's check. */
async function paneFindings(bytes: Uint8Array): Promise<Map<string, Key[]>> {
  const port = await XlsxPort.load(bytes);
  const { rows } = await scanWorkbook(port, { pause: async () => undefined });
  return new Map(rows.map((r) => [r.sheet, r.findings.map((f: Finding) => keyOf(f))]));
}

/** Per sheet, the issues of `scorecard check`. */
async function cliFindings(file: string): Promise<Map<string, Key[]>> {
  const checked = await checkFile(file, "zh");
  expect(checked.error).toBeUndefined();
  return new Map(checked.scorecards.map((c) => [c.sheet, c.issues.map(keyOf)]));
}

describe("the pane's whole-workbook check and `scorecard check` agree", () => {
  it("on a 汇总 workbook of 17 stations: the same errors and warnings, no-evidence ones included", async () => {
    const stations = rubric.notice?.stations ?? [];
    const files: string[] = [];
    for (const [i, fill] of randomFills(rubric, stations.length, 41).entries()) {
      const workbook = newWorkbook();
      const self = { ...fill.entries.self };
      // One invalid entry and one station whose self-assessment was changed after submission.
      if (i === 2) self["12"] = "２";
      const plan = submittedPlan({
        rubric,
        station: stations[i],
        year: 2020,
        entries: { ...fill.entries, self },
        state: i % 2 === 0 ? "填报中" : "已提交",
      });
      renderPlan(workbook, plan);
      if (i === 3) workbook.worksheets[0].getCell(addr(COL.self, layout.entryRows.get("1") ?? 0)).value = 0;
      const file = join(dir, `${stations[i]}.xlsx`);
      await writeWorkbookFile(workbook, file);
      files.push(file);
    }
    const out = join(dir, "汇总.xlsx");
    expect(
      await runSummary(
        files,
        { out, force: false },
        "zh",
        () => undefined,
        () => undefined,
      ),
    ).toBe(0);

    const pane = await paneFindings(new Uint8Array(readFileSync(out)));
    const cli = await cliFindings(out);
    expect([...pane.keys()]).toEqual([...cli.keys()]);
    expect(pane.size).toBe(17);
    for (const [sheet, findings] of cli) expect([sheet, pane.get(sheet)]).toEqual([sheet, findings]);
    const all = [...cli.values()].flat();
    // The kinds this workbook holds, so that the comparison is not of empty lists.
    expect(new Set(all.map((k) => k.split(" ")[0]))).toEqual(
      new Set(["no-evidence", "invalid-entry", "edited-after-submit"]),
    );
  });

  it("on a workbook with two scorecards for one station and a tampered sheet", async () => {
    const workbook = newWorkbook();
    const [a, b] = randomFills(rubric, 2, 7);
    renderPlan(workbook, submittedPlan({ rubric, ...a, station: "巴川街道", year: 2020 }));
    renderPlan(workbook, {
      ...submittedPlan({ rubric, ...b, station: "巴川街道", year: 2020 }),
      sheetName: "巴川街道（副本）",
    });
    // A subtotal overwritten with a number, as someone "fixing" a total by hand would.
    workbook.worksheets[1].getCell(addr(COL.self, layout.summaryRows.total)).value = 100;
    const file = join(dir, "two.xlsx");
    const bytes = await workbookBytes(workbook);
    await writeWorkbookFile(workbook, file);

    const pane = await paneFindings(bytes);
    const cli = await cliFindings(file);
    expect(pane).toEqual(cli);
    const codes = new Set([...cli.values()].flat().map((k) => k.split(" ")[0]));
    expect(codes).toContain("duplicate-station");
    expect(codes).toContain("formula-overwritten");
    expect(codes).toContain("no-evidence");
  });
});
