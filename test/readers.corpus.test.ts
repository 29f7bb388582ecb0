/*
 * The real-world corpus (../shared/realfiles/corpus: 512 workbooks from the test data of spreadsheet libraries,
 * their sources in manifest.tsv; read in place, never copied) through both readers:
 * 1. `scorecard check --json` over all of them in one process of the compiled CLI, under 300 MB: JSON out, and
 *    for every file a report (exit 0/1 alone) or one clear line of refusal (exit 2 alone), no stack trace.
 * 2. In-process, file by file, within a time bound: the streaming reader (check, summary) and the page's reader
 *    (loadWorkbook + sheetToGrid, as XlsxPort reads) refuse the same files for the same reason, and on every file
 *    both read they agree on every sheet: sheet names in order, each cell's value and formula, the links by cell,
 *    protection, and for each cell either holds whether a data validation covers it (gridDifferences). The page
 *    may refuse more: a model past READ_LIMITS (ExcelJS holds every cell), or one ExcelJS cannot build at all.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import type { SheetGrid } from "../src/sheet";
import { loadWorkbook, workbookGrids } from "../src/xlsx";
import { NODE_READ, streamGrids } from "../src/xlsx/stream/read";
import { gridDifferences } from "./support/gridCompare";
import { refusalKind } from "./support/hostileSheets";
import { measuredCli } from "./support/measuredCli";

jest.setTimeout(900_000);

const CORPUS = join(__dirname, "..", "..", "shared", "realfiles", "corpus");
const present = existsSync(CORPUS);

/** Per file, in-process; and for the whole check run. Generous: they catch hangs, not a slow minute. */
const FILE_SECONDS = 20;
const MAX_RSS_MB = 300;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

interface Outcome {
  readonly grids?: SheetGrid[];
  readonly problem?: string;
  readonly kind?: string;
  readonly seconds: number;
}

async function outcome(read: () => SheetGrid[] | Promise<SheetGrid[]>): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const grids = await read();
    return { grids, seconds: (performance.now() - t0) / 1000 };
  } catch (e) {
    const problem = (e as { problem?: string }).problem ?? (e instanceof Error ? e.name : String(e));
    return { problem, kind: refusalKind(e), seconds: (performance.now() - t0) / 1000 };
  }
}

/** Refusals only the page gives (ExcelJS's model), not the streaming reader. */
const PAGE_ONLY = new Set(["modelCells", "modelMergedCells", "model-failed"]);

(present ? describe : describe.skip)("the real-world corpus", () => {
  const files = present ? walk(CORPUS) : [];

  it("check --json reports or refuses every file in one line, in one process under 300 MB", () => {
    const dir = mkdtempSync(join(tmpdir(), "scorecard-corpus-"));
    try {
      const cli = measuredCli(dir);
      const run = cli(["check", "--json", ...files.map((f) => relative(CORPUS, f))], CORPUS);
      expect(run.rssMb).toBeLessThanOrEqual(MAX_RSS_MB);
      expect(run.seconds).toBeLessThan(FILE_SECONDS * 10);
      expect([0, 1, 2]).toContain(run.status);
      expect(run.stderr).not.toMatch(/\n\s+at |TypeError|RangeError|heap out of memory/);
      const entries = (JSON.parse(run.stdout) as { files: { file: string; error?: string }[] }).files;
      expect(entries).toHaveLength(files.length);
      const refusedLines = run.stderr.split("\n").filter((l) => l.startsWith("无法读取 "));
      for (const entry of entries)
        if (entry.error !== undefined) {
          expect([entry.file, entry.error]).toEqual([
            entry.file,
            expect.not.stringMatching(/\n|Cannot read prop|undefined|\bat /),
          ]);
          expect(refusedLines.filter((l) => l.startsWith(`无法读取 ${entry.file}：`))).toHaveLength(1);
        }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the streaming reader and the page's reader refuse the same files and read the rest alike", async () => {
    const disagreements: string[] = [];
    let both = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const name = relative(CORPUS, file);
      const streamed = await outcome(() => streamGrids(bytes));
      const paged = await outcome(async () => workbookGrids(await loadWorkbook(bytes, NODE_READ)));
      if (streamed.seconds > FILE_SECONDS || paged.seconds > FILE_SECONDS)
        disagreements.push(`${name}: ${streamed.seconds.toFixed(1)} s / ${paged.seconds.toFixed(1)} s`);
      if (streamed.grids && paged.grids) {
        both++;
        for (const d of gridDifferences(streamed.grids, paged.grids)) disagreements.push(`${name}: ${d}`);
      } else if (streamed.grids) {
        if (!PAGE_ONLY.has(paged.kind ?? ""))
          disagreements.push(`${name}: the page refuses (${paged.problem} ${paged.kind ?? ""})`);
      } else if (paged.grids)
        disagreements.push(`${name}: only the streaming reader refuses (${streamed.problem})`);
      else if (streamed.problem !== paged.problem || streamed.kind !== paged.kind)
        disagreements.push(
          `${name}: refused as ${streamed.problem} ${streamed.kind ?? ""} / ${paged.problem} ${paged.kind ?? ""}`,
        );
    }
    expect(disagreements).toEqual([]);
    // Most of the corpus is read by both (a few dozen files are hostile, damaged or not workbooks).
    expect(both).toBeGreaterThan(files.length * 0.9);
  });
});

if (!present) it(`is skipped: no corpus at ${CORPUS} (CI has ../shared beside the project)`, () => undefined);
