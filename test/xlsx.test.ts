import type { Workbook, Worksheet } from "exceljs";
import { mkdtemp, readFile, rm, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import { inflateRawSync } from "zlib";
import { getRubric } from "../src/rubric";
import {
  COL,
  addr,
  buildPlan,
  expandRange,
  helperOf,
  isIntegrity,
  planToGrid,
  rowOf,
  type GridValue,
  type SheetPlan,
} from "../src/sheet";
import { populate } from "../src/workbook";
import type { CellWrite } from "../src/workbook";
import {
  WorkbookFormatError,
  XlsxPort,
  cellFormula,
  loadWorkbook,
  newWorkbook,
  readScorecards,
  renderPlan,
  sheetToGrid,
  workbookBytes,
} from "../src/xlsx";
import { readWorkbookFile, writeWorkbookFile } from "../src/xlsx/files";
import { internals } from "../src/xlsx/internals";
import { PORTABLE_CODEC, type ZipCodec } from "../src/xlsx/stream/zip";
import { addMiscSheet } from "./support/miscSheet";
import { compactEntries, mulberry32, randomFill, randomFills } from "./support/fills";
import { coveredCells } from "./support/gridCompare";

const rubric = getRubric("2020-trial");
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "xlsx-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Saves to a real file and loads it again. */
async function roundTrip(workbook: Workbook, name: string): Promise<Workbook> {
  const path = join(dir, `${name}.xlsx`);
  await writeWorkbookFile(workbook, path);
  return readWorkbookFile(path);
}

const sheetOf = (workbook: Workbook, name: string): Worksheet => {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};

/** One entry of a zip archive as text, found through the central directory. */
function zipEntry(zip: Uint8Array, name: string): string {
  const view = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = view.readUInt32LE(eocd + 16);
  for (let k = view.readUInt16LE(eocd + 10); k > 0; k--) {
    const method = view.readUInt16LE(at + 10);
    const size = view.readUInt32LE(at + 20);
    const nameLength = view.readUInt16LE(at + 28);
    const skip = nameLength + view.readUInt16LE(at + 30) + view.readUInt16LE(at + 32);
    const local = view.readUInt32LE(at + 42);
    if (view.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
      const data = view.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    at += 46 + skip;
  }
  throw new Error(`${name} not in the archive`);
}

/** "" and null both read as empty (ExcelJS loads an empty cached string as no result). */
const blank = (v: GridValue | undefined): GridValue => (v === "" || v === undefined ? null : v);

describe("writing and reading back a scorecard file", () => {
  it("reads back exactly the entries written, with no findings", async () => {
    for (const fill of randomFills(rubric, 8, 100)) {
      const plan = buildPlan({ rubric, station: fill.station, year: fill.year, entries: fill.entries });
      const workbook = newWorkbook();
      renderPlan(workbook, plan);
      const [read, ...others] = readScorecards(await roundTrip(workbook, `fill-${fill.seed}`));
      expect(others).toHaveLength(0);
      expect(read.sheet).toBe(plan.sheetName);
      expect(read.meta).toEqual({
        station: fill.station,
        year: fill.year,
        edition: rubric.edition,
        state: "填报中",
      });
      expect(compactEntries(read.entries)).toEqual(compactEntries(fill.entries));
      expect(read.findings).toEqual([]);
    }
  });

  it("writes a new scorecard through populate(XlsxPort) that reads back with no findings at all", async () => {
    const port = new XlsxPort();
    const result = await populate(port, { rubric, station: "巴川街道", year: 2020 });
    expect(result.repaired).toBe(false);
    expect(result.report.skipped).toEqual([]);
    expect(await port.activeSheet()).toBe(result.plan.sheetName);
    const path = join(dir, "new.xlsx");
    await writeFile(path, await port.toBuffer());
    const [read] = readScorecards(await loadWorkbook(await readFile(path)));
    expect(read.findings).toEqual([]);
    // A new scorecard answers the veto conditions 否 in the self-assessment, so the paper shows them answered.
    const no = { "75.1": "否", "75.2": "否", "75.3": "否", "75.4": "否" };
    expect(compactEntries(read.entries)).toEqual({ self: no, review: {}, evidence: {}, notes: {} });
  });

  it("reads back the grid the plan describes: values, cached results, formulas and guards", async () => {
    const fill = randomFill(rubric, 7);
    const plan = buildPlan({ rubric, station: fill.station, year: fill.year, entries: fill.entries });
    const workbook = newWorkbook();
    renderPlan(workbook, plan);
    const grid = sheetToGrid(sheetOf(await roundTrip(workbook, "grid"), plan.sheetName));
    const want = planToGrid(plan);
    expect(grid.values.length).toBe(want.values.length);
    want.values.forEach((row, r) =>
      row?.forEach((v, c) =>
        expect([addr(c, r + 1), blank(grid.values[r]?.[c] ?? null)]).toEqual([
          addr(c, r + 1),
          blank(v ?? null),
        ]),
      ),
    );
    want.formulas.forEach((row, r) =>
      row?.forEach((f, c) =>
        expect([addr(c, r + 1), grid.formulas[r]?.[c] ?? null]).toEqual([addr(c, r + 1), f]),
      ),
    );
    expect(grid.guards?.protected).toBe(true);
    expect(coveredCells(grid.guards?.validatedAreas ?? [])).toEqual(
      coveredCells(want.guards?.validatedAreas ?? []),
    );
  });
});

describe("the page's open inflates the file once", () => {
  it("each part inflated once for the gate, the streaming reader and ExcelJS, on a first open and a second", async () => {
    const workbook = newWorkbook();
    renderPlan(workbook, buildPlan({ rubric, station: "巴川街道", year: 2020 }));
    const bytes = await workbookBytes(workbook);
    for (const open of ["first", "second"]) {
      // Each inflate call by where its compressed data starts in the file.
      const starts: number[] = [];
      const codec: ZipCodec = {
        inflate: (data, size) => {
          starts.push(data.byteOffset);
          return PORTABLE_CODEC.inflate(data, size);
        },
        crc32: PORTABLE_CODEC.crc32,
      };
      readScorecards(await loadWorkbook(bytes, { codec }));
      expect([open, starts.length]).toEqual([open, new Set(starts).size]);
      // The first open inflates every part that holds anything (the second may take the gate's word for some).
      if (open === "first") expect(starts.length).toBeGreaterThanOrEqual(8);
    }
  });
});

describe("the reloaded file carries the whole plan", () => {
  const plan = buildPlan({ rubric, station: "巴川街道", year: 2020, password: "s3cret" });
  let sheet: Worksheet;
  let workbook: Workbook;

  beforeAll(async () => {
    const source = newWorkbook();
    renderPlan(source, plan);
    workbook = await roundTrip(source, "structure");
    sheet = sheetOf(workbook, plan.sheetName);
  });

  it("merges", () => {
    expect([...sheet.model.merges].sort()).toEqual([...plan.merges].sort());
  });

  it("data validations with prompts and stop errors on every score cell", () => {
    const model = internals(sheet).dataValidations.model;
    for (const rule of plan.validations) {
      for (const cell of expandRange(rule.range)) {
        const dv = model[cell];
        expect(dv).toBeDefined();
        expect(dv).toMatchObject({
          type: rule.kind,
          allowBlank: true,
          showInputMessage: true,
          promptTitle: rule.promptTitle,
          prompt: rule.prompt,
          showErrorMessage: true,
          errorStyle: "stop",
          errorTitle: rule.errorTitle,
          error: rule.error,
        });
        if (rule.kind === "list") expect(dv?.formulae).toEqual([`"${(rule.list ?? []).join(",")}"`]);
        else expect(dv?.formulae).toEqual([rule.min, rule.max]);
      }
      // Excel refuses longer texts (and repairs the file).
      expect(rule.promptTitle.length).toBeLessThanOrEqual(32);
      expect(rule.errorTitle.length).toBeLessThanOrEqual(32);
      expect(rule.prompt.length).toBeLessThanOrEqual(255);
      expect(rule.error.length).toBeLessThanOrEqual(255);
    }
  });

  it("conditional formats in plan order, with their colours", () => {
    const cfs = internals(sheet).conditionalFormattings;
    const rules = cfs
      .flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, rule })))
      .sort((a, b) => a.rule.priority - b.rule.priority);
    expect(rules).toHaveLength(plan.conditionalFormats.length);
    rules.forEach(({ ref, rule }, i) => {
      const want = plan.conditionalFormats[i];
      expect(ref).toBe(want.areas.join(" "));
      expect(rule.type).toBe(want.kind);
      if (want.kind === "cellIs" && rule.type === "cellIs") {
        expect(rule.operator).toBe(want.operator);
        expect(rule.formulae).toEqual(want.formulae);
      }
      if (want.kind === "expression" && rule.type === "expression")
        expect(rule.formulae).toEqual([want.formula]);
      const fill = rule.style?.fill;
      expect(fill?.type === "pattern" ? fill.bgColor?.argb : undefined).toBe(`FF${want.style.fill}`);
    });
  });

  it("sheet protection with the password, cells locked by style", () => {
    const protection = internals(sheet).sheetProtection;
    expect(protection).toMatchObject({
      sheet: true,
      formatColumns: true,
      formatRows: true,
      algorithmName: "SHA-512",
    });
    expect(protection?.selectLockedCells).not.toBe(false);
    expect(protection?.selectUnlockedCells).not.toBe(false);
    expect(protection?.hashValue).toBeTruthy();
    const { layout } = plan;
    const first = layout.firstItemRow;
    expect(sheet.getCell(addr(COL.self, first)).protection?.locked).toBe(false);
    expect(sheet.getCell(addr(COL.notes, first)).protection?.locked).toBe(false);
    // Locked is the default: ExcelJS leaves it out of the style and reads it back as undefined.
    expect(sheet.getCell(addr(COL.text, first)).protection?.locked).not.toBe(false);
    expect(sheet.getCell(addr(COL.self, layout.summaryRows.total)).protection?.locked).not.toBe(false);
  });

  it("print setup: A4 landscape, one page wide, title rows, print area, footer", () => {
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: plan.print.area,
      printTitlesRow: `${plan.print.titleRows[0]}:${plan.print.titleRows[1]}`,
      margins: plan.print.margins,
    });
    expect(sheet.headerFooter.oddFooter).toBe(`&C${plan.print.footer}`);
  });

  it("manual page breaks across every column, as Excel writes its own", async () => {
    const source = newWorkbook();
    renderPlan(source, plan);
    const xml = zipEntry(await workbookBytes(source), "xl/worksheets/sheet1.xml");
    // brk id: the zero-based row a page starts at, i.e. the one-based row a page ends after; max: column XFD.
    const breaks = [...xml.matchAll(/<brk id="(\d+)" max="(\d+)" man="1"\/>/g)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(breaks).toEqual(plan.print.rowBreaks.map((row) => [row, "16383"]));
    expect(breaks.length).toBeGreaterThan(0);
  });

  it("freeze panes, column widths, hidden helper columns, row heights", () => {
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: plan.freeze.rows });
    plan.columns.forEach((col, c) => {
      expect(sheet.getColumn(c + 1).width).toBe(col.width);
      expect(sheet.getColumn(c + 1).hidden).toBe(col.hidden);
    });
    expect(sheet.getColumn(helperOf("self") + 1).hidden).toBe(true);
    expect(sheet.getColumn(helperOf("review") + 1).hidden).toBe(true);
    plan.rowHeights.forEach((h, r) => expect([r + 1, sheet.getRow(r + 1).height]).toEqual([r + 1, h]));
  });

  it("styles: fills, fonts, wrap and borders as planned", () => {
    const header = sheet.getCell(addr(0, plan.layout.headerRow)).style;
    const style = plan.styles.header;
    expect(header.font).toMatchObject({ bold: true, color: { argb: `FF${style.fontColor}` } });
    expect(header.fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: `FF${style.fill}` },
    });
    expect(header.alignment).toMatchObject({ horizontal: "center", vertical: "middle", wrapText: true });
    expect(header.border?.top?.style).toBe("thin");
    expect(sheet.getCell("A1").style.font).toMatchObject({ bold: true, size: plan.styles.title.size });
    // ExcelJS stores "General" as no format at all.
    expect(sheet.getCell(addr(COL.max, plan.layout.firstItemRow)).numFmt ?? "General").toBe(
      plan.styles.max.numberFormat,
    );
  });

  it("recalculates on open; print area and print titles are absolute references", async () => {
    const source = newWorkbook();
    renderPlan(source, plan);
    const xml = zipEntry(await workbookBytes(source), "xl/workbook.xml");
    expect(xml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    const [a, b] = plan.print.area.split(":").map((ref) => ref.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2"));
    expect(xml).toContain(`!${a}:${b}</definedName>`);
    expect(xml).toContain(`!$${plan.print.titleRows[0]}:$${plan.print.titleRows[1]}</definedName>`);
  });
});

describe("workbooks with many scorecards", () => {
  it("reads 17 scorecards (and skips other sheets), in tab order", async () => {
    const workbook = newWorkbook();
    workbook.addWorksheet("说明").getCell("A1").value = "填报说明";
    const fills = randomFills(rubric, 17, 500);
    for (const fill of fills)
      renderPlan(workbook, buildPlan({ rubric, station: fill.station, year: 2020, entries: fill.entries }));
    workbook.addWorksheet("汇总").getCell("A1").value = "主要内容";
    const reads = readScorecards(await roundTrip(workbook, "seventeen"));
    expect(reads).toHaveLength(17);
    reads.forEach((read, i) => {
      expect(read.meta.station).toBe(fills[i].station);
      expect(compactEntries(read.entries)).toEqual(compactEntries(fills[i].entries));
      expect(read.findings).toEqual([]);
    });
  });

  it("redraws an existing scorecard in place, keeping its tab position", async () => {
    const workbook = newWorkbook();
    workbook.addWorksheet("封面");
    const plan = buildPlan({ rubric, station: "巴川街道", year: 2020 });
    renderPlan(workbook, plan);
    workbook.addWorksheet("附件");
    renderPlan(workbook, plan);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["封面", plan.sheetName, "附件"]);
    const reloaded = await roundTrip(workbook, "in-place");
    expect(reloaded.worksheets.map((w) => w.name)).toEqual(["封面", plan.sheetName, "附件"]);
    expect(readScorecards(reloaded)[0].findings).toEqual([]);
  });
});

/** Cell writes that put a fill's entries into a drawn scorecard. */
function entryWrites(plan: SheetPlan, entries: ReturnType<typeof randomFill>["entries"]): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const id of plan.layout.entryIds) {
    const row = rowOf(plan.layout, id);
    writes.push({ cell: addr(COL.self, row), value: entries.self[id] ?? null });
    writes.push({ cell: addr(COL.review, row), value: entries.review[id] ?? null });
    if (entries.evidence[id]) writes.push({ cell: addr(COL.evidence, row), value: entries.evidence[id] });
    if (entries.notes[id]) writes.push({ cell: addr(COL.notes, row), value: entries.notes[id] });
  }
  return writes;
}

describe("repair through populate", () => {
  it("keeps the entries and restores tampered formulas", async () => {
    const fill = randomFill(rubric, 42);
    const port = new XlsxPort();
    const { plan } = await populate(port, { rubric, station: "巴川街道", year: 2020 });
    await port.write(plan.sheetName, entryWrites(plan, fill.entries));
    const { layout } = plan;
    const totalCell = addr(COL.self, layout.summaryRows.total);
    const helperCell = addr(helperOf("review"), rowOf(layout, "12"));
    await port.write(plan.sheetName, [{ cell: totalCell, value: 99 }]);
    sheetOf(port.workbook, plan.sheetName).getCell(helperCell).value = { formula: "G15*2", result: 0 };

    const tampered = await XlsxPort.load(await port.toBuffer());
    const [before] = readScorecards(tampered.workbook);
    expect(before.findings.filter(isIntegrity).map((f) => [f.code, f.cell])).toEqual(
      expect.arrayContaining([
        ["formula-overwritten", totalCell],
        ["formula-changed", helperCell],
      ]),
    );

    const result = await populate(tampered, { rubric, station: "巴川街道", year: 2020 });
    expect(result.repaired).toBe(true);
    const repaired = await loadWorkbook(await tampered.toBuffer());
    const [after] = readScorecards(repaired);
    expect(after.findings).toEqual([]);
    expect(compactEntries(after.entries)).toEqual(compactEntries(fill.entries));
    const sheet = sheetOf(repaired, plan.sheetName);
    expect(cellFormula(sheet.getCell(totalCell))).toBe(
      plan.cells[layout.summaryRows.total - 1][COL.self].formula,
    );
    expect(cellFormula(sheet.getCell(helperCell))).toBe(
      plan.cells[rowOf(layout, "12") - 1][helperOf("review")].formula,
    );
  });
});

describe("XlsxPort", () => {
  it("lists sheets, reads grids, writes cells and reports its own changes and activations", async () => {
    const port = new XlsxPort();
    const changed: string[] = [];
    const activated: string[] = [];
    const offChanged = await port.onChanged((s) => changed.push(s));
    await port.onActivated((s) => activated.push(s));
    expect(await port.activeSheet()).toBeNull();
    port.workbook.addWorksheet("其他");
    const { plan } = await populate(port, { rubric, station: "巴川街道", year: 2020 });
    expect(await port.sheetNames()).toEqual(["其他", plan.sheetName]);
    expect(activated).toEqual([plan.sheetName]);

    const cell = addr(COL.self, rowOf(plan.layout, "1"));
    await port.write(plan.sheetName, [{ cell, value: 1.5 }]);
    expect(changed).toEqual([plan.sheetName]);
    const [grid] = await port.readGrids([plan.sheetName]);
    expect(grid.values[rowOf(plan.layout, "1") - 1]?.[COL.self]).toBe(1.5);
    expect((await port.readGrids()).map((g) => g.name)).toEqual(["其他", plan.sheetName]);

    await port.select("其他", "B2");
    expect(await port.activeSheet()).toBe("其他");
    expect(activated).toEqual([plan.sheetName, "其他"]);
    offChanged();
    await port.write("其他", [{ cell: "A1", value: "x" }]);
    expect(changed).toEqual([plan.sheetName]);

    const bytes = await port.toBuffer();
    expect(await (await XlsxPort.load(bytes)).activeSheet()).toBe("其他");
    // One selected tab only (ExcelJS does not read tabSelected back, so look at the XML).
    expect(zipEntry(bytes, "xl/workbook.xml")).toMatch(/activeTab="0"/);
    expect(zipEntry(bytes, "xl/worksheets/sheet1.xml")).toMatch(/tabSelected="1"/);
    expect(zipEntry(bytes, "xl/worksheets/sheet2.xml")).not.toMatch(/tabSelected="1"/);
    await expect(port.readGrids(["没有"])).rejects.toThrow(/没有/);
    await expect(port.write("没有", [])).rejects.toThrow(/没有/);
  });
});

describe("sheetToGrid", () => {
  it("reads rich text, hyperlinks, errors, dates, booleans, shared formulas and merged cells", async () => {
    const workbook = newWorkbook();
    addMiscSheet(workbook);
    for (const loaded of [workbook, await roundTrip(workbook, "misc")]) {
      const grid = sheetToGrid(sheetOf(loaded, "杂项"));
      // A7's empty-text result reads "" in memory and null after a round trip: not asserted here.
      expect(grid.values.slice(0, 6).map((r) => r?.[0])).toEqual([
        "自评得分",
        "链接",
        "#REF!",
        "2020-06-30",
        true,
        false,
      ]);
      expect(grid.values[0]?.[2]).toBe(4);
      expect(grid.values[1]?.[2]).toBe(6);
      expect(grid.values[2]?.[2]).toBe("#DIV/0!");
      expect(grid.formulas[0]?.[2]).toBe("B1*2");
      expect(grid.formulas[1]?.[2]).toBe("B2*2");
      expect(grid.values[0]?.[3]).toBe("合并");
      expect([grid.values[0]?.[4], grid.values[1]?.[3], grid.values[1]?.[4]].map((v) => v ?? null)).toEqual([
        null,
        null,
        null,
      ]);
      expect(grid.guards).toEqual({ protected: false, validatedAreas: [] });
    }
  });

  it("keeps validations as the areas ExcelJS keys them by, ranges and space-separated ranges (LibreOffice) alike", () => {
    const workbook = newWorkbook();
    const sheet = workbook.addWorksheet("验证");
    sheet.getCell("H9").value = 1;
    const dv = { type: "decimal" as const, formulae: [0, 1] };
    const model = internals(sheet).dataValidations;
    model.add("A1", dv);
    model.add("B2:C3", dv);
    model.add("E4 F5:G6", dv);
    model.add("J1:J1048576", dv);
    expect(sheetToGrid(sheet).guards?.validatedAreas).toEqual(["A1", "B2:C3", "E4", "F5:G6", "J1:J1048576"]);
  });
});

describe("unreadable input", () => {
  let valid: Uint8Array;
  beforeAll(async () => {
    const workbook = newWorkbook();
    renderPlan(workbook, buildPlan({ rubric, station: "巴川街道", year: 2020 }));
    valid = await workbookBytes(workbook);
  });

  const rejects = async (data: Uint8Array | ArrayBuffer, problem: string): Promise<void> => {
    const error = await loadWorkbook(data).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkbookFormatError);
    expect((error as WorkbookFormatError).problem).toBe(problem);
    expect((error as Error).message).toMatch(/xlsx/);
  };

  it("an empty buffer", () => rejects(new Uint8Array(0), "empty"));
  it("an empty ArrayBuffer", () => rejects(new ArrayBuffer(0), "empty"));
  it("random bytes", () => {
    const rnd = mulberry32(9);
    return rejects(
      Uint8Array.from({ length: 4096 }, () => Math.floor(rnd() * 256)),
      "not-zip",
    );
  });
  it("text", () => rejects(new TextEncoder().encode("主要内容,具体任务\n1,2\n"), "not-zip"));
  it("a legacy .xls", () =>
    rejects(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "legacy-xls"));
  it("a truncated .xlsx", () => rejects(valid.slice(0, Math.floor(valid.length / 2)), "damaged"));
  it("a .xlsx cut short by a few bytes", () => rejects(valid.slice(0, valid.length - 10), "damaged"));
  it("a zip header only", () => rejects(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), "damaged"));

  it("through the port and the file helpers", async () => {
    await expect(XlsxPort.load(new Uint8Array(0))).rejects.toBeInstanceOf(WorkbookFormatError);
    const path = join(dir, "broken.xlsx");
    await writeFile(path, valid.slice(0, 100));
    await expect(readWorkbookFile(path)).rejects.toBeInstanceOf(WorkbookFormatError);
    await expect(readWorkbookFile(join(dir, "missing.xlsx"))).rejects.toThrow(/ENOENT/);
  });

  it("a valid file still loads (the checks are not too strict)", async () => {
    const workbook = await loadWorkbook(
      valid.buffer.slice(valid.byteOffset, valid.byteOffset + valid.byteLength),
    );
    expect(readScorecards(workbook)).toHaveLength(1);
  });
});
