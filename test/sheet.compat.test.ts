// A scorecard written by version 0.1.0 (test/fixtures/scorecard-0.1.0.xlsx, made by that version's buildPlan and
// XlsxPort: 巴川街道 2020, 复核中, item 12 at 0.5, item 1 reviewed 1.5, 75.2 answered 是 in the review, signed 张三 /
// 李四 / 2020-10-30). Its sheet says 标准版本 2020-trial, its 复核 formulas are not gated by 状态, it has no 否决原因
// row and no signature block around the 填报人 line, and its texts have no line breaks: it must still read as
// intact, and a repair brings it to the current layout without losing anything.
import { readFileSync } from "fs";
import { join } from "path";
import { getRubric } from "../src/rubric";
import { COL, SUMMARY, addr, checkScorecard, layoutFor, readScorecard } from "../src/sheet";
import { populate } from "../src/workbook";
import { XlsxPort } from "../src/xlsx";

const rubric = getRubric("2020-trial");
const layout = layoutFor(rubric);
const SHEET = "巴川街道2020评分表";

async function open(): Promise<XlsxPort> {
  return XlsxPort.load(readFileSync(join(__dirname, "fixtures", "scorecard-0.1.0.xlsx")));
}

describe("a scorecard written by version 0.1.0", () => {
  it("is what it claims: the old edition id, ungated 复核 formulas, no 否决原因, texts on one line", async () => {
    const [grid] = await (await open()).readGrids([SHEET]);
    expect(grid.values[layout.metaRow - 1]?.[5]).toBe("2020-trial");
    expect(grid.formulas[layout.summaryRows.total - 1]?.[COL.review]).toBe("G89+G90");
    expect(grid.values.some((row) => row?.[0] === SUMMARY.vetoReasons)).toBe(false);
    expect(grid.values.some((row) => row?.[0] === "填报单位（盖章）：")).toBe(false);
    expect(String(grid.values[layout.firstItemRow - 1]?.[COL.text])).not.toContain("\n");
  });

  it("reads as intact, with its entries, state and signature line", async () => {
    const [grid] = await (await open()).readGrids([SHEET]);
    const read = readScorecard(grid);
    expect(read.findings).toEqual([]);
    expect(read.meta).toEqual({ station: "巴川街道", year: 2020, edition: "2020-trial", state: "复核中" });
    expect(read.entries.self["12"]).toBe(0.5);
    expect(read.entries.review).toMatchObject({ "1": 1.5, "75.2": "是" });
    expect(read.entries.signature).toEqual({ filler: "张三", reviewer: "李四", date: "2020-10-30" });
    const check = checkScorecard(read, "zh");
    expect(check.edition).toBe("2020-trial");
    expect(check.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("is brought to the current layout by a repair, keeping every entry and the signature", async () => {
    const port = await open();
    const before = readScorecard((await port.readGrids([SHEET]))[0]);
    const { repaired } = await populate(port, { rubric, station: "巴川街道", year: 2020 });
    expect(repaired).toBe(true);
    const saved = await XlsxPort.load(await port.toBuffer());
    const [grid] = await saved.readGrids([SHEET]);
    const after = readScorecard(grid);
    expect(after.findings).toEqual([]);
    expect(after.meta).toEqual(before.meta);
    expect(after.entries).toEqual(before.entries);
    expect(grid.values[layout.metaRow - 1]?.[5]).toBe("试行标准（2020）");
    expect(grid.formulas[layout.summaryRows.total - 1]?.[COL.review]).toBe(
      'IF(OR(I2="复核中",I2="已复核"),G89+G90,"")',
    );
    const reasons = layout.summaryRows.vetoReasons;
    expect(grid.values[reasons - 1]?.[0]).toBe(SUMMARY.vetoReasons);
    expect(grid.values[reasons - 1]?.[COL.review]).toBe("75.2");
    expect(grid.values[reasons - 1]?.[COL.evidence]).toBe("75.2 发生个人极端案事件的");
    expect(grid.values[layout.signatureRow - 1]?.[0]).toBe("填报人：");
    expect(grid.values[layout.signatureRows[0] - 1]?.[0]).toBe("填报单位（盖章）：");
    expect(addr(COL.review, reasons)).toBe("G95");
  });
});
