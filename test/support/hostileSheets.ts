/*
 * Small workbooks written by script, one per class of issue 21 (sheet and XML level) and issue 25 (what a sheet
 * declares): valid shapes other programs write, which every reader must read as the program meant, and hostile
 * or damaged ones, which every reader must refuse with the right reason or read at a cost that follows their
 * real content. Each starts from a filled scorecard this product writes (self total 91.5, 达标), changed in its
 * XML the way the program or the fuzzer would.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from "fflate";
import { getRubric } from "../../src/rubric";
import { NO, SAME_MATTER_ID } from "../../src/scoring";
import { COL, addr, buildPlan, rowOf, type PlanValue, type ScorecardEntries } from "../../src/sheet";
import { newWorkbook, renderPlan, workbookBytes } from "../../src/xlsx";
import type { WorkbookDamage, WorkbookFormatError } from "../../src/xlsx/format";
import type { ReadLimit } from "../../src/xlsx/limits";

/** What a refusal names: the damage, or the limit passed. */
export type RefusalKind = WorkbookDamage | ReadLimit;

/**
 * The damage or limit a reader's error names; undefined for any other error. By name and shape: a reader loaded
 * in isolation (jest.isolateModules) has its own WorkbookFormatError class.
 */
export function refusalKind(error: unknown): RefusalKind | undefined {
  if (!(error instanceof Error) || error.name !== "WorkbookFormatError") return undefined;
  const { damage, limit } = error as WorkbookFormatError;
  return damage ?? limit;
}

export const rubric = getRubric("2020-trial");
export const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const STRICT_OFFICE = "http://purl.oclc.org/ooxml/officeDocument/relationships";

export const STATION = "巴川街道";
export const SHEET = "巴川街道2020评分表";
const layout = buildPlan({ rubric, station: STATION, year: 2020 }).layout;

/** The item whose 自评得分 carries a hyperlink in the linked fixture (the first worth 2 or more). */
export const LINKED = rubric.baseItems.find((i) => i.max >= 2)?.id ?? "1";
export const selfCell = (id: string): string => addr(COL.self, rowOf(layout, id));

/** Full marks, then 8.5 points off items other than LINKED: self total 91.5, 达标; LINKED lost → 89.5. */
export function baseEntries(): ScorecardEntries {
  const self: Record<string, PlanValue> = {};
  for (const item of rubric.baseItems) self[item.id] = item.max;
  for (const item of rubric.bonus.items) self[item.id] = 0;
  self[SAME_MATTER_ID] = NO;
  for (const c of rubric.veto.conditions) self[c.key] = NO;
  let drop = 8.5;
  for (const item of rubric.baseItems) {
    if (drop <= 0) break;
    if (item.id === LINKED) continue;
    const step = Math.min(drop, item.max);
    self[item.id] = item.max - step;
    drop -= step;
  }
  const evidence: Record<string, string> = {};
  for (const item of rubric.items) evidence[item.id] = `台账 ${item.no}`;
  return { self, review: {}, evidence, notes: {} };
}

/** The filled scorecard, and a second sheet 备注 with a few cells, as this product writes them. */
export async function baseBook(): Promise<Uint8Array> {
  const workbook = newWorkbook();
  renderPlan(workbook, buildPlan({ rubric, station: STATION, year: 2020, entries: baseEntries() }));
  const note = workbook.addWorksheet("备注");
  note.getCell("A1").value = "说明";
  note.getCell("B2").value = 42;
  return workbookBytes(workbook);
}

type Parts = Unzipped;
const text = (parts: Parts, name: string): string => strFromU8(parts[name]);
const put = (parts: Parts, name: string, xml: string): void => void (parts[name] = strToU8(xml));
export const SCORECARD_PART = "xl/worksheets/sheet1.xml";
const NOTE_PART = "xl/worksheets/sheet2.xml";

/** Adds cells to a sheet part, in a row of their own (numbers above the existing rows go first). */
function addRow(xml: string, row: number, cells: string): string {
  const at = [...xml.matchAll(/<row r="(\d+)"/g)].find((m) => Number(m[1]) > row);
  const mark = `<row r="${row}">${cells}</row>`;
  if (at?.index !== undefined) return xml.slice(0, at.index) + mark + xml.slice(at.index);
  return xml
    .replace("</sheetData>", `${mark}</sheetData>`)
    .replace("<sheetData/>", `<sheetData>${mark}</sheetData>`);
}

/** Every element of a part's default (SpreadsheetML or relationships) namespace written with a prefix instead. */
function prefixed(xml: string, prefix: string, uri: string): string {
  return xml
    .replace(
      /<(\/?)([A-Za-z][\w.]*)(?=[\s/>])/g,
      (_, slash: string, name: string) => `<${slash}${prefix}:${name}`,
    )
    .replace(`xmlns="${uri}"`, `xmlns:${prefix}="${uri}"`);
}

/** Adds the workbook relationship `id` of `type` to `target`. */
const addRelationship = (xml: string, id: string, type: string, target: string, external = false): string =>
  xml.replace(
    "</Relationships>",
    `<Relationship Id="${id}" Type="${OFFICE}/${type}" Target="${target}"${external ? ' TargetMode="External"' : ""}/></Relationships>`,
  );

/** A style index whose number format is a date (added to cellXfs). */
function addDateStyle(parts: Parts): number {
  const styles = text(parts, "xl/styles.xml");
  const count = Number(/<cellXfs count="(\d+)"/.exec(styles)?.[1]);
  put(
    parts,
    "xl/styles.xml",
    styles
      .replace(/<cellXfs count="\d+">/, `<cellXfs count="${count + 1}">`)
      .replace(
        "</cellXfs>",
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>',
      ),
  );
  return count;
}

/** What every reader must make of a fixture. */
export type Expected =
  /** Refused: the refusal kind (or the format problem for what is no workbook at all). */
  | { readonly refused: RefusalKind }
  /**
   * Read: the scorecard's self total and verdict (none when `scorecards` is 0), and cells of other sheets as
   * the producing program meant them. `page` names the refusal the page (and export) give when the ExcelJS
   * model would be too big, while check reads the file.
   */
  | {
      readonly scorecards: 0 | 1;
      readonly total?: number;
      readonly verdict?: string;
      readonly cells?: Readonly<Record<string, unknown>>;
      readonly page?: RefusalKind;
      /** Issue codes the scorecard must not report (that a misreading would). */
      readonly without?: readonly string[];
    };

export interface SheetFixture {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly expected: Expected;
}

const read = (total = 91.5, extra: Partial<Extract<Expected, { scorecards: 0 | 1 }>> = {}): Expected => ({
  scorecards: 1,
  total,
  verdict: "pass",
  ...extra,
});

/** The valid shapes' names, known before they are built (tests are declared by them). */
export const VALID_SHAPES = [
  "prefixed SpreadsheetML (Open XML SDK, ClosedXML)",
  "only the worksheet part prefixed",
  "Strict OOXML namespaces",
  "rows and cells without r",
  "worksheet part named sheet.xml (Numbers), shared strings in another case",
  "worksheet part named Sheet1.xml under an absolute target",
  "folders separated by '\\' and the sheets' r:id under another prefix (a .NET writer, POI's 49609)",
  "date-formatted cells that hold no date (cached #N/A, text, an 18-digit ID) beside a date",
  't="d" ISO 8601 cells (Strict saves)',
  'date1904="true"',
  "shared formulas over whole columns",
  "a plain <t> before rich-text runs in one shared string",
  "a worksheet and shared strings in UTF-16LE with a byte-order mark",
  "a worksheet and shared strings in UTF-16BE with a byte-order mark",
  "shared strings in UTF-16 without a byte-order mark",
  "a number and a total formula under external hyperlinks",
  "list validations in the x14 extLst (Excel 2010+, lists over other sheets)",
] as const;

/** Throws unless fixtures were built under exactly these names, in this order. */
function named(fixtures: SheetFixture[], names: readonly string[]): SheetFixture[] {
  const built = fixtures.map((f) => f.name);
  if (built.join("\n") !== names.join("\n")) throw new Error(`Fixtures built: ${built.join(" | ")}`);
  return fixtures;
}

/** Valid shapes other writers produce: each must read as the base scorecard does, plus what it adds. */
export async function validShapes(): Promise<SheetFixture[]> {
  const base = await baseBook();
  const edit = (name: string, expected: Expected, change: (parts: Parts) => void): SheetFixture => {
    const parts = unzipSync(base);
    change(parts);
    return { name, bytes: zipSync(parts), expected };
  };
  const spreadsheetParts = (parts: Parts): string[] =>
    Object.keys(parts).filter((n) => /^xl\/.*\.xml$/.test(n) && text(parts, n).includes(`xmlns="${MAIN}"`));
  const relsParts = (parts: Parts): string[] => Object.keys(parts).filter((n) => n.endsWith(".rels"));
  const dateStyle = (parts: Parts): number => addDateStyle(parts);
  return named(
    [
      edit("prefixed SpreadsheetML (Open XML SDK, ClosedXML)", read(), (parts) => {
        for (const n of spreadsheetParts(parts)) put(parts, n, prefixed(text(parts, n), "x", MAIN));
        for (const n of relsParts(parts)) put(parts, n, prefixed(text(parts, n), "ns3", PACKAGE_RELS));
        // relationships:id, not r:id, as System.IO.Packaging writers name that prefix.
        for (const n of spreadsheetParts(parts))
          put(
            parts,
            n,
            text(parts, n)
              .replace(/xmlns:r=/g, "xmlns:relationships=")
              .replace(/ r:id=/g, " relationships:id="),
          );
      }),
      edit("only the worksheet part prefixed", read(), (parts) =>
        put(parts, SCORECARD_PART, prefixed(text(parts, SCORECARD_PART), "x", MAIN)),
      ),
      edit("Strict OOXML namespaces", read(), (parts) => {
        for (const n of Object.keys(parts)) {
          if (!/\.(xml|rels)$/.test(n)) continue;
          put(parts, n, text(parts, n).split(MAIN).join(STRICT_MAIN).split(OFFICE).join(STRICT_OFFICE));
        }
      }),
      edit("rows and cells without r", read(), (parts) => {
        let previousRow = 0;
        const xml = text(parts, SCORECARD_PART).replace(
          /<row r="(\d+)"([^>]*)>([\s\S]*?)<\/row>/g,
          (row, r: string, rest: string, body: string) => {
            const number = Number(r);
            let previousCol = 0;
            const cells = body.replace(/<c r="([A-Z]+)\d+"/g, (cell, letters: string) => {
              const col = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
              const keep = col !== previousCol + 1;
              previousCol = col;
              return keep ? cell : "<c";
            });
            const keepRow = number !== previousRow + 1;
            previousRow = number;
            return `<row${keepRow ? ` r="${r}"` : ""}${rest}>${cells}</row>`;
          },
        );
        put(parts, SCORECARD_PART, xml);
      }),
      edit("worksheet part named sheet.xml (Numbers), shared strings in another case", read(), (parts) => {
        parts["xl/worksheets/sheet.xml"] = parts[SCORECARD_PART];
        delete parts[SCORECARD_PART];
        parts["xl/worksheets/_rels/sheet.xml.rels"] = parts["xl/worksheets/_rels/sheet1.xml.rels"];
        delete parts["xl/worksheets/_rels/sheet1.xml.rels"];
        parts["xl/SharedStrings.xml"] = parts["xl/sharedStrings.xml"];
        delete parts["xl/sharedStrings.xml"];
        put(
          parts,
          "xl/_rels/workbook.xml.rels",
          text(parts, "xl/_rels/workbook.xml.rels").replace(
            'Target="worksheets/sheet1.xml"',
            'Target="/xl/worksheets/sheet.xml"',
          ),
        );
      }),
      edit("worksheet part named Sheet1.xml under an absolute target", read(), (parts) => {
        parts["xl/worksheets/Sheet1.xml"] = parts[SCORECARD_PART];
        delete parts[SCORECARD_PART];
        put(
          parts,
          "xl/_rels/workbook.xml.rels",
          text(parts, "xl/_rels/workbook.xml.rels").replace(
            'Target="worksheets/sheet1.xml"',
            'Target="/xl/worksheets/Sheet1.xml"',
          ),
        );
      }),
      edit(
        "folders separated by '\\' and the sheets' r:id under another prefix (a .NET writer, POI's 49609)",
        read(),
        (parts) => {
          put(
            parts,
            "xl/workbook.xml",
            text(parts, "xl/workbook.xml")
              .replace("xmlns:r=", "xmlns:d3p1=")
              .replace(/ r:id=/g, " d3p1:id="),
          );
          for (const n of Object.keys(parts)) {
            const windows = n.replace(/\//g, "\\");
            if (windows === n) continue;
            parts[windows] = parts[n];
            delete parts[n];
          }
        },
      ),
      edit(
        "date-formatted cells that hold no date (cached #N/A, text, an 18-digit ID) beside a date",
        read(91.5, {
          cells: {
            "备注!C3": "#N/A",
            "备注!D3": "待定",
            "备注!E3": Number("110101199001011234"),
            "备注!F3": "2020-06-30",
          },
        }),
        (parts) => {
          const s = dateStyle(parts);
          put(
            parts,
            NOTE_PART,
            addRow(
              text(parts, NOTE_PART),
              3,
              `<c r="C3" s="${s}" t="e"><f>NA()</f><v>#N/A</v></c><c r="D3" s="${s}" t="str"><f>"待定"</f><v>待定</v></c>` +
                `<c r="E3" s="${s}"><v>110101199001011234</v></c><c r="F3" s="${s}"><v>44012</v></c>`,
            ),
          );
        },
      ),
      edit(
        't="d" ISO 8601 cells (Strict saves)',
        read(91.5, {
          cells: {
            "备注!C3": "2020-06-30",
            "备注!D3": "2020-06-30T12:30:00.000Z",
            "备注!E3": "1899-12-30T23:44:51.894Z",
          },
        }),
        (parts) =>
          put(
            parts,
            NOTE_PART,
            addRow(
              text(parts, NOTE_PART),
              3,
              '<c r="C3" t="d"><v>2020-06-30</v></c><c r="D3" t="d"><v>2020-06-30T12:30:00</v></c><c r="E3" t="d"><v>23:44:51.894</v></c>',
            ),
          ),
      ),
      edit('date1904="true"', read(91.5, { cells: { "备注!C3": "2024-07-01" } }), (parts) => {
        const s = dateStyle(parts);
        put(
          parts,
          "xl/workbook.xml",
          text(parts, "xl/workbook.xml").replace(/<workbookPr([^>]*)\/>/, '<workbookPr$1 date1904="true"/>'),
        );
        // 2024-07-01 is serial 44012 + 1462 days earlier in the 1904 system.
        put(
          parts,
          NOTE_PART,
          addRow(text(parts, NOTE_PART), 3, `<c r="C3" s="${s}"><v>${45474 - 1462}</v></c>`),
        );
      }),
      edit(
        "shared formulas over whole columns",
        read(91.5, {
          cells: {
            "备注!C3=": "SUM(A:A)",
            "备注!D3=": "SUM(B:B)",
            "备注!E3=": "SUM($A:C)",
            "备注!F3=": "SUM($A:D)",
            "备注!C4=": "SUM(3:3)",
            "备注!C5=": "SUM(4:4)",
          },
        }),
        (parts) => {
          let xml = addRow(
            text(parts, NOTE_PART),
            3,
            '<c r="C3"><f t="shared" ref="C3:D3" si="0">SUM(A:A)</f><v>42</v></c><c r="D3"><f t="shared" si="0"/><v>42</v></c>' +
              '<c r="E3"><f t="shared" ref="E3:F3" si="1">SUM($A:C)</f><v>42</v></c><c r="F3"><f t="shared" si="1"/><v>42</v></c>',
          );
          xml = addRow(xml, 4, '<c r="C4"><f t="shared" ref="C4:C5" si="2">SUM(3:3)</f><v>0</v></c>');
          put(parts, NOTE_PART, addRow(xml, 5, '<c r="C5"><f t="shared" si="2"/><v>0</v></c>'));
        },
      ),
      edit(
        "a plain <t> before rich-text runs in one shared string",
        read(91.5, { cells: { "备注!C3": "前文加粗" } }),
        (parts) => {
          const sst = text(parts, "xl/sharedStrings.xml");
          const count = (sst.match(/<si>/g) ?? []).length;
          put(
            parts,
            "xl/sharedStrings.xml",
            sst.replace("</sst>", "<si><t>前文</t><r><rPr><b/></rPr><t>加粗</t></r></si></sst>"),
          );
          put(parts, NOTE_PART, addRow(text(parts, NOTE_PART), 3, `<c r="C3" t="s"><v>${count}</v></c>`));
        },
      ),
      ...(["utf-16le", "utf-16be"] as const).map((encoding) =>
        edit(
          `a worksheet and shared strings in ${encoding.toUpperCase()} with a byte-order mark`,
          read(),
          (parts) => {
            for (const n of [SCORECARD_PART, "xl/sharedStrings.xml"])
              parts[n] = utf16(text(parts, n), encoding);
          },
        ),
      ),
      edit("shared strings in UTF-16 without a byte-order mark", read(), (parts) => {
        parts["xl/sharedStrings.xml"] = utf16(text(parts, "xl/sharedStrings.xml"), "utf-16le", false);
      }),
      edit(
        "a number and a total formula under external hyperlinks",
        read(91.5, { without: ["formula-overwritten", "invalid-entry"] }),
        (parts) => {
          const total = addr(COL.self, layout.summaryRows.total);
          const links = `<hyperlinks><hyperlink ref="${selfCell(LINKED)}" r:id="rIdL1"/><hyperlink ref="${total}" r:id="rIdL2"/></hyperlinks>`;
          const xml = text(parts, SCORECARD_PART);
          // hyperlinks come after dataValidations (CT_Worksheet's order).
          put(parts, SCORECARD_PART, xml.replace("</dataValidations>", `</dataValidations>${links}`));
          const relsName = "xl/worksheets/_rels/sheet1.xml.rels";
          const rels = parts[relsName]
            ? text(parts, relsName)
            : `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"></Relationships>`;
          put(
            parts,
            relsName,
            addRelationship(
              addRelationship(rels, "rIdL1", "hyperlink", "https://example.org/a.pdf", true),
              "rIdL2",
              "hyperlink",
              "https://example.org/b.pdf",
              true,
            ),
          );
        },
      ),
      edit(
        "list validations in the x14 extLst (Excel 2010+, lists over other sheets)",
        read(91.5, { without: ["validation-removed"] }),
        (parts) => {
          const xml = text(parts, SCORECARD_PART);
          const lists = [
            ...xml.matchAll(/<dataValidation [^>]*type="list"[^>]*>[\s\S]*?<\/dataValidation>/g),
          ].map((m) => m[0]);
          const x14 = lists
            .map((v) => {
              const sqref = /sqref="([^"]*)"/.exec(v)?.[1] ?? "";
              const attrs = v
                .slice(0, v.indexOf(">"))
                .replace(/ sqref="[^"]*"/, "")
                .replace("<dataValidation", "<x14:dataValidation");
              return `${attrs}><x14:formula1><xm:f>备注!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>${sqref}</xm:sqref></x14:dataValidation>`;
            })
            .join("");
          let moved = xml;
          for (const v of lists) moved = moved.replace(v, "");
          const ext =
            `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB8-29E10C6F1B0D}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">` +
            `<x14:dataValidations count="${lists.length}" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">${x14}</x14:dataValidations></ext></extLst>`;
          put(parts, SCORECARD_PART, moved.replace("</worksheet>", `${ext}</worksheet>`));
        },
      ),
    ],
    VALID_SHAPES,
  );
}

/** Text as UTF-16 bytes, its declaration saying so, with or without a byte-order mark. */
function utf16(xml: string, encoding: "utf-16le" | "utf-16be", bom = true): Uint8Array {
  const body = (bom ? "\ufeff" : "") + xml.replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
  const out = new Uint8Array(body.length * 2);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    out[i * 2 + (encoding === "utf-16le" ? 0 : 1)] = c & 0xff;
    out[i * 2 + (encoding === "utf-16le" ? 1 : 0)] = c >> 8;
  }
  return out;
}

/**
 * What a fuzzer or a careless writer makes: each refused for its reason, or read at a cost that follows the
 * file's real content (a far cell, whole-column and whole-sheet areas, a million rows).
 */
export const HOSTILE_SHEETS = [
  "a note at XFD1048576 on another sheet",
  "a note at XFD1048576 on the scorecard sheet",
  "five whole-column list validations",
  "a whole-sheet merge on another sheet",
  "a whole-sheet validation on another sheet",
  "row number 9,999,999",
  "a cell past XFD",
  "3,000 sheets pointing at one part",
  "3,000 relationships to one part",
  "a cell written twice",
  "a row written twice",
  'a cell of an unknown type t="zz"',
  "a number that is none",
  "a cell written in another row",
  "overlapping merges",
  "invalid UTF-8",
  "a NUL byte",
  "&#xFFFE;",
  "mismatched tags",
  "a shared string that is not there",
] as const;
export const MILLION_ROWS = "a million rows on another sheet";
export const MILLION_ROWS_ON_SCORECARD = "a million rows on the scorecard sheet, below it";

export async function hostileSheets(
  options: { readonly millionRows?: boolean } = {},
): Promise<SheetFixture[]> {
  const base = await baseBook();
  const edit = (name: string, expected: Expected, change: (parts: Parts) => void): SheetFixture => {
    const parts = unzipSync(base);
    change(parts);
    return { name, bytes: zipSync(parts, { level: 6 }), expected };
  };
  const onSheet = (part: string, change: (xml: string) => string) => (parts: Parts) =>
    put(parts, part, change(text(parts, part)));
  const fixtures = [
    edit(
      "a note at XFD1048576 on another sheet",
      read(),
      onSheet(NOTE_PART, (x) =>
        addRow(x, 1048576, '<c r="XFD1048576" t="inlineStr"><is><t>备注</t></is></c>'),
      ),
    ),
    edit(
      "a note at XFD1048576 on the scorecard sheet",
      read(),
      onSheet(SCORECARD_PART, (x) =>
        addRow(x, 1048576, '<c r="XFD1048576" t="inlineStr"><is><t>备注</t></is></c>'),
      ),
    ),
    edit(
      "five whole-column list validations",
      read(),
      onSheet(SCORECARD_PART, (x) =>
        x.replace(
          "</dataValidations>",
          ["L", "M", "N", "O", "P"]
            .map(
              (c) =>
                `<dataValidation type="list" allowBlank="1" sqref="${c}1:${c}1048576"><formula1>"是,否"</formula1></dataValidation>`,
            )
            .join("") + "</dataValidations>",
        ),
      ),
    ),
    edit(
      "a whole-sheet merge on another sheet",
      read(),
      onSheet(NOTE_PART, (x) =>
        x.replace(
          "</sheetData>",
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
      ),
    ),
    edit(
      "a whole-sheet validation on another sheet",
      read(),
      onSheet(NOTE_PART, (x) =>
        x.replace(
          "</sheetData>",
          '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>',
        ),
      ),
    ),
    edit(
      "row number 9,999,999",
      { refused: "beyond-sheet" },
      onSheet(NOTE_PART, (x) => addRow(x, 9999999, '<c r="A9999999"><v>1</v></c>')),
    ),
    edit(
      "a cell past XFD",
      { refused: "beyond-sheet" },
      onSheet(NOTE_PART, (x) => addRow(x, 3, '<c r="XFE3"><v>1</v></c>')),
    ),
    edit("3,000 sheets pointing at one part", { refused: "shared-part" }, (parts) => {
      const id = /<sheet [^>]*r:id="([^"]+)"/.exec(text(parts, "xl/workbook.xml"))?.[1];
      const sheets = Array.from(
        { length: 3000 },
        (_, i) => `<sheet name="S${i}" sheetId="${i + 10}" r:id="${id}"/>`,
      ).join("");
      put(
        parts,
        "xl/workbook.xml",
        text(parts, "xl/workbook.xml").replace("</sheets>", `${sheets}</sheets>`),
      );
    }),
    edit("3,000 relationships to one part", { refused: "shared-part" }, (parts) => {
      let rels = text(parts, "xl/_rels/workbook.xml.rels");
      for (let i = 0; i < 3000; i++)
        rels = addRelationship(rels, `rIdS${i}`, "worksheet", "worksheets/sheet2.xml");
      put(parts, "xl/_rels/workbook.xml.rels", rels);
      const sheets = Array.from(
        { length: 3000 },
        (_, i) => `<sheet name="S${i}" sheetId="${i + 10}" r:id="rIdS${i}"/>`,
      ).join("");
      put(
        parts,
        "xl/workbook.xml",
        text(parts, "xl/workbook.xml").replace("</sheets>", `${sheets}</sheets>`),
      );
    }),
    edit(
      "a cell written twice",
      { refused: "cell-twice" },
      onSheet(SCORECARD_PART, (x) =>
        x.replace(/(<c r="F7"[^>]*?(?:\/>|>[\s\S]*?<\/c>))/, '$1<c r="F7"><v>0</v></c>'),
      ),
    ),
    edit(
      "a row written twice",
      { refused: "row-twice" },
      onSheet(NOTE_PART, (x) => addRow(addRow(x, 7, '<c r="A7"><v>1</v></c>'), 7, '<c r="B7"><v>2</v></c>')),
    ),
    edit(
      'a cell of an unknown type t="zz"',
      { refused: "unknown-cell-type" },
      onSheet(NOTE_PART, (x) => addRow(x, 3, '<c r="A3" t="zz"><v>1</v></c>')),
    ),
    edit(
      "a number that is none",
      { refused: "bad-value" },
      onSheet(NOTE_PART, (x) => addRow(x, 3, '<c r="A3"><v>12abc</v></c>')),
    ),
    edit(
      "a cell written in another row",
      { refused: "misplaced-cell" },
      onSheet(NOTE_PART, (x) => addRow(x, 3, '<c r="A4"><v>1</v></c>')),
    ),
    edit(
      "overlapping merges",
      { refused: "merges-overlap" },
      onSheet(NOTE_PART, (x) =>
        x.replace(
          "</sheetData>",
          '</sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>',
        ),
      ),
    ),
    edit("invalid UTF-8", { refused: "malformed-xml" }, (parts) => {
      const xml = parts[SCORECARD_PART];
      const at = strFromU8(xml).indexOf("</sheetData>");
      parts[SCORECARD_PART] = Uint8Array.from([
        ...xml.subarray(0, at),
        ...strToU8('<row r="999"><c r="A999" t="inlineStr"><is><t>'),
        0xc3,
        0x28,
        ...strToU8("</t></is></c></row>"),
        ...xml.subarray(at),
      ]);
    }),
    edit(
      "a NUL byte",
      { refused: "malformed-xml" },
      onSheet(SCORECARD_PART, (x) =>
        x.replace(
          "</sheetData>",
          '<row r="999"><c r="A999" t="inlineStr"><is><t>a\u0000b</t></is></c></row></sheetData>',
        ),
      ),
    ),
    edit(
      "&#xFFFE;",
      { refused: "malformed-xml" },
      onSheet(SCORECARD_PART, (x) =>
        x.replace(
          "</sheetData>",
          '<row r="999"><c r="A999" t="inlineStr"><is><t>a&#xFFFE;b</t></is></c></row></sheetData>',
        ),
      ),
    ),
    edit(
      "mismatched tags",
      { refused: "malformed-xml" },
      onSheet(SCORECARD_PART, (x) =>
        x.replace("</sheetData>", '<row r="999"><c r="A999"><v>1</c></v></row></sheetData>'),
      ),
    ),
    edit(
      "a shared string that is not there",
      { refused: "shared-string" },
      onSheet(NOTE_PART, (x) => addRow(x, 3, '<c r="A3" t="s"><v>99999</v></c>')),
    ),
  ];
  if (options.millionRows) {
    // Rows 3 to 1,048,576 of one number each on another sheet, rows and cells without r (27 MB of XML, under
    // the 50 MB part limit).
    const rows = "<row><c><v>7</v></c></row>".repeat(1_048_576 - 2);
    fixtures.push(
      edit(
        "a million rows on another sheet",
        read(91.5, { page: "modelCells" }),
        onSheet(NOTE_PART, (x) => x.replace("</sheetData>", `${rows}</sheetData>`)),
      ),
    );
  }
  if (options.millionRows) {
    // The same below the scorecard itself: check keeps every row of a scorecard sheet, so this is its worst case.
    const rows = "<row><c><v>7</v></c></row>".repeat(1_048_576 - 200);
    fixtures.push(
      edit(
        MILLION_ROWS_ON_SCORECARD,
        read(91.5, { page: "modelCells" }),
        onSheet(SCORECARD_PART, (x) =>
          x.replace("</sheetData>", `<row r="200"><c r="A200"><v>7</v></c></row>${rows}</sheetData>`),
        ),
      ),
    );
  }
  return named(fixtures, [
    ...HOSTILE_SHEETS,
    ...(options.millionRows ? [MILLION_ROWS, MILLION_ROWS_ON_SCORECARD] : []),
  ]);
}
