import { getRubric, loadRubric, type RubricSource } from "../src/rubric";
import { edition2020Trial } from "../src/rubric/editions/2020-trial";
import {
  compareColumns,
  judgeScore,
  judgeYesNo,
  SAME_MATTER_ID,
  scoreColumn,
  scoreScorecard,
  type CellValue,
  type ColumnEntries,
} from "../src/scoring";

const rubric = getRubric("2020-trial");

/** Every item 1–70 at its maximum (base 100), nothing else filled in. */
function fullBase(): Record<string, CellValue> {
  return Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));
}

/** Full base minus `lose` points, taken in whole and half points from item 1 onward. */
function baseOf(target: number): Record<string, CellValue> {
  const entries = fullBase();
  let lose = 100 - target;
  for (const item of rubric.baseItems) {
    if (lose <= 0) break;
    const take = Math.min(item.max, lose);
    entries[item.id] = item.max - take;
    lose -= take;
  }
  return entries;
}

const score = (entries: ColumnEntries) => scoreColumn(rubric, entries);

describe("pass line 90 (示范型退役军人服务站必须达到90分（含）以上)", () => {
  it.each([
    { base: 89.5, bonus: {}, total: 89.5, verdict: "fail", needed: 0.5 },
    { base: 90, bonus: {}, total: 90, verdict: "pass", needed: 0 },
    { base: 90.5, bonus: {}, total: 90.5, verdict: "pass", needed: 0 },
    { base: 85.5, bonus: { 71: 4 }, total: 89.5, verdict: "fail", needed: 0.5 },
    { base: 86, bonus: { 71: 4 }, total: 90, verdict: "pass", needed: 0 },
    { base: 86.5, bonus: { 71: 4 }, total: 90.5, verdict: "pass", needed: 0 },
    { base: 89.5, bonus: { 74: 0.5 }, total: 90, verdict: "pass", needed: 0 },
    { base: 89, bonus: { 74: 0.5 }, total: 89.5, verdict: "fail", needed: 0.5 },
    { base: 80, bonus: { 72: 3, 73: 1 }, total: 84, verdict: "fail", needed: 6 },
    { base: 100, bonus: {}, total: 100, verdict: "pass", needed: 0 },
  ])("base $base + bonus $bonus = $total → $verdict", ({ base, bonus, total, verdict, needed }) => {
    const r = score({ ...baseOf(base), ...bonus });
    expect(r.base).toBe(base);
    expect(r.bonus).toBe(total - base);
    expect(r.total).toBe(total);
    expect(r.verdict).toBe(verdict);
    expect(r.needed).toBe(needed);
    expect(r.missing).toEqual([]);
    expect(r.invalid).toEqual([]);
    expect(r.vetoed).toBe(false);
  });

  it("an empty column needs the whole 90 and is incomplete", () => {
    const r = score({});
    expect(r.total).toBe(0);
    expect(r.needed).toBe(90);
    expect(r.verdict).toBe("incomplete");
    expect(r.missing).toHaveLength(70);
    expect(r.empty).toHaveLength(70);
    expect(r.shortfalls).toEqual([]);
  });

  it("bonus points cannot make up for an unscored base item: still incomplete at 104", () => {
    const entries: Record<string, CellValue> = { ...fullBase(), 71: 4, 73: 1, 74: 1 };
    delete entries["69"];
    const r = score(entries);
    expect(r.total).toBe(98 + 6);
    expect(r.verdict).toBe("incomplete");
    expect(r.missing).toEqual(["69"]);
    expect(r.empty).toEqual(["69"]);
    expect(r.needed).toBe(0);
  });
});

describe("一票否决 overrides everything", () => {
  const perfect = { ...fullBase(), 71: 4, 72: 4, 73: 1, 74: 1 };

  it("full marks plus bonus 10 passes at 110 with no veto", () => {
    const r = score(perfect);
    expect(r.total).toBe(110);
    expect(r.bonus).toBe(10);
    expect(r.verdict).toBe("pass");
  });

  it.each(["75.1", "75.2", "75.3", "75.4"])("condition %s answered 是 → veto at 110 points", (key) => {
    const r = score({ ...perfect, [key]: "是" });
    expect(r.verdict).toBe("veto");
    expect(r.vetoed).toBe(true);
    expect(r.vetoConditions).toEqual([key]);
    expect(r.total).toBe(110);
  });

  it("veto takes precedence over incomplete", () => {
    const r = score({ "75.2": "是", "75.4": "是" });
    expect(r.verdict).toBe("veto");
    expect(r.vetoConditions).toEqual(["75.2", "75.4"]);
  });

  it("an empty or 否 veto cell is not a veto", () => {
    expect(score(perfect).vetoConditions).toEqual([]);
    const r = score({ ...perfect, "75.1": "否", "75.2": "否", "75.3": "否", "75.4": "否" });
    expect(r.vetoed).toBe(false);
    expect(r.verdict).toBe("pass");
    expect(r.judgements["75.1"]).toEqual({ status: "valid", value: 0, answer: "否" });
    expect(r.judgements["75.3"]).toEqual({ status: "valid", value: 0, answer: "否" });
    expect(score({ ...perfect, "75.1": null, "75.2": "" }).judgements["75.2"]).toEqual({ status: "empty" });
  });
});

describe("invalid entries are named, explained and not counted", () => {
  const cases: { id: string; value: CellValue; reason: string; zh: RegExp; en: RegExp }[] = [
    {
      id: "12",
      value: 1.5,
      reason: "over-max",
      zh: /1\.5 超过该项分值 1/,
      en: /1\.5 exceeds the item's maximum of 1/,
    },
    { id: "12", value: -1, reason: "negative", zh: /-1 不能为负数/, en: /-1 is negative/ },
    {
      id: "18",
      value: 0.3,
      reason: "not-half-step",
      zh: /0\.3 须为 0\.5 分的整数倍/,
      en: /0\.3 is not a multiple of 0\.5/,
    },
    {
      id: "71",
      value: 1,
      reason: "not-a-tier",
      zh: /只能填 0、2、3、4 分，不能填 1/,
      en: /only 0, 2, 3, 4 may be awarded, not 1/,
    },
    { id: "72", value: 2.5, reason: "not-a-tier", zh: /不能填 2\.5/, en: /not 2\.5/ },
    {
      id: "73",
      value: 0.5,
      reason: "not-all-or-nothing",
      zh: /只能填 0或1 分，不能填 0\.5/,
      en: /only 0, 1 may be awarded/,
    },
    { id: "74", value: 1.5, reason: "over-max", zh: /超过该项分值 1/, en: /maximum of 1/ },
    { id: "74", value: 0.25, reason: "not-half-step", zh: /0\.25/, en: /0\.25 is not a multiple of 0\.5/ },
    { id: "12", value: "优", reason: "not-a-number", zh: /“优”不是分数/, en: /"优" is not a score/ },
    {
      id: "12",
      value: "2",
      reason: "number-as-text",
      zh: /“2”是文本格式的数字/,
      en: /"2" is a number stored as text/,
    },
    {
      id: "12",
      value: "２",
      reason: "number-as-text",
      zh: /“２”是文本格式的数字/,
      en: /"２" is a number stored as text/,
    },
    {
      id: "18",
      value: "１．５",
      reason: "number-as-text",
      zh: /“１．５”是文本格式的数字/,
      en: /number stored as text/,
    },
    { id: "12", value: " 1", reason: "number-as-text", zh: /文本格式的数字/, en: /number stored as text/ },
    { id: "12", value: " ", reason: "blank-text", zh: /只含空格/, en: /only spaces/ },
    { id: "12", value: true, reason: "not-a-number", zh: /“true”不是分数/, en: /not a score/ },
    {
      id: "75.2",
      value: "有",
      reason: "not-yes-no",
      zh: /只能填“是”或“否”，不能填“有”/,
      en: /enter 是 \(yes\) or 否 \(no\), not "有"/,
    },
    { id: "75.2", value: 1, reason: "not-yes-no", zh: /不能填“1”/, en: /not "1"/ },
    { id: "75.4", value: "是 ", reason: "not-yes-no", zh: /只能填“是”或“否”/, en: /enter 是/ },
    { id: SAME_MATTER_ID, value: "yes", reason: "not-yes-no", zh: /不能填“yes”/, en: /not "yes"/ },
  ];

  it.each(cases)("$id = $value → $reason", ({ id, value, reason, zh, en }) => {
    const entries = { ...fullBase(), [id]: value };
    const r = score(entries);
    const j = r.judgements[id];
    if (j.status !== "invalid")
      throw new Error(`expected ${id} = ${String(value)} to be invalid, got ${j.status}`);
    expect(j.reason).toBe(reason);
    expect(j.raw).toBe(String(value));
    expect(j.message.zh).toMatch(zh);
    expect(j.message.en).toMatch(en);
    if (id === SAME_MATTER_ID) {
      expect(j.message.zh).toContain("“同一事项”单元格");
      expect(j.message.en).toContain("the same-matter cell");
    } else {
      expect(j.message.zh).toContain(`第${id}项`);
      expect(j.message.en).toContain(`Item ${id}`);
    }
    expect(r.invalid).toEqual([{ id, judgement: j }]);

    // Counted as not scored: exactly as if the cell were cleared.
    const cleared = score({ ...entries, [id]: undefined });
    expect(r.total).toBe(cleared.total);
    expect(r.base).toBe(cleared.base);
    expect(r.bonus).toBe(cleared.bonus);
    expect(r.vetoed).toBe(false);

    const no = Number(id);
    if (no >= 1 && no <= 70) {
      const item = rubric.itemById.get(id)!;
      expect(r.base).toBe(100 - item.max);
      expect(r.verdict).toBe("incomplete");
      expect(r.missing).toEqual([id]);
      expect(r.empty).toEqual([]);
      expect(r.shortfalls.map((s) => s.id)).not.toContain(id);
    } else {
      expect(r.total).toBe(100);
      expect(r.verdict).toBe("pass");
      expect(r.missing).toEqual([]);
    }
  });

  it("an invalid veto cell does not veto, and is reported", () => {
    const r = score({ ...fullBase(), "75.1": "有", "75.3": 1 });
    expect(r.vetoed).toBe(false);
    expect(r.verdict).toBe("pass");
    expect(r.invalid.map((i) => i.id)).toEqual(["75.1", "75.3"]);
  });

  it("judges single cells directly", () => {
    const item12 = rubric.itemById.get("12")!;
    expect(judgeScore(item12, 1)).toEqual({ status: "valid", value: 1 });
    expect(judgeScore(item12, 0.5)).toEqual({ status: "valid", value: 0.5 });
    expect(judgeScore(item12, 0)).toEqual({ status: "valid", value: 0 });
    expect(judgeScore(item12, "")).toEqual({ status: "empty" });
    expect(judgeScore(item12, null)).toEqual({ status: "empty" });
    expect(judgeScore(rubric.itemById.get("71")!, 3)).toEqual({ status: "valid", value: 3 });
    expect(judgeScore(rubric.itemById.get("71")!, 0)).toEqual({ status: "valid", value: 0 });
    expect(judgeScore(rubric.itemById.get("73")!, 1)).toEqual({ status: "valid", value: 1 });
    expect(judgeScore(rubric.itemById.get("18")!, 2.5)).toEqual({ status: "valid", value: 2.5 });
    expect(judgeYesNo("75.1", "是")).toEqual({ status: "valid", value: 1, answer: "是" });
    expect(judgeYesNo("75.1", "否")).toEqual({ status: "valid", value: 0, answer: "否" });
    expect(judgeYesNo("75.1", undefined)).toEqual({ status: "empty" });
  });
});

describe("加分项: 同一事项只计最高加分，不累计加分; cap 10", () => {
  it.each([
    { entries: { 71: 4, 72: 3, same: "是" }, bonus: 4, sameMatter: true },
    { entries: { 71: 2, 72: 3, same: "是" }, bonus: 3, sameMatter: true },
    { entries: { 71: 4, 72: 3, same: "否" }, bonus: 7, sameMatter: false },
    { entries: { 71: 4, 72: 3 }, bonus: 7, sameMatter: false },
    { entries: { 71: 4, 72: 4, 73: 1, 74: 1 }, bonus: 10, sameMatter: false },
    { entries: { 71: 4, 72: 4, 73: 1, 74: 1, same: "是" }, bonus: 6, sameMatter: true },
    { entries: { 71: 3, 73: 1, 74: 0.5, same: "是" }, bonus: 4.5, sameMatter: true },
    { entries: { 72: 2, same: "是" }, bonus: 2, sameMatter: true },
  ])("$entries → bonus $bonus", ({ entries, bonus, sameMatter }) => {
    const r = score({ ...baseOf(80), ...entries });
    expect(r.bonus).toBe(bonus);
    expect(r.bonusUncapped).toBe(bonus);
    expect(r.sameMatter).toBe(sameMatter);
    expect(r.total).toBe(80 + bonus);
    expect(r.needed).toBe(Math.max(0, 10 - bonus));
  });

  it("the cap of 10 applies when an edition's bonus items could exceed it", () => {
    // In 2020-trial 71–74 sum to exactly 10, so the cap only bites in an edition where they sum to more.
    const source = structuredClone(edition2020Trial) as {
      bonus: { items: { max: number }[] };
    } & RubricSource;
    source.bonus.items[3].max = 2;
    const wide = loadRubric(source);
    const r = scoreColumn(wide, { ...baseOf(80), 71: 4, 72: 4, 73: 1, 74: 2 });
    expect(r.bonusUncapped).toBe(11);
    expect(r.bonus).toBe(10);
    expect(r.total).toBe(90);
    expect(scoreColumn(wide, { ...baseOf(80), 71: 4, 72: 4, 73: 1, 74: 2, same: "是" }).bonus).toBe(7);
  });

  it("the same-matter cell keeps the higher of 71 and 72 also at 90", () => {
    expect(score({ ...baseOf(86), 71: 4, 72: 4, same: "是" }).verdict).toBe("pass");
    expect(score({ ...baseOf(85.5), 71: 4, 72: 4, same: "是" })).toMatchObject({
      total: 89.5,
      verdict: "fail",
    });
    expect(score({ ...baseOf(85.5), 71: 4, 72: 4 })).toMatchObject({ total: 93.5, verdict: "pass" });
  });
});

describe("shortfalls and category scores", () => {
  const entries = { ...fullBase(), 1: 1, 12: 0.5, 18: 1, 57: 2, 67: 0, 40: 1, 71: 2 };
  const r = score(entries);

  it("lists every base item below its maximum, most points lost first, then by item number", () => {
    expect(r.shortfalls).toEqual([
      { id: "67", categoryId: "safeguards", max: 3, score: 0, lost: 3 },
      { id: "18", categoryId: "political", max: 3, score: 1, lost: 2 },
      { id: "1", categoryId: "political", max: 2, score: 1, lost: 1 },
      { id: "57", categoryId: "safeguards", max: 3, score: 2, lost: 1 },
      { id: "12", categoryId: "political", max: 1, score: 0.5, lost: 0.5 },
    ]);
  });

  it("scores and points lost per category", () => {
    expect(r.categories).toEqual([
      { id: "political", score: 18.5, max: 22, lost: 3.5 },
      { id: "assistance", score: 12, max: 12, lost: 0 },
      { id: "rights", score: 26, max: 26, lost: 0 },
      { id: "employment", score: 8, max: 8, lost: 0 },
      { id: "safeguards", score: 24, max: 28, lost: 4 },
      { id: "satisfaction", score: 4, max: 4, lost: 0 },
    ]);
    expect(r.base).toBe(92.5);
    expect(r.total).toBe(94.5);
    expect(r.verdict).toBe("pass");
  });

  it("empty and invalid items are missing, not shortfalls", () => {
    const r2 = score({ ...entries, 20: undefined, 21: "２" });
    expect(r2.shortfalls.map((s) => s.id)).toEqual(["67", "18", "1", "57", "12"]);
    expect(r2.missing).toEqual(["20", "21"]);
    expect(r2.empty).toEqual(["20"]);
    expect(r2.categories[1]).toEqual({ id: "assistance", score: 8, max: 12, lost: 4 });
    expect(r2.verdict).toBe("incomplete");
  });

  it("needed is what is left to 90", () => {
    expect(score(baseOf(80)).needed).toBe(10);
    expect(score({ ...baseOf(80), 71: 3 }).needed).toBe(7);
    expect(score({ ...baseOf(75.5), 72: 2, 74: 0.5 }).needed).toBe(12);
    expect(score(baseOf(95)).needed).toBe(0);
  });
});

describe("compareColumns (自评 vs 复核)", () => {
  const self = { ...fullBase(), 20: "2", 21: "２", 71: 2, 73: 1, "75.1": "否" };
  const review = {
    ...fullBase(),
    12: 0.5,
    18: undefined,
    20: 2,
    21: "2",
    44: 1,
    71: 3,
    72: 2,
    "75.1": "是",
  };

  it("lists entries both columns hold that differ, with review − self", () => {
    const diffs = compareColumns(scoreColumn(rubric, self), scoreColumn(rubric, review));
    expect(diffs).toEqual([
      { id: "12", self: 1, review: 0.5, delta: -0.5 },
      { id: "20", self: "2", review: 2, delta: null },
      { id: "21", self: "２", review: "2", delta: null },
      { id: "71", self: 2, review: 3, delta: 1 },
      { id: "75.1", self: "否", review: "是", delta: null },
    ]);
  });

  it("an entry the reviewer has not reached, or only one side filled, is not a difference", () => {
    const diffs = compareColumns(scoreColumn(rubric, self), scoreColumn(rubric, review));
    const ids = diffs.map((d) => d.id);
    expect(ids).not.toContain("18"); // review empty
    expect(ids).not.toContain("72"); // self empty
    expect(ids).not.toContain("73"); // review empty
    expect(ids).not.toContain("44"); // equal
  });

  it("identical columns have no differences; scoreScorecard carries the same list", () => {
    expect(compareColumns(scoreColumn(rubric, self), scoreColumn(rubric, self))).toEqual([]);
    const card = scoreScorecard(rubric, self, review);
    expect(card.differences).toEqual(compareColumns(card.self, card.review));
    expect(card.self.verdict).toBe("incomplete");
    expect(card.review.verdict).toBe("veto");
  });
});
