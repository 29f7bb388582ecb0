/*
 * Valid workbooks in the shapes other programs write (test/support/hostileSheets.ts: prefixed and Strict
 * namespaces, rows without r, parts named otherwise, dates that are none, t="d", date1904="true", shared formulas
 * over whole columns, rich text after plain text, UTF-16, hyperlinked numbers and formulas, x14 validations),
 * each read by every reader the product has — check, summary, export and the page's loader — as the producing
 * program meant it, and the same by all of them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../src/cli/main";
import { checkScorecard, isScorecard, readScorecard, type SheetGrid } from "../src/sheet";
import { XlsxPort, loadWorkbook, readScorecards } from "../src/xlsx";
import { streamGrids } from "../src/xlsx/stream/read";
import { gridDifferences } from "./support/gridCompare";
import { LINKED, SHEET, VALID_SHAPES, validShapes, type SheetFixture } from "./support/hostileSheets";

let dir: string;
let shapes: SheetFixture[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "scorecard-shapes-"));
  shapes = await validShapes();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A cell of a grid set by "Sheet!A1" (its value) or "Sheet!A1=" (its formula). */
function cellOf(grids: readonly SheetGrid[], key: string): unknown {
  const [sheet, ref] = key.replace(/=$/, "").split("!");
  const grid = grids.find((g) => g.name === sheet);
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!grid || !m) return undefined;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const row = Number(m[2]) - 1;
  return key.endsWith("=") ? grid.formulas[row]?.[col] : grid.values[row]?.[col];
}

describe("valid shapes are read as the program meant, by every reader alike", () => {
  it.each(VALID_SHAPES)("%s", async (name) => {
    const shape = shapes.find((s) => s.name === name) as SheetFixture;
    const expected = shape.expected;
    if (!("scorecards" in expected)) throw new Error("a valid shape reads");
    const file = join(dir, `${shapes.indexOf(shape)}.xlsx`);
    writeFileSync(file, shape.bytes);

    // check: the scorecard, its total and verdict, and none of the findings a misreading would give.
    const checked = await run("check", "--json", file);
    expect(checked.err).toBe("");
    const [report] = (
      JSON.parse(checked.out) as { files: { scorecards: ReturnType<typeof checkScorecard>[] }[] }
    ).files;
    expect(report.scorecards).toHaveLength(expected.scorecards);
    const card = report.scorecards[0];
    expect([card.sheet, card.self.total, card.self.verdict]).toEqual([
      SHEET,
      expected.total,
      expected.verdict,
    ]);
    expect(card.issues.filter((i) => i.severity === "error")).toEqual([]);
    for (const code of expected.without ?? []) expect(card.issues.map((i) => i.code)).not.toContain(code);

    // The streaming reader's cells, and the page's loader reading the same grids.
    const streamed = streamGrids(shape.bytes);
    for (const [key, value] of Object.entries(expected.cells ?? {}))
      expect([key, cellOf(streamed, key)]).toEqual([key, value]);
    const port = await XlsxPort.load(shape.bytes);
    const paged = await port.readGrids();
    expect(gridDifferences(streamed, paged)).toEqual([]);
    const pageCard = checkScorecard(readScorecard(paged.filter(isScorecard)[0]), "zh");
    expect(pageCard).toEqual(card);

    // summary reads it the same (its 汇总 as CSV: the station's row with its self total; 填报中, so not counted).
    const csv = join(dir, `${shapes.indexOf(shape)}.csv`);
    const summarized = await run("summary", file, "-o", csv, "--csv", "summary", "--force");
    expect(summarized.code).toBe(0);
    expect(readFileSync(csv, "utf8")).toContain(`1,巴川街道,${expected.total},`);

    // export writes a compliant copy with the same entries, which every reader reads back alike.
    // A draft (named so): the fixture is 填报中, and only a submitted scorecard gives the copy to report.
    const out = join(dir, `${shapes.indexOf(shape)}-草稿.xlsx`);
    const exported = await run("export", file, "-o", out, "--draft", "--force");
    expect([exported.code, exported.err]).toEqual([0, ""]);
    const [copy] = readScorecards(await loadWorkbook(readFileSync(out)));
    expect(copy.entries.self).toEqual(readScorecard(streamed.filter(isScorecard)[0]).entries.self);
    expect(copy.entries.self[LINKED]).toBeGreaterThan(0);
  });
});
