import fc from "fast-check";
import { getRubric } from "../src/rubric";
import { COL, buildPlan, rowOf, type SheetPlan } from "../src/sheet";
import { CELL_PADDING_PX, breakLines, columnPixels, rowPoints, textPixels } from "../src/sheet/measure";
import { A4_LANDSCAPE, fitZoom, pageBreaks, pageCapacity } from "../src/sheet/pages";
import { COLUMN_WIDTHS, PRINT_MARGINS, spanPixels } from "../src/sheet/print";

const rubric = getRubric("2020-trial");
const plan = buildPlan({ rubric, station: "巴川街道", year: 2020 });
const { layout } = plan;

/** Closing punctuation no line may start with, and opening brackets no line may end with (GB/T 15834). */
const CLOSING = /^[、，。；：？！）」』】》”’…%),.;:?!]/u;
const OPENING = /[（「『【《“‘(]$/u;

const lines = (value: unknown): string[] => String(value ?? "").split("\n");

describe("measuring text as Excel lays it out", () => {
  it("gives columns Excel's pixel widths (ECMA-376 §18.3.1.13): the default 8.43-character column is 64 px", () => {
    expect(columnPixels(9.140625)).toBe(64);
    expect(columnPixels(68)).toBe(476);
    expect(columnPixels(10)).toBe(70);
  });

  it("counts a CJK character as a whole rounded-up em and ASCII by its class", () => {
    expect(textPixels("创建标准")).toBe(60);
    expect(textPixels("2020")).toBe(32);
    expect(textPixels("（12分）")).toBe(15 * 3 + 16);
    expect(textPixels("中", { size: 16 })).toBe(22);
  });

  const cjk = fc.constantFrom(..."退役军人服务站创建标准评分表帮扶援助权益维护");
  const punct = fc.constantFrom(..."、，。；：（）“”《》");
  const ascii = fc.constantFrom(..."0123456789abcXYZ.");
  const text = fc.array(fc.oneof({ weight: 6, arbitrary: cjk }, { weight: 2, arbitrary: punct }, ascii), {
    minLength: 1,
    maxLength: 120,
  });
  const width = fc.integer({ min: 60, max: 500 });

  it("breaks a text into lines that keep every character in order and fit the cell", () => {
    fc.assert(
      fc.property(text, width, (chars, w) => {
        const t = chars.join("");
        const broken = breakLines(t, w);
        expect(broken.join("")).toBe(t);
        for (const line of broken)
          if (Array.from(line).length > 1) expect(textPixels(line)).toBeLessThanOrEqual(w - CELL_PADDING_PX);
      }),
    );
  });

  it("never starts a line with closing punctuation nor ends one with an opening bracket, where it can", () => {
    fc.assert(
      fc.property(text, width, (chars, w) => {
        const broken = breakLines(chars.join(""), w);
        broken.forEach((line, i) => {
          // Only a line holding a single piece cannot give it away.
          if (i > 0 && Array.from(broken[i - 1]).length > 2) expect(line).not.toMatch(CLOSING);
          if (i < broken.length - 1 && Array.from(line).length > 2) expect(line).not.toMatch(OPENING);
        });
      }),
    );
  });

  it("keeps a line's own breaks, and a run of letters and digits whole", () => {
    expect(breakLines("第一行\n第二行", 400)).toEqual(["第一行", "第二行"]);
    expect(breakLines("退役军人服务站2020年评分表", 7 * 15 + CELL_PADDING_PX)).toEqual([
      "退役军人服务站",
      "2020年评分表",
    ]);
  });
});

describe("the printed scorecard", () => {
  const textRows = layout.entryIds.map((id) => [id, rowOf(layout, id)] as const);

  it("breaks every 创建标准 so that each line fits its column, none starting with 、 or ，", () => {
    const width = spanPixels(COL.text, COL.text) - CELL_PADDING_PX;
    for (const [id, row] of textRows) {
      const shown = lines(plan.cells[row - 1][COL.text].value);
      shown.forEach((line, i) => {
        expect([id, textPixels(line) <= width]).toEqual([id, true]);
        if (i > 0) expect([id, line]).not.toEqual([id, expect.stringMatching(CLOSING)]);
      });
    }
  });

  it("breaks each category after its name, the bracketed score whole on the next line", () => {
    const headings = rubric.categories.map(
      (c) => plan.cells[rowOf(layout, c.items[0].id) - 1][COL.category].value,
    );
    expect(headings).toEqual([
      "思想政治教育\n（22分）",
      "帮扶援助\n（12分）",
      "权益维护\n（26分）",
      "就业创业扶持\n（8分）",
      "保障措施\n(28分)",
      "服务满意度（4分）",
    ]);
    for (const task of rubric.categories.flatMap((c) => c.tasks))
      if (task.name !== null)
        expect(plan.cells[rowOf(layout, task.items[0].id) - 1][COL.task].value).toBe(task.name);
  });

  it("makes each row as tall as its lines, no taller", () => {
    for (const [id, row] of textRows) {
      const n = lines(plan.cells[row - 1][COL.text].value).length;
      expect([id, plan.rowHeights[row - 1]]).toEqual([id, rowPoints(n)]);
    }
    // Evidence or notes longer than the standard make their row taller.
    const noted = buildPlan({
      rubric,
      station: "巴川街道",
      year: 2020,
      entries: {
        self: {},
        review: {},
        evidence: { "2": "会议记录、学习笔记、照片、签到表、通知文件" },
        notes: {},
      },
    });
    expect(noted.rowHeights[rowOf(layout, "2") - 1]).toBe(rowPoints(3));
  });

  /** The pages as manual breaks cut them: the rows of each, one-based. */
  const pages = (p: SheetPlan): number[][] => {
    const out: number[][] = [];
    let first = 1;
    for (const last of [...p.print.rowBreaks, p.layout.lastRow]) {
      out.push(Array.from({ length: last - first + 1 }, (_, i) => first + i));
      first = last + 1;
    }
    return out;
  };

  it("prints on four pages that each fit, never cutting a task nor parting the totals from the rows above", () => {
    const visible = COLUMN_WIDTHS.slice(0, 9);
    const capacity = pageCapacity(visible, PRINT_MARGINS, plan.rowHeights[layout.headerRow - 1]);
    const printed = pages(plan);
    expect(printed).toHaveLength(4);
    for (const rows of printed)
      expect(rows.reduce((sum, r) => sum + plan.rowHeights[r - 1], 0)).toBeLessThanOrEqual(capacity);
    for (const task of rubric.categories.flatMap((c) => c.tasks)) {
      const page = (id: string): number => printed.findIndex((rows) => rows.includes(rowOf(layout, id)));
      expect([task.name, page(task.items[0].id)]).toEqual([
        task.name,
        page(task.items[task.items.length - 1].id),
      ]);
    }
    const last = printed[printed.length - 1];
    expect(last).toContain(rowOf(layout, "74"));
    expect(last).toContain(layout.summaryRows.total);
    expect(last).toContain(layout.signatureRows[2]);
  });

  it("lets pages run on when users write more, still keeping the totals with the rows above them", () => {
    const long = "会议记录、学习笔记、照片、签到表、通知文件、工作台账、总结报告";
    const evidence = Object.fromEntries(rubric.items.map((i) => [i.id, long]));
    const full = buildPlan({
      rubric,
      station: "巴川街道",
      year: 2020,
      entries: { self: {}, review: {}, evidence, notes: {} },
    });
    const printed = pages(full);
    expect(printed.length).toBeGreaterThan(4);
    const last = printed[printed.length - 1];
    expect(last).toContain(rowOf(layout, "74"));
    expect(last).toContain(layout.lastRow);
  });

  it("fits A4 landscape one page wide at a whole percent, as Excel does", () => {
    expect(A4_LANDSCAPE).toEqual({ width: 841.89, height: 595.28 });
    const zoom = fitZoom(COLUMN_WIDTHS.slice(0, 9), PRINT_MARGINS);
    expect(Math.round(zoom * 100)).toBe(zoom * 100);
    const sheetPoints = COLUMN_WIDTHS.slice(0, 9).reduce((s, w) => s + columnPixels(w), 0) * 0.75;
    expect(sheetPoints * zoom).toBeLessThanOrEqual(A4_LANDSCAPE.width - 1.4 * 72);
    expect(sheetPoints * (zoom + 0.01)).toBeGreaterThan(A4_LANDSCAPE.width - 1.4 * 72);
  });

  it("breaks between blocks, and starts a page with a block taller than a page", () => {
    const heights = [10, 10, 10, 10, 50, 10];
    expect(
      pageBreaks(
        heights,
        [
          [1, 2],
          [3, 4],
          [5, 5],
          [6, 6],
        ],
        45,
      ),
    ).toEqual([4]); // block 5 runs over pages 2 and 3; block 6 fits after it on page 3
    expect(pageBreaks(heights, [[1, 6]], 45)).toEqual([]);
    expect(
      pageBreaks(
        [20, 20, 20],
        [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        40,
      ),
    ).toEqual([2]);
  });
});
