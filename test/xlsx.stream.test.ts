import * as ExcelJS from "exceljs";
import type { Workbook } from "exceljs";
import { readFile, writeFile } from "fs/promises";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync, deflateSync } from "fflate";
import { getRubric } from "../src/rubric";
import { COL, addr, buildPlan, rowOf } from "../src/sheet";
import {
  WorkbookFormatError,
  XlsxPort,
  loadWorkbook,
  newWorkbook,
  renderPlan,
  workbookBytes,
  workbookGrids,
} from "../src/xlsx";
import { internals } from "../src/xlsx/internals";
import { streamGrids } from "../src/xlsx/stream/read";
import { PART_LIMIT, ZipReader } from "../src/xlsx/stream/zip";
import { randomFills } from "./support/fills";
import { addMiscSheet } from "./support/miscSheet";
import { convertWithLibreOffice, tempDir } from "./support/libreoffice";
import { coveredCells, gridDifferences } from "./support/gridCompare";

const rubric = getRubric("2020-trial");
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

const scorecardBook = (
  fill: Parameters<typeof buildPlan>[0] = { rubric, station: "巴川街道", year: 2020 },
): Workbook => {
  const workbook = newWorkbook();
  renderPlan(workbook, buildPlan(fill));
  return workbook;
};

/**
 * The streaming reader against ExcelJS on bytes ExcelJS reads right (this product's own files, LibreOffice's):
 * ExcelJS's raw model (no reconciling), and the page's path (loadWorkbook + sheetToGrid), cell by cell.
 */
async function expectSameGrids(bytes: Uint8Array): Promise<void> {
  const raw = new ExcelJS.Workbook();
  await raw.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const streamed = streamGrids(bytes);
  // Raw ExcelJS reads only sheet="1" as protected (LibreOffice writes "true"): its protection is not compared.
  expect(gridDifferences(streamed, workbookGrids(raw), { protection: false })).toEqual([]);
  expect(gridDifferences(streamed, workbookGrids(await loadWorkbook(bytes)))).toEqual([]);
}

/** Rewrites parts of a zip: each edit maps a part's text to its new text. */
function editZip(bytes: Uint8Array, edits: Record<string, (xml: string) => string>): Uint8Array {
  const files = unzipSync(bytes);
  for (const [name, edit] of Object.entries(edits)) files[name] = strToU8(edit(strFromU8(files[name])));
  return zipSync(files);
}

describe("the streaming reader gives the grids ExcelJS gives", () => {
  it("on generated filled scorecards, several per workbook", async () => {
    const fills = randomFills(rubric, 6, 7);
    const workbook = newWorkbook();
    fills.forEach((f, i) => renderPlan(workbook, buildPlan({ rubric, ...f, station: `${f.station}${i}` })));
    workbook.addWorksheet("备注").getCell("B2").value = "不是评分表";
    const bytes = await workbookBytes(workbook);
    const grids = streamGrids(bytes);
    expect(grids.map((g) => g.name)).toEqual(workbook.worksheets.map((w) => w.name));
    expect(grids[0].values.length).toBeGreaterThan(80);
    await expectSameGrids(bytes);
  });

  it("on tampered scorecards: deleted rows, typed totals, dropped validation and protection", async () => {
    const workbook = scorecardBook();
    const sheet = workbook.worksheets[0];
    const layout = buildPlan({ rubric, station: "巴川街道", year: 2020 }).layout;
    sheet.getCell(addr(COL.self, rowOf(layout, "12"))).value = "２";
    sheet.getCell(addr(COL.self, rowOf(layout, "13"))).value = { formula: "1+1", result: 2 };
    sheet.spliceRows(20, 1);
    const model = internals(sheet).dataValidations.model;
    for (const key of Object.keys(model).slice(0, 5)) delete model[key];
    internals(sheet).sheetProtection = null;
    await expectSameGrids(await workbookBytes(workbook));
  });

  it("on rich text, hyperlinks, errors, dates, booleans, shared formulas and merges", async () => {
    const workbook = newWorkbook();
    addMiscSheet(workbook);
    await expectSameGrids(await workbookBytes(workbook));
  });

  it("on what other writers put in the XML: inline strings, str results, shared formulas, sqref lists", async () => {
    const bytes = editZip(await workbookBytes(scorecardBook()), {
      "xl/worksheets/sheet1.xml": (xml) =>
        xml
          .replace(
            "</sheetData>",
            '<row r="200"><c r="A200" t="inlineStr"><is><t>内联 &amp; 文本</t></is></c>' +
              '<c r="B200" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 文本_x000D_</t></r></is></c>' +
              '<c r="C200" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
              '<c r="D200"><f t="shared" ref="D200:D202" si="90">C200&amp;$A$200</f><v>1</v></c>' +
              '<c r="E200" t="e"><v>#N/A</v></c><c r="F200" t="b"><v>0</v></c><c r="G200" s="1"/><c r="H200"/>' +
              // A value left in a merged-away cell, which every reader shows empty.
              '<c r="J200"><v>5</v></c><c r="K200"><v>7</v></c></row>' +
              '<row r="201"><c r="D201"><f t="shared" si="90"/><v>2</v></c></row>' +
              '<row r="202" ht="20" customHeight="1"><c r="D202"><f t="shared" si="90"/></c><c r="J202" s="2"/></row>' +
              '<row r="230"/></sheetData>',
          )
          .replace(/<dataValidation /, '<dataValidation sqref="A300 B1:B3 $C$2"/><dataValidation ')
          .replace("</mergeCells>", '<mergeCell ref="J200:K200"/></mergeCells>'),
    });
    const grid = streamGrids(bytes)[0];
    expect(grid.values[199]?.slice(0, 6)).toEqual(["内联 & 文本", "富 文本\r", "ab", 1, "#N/A", false]);
    expect(grid.values[199]?.slice(9, 11)).toEqual([5, undefined]);
    expect(grid.formulas[200]?.[3]).toBe("C201&$A$200");
    await expectSameGrids(bytes);
  });

  it("takes a cell as validated when a checking validation covers it, however its areas are written", async () => {
    // "$F$5" and "f6" name cells too; the later type-less validation (type none) checks nothing and undoes nothing.
    const bytes = editZip(await workbookBytes(scorecardBook()), {
      "xl/worksheets/sheet1.xml": (xml) =>
        xml
          .replace(/<dataValidation /, '<dataValidation type="whole" sqref="$F$5 f6 F7"/><dataValidation ')
          .replace("</dataValidations>", '<dataValidation sqref="F5:F7"/></dataValidations>'),
    });
    const validated = coveredCells(streamGrids(bytes)[0].guards?.validatedAreas ?? []);
    expect(validated).toEqual(expect.arrayContaining(["F5", "F6", "F7"]));
    await expectSameGrids(bytes);
  });

  it("reads each file's own styles and relationships, when a batch repeats them and when it does not", async () => {
    const workbook = newWorkbook();
    addMiscSheet(workbook);
    const bytes = await workbookBytes(workbook);
    // The same workbook with A4's date format made a plain number and its hyperlink pointing elsewhere.
    const other = editZip(bytes, {
      "xl/styles.xml": (xml) => xml.replace(/numFmtId="14"/g, 'numFmtId="2"'),
      "xl/worksheets/_rels/sheet1.xml.rels": (xml) =>
        xml.replace("https://example.org", "https://example.com"),
    });
    const first = streamGrids(bytes)[0];
    const second = streamGrids(other)[0];
    expect(first.values[3]?.[0]).toBe("2020-06-30");
    expect(second.values[3]?.[0]).toEqual(expect.any(Number));
    expect(second.links).toEqual({ A2: "https://example.com" });
    expect(streamGrids(bytes)[0]).toEqual(first);
    await expectSameGrids(other);
    await expectSameGrids(bytes);
  });

  it("reads each file's own validations and formulas when a batch repeats them cell for cell, and when it does not", async () => {
    const bytes = await workbookBytes(scorecardBook());
    // The same workbook with one validation dropped and the first formula changed, in the same cells.
    const other = editZip(bytes, {
      "xl/worksheets/sheet1.xml": (xml) =>
        xml
          .replace(/<dataValidation [\s\S]*?<\/dataValidation>/, "")
          .replace(/<f>([^<]*)<\/f>/, "<f>$1+0</f>"),
    });
    const first = streamGrids(bytes)[0];
    const second = streamGrids(other)[0];
    expect(second.guards?.validatedAreas.length).toBeLessThan(first.guards?.validatedAreas.length ?? 0);
    expect(second.formulas.flat().filter((f) => f?.endsWith("+0"))).toHaveLength(1);
    expect(streamGrids(bytes)[0]).toEqual(first);
    await expectSameGrids(other);
    await expectSameGrids(bytes);
  });

  it("reads cells of the usual shape by hand exactly as the other paths read them", async () => {
    const cells = [
      '<c r="A300"><v>&#49;2</v></c>',
      '<c r="B300" s="0"/>',
      '<c r="C300" s="1"></c>',
      '<c r="D300" s="1"><v></v></c>',
      '<c r="E300" t="str"><v>a&amp;b</v></c>',
      '<c r="F300" t="b"><v>1</v></c>',
      '<c r="G300" t="e"><v>#N/A</v></c>',
      '<c r="H300" s="0001"><v>-1.5E3</v></c>',
      '<c r="I300" t="s"><v>0</v></c>',
      '<c r="J300" t="inlineStr"><is><t>x</t></is></c>',
      '<c r="K300" t="n" s="1"><v>5</v></c>',
      '<c r="L300" s="1" t="n" cm="1"><v>6</v></c>',
      '<c r="M300" s="1"><f>1+1</f><v>2</v></c>',
      '<c r="N300" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>',
      '<c r="O300"><f>=A300</f></c>',
      '<c r="P300" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
      '<c r="Q300"><f></f><v>3</v></c>',
      '<c r="R300" t="b"><f>TRUE()</f><v>1</v></c>',
    ];
    const bytes = editZip(await workbookBytes(scorecardBook()), {
      "xl/worksheets/sheet1.xml": (xml) =>
        xml.replace("</sheetData>", `<row r="300">${cells.join("")}</row></sheetData>`),
    });
    const row = streamGrids(bytes)[0].values[299] ?? [];
    const shown = Array.from(row, (v) => v ?? null);
    expect(shown.slice(0, 9)).toEqual([12, null, null, null, "a&b", true, "#N/A", -1500, expect.any(String)]);
    expect(shown.slice(10, 18)).toEqual([5, 6, 2, "ab", null, "#DIV/0!", 3, true]);
    expect(Array.from(streamGrids(bytes)[0].formulas[299] ?? [], (f) => f ?? null).slice(12, 18)).toEqual([
      "1+1",
      '"a"&"b"',
      "A300",
      "1/0",
      null,
      "TRUE()",
    ]);
    await expectSameGrids(bytes);
  });

  it("refuses a sheet whose declared size is wrong as damaged (test/xlsx.zip.test.ts: each way it can be wrong)", async () => {
    const bytes = await workbookBytes(scorecardBook({ rubric, ...randomFills(rubric, 1, 9)[0] }));
    const cut = bytes.slice();
    const view = new DataView(cut.buffer, cut.byteOffset, cut.byteLength);
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    for (let at = cut.length - 22; at >= 0; at--)
      if (
        view.getUint32(at, true) === 0x02014b50 &&
        view.getUint16(at + 28, true) === name.length &&
        name.every((b, i) => cut[at + 46 + i] === b)
      )
        view.setUint32(at + 24, 1000, true);
    expect(() => streamGrids(cut)).toThrow(
      expect.objectContaining({ problem: "damaged", part: "xl/worksheets/sheet1.xml" }) as Error,
    );
    expect(streamGrids(bytes)).toHaveLength(1);
  });

  it("whether a cell, shared string, validation or merge is read whole or tag by tag", async () => {
    const bytes = await workbookBytes(scorecardBook({ rubric, ...randomFills(rubric, 1, 5)[0] }));
    let n = 0;
    // Every other element in a shape the whole-element patterns leave to the tag-by-tag path (XML allows
    // any whitespace there, and any attribute order).
    const everyOther = (xml: string, pattern: RegExp, shape: (...groups: string[]) => string): string =>
      xml.replace(pattern, (whole, ...groups: string[]) => (n++ % 2 === 0 ? shape(...groups) : whole));
    const edited = editZip(bytes, {
      "xl/worksheets/sheet1.xml": (xml) =>
        everyOther(
          everyOther(
            everyOther(xml, /<c r="([A-Z]+\d+)" s="(\d+)"/g, (r, style) => `<c s="${style}"\n r="${r}"`),
            /<dataValidation /g,
            () => "<dataValidation\t",
          ),
          /<mergeCell ref="([^"]*)"\/>|<row r="(\d+)"/g,
          (ref, row) => (row ? `<row\n r="${row}"` : `<mergeCell ref="${ref}" />`),
        ),
      "xl/sharedStrings.xml": (xml) => everyOther(xml, /<si><t>/g, () => "<si><t >"),
    });
    expect(n).toBeGreaterThan(500);
    expect(streamGrids(edited)).toEqual(streamGrids(bytes));
    await expectSameGrids(edited);
  });

  it("on LibreOffice-saved scorecards", async () => {
    const dir = await tempDir("stream-lo-");
    try {
      const inputs: string[] = [];
      for (const [i, f] of randomFills(rubric, 2, 31).entries()) {
        const file = join(dir.path, `in${i}.xlsx`);
        await writeFile(file, await workbookBytes(scorecardBook({ rubric, ...f })));
        inputs.push(file);
      }
      const { outputs } = await convertWithLibreOffice(inputs, { to: "xlsx", outDir: join(dir.path, "out") });
      for (const output of outputs) await expectSameGrids(new Uint8Array(await readFile(output)));
    } finally {
      await dir.remove();
    }
  });
});

describe("hostile and broken files", () => {
  const bomb = (size: number): Uint8Array => {
    const files = unzipSync(zipSync({ a: strToU8("x") }));
    files["xl/workbook.xml"] = strToU8(
      `<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    files["xl/_rels/workbook.xml.rels"] = strToU8(
      `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    );
    files["xl/worksheets/sheet1.xml"] = new Uint8Array(size).fill(0x20);
    return zipSync(files, { level: 9 });
  };

  it("refuses a part that declares more than the limit, before inflating anything", () => {
    const bytes = bomb(PART_LIMIT + 20 * 1024 * 1024);
    expect(bytes.length).toBeLessThan(200 * 1024);
    expect(() => new ZipReader(bytes)).toThrow(
      expect.objectContaining({ why: { limit: "partBytes" }, part: "xl/worksheets/sheet1.xml" }) as Error,
    );
    const error = (() => {
      try {
        streamGrids(bytes);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WorkbookFormatError);
    expect((error as WorkbookFormatError).problem).toBe("too-large");
    expect((error as WorkbookFormatError).part).toBe("xl/worksheets/sheet1.xml");
  });

  it("is refused on the ExcelJS path too (the page opens files through XlsxPort.load), before JSZip inflates it", async () => {
    const bytes = bomb(PART_LIMIT + 1024 * 1024);
    await expect(XlsxPort.load(bytes)).rejects.toMatchObject({
      problem: "too-large",
      part: "xl/worksheets/sheet1.xml",
    });
    await expect(loadWorkbook(bytes)).rejects.toThrow(/50 MB/);
    // A bomb that is also damaged elsewhere still says it is too large; plain damage is still ExcelJS's to report.
    await expect(loadWorkbook(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).rejects.toMatchObject({
      problem: "damaged",
    });
  });

  it("refuses a bomb whose central directory understates its size", () => {
    const bytes = bomb(PART_LIMIT + 1024 * 1024);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    for (let at = bytes.length - 22; at >= 0; at--)
      if (
        view.getUint32(at, true) === 0x02014b50 &&
        name.every((b, i) => bytes[at + 46 + i] === b) &&
        view.getUint16(at + 28, true) === name.length
      )
        view.setUint32(at + 24, 1000, true);
    expect(() => streamGrids(bytes)).toThrow(expect.objectContaining({ problem: "damaged" }) as Error);
  });

  it("names entries in UTF-8 as well as ASCII", () => {
    const zip = new ZipReader(zipSync({ "xl/a.xml": strToU8("a"), "佐证/材料.xml": strToU8("b") }));
    expect(zip.names).toEqual(["xl/a.xml", "佐证/材料.xml"]);
  });

  it("reads a part just under the limit", () => {
    const zip = new ZipReader(zipSync({ p: new Uint8Array(1024 * 1024).fill(0x41) }));
    let seen = 0;
    zip.read("p", (chunk) => (seen += chunk.length));
    expect(seen).toBe(1024 * 1024);
  });

  it.each([
    ["empty", new Uint8Array(0)],
    ["not-zip", strToU8("hello")],
    ["legacy-xls", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])],
    ["damaged", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])],
    ["damaged", deflateSync(strToU8("x")).fill(0x50, 0, 1).fill(0x4b, 1, 2)],
  ])("says %s like the ExcelJS path", async (problem, bytes) => {
    expect(() => streamGrids(bytes)).toThrow(WorkbookFormatError);
    try {
      streamGrids(bytes);
    } catch (e) {
      expect((e as WorkbookFormatError).problem).toBe(problem);
    }
    await expect(loadWorkbook(bytes)).rejects.toMatchObject({ problem });
  });

  it("says damaged for a truncated workbook", async () => {
    const valid = await workbookBytes(scorecardBook());
    for (const cut of [valid.slice(0, valid.length / 2), valid.slice(0, valid.length - 10)])
      expect(() => streamGrids(cut)).toThrow(expect.objectContaining({ problem: "damaged" }) as Error);
  });
});
