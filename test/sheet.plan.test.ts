import { getRubric } from "../src/rubric";
import { scoreColumn } from "../src/scoring";
import {
  HEADERS,
  SUMMARY,
  VERDICT_TEXT,
  buildPlan,
  expandRange,
  sheetNameFor,
  subtotalLabel,
  type PlanCell,
} from "../src/sheet";
import { COL, rowOf } from "../src/sheet/layout";

const rubric = getRubric("2020-trial");
const full: Record<string, number> = Object.fromEntries(
  rubric.items.map((i) => [i.id, i.section === "base" ? i.max : 0]),
);
const plan = buildPlan({
  rubric,
  station: "巴川街道",
  year: 2020,
  entries: { self: { ...full, "12": 0.5 }, review: {}, evidence: {}, notes: {} },
});
const at = (row: number, col: number): PlanCell => plan.cells[row - 1][col];
const rowWithLabel = (label: string): number => plan.cells.findIndex((r) => r[0].value === label) + 1;

describe("the scorecard plan", () => {
  it("has the contract's header texts in the notice's order", () => {
    expect(plan.cells[plan.layout.headerRow - 1].slice(0, 9).map((c) => c.value)).toEqual([...HEADERS]);
    expect(HEADERS).toEqual([
      "主要内容",
      "具体任务",
      "序号",
      "创建标准",
      "分值",
      "自评得分",
      "复核得分",
      "佐证材料",
      "备注",
    ]);
  });

  it("keys one row per item 1–74 in 序号, then 同一事项 and 75.1–75.4", () => {
    const keys = plan.cells
      .slice(plan.layout.headerRow, plan.layout.vetoRows[3])
      .map((r) => r[COL.key].value);
    expect(keys).toEqual([
      ...Array.from({ length: 74 }, (_, i) => i + 1),
      "同一事项",
      "75.1",
      "75.2",
      "75.3",
      "75.4",
    ]);
    expect(at(plan.layout.vetoRows[0], COL.text).value).toBe("发生重大群体性事件的");
    expect(at(plan.layout.firstItemRow, COL.text).value).toBe(rubric.items[0].text);
    expect(at(plan.layout.firstItemRow + 17, COL.max).value).toBe(3);
  });

  it("names the station, year and standard in the title and stores them as metadata", () => {
    expect(at(1, 0).value).toContain("巴川街道");
    expect(at(1, 0).value).toContain("2020");
    expect(at(1, 0).value).toContain(rubric.title);
    expect(plan.cells[1].slice(0, 9).map((c) => c.value)).toEqual([
      "服务站",
      "巴川街道",
      "年度",
      2020,
      "标准版本",
      "2020-trial",
      null,
      "状态",
      "填报中",
    ]);
    expect(plan.sheetName).toBe("巴川街道2020评分表");
    expect(sheetNameFor("a/b:c*d?[e]", 2021)).toBe("abcde2021评分表");
    expect(sheetNameFor("很".repeat(40), 2021).length).toBeLessThanOrEqual(31);
  });

  it("merges category and task cells as the notice's table does", () => {
    expect(plan.merges).toContain("A4:A21"); // 思想政治教育, items 1–18
    expect(plan.merges).toContain("B4:B6"); // 强化政治理论武装, items 1–3
    expect(plan.merges).toContain("A72:B73"); // 服务满意度 has no task column
    expect(plan.merges).toContain("A74:B78"); // 加分项 with the same-matter row
    expect(plan.merges).toContain("A79:B82"); // 一票否决
    expect(plan.merges).toContain("A1:I1");
  });

  it("labels the summary rows exactly and fills both score columns with live formulas", () => {
    for (const label of [...Object.values(SUMMARY), ...rubric.categories.map((c) => subtotalLabel(c.name))]) {
      const row = rowWithLabel(label);
      expect(row).toBeGreaterThan(0);
      expect(at(row, COL.self).formula).toBeTruthy();
      expect(at(row, COL.review).formula).toBeTruthy();
    }
    expect(at(rowWithLabel("思想政治教育小计"), COL.self).formula).toBe("SUM(J4:J21)");
    expect(at(rowWithLabel("总分"), COL.review).formula).toBe("G89+G90");
  });

  it("gives every item's hidden helper cells a formula over that row's own score cell", () => {
    for (const item of rubric.items) {
      const row = rowOf(plan.layout, item.id);
      const self = at(row, COL.selfHelper).formula ?? "";
      const review = at(row, COL.reviewHelper).formula ?? "";
      expect(self.match(/[A-Z]+\d+/g)?.every((ref) => ref === `F${row}`)).toBe(true);
      expect(review.match(/[A-Z]+\d+/g)?.every((ref) => ref === `G${row}`)).toBe(true);
      expect(review).toBe(self.split(`F${row}`).join(`G${row}`));
    }
  });

  it("caches the engine's results in every formula cell", () => {
    const s = scoreColumn(rubric, { ...full, "12": 0.5 });
    const value = (label: string): PlanCell["result"] => at(rowWithLabel(label), COL.self).result;
    expect(value("基础分")).toBe(s.base);
    expect(value("总分")).toBe(99.5);
    expect(value("距达标还差")).toBe(0);
    expect(value("结论")).toBe(VERDICT_TEXT.pass);
    expect(at(rowWithLabel("结论"), COL.review).result).toBe(VERDICT_TEXT.incomplete);
    expect(at(rowWithLabel("距达标还差"), COL.review).result).toBe(90);
  });

  it("ends with the 填报人 / 审核人 / 日期 line and marks drafts in the title", () => {
    expect(plan.cells[plan.layout.signatureRow - 1].map((c) => c.value).filter(Boolean)).toEqual([
      "填报人：",
      "审核人：",
      "日期：",
    ]);
    expect(plan.print.area).toBe("A1:I96");
    expect(at(1, 0).value).not.toContain("草稿");
    expect(buildPlan({ rubric, station: "巴川街道", year: 2020, draft: true }).cells[0][0].value).toMatch(
      /^【草稿】巴川街道/,
    );
  });

  it("uses only functions Excel 2010, WPS and LibreOffice share", () => {
    const allowed = new Set([
      "IF",
      "AND",
      "OR",
      "ISNUMBER",
      "ISTEXT",
      "MOD",
      "SUM",
      "N",
      "MAX",
      "MIN",
      "COUNT",
      "COUNTIF",
      "LEN",
    ]);
    const formulas = [
      ...plan.cells.flat().flatMap((c) => (c.formula ? [c.formula] : [])),
      ...plan.conditionalFormats.flatMap((r) => (r.kind === "expression" ? [r.formula] : [])),
    ];
    expect(formulas.length).toBeGreaterThan(150);
    for (const f of formulas) for (const [, fn] of f.matchAll(/([A-Z.]+)\(/g)) expect(allowed).toContain(fn);
  });

  it("guards entries with validation, unlocks only entry cells and prints A4 landscape", () => {
    expect(plan.validations).toHaveLength(74 + 1 + 4);
    const v12 = plan.validations.find((v) => v.range === "F15:G15");
    expect(v12).toMatchObject({ kind: "decimal", min: 0, max: 1 });
    expect(plan.validations.find((v) => v.range === "F74:G74")).toMatchObject({
      kind: "list",
      list: [0, 2, 3, 4],
    });
    expect(plan.validations.find((v) => v.range === "F76:G76")).toMatchObject({ kind: "list", list: [0, 1] });
    expect(plan.validations.find((v) => v.range === "F79:G79")).toMatchObject({
      kind: "list",
      list: ["是", "否"],
    });
    const unlocked = new Set(["F4:I82", "B96:C96", "E96:G96", "I96"].flatMap(expandRange));
    plan.cells.forEach((row, r) =>
      row.forEach((c, col) => {
        const address = `${String.fromCharCode(65 + col)}${r + 1}`;
        expect(plan.styles[c.style].locked).toBe(!unlocked.has(address));
      }),
    );
    expect(plan.protection.password).toBeUndefined();
    expect(buildPlan({ rubric, station: "x", year: 2020, password: "pw" }).protection.password).toBe("pw");
    expect(plan.print).toMatchObject({
      paper: "A4",
      orientation: "landscape",
      titleRows: [1, 3],
      fitToWidth: 1,
    });
    expect(plan.freeze.rows).toBe(3);
    expect(plan.columns.map((c) => c.hidden)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it("flags shortfall, empty, invalid, veto, verdict and self/review differences with conditional formats", () => {
    const purposes = new Set(plan.conditionalFormats.map((r) => r.purpose));
    expect([...purposes].sort()).toEqual(["difference", "empty", "invalid", "shortfall", "verdict", "veto"]);
    const selfRefOnly = plan.conditionalFormats.flatMap((r) =>
      r.purpose !== "difference" && r.kind === "expression" ? [r] : [],
    );
    for (const r of selfRefOnly) {
      const refs = new Set(r.formula.match(/[A-Z]+\d+/g));
      expect(refs.size).toBe(1);
      expect(r.areas[0].startsWith([...refs][0])).toBe(true);
    }
  });

  it("locks the self-assessment once submitted and the review once reviewed, keeping the hash in the file", () => {
    const submitted = buildPlan({
      rubric,
      station: "x",
      year: 2020,
      state: "已提交",
      submission: { hash: "fnv1a:1", time: "2020-11-01T08:00:00Z" },
    });
    expect(submitted.styles[submitted.cells[3][COL.self].style].locked).toBe(true);
    expect(submitted.styles[submitted.cells[3][COL.review].style].locked).toBe(false);
    expect(submitted.cells[1][8].value).toBe("已提交");
    expect(submitted.cells[1][COL.selfHelper].value).toBe("fnv1a:1");
    expect(submitted.meta.submission).toEqual({ hash: "fnv1a:1", time: "2020-11-01T08:00:00Z" });
    const reviewed = buildPlan({ rubric, station: "x", year: 2020, state: "已复核" });
    expect(reviewed.styles[reviewed.cells[3][COL.review].style].locked).toBe(true);
  });
});
