import { spawnSync } from "child_process";
import { writeFile } from "fs/promises";
import { join } from "path";
import { buildRollup } from "../src/rollup";
import { rollupBytes } from "../src/rollup/xlsx";
import { getRubric } from "../src/rubric";
import { planToGrid, readScorecard } from "../src/sheet";
import { convertWithLibreOffice, tempDir } from "./support/libreoffice";
import { submittedPlan } from "./support/submitted";

/*
 * The 汇总 and 创建名单 as printed: LibreOffice turns the roll-up workbook into a PDF and its text is read back
 * (pdftotext -layout), so that a title broken inside a word, or a legend that went missing, shows.
 */

const rubric = getRubric();
const fullMarks = (): Record<string, number> =>
  Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));

let pages: string[] = [];
let dir: { path: string; remove: () => Promise<void> } | undefined;

beforeAll(async () => {
  dir = await tempDir("rollup-pdf-");
  const reads = ["巴川街道", "东城街道", "南城街道"].map((station, i) =>
    readScorecard(
      planToGrid(
        submittedPlan({
          rubric,
          station,
          year: 2020,
          entries: {
            self: i === 1 ? { ...fullMarks(), "75.2": "是" } : fullMarks(),
            review: {},
            evidence: {},
            notes: {},
          },
          state: i === 2 ? "填报中" : "已提交",
        }),
      ),
    ),
  );
  const input = join(dir.path, "汇总.xlsx");
  await writeFile(input, await rollupBytes(buildRollup(reads, rubric), reads));
  const { outputs } = await convertWithLibreOffice([input], { to: "pdf", outDir: join(dir.path, "pdf") });
  const text = spawnSync("pdftotext", ["-layout", outputs[0], "-"], { encoding: "utf8" }).stdout;
  pages = text.split("\f");
}, 240_000);

afterAll(async () => {
  await dir?.remove();
});

/** The page's lines, runs of spaces (layout columns) squeezed to one. */
const linesOf = (page: string): string[] => page.split("\n").map((l) => l.trim().replace(/\s+/g, " "));

describe("the 汇总 and 创建名单 printed through LibreOffice", () => {
  it("prints the 汇总 title whole, the 状态 and 否决原因 of each station, and the rule for 填报中", () => {
    const summary = linesOf(pages[0]);
    expect(summary).toContain("重庆市铜梁区退役军人事务局2020年全国示范型退役军人服务站创建情况汇总表");
    const text = summary.join("\n");
    expect(text).toMatch(/东城街道.*否决.*75\.2 发生个人极端案事件的/);
    expect(text).toMatch(/南城街道.*未提交.*填报中/);
    expect(text).toContain("收到数");
    // Pdftotext breaks a paragraph where the printed line breaks; the words are all there.
    expect(text.replace(/\s+/g, "")).toContain("不计为达标，也不列入创建名单");
  });

  it("prints the chart's legend of verdicts and its labels without a trailing .0", () => {
    const lines = linesOf(pages[0]);
    expect(lines).toContain("达标 未达标 否决 未完成 未提交 达标线");
    // The data labels, one per bar: 100 for 巴川街道 and 东城街道, 100 for the draft too.
    expect(lines).toContain("100 100 100");
    expect(lines.join("\n")).not.toMatch(/\b100\.0\b/);
  });

  it("prints the 创建名单 title and the 报送单位 without breaking a word", () => {
    const list = linesOf(pages[1]);
    expect(list).toContain("重庆市铜梁区退役军人事务局");
    expect(list).toContain("2020年全国示范型退役军人服务站创建名单");
    expect(list).toContain("报送单位（盖章）：重庆市铜梁区退役军人事务局");
    expect(list.join("\n")).toMatch(/1 巴川街道 100 达标/);
    expect(list.join("\n")).not.toContain("南城街道");
  });
});
