import { getRubric, loadRubric, RubricError, vetoKeys, type RubricSource } from "../src/rubric";
import { edition2020Trial } from "../src/rubric/editions/2020-trial";
import { readSeed, SEED_PATH, seedAvailable, seedItems, seedNotes, type SeedItem } from "./support/seed";

/** The notice is the source of truth; without it these tests would prove nothing, so they fail instead of skipping. */
function loadSeedOrFail(): string {
  if (!seedAvailable()) {
    throw new Error(
      `The notice 000_651c7d4ca00c6a35.txt was not found at ${SEED_PATH}. ` +
        "The rubric is checked against it item by item; CI provides it at ../shared/seeds.",
    );
  }
  return readSeed();
}

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
const cloneSource = (): Mutable<RubricSource> => structuredClone(edition2020Trial) as Mutable<RubricSource>;

/** "2020年7月24日" → "2020-07-24"; "2021年1月底" → last day of that month. */
function isoDate(year: string, month: string, day: string): string {
  const y = Number(year);
  const m = Number(month);
  const d = day === "底" ? new Date(Date.UTC(y, m, 0)).getUTCDate() : Number(day);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

describe("the seed notice", () => {
  it("is present (CI has it at ../shared)", () => {
    expect(seedAvailable()).toBe(true);
  });
});

describe("2020-trial edition matches the notice 铜退役军人发〔2020〕13号", () => {
  const seed = loadSeedOrFail();
  const printed = seedItems(seed);
  const rubric = getRubric("2020-trial");
  const scored = printed.filter((i) => i.no <= 74);
  const byNo = new Map<number, SeedItem>(printed.map((i) => [i.no, i]));

  it("the notice prints items 1–75 in order", () => {
    expect(printed.map((i) => i.no)).toEqual(Array.from({ length: 75 }, (_, k) => k + 1));
  });

  it("has the 74 scored items in order", () => {
    expect(rubric.items.map((i) => i.no)).toEqual(scored.map((i) => i.no));
    expect(rubric.items.map((i) => i.id)).toEqual(scored.map((i) => String(i.no)));
  });

  it.each(Array.from({ length: 74 }, (_, k) => k + 1))("item %i: text and maximum verbatim", (no) => {
    const item = rubric.itemById.get(String(no));
    const seedItem = byNo.get(no);
    expect(seedItem).toBeDefined();
    expect(item).toBeDefined();
    expect(item?.text).toBe(seedItem?.text);
    expect(item?.max).toBe(seedItem?.max);
  });

  it("items 1–70 are base, 71–74 are bonus", () => {
    expect(rubric.baseItems.map((i) => i.no)).toEqual(Array.from({ length: 70 }, (_, k) => k + 1));
    expect(rubric.bonus.items.map((i) => i.no)).toEqual([71, 72, 73, 74]);
    expect(rubric.items.filter((i) => i.section === "bonus").map((i) => i.no)).toEqual([71, 72, 73, 74]);
  });

  it("category headings and maxima are as printed (22, 12, 26, 8, 28, 4)", () => {
    const headings = [...new Set(printed.filter((i) => i.no <= 70).map((i) => i.category))];
    expect(rubric.categories.map((c) => c.heading)).toEqual(headings);
    expect(rubric.categories.map((c) => c.max)).toEqual([22, 12, 26, 8, 28, 4]);
    for (const c of rubric.categories) {
      const m = /^(.+?)[（(](\d+)分[）)]$/.exec(c.heading);
      expect(m).not.toBeNull();
      expect(m?.[1]).toBe(c.name);
      expect(Number(m?.[2])).toBe(c.max);
      // The printed maximum is the sum of the item maxima printed under it.
      const seedSum = printed.filter((i) => i.category === c.heading).reduce((s, i) => s + (i.max ?? 0), 0);
      expect(seedSum).toBe(c.max);
    }
    expect(rubric.baseMax).toBe(100);
    expect(rubric.categories.reduce((s, c) => s + c.max, 0)).toBe(100);
  });

  it("each category holds exactly the items printed under it", () => {
    for (const c of rubric.categories) {
      const seedNos = printed.filter((i) => i.category === c.heading).map((i) => i.no);
      expect(c.items.map((i) => i.no)).toEqual(seedNos);
      expect(c.items.every((i) => i.categoryId === c.id)).toBe(true);
    }
  });

  it("tasks (具体任务) and the items they span are as printed", () => {
    const seedTasks: { category: string; task: string | null; nos: number[] }[] = [];
    for (const i of printed.filter((p) => p.no <= 70)) {
      const last = seedTasks[seedTasks.length - 1];
      if (last && last.category === i.category && last.task === i.task) last.nos.push(i.no);
      else seedTasks.push({ category: i.category, task: i.task, nos: [i.no] });
    }
    const rubricTasks = rubric.categories.flatMap((c) =>
      c.tasks.map((t) => ({ category: c.heading, task: t.name, nos: t.items.map((i) => i.no) })),
    );
    expect(rubricTasks).toEqual(seedTasks);
    expect(rubricTasks.map((t) => t.nos.length)).toEqual([
      3, 4, 3, 3, 5, 2, 1, 4, 3, 6, 8, 3, 5, 1, 5, 3, 5, 4, 2,
    ]);
    // 服务满意度 prints no task.
    expect(rubric.categories[5].tasks).toEqual([expect.objectContaining({ name: null, nameEn: null })]);
    for (const item of rubric.baseItems) {
      expect(item.task).toBe(byNo.get(item.no)?.task);
    }
    expect(rubric.categories.flatMap((c) => c.tasks).every((t) => t.name === null || !!t.nameEn)).toBe(true);
  });

  it("bonus section: heading, cap, same-matter rule and award rules", () => {
    expect(byNo.get(71)?.category).toBe(rubric.bonus.heading);
    expect(rubric.bonus.heading).toBe("加分项（10分）");
    expect(rubric.bonus.cap).toBe(10);
    expect(rubric.bonus.sameMatterItems).toEqual([71, 72]);
    expect(seedNotes(seed)[0]).toContain(rubric.bonus.sameMatterRule);
    expect(rubric.itemById.get("71")?.award.kind).toBe("tiers");
    expect(rubric.itemById.get("72")?.award.kind).toBe("tiers");
    expect(rubric.itemById.get("73")?.award).toEqual({ kind: "all-or-nothing" });
    expect(rubric.itemById.get("74")?.award).toEqual({ kind: "discretionary" });
    expect(rubric.baseItems.every((i) => i.award.kind === "points")).toBe(true);
  });

  it.each(["71", "72"])("item %s: tiers 4/3/2 quote the item text with the points it grants", (id) => {
    const item = rubric.itemById.get(id);
    if (item?.award.kind !== "tiers") throw new Error(`item ${id} is not tiered`);
    expect(item.award.tiers.map((t) => t.points)).toEqual([4, 3, 2]);
    for (const tier of item.award.tiers) {
      expect(item.text).toContain(`${tier.label}，加${tier.points}分`);
      expect(tier.label).toContain(tier.level);
      expect(tier.labelEn).not.toBe("");
    }
  });

  it("veto (一票否决): item 75 with four conditions joined as printed", () => {
    const seedVeto = byNo.get(75);
    expect(seedVeto?.category).toBe(rubric.veto.name);
    expect(seedVeto?.max).toBeNull();
    expect(rubric.veto.no).toBe(75);
    expect(rubric.veto.conditions).toHaveLength(4);
    expect(rubric.veto.conditions.map((c, k) => `${k + 1}、${c.text}`).join("；")).toBe(seedVeto?.text);
    expect(rubric.veto.text).toBe(seedVeto?.text);
    expect(vetoKeys(rubric)).toEqual(["75.1", "75.2", "75.3", "75.4"]);
    expect(rubric.veto.conditions.every((c) => c.textEn.length > 0)).toBe(true);
  });

  it("the four notes (注) verbatim", () => {
    const notes = seedNotes(seed);
    expect(notes).toHaveLength(4);
    expect(rubric.notes).toEqual(notes);
    expect(notes[0]).toContain(`总分值${rubric.baseMax}分`);
    expect(notes[0]).toContain(`加分项${rubric.bonus.cap}分`);
    expect(notes[1]).toContain(`${rubric.passLine}分（含）以上`);
    expect(rubric.passLine).toBe(90);
  });

  it("title of the attachment", () => {
    expect(seed).toContain(`附件：《${rubric.title}》`);
  });

  describe("notice facts", () => {
    const notice = rubric.notice;
    if (!notice) throw new Error("2020-trial edition carries no notice facts");

    it("document number, issuer, title, issue date", () => {
      expect(seed.startsWith(notice.documentNo)).toBe(true);
      expect(seed).toContain(`${notice.issuer}\n${notice.title}`);
      const signed = /(\d{4})年(\d{1,2})月(\d{1,2})日\s*\t附件/.exec(seed);
      expect(signed).not.toBeNull();
      expect(isoDate(signed![1], signed![2], signed![3])).toBe(notice.issued);
      expect(notice.year).toBe(2020);
    });

    it("the 17 stations in the notice's order", () => {
      const m = /（二）创建对象。(.+?)共(\d+)个/.exec(seed);
      expect(m).not.toBeNull();
      const names = m![1].split("、");
      expect(names).toHaveLength(Number(m![2]));
      expect(names).toHaveLength(17);
      expect(notice.stations).toEqual(names);
      expect(notice.stations[0]).toBe("巴川街道");
      expect(notice.stations[16]).toBe("太平镇");
    });

    it("target rate 60%", () => {
      expect(notice.targetRate).toBe(0.6);
      const m = /（一）创建数量。.*?总数的(\d+)%/.exec(seed);
      expect(Number(m?.[1]) / 100).toBe(notice.targetRate);
    });

    it("the five steps (实施步骤) with their dates", () => {
      const section = seed.slice(seed.indexOf("二、实施步骤"), seed.indexOf("三、工作要求"));
      const steps = [...section.matchAll(/（[一二三四五]）(.+?)（(.+?)前）。/g)].map((m) => {
        const range = /^(\d{4})年(\d{1,2})月(\d{1,2})日至(\d{1,2})月(\d{1,2})日$/.exec(m[2]);
        if (range) {
          return {
            step: m[1],
            from: isoDate(range[1], range[2], range[3]),
            by: isoDate(range[1], range[4], range[5]),
          };
        }
        const single = /^(\d{4})年(\d{1,2})月(\d{1,2}|底)日?$/.exec(m[2]);
        if (!single) throw new Error(`unparsed date: ${m[2]}`);
        return { step: m[1], by: isoDate(single[1], single[2], single[3]) };
      });
      expect(steps.map((s) => s.step)).toEqual(["动员部署", "示范创建", "督促指导", "审核验收", "通报挂牌"]);
      const main = notice.timeline
        .filter((t) => steps.some((s) => s.step === t.step))
        .map((t) => (t.from ? { step: t.step, from: t.from, by: t.by } : { step: t.step, by: t.by }));
      expect(main).toEqual(steps);
    });

    it("every timeline date appears in the notice", () => {
      expect(notice.timeline).toHaveLength(8);
      for (const t of notice.timeline) {
        for (const date of [t.from, t.by]) {
          if (!date) continue;
          const [y, m, d] = date.split("-").map(Number);
          const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
          const found = seed.includes(`${m}月${d}日`) || (d === lastDay && seed.includes(`${y}年${m}月底`));
          expect({ step: t.step, date, found }).toEqual({ step: t.step, date, found: true });
        }
      }
      const review = seed.slice(seed.indexOf("（四）审核验收"), seed.indexOf("（五）通报挂牌"));
      expect(review).toContain("11月5日前，区退役军人事务局对17个镇（街）退役军人服务站进行初检");
      expect(review).toContain("11月25日前，市退役军人事务局审核");
      expect(review).toContain("抽取50%以上");
      expect(review).toContain("12月31日前，退役军人事务部");
    });
  });
});

describe("loadRubric rejects inconsistent editions", () => {
  const expectRubricError = (source: RubricSource, ...problems: (string | RegExp)[]): void => {
    let caught: unknown;
    try {
      loadRubric(source);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RubricError);
    const error = caught as RubricError;
    expect(error.name).toBe("RubricError");
    expect(error.message).toContain(`Rubric edition "${source.edition}" is inconsistent`);
    for (const p of problems) expect(error.message).toMatch(p);
  };

  it("accepts the shipped edition", () => {
    expect(() => loadRubric(edition2020Trial)).not.toThrow();
    expect(loadRubric(edition2020Trial).items).toHaveLength(74);
  });

  it("a category whose items do not sum to its printed maximum", () => {
    const s = cloneSource();
    s.categories[0].tasks[0].items[0].max = 3;
    expectRubricError(s, "category 思想政治教育: items sum to 23, printed maximum is 22");
  });

  it("a gap in numbering", () => {
    const s = cloneSource();
    // Drop item 30 and give its point to item 31 so only the numbering is wrong.
    const task = s.categories[2].tasks[1];
    expect(task.items[1].no).toBe(30);
    task.items.splice(1, 1);
    task.items[1].max += 1;
    expectRubricError(s, "item numbers must run 1..n without gaps: position 30 holds 31");
  });

  it("a duplicated number", () => {
    const s = cloneSource();
    s.categories[0].tasks[0].items[2].no = 2;
    expectRubricError(s, "position 3 holds 2");
  });

  it("a tier list whose top tier is not the item's maximum", () => {
    const s = cloneSource();
    const award = s.bonus.items[0].award;
    if (award.kind !== "tiers") throw new Error("item 71 should be tiered");
    award.tiers[0].points = 5;
    expectRubricError(s, "item 71: top tier 5 differs from maximum 4");
  });

  it("lists every problem at once", () => {
    const s = cloneSource();
    s.edition = "broken";
    s.categories[3].tasks[0].items[0].max = 1; // 就业创业扶持 sums to 7
    s.veto.conditions[1].key = "75.9";
    expectRubricError(
      s,
      "category 就业创业扶持: items sum to 7, printed maximum is 8",
      "veto condition 2 is keyed 75.9",
    );
  });

  it("getRubric with an unknown edition throws", () => {
    expect(() => getRubric("2099-final")).toThrow(/Unknown edition "2099-final"/);
    expect(() => getRubric("2099-final")).toThrow(/2020-trial/);
    expect(getRubric().edition).toBe("2020-trial");
  });
});
