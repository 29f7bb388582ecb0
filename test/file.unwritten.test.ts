/*
 * What a file did not take, in the clerk's words (src/taskpane/file/unwritten.ts): shown when a file turns out not
 * to be workable, so that nothing typed is dropped in silence.
 */
import { STRINGS } from "../src/i18n/strings";
import { COL, addr, layoutFor } from "../src/sheet";
import { UnwrittenEntries } from "../src/taskpane/file/unwritten";
import { MemoryPort, rubric } from "./support/memoryPort";

const layout = layoutFor(rubric);
const cell = (column: number, id: string): string => addr(column, layout.entryRows.get(id) ?? 0);

describe("entries a file did not take", () => {
  it("names each by its item and column, the last value sent, and forgets what was written since", async () => {
    const port = new MemoryPort();
    const sheet = port.addScorecard({ rubric, station: "巴川街道", year: 2020 });
    port.addSheet("说明", [["备忘"]], false);
    const lost = new UnwrittenEntries();
    let told = 0;
    lost.onFailed = () => told++;
    lost.failed(sheet, [
      { cell: cell(COL.self, "1"), value: 1 },
      { cell: cell(COL.evidence, "1"), value: "照片" },
    ]);
    lost.failed(sheet, [
      { cell: cell(COL.self, "1"), value: 2 },
      { cell: cell(COL.review, "75.1"), value: "否" },
      { cell: cell(COL.notes, "3"), value: null },
      { cell: cell(COL.self, "4"), value: 1 },
    ]);
    lost.failed("说明", [{ cell: "B2", value: "x" }]);
    lost.written(sheet, [{ cell: cell(COL.self, "4"), value: 1 }]);
    expect(told).toBe(3);
    expect(lost.size).toBe(5);
    expect(await lost.describe(port, STRINGS.zh)).toBe(
      "刚才的输入未能写入此文件，请记下，在能打开的文件中重新填写：" +
        "第1项自评得分 2；第1项佐证材料 照片；75.1：复核 否；第3项备注 （清空）；“说明”B2 单元格 x。",
    );
    expect(await lost.describe(port, STRINGS.en)).toBe(
      "What you just entered could not be written to this file; note it and enter it again in a file that opens: " +
        "item 1 Self-assessment score 2; item 1 evidence 照片; 75.1: Review 否; item 3 remarks (cleared); " +
        "cell B2 of “说明” x.",
    );
  });
});
