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
  emptyEntries,
  type PlanCell,
  type PlanValue,
} from "../src/sheet";
import { COL, rowOf } from "../src/sheet/layout";

const rubric = getRubric("2020-trial");
const full: Record<string, number> = Object.fromEntries(
  rubric.items.map((i) => [i.id, i.section === "base" ? i.max : 0]),
);
const plan0 = { self: { ...full, "12": 0.5 }, review: {}, evidence: {}, notes: {} };
const plan = buildPlan({ rubric, station: "巴川街道", year: 2020, entries: plan0 });
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
    // The rubric's own words, with line breaks put in for print (the reader compares them without).
    expect(String(at(plan.layout.firstItemRow, COL.text).value).replace(/\n/g, "")).toBe(
      rubric.items[0].text,
    );
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
      "试行标准（2020）",
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
    expect(at(rowWithLabel("总分"), COL.self).formula).toBe("F89+F90");
    // The 复核 column is blank until the review starts (状态 in I2).
    expect(at(rowWithLabel("总分"), COL.review).formula).toBe('IF(OR(I2="复核中",I2="已复核"),G89+G90,"")');
    for (const label of Object.values(SUMMARY))
      expect(at(rowWithLabel(label), COL.review).formula).toMatch(
        /^IF\(OR\(I2="复核中",I2="已复核"\),.*,""\)$/,
      );
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
    // Before the review: nothing in the 复核 column, as the gated formulas show.
    for (const label of Object.values(SUMMARY)) expect(at(rowWithLabel(label), COL.review).result).toBe("");
    const reviewing = buildPlan({ rubric, station: "巴川街道", year: 2020, state: "复核中", entries: plan0 });
    const row = (label: string): number => reviewing.cells.findIndex((r) => r[0].value === label);
    expect(reviewing.cells[row("结论")][COL.review].result).toBe(VERDICT_TEXT.incomplete);
    expect(reviewing.cells[row("距达标还差")][COL.review].result).toBe(90);
    expect(reviewing.cells[row("未评分项数")][COL.review].result).toBe(70);
  });

  it("says what 总分's 110 is, and what 90 and 70 are, beside them", () => {
    expect(at(rowWithLabel("总分"), COL.max).value).toBe(110);
    expect(at(rowWithLabel("总分"), COL.evidence).value).toBe("满分110＝基础分100＋加分10");
    expect(at(rowWithLabel("距达标还差"), COL.evidence).value).toBe("达标线90分（含加分）");
    expect(at(rowWithLabel("未评分项数"), COL.evidence).value).toBe("基础分共70项");
    expect(plan.merges).toContain(`H${rowWithLabel("总分")}:I${rowWithLabel("总分")}`);
  });

  it("names the veto conditions answered 是 in a 否决原因 row after 结论, live", () => {
    const row = rowWithLabel("否决原因");
    expect(row).toBe(rowWithLabel("结论") + 1);
    const vetoed = buildPlan({
      rubric,
      station: "x",
      year: 2020,
      state: "复核中",
      entries: { self: { "75.2": "是", "75.4": "是" }, review: { "75.1": "是" }, evidence: {}, notes: {} },
    });
    const cells = vetoed.cells[row - 1];
    expect(cells[COL.self].result).toBe("75.2、75.4");
    expect(cells[COL.review].result).toBe("75.1");
    expect(cells[COL.evidence].result).toBe(
      "75.1 发生重大群体性事件的；75.2 发生个人极端案事件的；75.4 其他规定取消考核资格的",
    );
    expect(cells[COL.self].formula).toMatch(
      /^IF\(F79="是","75\.1",""\)&IF\(F80="是",IF\(OR\(F79="是"\),"、",""\)&"75\.2",""\)/,
    );
    expect(cells[COL.evidence].formula).toContain('AND(OR(I2="复核中",I2="已复核"),G79="是")');
    // Before the review starts, the review's answers name nothing.
    const early = buildPlan({
      rubric,
      station: "x",
      year: 2020,
      entries: { ...emptyEntries(), review: { "75.1": "是" } },
    });
    expect(early.cells[row - 1][COL.review].result).toBe("");
    expect(early.cells[row - 1][COL.evidence].result).toBe("");
  });

  it("ends with the official signature block around the 填报人 / 审核人 / 日期 line, and marks drafts", () => {
    const line = (row: number): PlanValue[] => plan.cells[row - 1].slice(0, 9).map((c) => c.value);
    const [unit, original, review] = plan.layout.signatureRows;
    expect(original).toBe(plan.layout.signatureRow);
    expect(line(original)).toEqual([
      "填报人：",
      null,
      null,
      "审核人：",
      null,
      null,
      null,
      "日期：",
      "　　年　月　日",
    ]);
    expect(line(unit)).toEqual([
      "填报单位（盖章）：",
      null,
      null,
      null,
      "单位负责人：",
      null,
      null,
      "联系电话：",
      null,
    ]);
    expect(line(review)).toEqual([
      "复核单位（盖章）：",
      null,
      null,
      null,
      "复核人：",
      null,
      null,
      "日期：",
      "　　年　月　日",
    ]);
    expect([unit, original, review]).toEqual([97, 98, 99]);
    expect(plan.merges).toEqual(expect.arrayContaining(["A97:C97", "E97:F97", "B98:C98", "E98:G98"]));
    expect(plan.print.area).toBe("A1:I99");
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
    const unlocked = new Set(
      ["F4:I82", "D97", "G97", "I97", "B98:C98", "E98:G98", "I98", "D99", "G99", "I99"].flatMap(expandRange),
    );
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
      titleRows: [3, 3],
      fitToWidth: 1,
      footer: "巴川街道2020年评分表　第 &P 页，共 &N 页",
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
