/*
 * XlsxPort.stage: the page shows a file from its streamed reading while ExcelJS builds the model (issue 22 §7).
 * What it shows first must be what the port then reads: the same worksheets in order, the same active sheet, the
 * same cells, and each scorecard read the same (entries, scores, findings) — on scorecards written here, the
 * valid package shapes of the hostile suite, the 0.1.0 fixture and, where present, the real-world corpus.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "fs";
import { join } from "path";
import { getRubric } from "../src/rubric";
import { buildPlan, isScorecard, readScorecard, type SheetGrid } from "../src/sheet";
import { XlsxPort, newWorkbook } from "../src/xlsx";
import { NODE_READ } from "../src/xlsx/stream/read";
import { gridDifferences } from "./support/gridCompare";
import { validShapes } from "./support/hostileSheets";

jest.setTimeout(600_000);

const rubric = getRubric();
const CORPUS = join(__dirname, "..", "..", "shared", "realfiles", "corpus");
/** Corpus files up to this size: the bound keeps the run to a minute; the larger ones say nothing new here. */
const CORPUS_BYTES = 400_000;

const readings = (grids: readonly SheetGrid[]): unknown[] =>
  grids.filter(isScorecard).map((grid) => {
    const { sheet, entries, scores, findings, meta } = readScorecard(grid);
    return { sheet, entries, scores, findings, meta };
  });

/** How the staged reading and the port built from it differ; empty when they agree. */
async function stagedDifferences(bytes: Uint8Array): Promise<string[] | "refused"> {
  let staged;
  try {
    staged = XlsxPort.stage(bytes, NODE_READ);
  } catch {
    // The load refuses it the same way (both run stageWorkbook): nothing staged to compare.
    await expect(XlsxPort.load(bytes, NODE_READ)).rejects.toThrow();
    return "refused";
  }
  let port: XlsxPort;
  try {
    port = await staged.port();
  } catch {
    // ExcelJS could not build a model: the page says so after showing the reading (see the pane's staged file).
    return "refused";
  }
  const grids = await port.readGrids();
  const out = gridDifferences(staged.grids, grids);
  if (staged.active !== (await port.activeSheet()))
    out.push(`active ${staged.active} ≠ ${await port.activeSheet()}`);
  if (JSON.stringify(readings(staged.grids)) !== JSON.stringify(readings(grids)))
    out.push("scorecards read apart");
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

describe("XlsxPort.stage: the reading shown first is the port's", () => {
  it("on a workbook of scorecards opened on its third sheet", async () => {
    const port = new XlsxPort(newWorkbook());
    await port.appendRows("说明", ["各站评分表"], [["见各工作表"]]);
    await port.render(buildPlan({ rubric, station: "巴川街道", year: 2020 }));
    await port.render(
      buildPlan({
        rubric,
        station: "东城街道",
        year: 2020,
        entries: { self: { "1": 2, "3": 9 }, review: {}, evidence: {}, notes: {} },
      }),
    );
    await port.select("东城街道2020评分表", "F5");
    const bytes = new Uint8Array(await port.toBuffer());
    const staged = XlsxPort.stage(bytes);
    expect(staged.grids.map((g) => g.name)).toEqual(["说明", "巴川街道2020评分表", "东城街道2020评分表"]);
    expect(staged.active).toBe("东城街道2020评分表");
    expect(await stagedDifferences(bytes)).toEqual([]);
  });

  it("on every valid package shape and the 0.1.0 fixture", async () => {
    const fixtures = [
      ...(await validShapes()).map((f) => ({ name: f.name, bytes: f.bytes })),
      {
        name: "scorecard-0.1.0.xlsx",
        bytes: new Uint8Array(readFileSync(join(__dirname, "fixtures", "scorecard-0.1.0.xlsx"))),
      },
    ];
    for (const { name, bytes } of fixtures)
      expect([name, await stagedDifferences(bytes)]).toEqual([name, []]);
  });

  (existsSync(CORPUS) ? it : it.skip)("on the real-world corpus (files up to 400 KB)", async () => {
    const differing: string[] = [];
    let compared = 0;
    for (const file of walk(CORPUS).filter((f) => statSync(f).size <= CORPUS_BYTES)) {
      const found = await stagedDifferences(new Uint8Array(readFileSync(file)));
      if (found === "refused") continue;
      compared++;
      if (found.length > 0) differing.push(`${file.slice(CORPUS.length + 1)}: ${found.join("; ")}`);
    }
    expect(compared).toBeGreaterThan(100);
    expect(differing).toEqual([]);
  });
});
