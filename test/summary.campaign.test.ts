import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runSummary } from "../src/cli/commands/summary";
import { ROLLUP_COL, ROLLUP_SHEET, YEARS_SHEET } from "../src/rollup";
import { getRubric } from "../src/rubric";
import type { PlanValue } from "../src/sheet";
import { cellGridValue, newWorkbook, renderPlan } from "../src/xlsx";
import { readWorkbookFile, writeWorkbookFile } from "../src/xlsx/files";
import { submittedPlan } from "./support/submitted";

const rubric = getRubric();
const dir = mkdtempSync(join(tmpdir(), "scorecard-campaign-"));

/** Full marks minus `baseMax − total`, taken from the first items. */
function selfFor(total: number): Record<string, PlanValue> {
  const self: Record<string, PlanValue> = {};
  let drop = rubric.baseMax - total;
  for (const item of rubric.baseItems) {
    const take = Math.min(item.max, Math.max(0, drop));
    self[item.id] = item.max - take;
    drop -= take;
  }
  return self;
}

async function write(
  station: string,
  year: number,
  total: number,
  evidence: Record<string, string>,
): Promise<string> {
  const self = selfFor(total);
  const file = join(dir, `${station}${year}.xlsx`);
  const workbook = newWorkbook();
  renderPlan(
    workbook,
    submittedPlan({
      rubric,
      station,
      year,
      entries: { self, review: {}, evidence, notes: {} },
      state: "已提交",
    }),
  );
  await writeWorkbookFile(workbook, file);
  return file;
}

async function summary(files: string[], out: string, today: string): Promise<string[]> {
  const lines: string[] = [];
  const code = await runSummary(
    files,
    { out, force: true, today },
    "zh",
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  expect(code).toBe(0);
  return lines;
}

describe("scorecard summary and the campaign", () => {
  let files: string[];
  beforeAll(async () => {
    const all = Object.fromEntries(rubric.baseItems.map((i) => [i.id, "记录"]));
    files = [
      await write("巴川街道", 2020, 95, all),
      await write("东城街道", 2020, 92, { "1": "记录" }),
      await write("巴川街道", 2021, 85, all),
      await write("东城街道", 2021, 93, all),
    ];
  });

  it("prints the timeline for the rolled-up year with the injected day", async () => {
    const lines = await summary(files.slice(0, 2), join(dir, "a.xlsx"), "2020-11-06");
    expect(lines).toContain(
      "进度：当前阶段“审核验收”（2020年12月31日前，还剩 55 天）；下一项：市退役军人事务局审核并抽取50%以上暗访（2020年11月25日前，还剩 19 天）",
    );
    const later = await summary(files.slice(2), join(dir, "b.xlsx"), "2021-11-06");
    expect(later).toContain("进度：通知未给出2021年的时间安排");
  });

  it("adds 缺佐证项数 to 汇总 and the timeline under its title; one year, no 历年对比", async () => {
    const out = join(dir, "one.xlsx");
    await summary(files.slice(0, 2), out, "2020-07-20");
    const workbook = await readWorkbookFile(out);
    const sheet = workbook.getWorksheet(ROLLUP_SHEET);
    expect(String(cellGridValue(sheet!.getCell(2, 1)))).toMatch(
      /\n进度：当前阶段“动员部署”（2020年7月24日前，还剩 4 天）/,
    );
    const col = ROLLUP_COL.missingEvidence + 1;
    expect(cellGridValue(sheet!.getCell(3, col))).toBe("缺佐证项数");
    expect(cellGridValue(sheet!.getCell(4, col))).toBe(0); // 巴川街道: every item has evidence
    const scored = Object.entries(selfFor(92)).filter(([id, v]) => Number(v) > 0 && id !== "1");
    expect(cellGridValue(sheet!.getCell(5, col))).toBe(scored.length); // 东城街道: evidence for item 1 only
    expect(workbook.getWorksheet(YEARS_SHEET)).toBeUndefined();
  });

  it("adds 历年对比 when the files span several years, with the fall and each year's target", async () => {
    const out = join(dir, "years.xlsx");
    const lines = await summary(files, out, "2021-03-01");
    expect(lines).toContain("已加入“历年对比”工作表：2020、2021 年");
    // The 2020 files leave the 汇总 (of 2021) but not the workbook: one line says where they went.
    expect(lines.filter((l) => l.startsWith("已跳过"))).toEqual([]);
    expect(lines).toContain("2020 年的 2 份评分表不计入 2021 年的汇总，已计入“历年对比”");
    const sheet = (await readWorkbookFile(out)).getWorksheet(YEARS_SHEET);
    expect(sheet).toBeDefined();
    const texts: string[] = [];
    sheet!.eachRow((row) => row.eachCell((c) => texts.push(String(cellGridValue(c)))));
    expect(texts).toContain("巴川街道：2020年达标 → 2021年未达标（认定总分 85）");
    expect(texts).toContain("2021较上年");
    const row = Array.from({ length: 9 }, (_, c) => cellGridValue(sheet!.getCell(4, c + 1)));
    // No review yet: 复核总分 blank, not 0.
    expect(row).toEqual([1, "巴川街道", 95, null, "达标", 85, null, "未达标", -10]);
  });
});
