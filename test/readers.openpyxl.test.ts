/*
 * A differential test against an independent reader that is not ExcelJS: openpyxl (Debian's python3-openpyxl)
 * reads the fixtures of test/support/hostileSheets.ts, and every cell it reads — value, formula, hyperlink — must
 * be what the streaming reader (and so check and the page) read. Where openpyxl cannot read a file, or reads a
 * cell otherwise, the difference is named below with its reason; anything else fails.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { GridValue } from "../src/sheet";
import { streamGrids } from "../src/xlsx/stream/read";
import { columnLetters } from "../src/xlsx/stream/sheet";
import {
  HOSTILE_SHEETS,
  VALID_SHAPES,
  hostileSheets,
  validShapes,
  type SheetFixture,
} from "./support/hostileSheets";

jest.setTimeout(300_000);

/** A Python that has openpyxl: Debian's first (CI installs python3-openpyxl), then whatever python3 is. */
const PYTHON = ["/usr/bin/python3", "python3"].find(
  (python) => spawnSync(python, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0,
);

/** Files openpyxl does not read, and why (its own limits, not the files'). */
const OPENPYXL_CANNOT: Readonly<Record<string, RegExp>> = {
  // openpyxl 3.0 knows only the transitional namespaces.
  "Strict OOXML namespaces": /IndexError|KeyError|TypeError/,
  // openpyxl opens xl/sharedStrings.xml by that literal name; OPC names compare without case.
  "worksheet part named sheet.xml (Numbers), shared strings in another case":
    /KeyError: "There is no item named 'xl\/sharedStrings.xml'/,
};

/**
 * Cells openpyxl reads otherwise, and why: a number under a date format that is no date (an 18-digit ID) is
 * "#VALUE!" to openpyxl, which fails to make a date of it; Excel shows the number as ####, and it stays a number.
 */
const OPENPYXL_OTHERWISE: Readonly<Record<string, readonly string[]>> = {
  "date-formatted cells that hold no date (cached #N/A, text, an 18-digit ID) beside a date": ["备注!E3"],
};

/** Cost fixtures openpyxl cannot hold (it makes an object per cell a merge covers: 17 billion). */
const TOO_BIG_FOR_OPENPYXL = new Set(["a whole-sheet merge on another sheet"]);

type Cells = Record<string, [GridValue, string | null]>;
interface OpenpyxlSheet {
  readonly name: string;
  readonly cells: Cells;
  readonly links: Record<string, string>;
}

let dir: string;
let fixtures: SheetFixture[];
let read: Record<string, { sheets?: OpenpyxlSheet[]; error?: string }>;

(PYTHON ? describe : describe.skip)("openpyxl reads every fixture as the streaming reader does", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "scorecard-openpyxl-"));
    const costly = (await hostileSheets()).filter(
      (f) => !("refused" in f.expected) && !TOO_BIG_FOR_OPENPYXL.has(f.name),
    );
    fixtures = [...(await validShapes()), ...costly];
    const files = fixtures.map((f, i) => {
      const file = join(dir, `${i}.xlsx`);
      writeFileSync(file, f.bytes);
      return file;
    });
    const run = spawnSync(PYTHON as string, [join(__dirname, "support", "openpyxlRead.py"), ...files], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(run.stderr).toBe("");
    const byFile = JSON.parse(run.stdout) as Record<string, { sheets?: OpenpyxlSheet[]; error?: string }>;
    read = Object.fromEntries(fixtures.map((f, i) => [f.name, byFile[files[i]]]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const names = [
    ...VALID_SHAPES,
    ...HOSTILE_SHEETS.filter((n) => /XFD1048576|whole-column|whole-sheet validation/.test(n)),
  ];
  it.each(names)("%s", (name) => {
    const theirs = read[name];
    const cannot = OPENPYXL_CANNOT[name];
    if (cannot) {
      expect(theirs.error).toMatch(cannot);
      return;
    }
    expect(theirs.error).toBeUndefined();
    const fixture = fixtures.find((f) => f.name === name) as SheetFixture;
    const ours = streamGrids(fixture.bytes);
    expect(ours.map((g) => g.name)).toEqual(theirs.sheets?.map((s) => s.name));
    const otherwise = new Set(OPENPYXL_OTHERWISE[name] ?? []);
    ours.forEach((grid, i) => {
      const sheet = (theirs.sheets as OpenpyxlSheet[])[i];
      const cells: Cells = {};
      grid.values.forEach((row, r) =>
        row?.forEach((v, c) => {
          const f = grid.formulas[r]?.[c] ?? null;
          if ((v ?? null) !== null || f !== null) cells[`${columnLetters(c + 1)}${r + 1}`] = [v ?? null, f];
        }),
      );
      grid.formulas.forEach((row, r) =>
        row?.forEach((f, c) => {
          const at = `${columnLetters(c + 1)}${r + 1}`;
          if (f !== null && f !== undefined && !cells[at]) cells[at] = [null, f];
        }),
      );
      for (const at of new Set([...Object.keys(cells), ...Object.keys(sheet.cells)])) {
        if (otherwise.has(`${grid.name}!${at}`)) continue;
        expect([`${grid.name}!${at}`, cells[at] ?? null]).toEqual([
          `${grid.name}!${at}`,
          sheet.cells[at] ?? null,
        ]);
      }
      const singles = Object.fromEntries(Object.entries(grid.links ?? {}).filter(([k]) => !k.includes(":")));
      expect(singles).toEqual(sheet.links);
    });
  });
});

if (!PYTHON)
  it("is skipped: no python3 with openpyxl (apt-get install python3-openpyxl, as .ci/run does)", () =>
    undefined);
