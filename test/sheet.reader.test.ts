import { getRubric } from "../src/rubric";
import {
  buildPlan,
  planToGrid,
  readScorecard,
  isScorecard,
  type GridValue,
  type SheetGrid,
  type FindingCode,
} from "../src/sheet";
import { COL } from "../src/sheet/layout";
import { coveredCells } from "./support/gridCompare";

const rubric = getRubric();
const self: Record<string, GridValue> = Object.fromEntries(
  rubric.items.map((i) => [i.id, i.section === "base" ? i.max : 0]),
);
const entries = {
  self: { ...self, "12": 0.5, "75.2": "否", same: "是" },
  review: { "1": 1.5, "71": 3 },
  evidence: { "1": "学习记录.pdf" },
  notes: { "1": "复核扣0.5分" },
};
const plan = buildPlan({ rubric, station: "东城街道", year: 2020, entries });

type Mutable = {
  name: string;
  values: GridValue[][];
  formulas: (string | null)[][];
  guards?: SheetGrid["guards"];
};
const fresh = (): Mutable => {
  const g = planToGrid(plan);
  return {
    name: g.name,
    values: Array.from(g.values, (r) => Array.from(r ?? [], (v) => v ?? null)),
    formulas: Array.from(g.formulas, (r) => Array.from(r ?? [], (f) => f ?? null)),
    guards: g.guards,
  };
};
const codes = (g: SheetGrid): FindingCode[] => readScorecard(g).findings.map((f) => f.code);

describe("reading a scorecard back", () => {
  it("recovers every entry, the metadata and no findings from an untouched sheet", () => {
    const read = readScorecard(planToGrid(plan));
    expect(read.findings).toEqual([]);
    expect(read.meta).toEqual({ station: "东城街道", year: 2020, edition: "2020-trial", state: "填报中" });
    expect(read.entries.self["12"]).toBe(0.5);
    expect(read.entries.self.same).toBe("是");
    expect(read.entries.self["75.2"]).toBe("否");
    expect(read.entries.review["71"]).toBe(3);
    expect(read.entries.evidence).toEqual({ "1": "学习记录.pdf" });
    expect(read.entries.notes).toEqual({ "1": "复核扣0.5分" });
  });

  it("recognises a scorecard by its header row alone and refuses other sheets", () => {
    const g = fresh();
    g.values[0] = g.values[0].map(() => null);
    g.values[1] = g.values[1].map(() => null);
    expect(isScorecard(g)).toBe(true);
    const read = readScorecard(g);
    expect(read.findings.map((f) => f.code)).toEqual(["meta-missing", "meta-missing", "meta-missing"]);
    expect(isScorecard({ name: "x", values: [["a", "b"]], formulas: [[null, null]] })).toBe(false);
    expect(() => readScorecard({ name: "Sheet1", values: [["a"]], formulas: [[null]] })).toThrow(
      /Sheet1.*not a scorecard/,
    );
  });

  it("takes the edition by its title (as written now) or its id (as written before), and refuses others", () => {
    const g = fresh();
    expect(g.values[1][5]).toBe("试行标准（2020）");
    expect(readScorecard(g).meta.edition).toBe("2020-trial");
    g.values[1][5] = "2020-trial";
    expect(readScorecard(g)).toMatchObject({ findings: [], meta: { edition: "2020-trial" } });
    g.values[1][5] = "试行标准（2099）";
    expect(readScorecard(g).findings.map((f) => [f.code, f.severity])).toEqual([
      ["unknown-edition", "error"],
    ]);
  });

  it("compares the 创建标准 texts without the line breaks put in for print, and nothing else", () => {
    const g = fresh();
    const row = 3; // item 1
    expect(String(g.values[row][COL.text])).toContain("\n");
    g.values[row][COL.text] = rubric.items[0].text;
    g.values[row + 1][COL.text] = rubric.items[1].text.split("").join("\r\n");
    expect(codes(g)).toEqual([]);
    g.values[row][COL.text] = rubric.items[0].text.replace("，", ",");
    expect(codes(g)).toEqual(["text-changed"]);
  });

  it("reads the signature block; a date space still showing its blank 年 月 日 is nothing written", () => {
    const signed = buildPlan({
      rubric,
      station: "东城街道",
      year: 2020,
      entries: {
        ...entries,
        signature: { unit: "东城街道退役军人服务站", head: "王五", phone: "023-1234", filler: "张三" },
      },
    });
    const read = readScorecard(planToGrid(signed));
    expect(read.entries.signature).toEqual({
      unit: "东城街道退役军人服务站",
      head: "王五",
      phone: "023-1234",
      filler: "张三",
    });
    const g = planToGrid(signed);
    const values = g.values.map((r) => [...(r ?? [])]);
    values[signed.layout.signatureRow - 1][8] = "2020 年 11 月 5 日";
    values[signed.layout.signatureRows[2] - 1][8] = "  年  月  日";
    expect(readScorecard({ ...g, values }).entries.signature).toMatchObject({ date: "2020 年 11 月 5 日" });
    expect(readScorecard({ ...g, values }).entries.signature).not.toHaveProperty("reviewDate");
  });

  it("names invalid entries with their cell", () => {
    const g = fresh();
    g.values[14][COL.self] = "２"; // item 12 in row 15
    g.values[3][COL.review] = 5; // item 1 over its maximum
    const invalid = readScorecard(g).findings.filter((f) => f.code === "invalid-entry");
    expect(invalid.map((f) => [f.item, f.column, f.cell])).toEqual([
      ["12", "self", "F15"],
      ["1", "review", "G4"],
    ]);
    expect(invalid[0].message.zh).toContain("第12项");
  });

  it("reports rubric text or 分值 edited", () => {
    const g = fresh();
    g.values[4][COL.text] = "改过的文字";
    g.values[5][COL.max] = 3;
    const read = readScorecard(g);
    expect(read.findings.map((f) => [f.code, f.cell])).toEqual([
      ["text-changed", "D5"],
      ["max-changed", "E6"],
    ]);
  });

  it("reports a hand-typed 总分 and a changed formula", () => {
    const g = fresh();
    g.formulas[90][COL.self] = null; // 总分 row 91
    g.values[90][COL.self] = 95;
    g.formulas[88][COL.review] = "SUM(K4:K60)";
    const read = readScorecard(g);
    expect(read.findings.map((f) => [f.code, f.item, f.cell])).toEqual([
      ["formula-changed", "基础分", "G89"],
      ["formula-overwritten", "总分", "F91"],
    ]);
    expect(read.findings[1].message.zh).toContain("95");
  });

  it("reports a helper formula replaced by a constant", () => {
    const g = fresh();
    g.formulas[9][COL.selfHelper] = null;
    expect(codes(g)).toEqual(["formula-overwritten"]);
  });

  it("reports deleted, duplicated, moved and inserted rows, yet reads entries by key", () => {
    const deleted = fresh();
    deleted.values.splice(9, 1);
    deleted.formulas.splice(9, 1);
    expect(codes(deleted)).toContain("row-missing");
    expect(readScorecard(deleted).findings.find((f) => f.code === "row-missing")?.item).toBe("7");

    const swapped = fresh();
    [swapped.values[9], swapped.values[10]] = [swapped.values[10], swapped.values[9]];
    const read = readScorecard(swapped);
    expect(read.findings.filter((f) => f.code === "row-moved").map((f) => f.item)).toEqual(["7", "8"]);
    expect(read.entries.self["7"]).toBe(1);

    const inserted = fresh();
    inserted.values.splice(20, 0, Array(11).fill(null));
    inserted.formulas.splice(20, 0, Array(11).fill(null));
    const ins = codes(inserted);
    expect(ins).toContain("row-inserted");
    expect(ins).toContain("row-moved");

    const dup = fresh();
    dup.values[10][COL.key] = 7;
    expect(codes(dup)).toEqual(expect.arrayContaining(["row-duplicated", "row-missing"]));
  });

  it("still reads a sheet with rows inserted above the header, and says so", () => {
    const g = fresh();
    g.values.unshift(Array(11).fill(null));
    g.formulas.unshift(Array(11).fill(null));
    const read = readScorecard(g);
    expect(read.entries.self["12"]).toBe(0.5);
    expect(read.findings.some((f) => f.code === "row-moved" && f.item === "sheet")).toBe(true);
  });

  it("warns about formulas typed into entry cells", () => {
    const g = fresh();
    g.formulas[3][COL.self] = "1+1";
    g.values[3][COL.self] = 2;
    const read = readScorecard(g);
    expect(read.findings).toEqual([
      expect.objectContaining({ code: "entry-formula", severity: "warning", cell: "F4" }),
    ]);
  });

  it("reports removed protection and validation when the adapter can see them", () => {
    const g = fresh();
    g.guards = {
      protected: false,
      validatedAreas: coveredCells(g.guards?.validatedAreas ?? []).filter((c) => c !== "F10"),
    };
    expect(readScorecard(g).findings.map((f) => [f.code, f.cell])).toEqual([
      ["protection-removed", "A1"],
      ["validation-removed", "F10"],
    ]);
  });
});
