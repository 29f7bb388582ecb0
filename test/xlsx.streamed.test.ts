import { strFromU8, unzipSync } from "fflate";
import { getRubric } from "../src/rubric";
import { buildPlan, type PlanOptions, type ScorecardEntries, type SheetPlan } from "../src/sheet";
import { loadWorkbook, readScorecards } from "../src/xlsx";
import * as render from "../src/xlsx/render";
import { streamedWorkbookBytes, type DrawSheet } from "../src/xlsx/streamed";
import { compactEntries, randomFills } from "./support/fills";
import { submittedPlan } from "./support/submitted";

/*
 * Scorecard copies written straight to XML (src/xlsx/planXml) are what ExcelJS writes for the same plans: the
 * same workbook streamed with every sheet drawn and rendered by ExcelJS is the reference, part by part, byte by
 * byte. The plans differ in everything a copy carries: scores, text that needs escaping or has characters XML
 * cannot hold, an invalid entry, hyperlinked evidence, a signature, each 状态, the footer (it names the station),
 * the page breaks (rows as tall as their text), and two frames (a password).
 */

const rubric = getRubric();
const STATES = ["填报中", "已提交", "复核中", "已复核"] as const;
const ODD = `<标签> & "引号" 'x' \u0001控制\u007f字符 =SUM(A1)`;

function plans(): SheetPlan[] {
  const fills = randomFills(rubric, 9, 700);
  return fills.map((f, i) => {
    const entries: ScorecardEntries = {
      ...f.entries,
      self: i === 3 ? { ...f.entries.self, "5": "abc", "6": 0.1 + 0.2 } : f.entries.self,
      evidence: { ...f.entries.evidence, "1": ODD, "2": "" },
      notes: i % 2 ? { ...f.entries.notes, "3": `备注\n第二行 ${ODD}` } : f.entries.notes,
      links:
        i % 3 === 1 ? { "1": "https://example.org/证明.pdf?a=1&b=2", "9": "file:///C:/佐证/会议.docx" } : {},
      signature: i === 4 ? { filler: "张三", reviewer: ODD, date: "2020年11月1日" } : undefined,
    };
    const options: PlanOptions = {
      rubric,
      station: i === 5 ? `站<标签> & "引号" 'x'` : `测试${i}街道`,
      year: 2020,
      entries,
      state: STATES[i % 4],
      password: i >= 7 ? "口令" : undefined,
    };
    return submittedPlan(options);
  });
}

/**
 * Every part by name, blanking what differs from one writing to the next: the creation and modification times
 * (the clock's), and a password's salt and hash (ExcelJS salts each protection anew; a copy keeps its frame's).
 */
function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, data]) => [
      name,
      strFromU8(data)
        .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, "$1")
        .replace(/ (hashValue|saltValue)="[^"]*"/g, ' $1=""'),
    ]),
  );
}

const VIEWS = [
  { x: 0, y: 0, width: 24000, height: 16000, firstSheet: 0, activeTab: 0, visibility: "visible" as const },
];

describe("streamedWorkbookBytes: scorecard plans", () => {
  const all = plans();
  let bytes: Uint8Array;
  let fast: Record<string, string>;
  let reference: Record<string, string>;
  let drawnByExcelJs = 0;

  beforeAll(async () => {
    const spy = jest.spyOn(render, "renderPlan");
    bytes = await streamedWorkbookBytes(all, VIEWS);
    fast = parts(bytes);
    drawnByExcelJs = spy.mock.calls.length;
    spy.mockRestore();
    const draws: DrawSheet[] = all.map((plan) => (workbook) => render.renderPlan(workbook, plan));
    reference = parts(await streamedWorkbookBytes(draws, VIEWS));
  }, 60_000);

  it("draws only the first plan of each frame through ExcelJS: the selected first sheet, the others without and with a password", () => {
    expect(drawnByExcelJs).toBe(3);
  });

  it("writes every part byte for byte as ExcelJS does", () => {
    // Copies of one frame differ in their footers and page breaks too.
    expect(new Set(all.map((plan) => plan.print.footer)).size).toBe(all.length);
    expect(new Set(all.map((plan) => plan.print.rowBreaks.join())).size).toBeGreaterThan(2);
    expect(Object.keys(fast).sort()).toEqual(Object.keys(reference).sort());
    // Hyperlinked evidence gave some copies relationships; the frames hold protection with a password.
    expect(Object.keys(fast).filter((name) => name.includes("_rels/sheet")).length).toBeGreaterThan(0);
    expect(fast["xl/worksheets/sheet9.xml"]).toContain("<sheetProtection");
    for (const name of Object.keys(reference)) expect([name, fast[name]]).toEqual([name, reference[name]]);
  });

  it("reads back as the plans' scorecards", async () => {
    const reads = readScorecards(await loadWorkbook(bytes));
    expect(reads.map((r) => [r.meta.station, r.meta.state])).toEqual(
      all.map((p) => [p.meta.station, p.meta.state]),
    );
    expect(reads.map((r) => compactEntries(r.entries).self)).toEqual(
      randomFills(rubric, 9, 700).map(
        (f, i) =>
          compactEntries({
            ...f.entries,
            self: i === 3 ? { ...f.entries.self, "5": "abc", "6": 0.1 + 0.2 } : f.entries.self,
          }).self,
      ),
    );
  });

  it("writes each differential format once, however many sheets use it", () => {
    const dxfs = (styles: string): number => Number(/<dxfs count="(\d+)"/.exec(styles)?.[1]);
    const one = buildPlan({ rubric, station: "甲", year: 2020 });
    expect(dxfs(fast["xl/styles.xml"])).toBe(
      new Set(one.conditionalFormats.map((r) => JSON.stringify(r.style))).size,
    );
  });
});
