import fc from "fast-check";
import { getRubric, daysBetween, localDate, timelineStatus, type TimelineStatus } from "../src/rubric";
import { timelineText } from "../src/i18n/campaign";

const notice = getRubric().notice;
const at = (today: string, year = 2020): TimelineStatus => timelineStatus(notice, year, today);
const phaseOf = (today: string): [string, number] => {
  const s = at(today);
  if (s.kind !== "phase") throw new Error(`${today}: ${s.kind}`);
  return [s.phase.step, s.daysLeft];
};

describe("the notice's timeline", () => {
  it.each([
    ["2020-07-15", "动员部署", 9],
    ["2020-07-24", "动员部署", 0],
    ["2020-07-25", "示范创建", 98],
    ["2020-10-31", "示范创建", 0],
    ["2020-11-01", "督促指导", 4],
    ["2020-11-05", "督促指导", 0],
    ["2020-11-06", "审核验收", 55],
    ["2020-12-31", "审核验收", 0],
    ["2021-01-01", "通报挂牌", 30],
    ["2021-01-31", "通报挂牌", 0],
  ])("on %s the phase is %s with %i days left", (today, step, days) => {
    expect(phaseOf(today)).toEqual([step, days]);
  });

  it("names the next check and its days left within 审核验收", () => {
    const s = at("2020-11-06");
    expect(s.kind === "phase" && s.next).toMatchObject({
      step: { step: "市退役军人事务局审核并抽取50%以上暗访" },
      daysLeft: 19,
    });
    expect(timelineText(s).zh).toBe(
      "进度：当前阶段“审核验收”（2020年12月31日前，还剩 55 天）；下一项：市退役军人事务局审核并抽取50%以上暗访（2020年11月25日前，还剩 19 天）",
    );
    const district = at("2020-11-05");
    expect(district.kind === "phase" && district.next?.step.step).toBe("区退役军人事务局初检并报送创建名单");
    expect(at("2021-01-02").kind === "phase" && (at("2021-01-02") as { next: unknown }).next).toBeNull();
  });

  it("is finished after the end of January, and invents no dates for other years", () => {
    expect(at("2021-02-01").kind).toBe("finished");
    expect(timelineText(at("2021-02-01")).zh).toContain("均已结束");
    expect(at("2020-08-01", 2021)).toEqual({ kind: "no-dates", year: 2021 });
    expect(timelineText(at("2020-08-01", 2022))).toEqual({
      zh: "进度：通知未给出2022年的时间安排",
      en: "Timeline: the notice gives no dates for 2022",
    });
    expect(timelineStatus(undefined, 2020, "2020-08-01").kind).toBe("no-dates");
  });

  it("reads the local calendar day of the injected clock", () => {
    expect(localDate(new Date(2020, 10, 5, 23, 59))).toBe("2020-11-05");
    expect(daysBetween("2020-02-28", "2020-03-01")).toBe(2);
  });

  it("property: days left never negative, and the phase never goes back as days pass", () => {
    const order = ["动员部署", "示范创建", "督促指导", "审核验收", "通报挂牌"];
    const day = fc.integer({ min: 0, max: 400 }).map((k) => localDate(new Date(2020, 0, 1 + k)));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [x, y] = daysBetween(a, b) >= 0 ? [a, b] : [b, a];
        const sx = at(x);
        const sy = at(y);
        if (sx.kind === "phase") expect(sx.daysLeft).toBeGreaterThanOrEqual(0);
        const rank = (s: TimelineStatus): number => (s.kind === "phase" ? order.indexOf(s.phase.step) : 9);
        expect(rank(sy)).toBeGreaterThanOrEqual(rank(sx));
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
