import type { Workbook, Worksheet } from "exceljs";
import { mkdir, readFile } from "fs/promises";
import { join } from "path";
import { getRubric } from "../src/rubric";
import { scoreColumn } from "../src/scoring";
import {
  COL,
  SCORE_COLUMNS,
  STATES,
  VERDICT_TEXT,
  addr,
  buildPlan,
  expandRange,
  helperOf,
  isIntegrity,
  reviewStarted,
  rowOf,
  type GridValue,
  type ScorecardEntries,
  type ScorecardState,
  type SheetPlan,
} from "../src/sheet";
import { populate } from "../src/workbook";
import {
  XlsxPort,
  cellFormula,
  cellGridValue,
  loadWorkbook,
  newWorkbook,
  readScorecards,
  renderPlan,
} from "../src/xlsx";
import { readWorkbookFile, writeWorkbookFile } from "../src/xlsx/files";
import { internals } from "../src/xlsx/internals";
import { compactEntries, randomFills, type Fill } from "./support/fills";
import { convertWithLibreOffice, requireSoffice, sofficeVersion, tempDir } from "./support/libreoffice";

const rubric = getRubric("2020-trial");
const FILES = 60;
/** Written as every formula's cached result, so a file LibreOffice did not recalculate cannot pass. */
const POISON = -1234.5;

interface Case {
  readonly fill: Fill;
  readonly state: ScorecardState;
  readonly plan: SheetPlan;
  readonly input: string;
  output?: string;
  converted?: Workbook;
}

const cases: Case[] = [];
let dir: { path: string; remove: () => Promise<void> } | undefined;
let sofficeMs = 0;

function poisonCachedResults(sheet: Worksheet, plan: SheetPlan): void {
  plan.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.formula !== undefined)
        sheet.getCell(r + 1, c + 1).value = { formula: cell.formula, result: POISON };
    }),
  );
}

/**
 * What every formula cell must show, computed by the engine (scoreColumn), not taken from the plan, with the
 * sheet's two rules written out again here: the 复核 column's totals are blank until the review starts, and 否决原因
 * names the veto conditions answered 是 (keys under each column; key and wording, self or started review, in H).
 */
function expectedResults(
  plan: SheetPlan,
  entries: ScorecardEntries,
  state: ScorecardState,
): Map<string, number | string> {
  const { layout } = plan;
  const started = state === "复核中" || state === "已复核";
  const want = new Map<string, number | string>();
  const s = layout.summaryRows;
  const named = new Set<string>();
  for (const column of SCORE_COLUMNS) {
    const score = scoreColumn(rubric, entries[column]);
    const col = column === "self" ? COL.self : COL.review;
    const shown = column === "self" || started;
    const put = (row: number, v: number | string): void => void want.set(addr(col, row), shown ? v : "");
    for (const category of score.categories) put(layout.subtotalRows.get(category.id) ?? 0, category.score);
    put(s.base, score.base);
    put(s.bonus, score.bonus);
    put(s.total, score.total);
    put(s.needed, score.needed);
    put(s.unscored, score.missing.length);
    put(s.verdict, VERDICT_TEXT[score.verdict]);
    put(s.vetoReasons, score.vetoConditions.join("、"));
    if (shown) for (const key of score.vetoConditions) named.add(key);
    for (const item of rubric.items) {
      const j = score.judgements[item.id];
      want.set(addr(helperOf(column), rowOf(layout, item.id)), j.status === "valid" ? j.value : "");
    }
  }
  const conditions = rubric.veto.conditions.filter((c) => named.has(c.key));
  want.set(addr(COL.evidence, s.vetoReasons), conditions.map((c) => `${c.key} ${c.text}`).join("；"));
  return want;
}

const formulaCells = (plan: SheetPlan): string[] =>
  plan.cells.flatMap((row, r) =>
    row.flatMap((cell, c) => (cell.formula !== undefined ? [addr(c, r + 1)] : [])),
  );

/** An empty cached string loads as no result. */
const shown = (v: GridValue): GridValue =>
  v === null ? "" : typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v;

const sheetOf = (workbook: Workbook | undefined, name: string): Worksheet => {
  const sheet = workbook?.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name} in the converted file`);
  return sheet;
};

beforeAll(async () => {
  const soffice = requireSoffice();
  dir = await tempDir("xlsx-libreoffice-");
  const inDir = join(dir.path, "in");
  await mkdir(inDir);
  for (const fill of randomFills(rubric, FILES, 1)) {
    // Every state in turn: the 复核 totals are blank before the review starts and shown from 复核中 on.
    const state = STATES[fill.seed % STATES.length];
    const plan = buildPlan({ rubric, station: fill.station, year: fill.year, entries: fill.entries, state });
    const workbook = newWorkbook();
    poisonCachedResults(renderPlan(workbook, plan), plan);
    const input = join(inDir, `scorecard-${fill.seed}.xlsx`);
    await writeWorkbookFile(workbook, input);
    cases.push({ fill, state, plan, input });
  }
  const result = await convertWithLibreOffice(
    cases.map((c) => c.input),
    { to: "xlsx", outDir: join(dir.path, "out"), timeoutMs: 240_000 },
  );
  sofficeMs = result.ms;
  process.stdout.write(`${sofficeVersion(soffice)}: ${FILES} files recalculated in ${sofficeMs} ms\n`);
  for (const [i, output] of result.outputs.entries()) {
    cases[i].output = output;
    cases[i].converted = await readWorkbookFile(output);
  }
}, 300_000);

afterAll(async () => {
  await dir?.remove();
});

describe("LibreOffice recalculates the generated formulas exactly like the engine", () => {
  it("starts from files whose cached results are all wrong", async () => {
    const { input, plan } = cases[0];
    const sheet = sheetOf(await readWorkbookFile(input), plan.sheetName);
    for (const cell of formulaCells(plan)) expect([cell, sheet.getCell(cell).result]).toEqual([cell, POISON]);
    expect(sofficeMs).toBeGreaterThan(0);
  });

  it("covers every verdict, the same-matter rule, blank helpers, every state and both veto columns", () => {
    const verdicts = new Set(
      cases.flatMap(({ fill }) => SCORE_COLUMNS.map((c) => scoreColumn(rubric, fill.entries[c]).verdict)),
    );
    expect([...verdicts].sort()).toEqual(["fail", "incomplete", "pass", "veto"]);
    expect(cases.some(({ fill }) => scoreColumn(rubric, fill.entries.self).sameMatter)).toBe(true);
    expect(new Set(cases.map((c) => c.state))).toEqual(new Set(STATES));
    const vetoedReview = cases.filter((c) => scoreColumn(rubric, c.fill.entries.review).vetoed);
    expect(vetoedReview.some((c) => reviewStarted(c.state))).toBe(true);
    expect(vetoedReview.some((c) => !reviewStarted(c.state))).toBe(true);
  });

  it("every formula cell of both columns equals scoreColumn()", () => {
    const mismatches: string[] = [];
    for (const { fill, state, plan, converted } of cases) {
      const sheet = sheetOf(converted, plan.sheetName);
      const want = expectedResults(plan, fill.entries, state);
      expect(formulaCells(plan).sort()).toEqual([...want.keys()].sort());
      for (const [cell, value] of want) {
        const got = shown(cellGridValue(sheet.getCell(cell)));
        if (got !== shown(value))
          mismatches.push(`seed ${fill.seed} ${cell}: LibreOffice ${got}, engine ${value}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("a LibreOffice round trip", () => {
  it("keeps the data validation of every score cell", () => {
    for (const { plan, converted } of cases.slice(0, 5)) {
      const model = internals(sheetOf(converted, plan.sheetName)).dataValidations.model;
      for (const rule of plan.validations) {
        for (const cell of expandRange(rule.range)) {
          const dv = model[cell];
          expect(dv).toMatchObject({
            type: rule.kind,
            showErrorMessage: true,
            promptTitle: rule.promptTitle,
            prompt: rule.prompt,
            errorTitle: rule.errorTitle,
            error: rule.error,
          });
          // LibreOffice adds a meaningless <formula2>0</formula2> to list validations.
          if (rule.kind === "list") expect(dv?.formulae?.[0]).toBe(`"${(rule.list ?? []).join(",")}"`);
          else expect(dv?.formulae).toEqual([rule.min, rule.max]);
        }
      }
    }
  });

  it("keeps the conditional formats, in plan order", () => {
    for (const { plan, converted } of cases.slice(0, 5)) {
      const rules = internals(sheetOf(converted, plan.sheetName))
        .conditionalFormattings.flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, rule })))
        .sort((a, b) => a.rule.priority - b.rule.priority);
      expect(
        rules.map(({ ref, rule }) => [
          ref,
          rule.type,
          rule.type === "cellIs" ? rule.operator : undefined,
          rule.type === "cellIs" || rule.type === "expression" ? rule.formulae : undefined,
        ]),
      ).toEqual(
        plan.conditionalFormats.map((cf) => [
          cf.areas.join(" "),
          cf.kind,
          cf.kind === "cellIs" ? cf.operator : undefined,
          cf.kind === "cellIs" ? cf.formulae : [cf.formula],
        ]),
      );
    }
  });

  it("keeps protection, merges, print area and hidden helper columns", () => {
    const { plan, converted } = cases[0];
    const sheet = sheetOf(converted, plan.sheetName);
    expect(internals(sheet).sheetProtection?.sheet).toBe(true);
    expect([...sheet.model.merges].sort()).toEqual([...plan.merges].sort());
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: plan.print.area,
      printTitlesRow: "3:3",
    });
    // The sheet has no header, and LibreOffice writes its own header margin back; the others stay.
    const { left, right, top, bottom, footer } = plan.print.margins;
    expect(sheet.pageSetup.margins).toMatchObject({ left, right, top, bottom, footer });
    expect(sheet.getColumn(helperOf("self") + 1).hidden).toBe(true);
    expect(sheet.getColumn(helperOf("review") + 1).hidden).toBe(true);
  });

  it("still reads as the same scorecards with the same entries and no findings", () => {
    for (const { fill, plan, converted } of cases) {
      const reads = readScorecards(converted as Workbook);
      expect(reads.map((r) => r.sheet)).toEqual([plan.sheetName]);
      const [read] = reads;
      expect(compactEntries(read.entries)).toEqual(compactEntries(fill.entries));
      expect(read.findings.filter(isIntegrity)).toEqual([]);
      expect(read.findings).toEqual([]);
    }
  });

  it("keeps every formula as written", () => {
    const { plan, converted } = cases[0];
    const sheet = sheetOf(converted, plan.sheetName);
    for (const cell of formulaCells(plan)) {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(cell) ?? [];
      const planned = plan.cells[Number(row) - 1][col.charCodeAt(0) - 65].formula;
      expect([cell, cellFormula(sheet.getCell(cell))]).toEqual([cell, planned]);
    }
  });

  it("can be repaired through populate(XlsxPort) and saved again", async () => {
    const { fill, plan, output } = cases[1];
    const port = await XlsxPort.load(await readFile(output ?? ""));
    const result = await populate(port, { rubric, station: fill.station, year: fill.year });
    expect(result.repaired).toBe(true);
    const [read] = readScorecards(await loadWorkbook(await port.toBuffer()));
    expect(read.sheet).toBe(plan.sheetName);
    expect(compactEntries(read.entries)).toEqual(compactEntries(fill.entries));
    expect(read.findings).toEqual([]);
  });
});
