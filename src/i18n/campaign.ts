import type { TimelineStatus } from "../rubric/timeline";
import type { Message } from "./types";

/*
 * Texts of the campaign around the scorecard (the notice's timeline, the city's sample, year over year),
 * Chinese first. Functions of plain data so the CLI, the 汇总 sheet and the pane word them alike.
 */

const zhDate = (iso: string): string => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

const left = (n: number): Message =>
  n === 0
    ? { zh: "今天截止", en: "due today" }
    : { zh: `还剩 ${n} 天`, en: `${n} day${n === 1 ? "" : "s"} left` };

/** One line: which step of the notice today falls in and how long is left, or that the notice gives no dates. */
export function timelineText(s: TimelineStatus): Message {
  if (s.kind === "no-dates")
    return {
      zh: `进度：通知未给出${s.year}年的时间安排`,
      en: `Timeline: the notice gives no dates for ${s.year}`,
    };
  if (s.kind === "finished")
    return {
      zh: `进度：${s.year}年创建活动各阶段均已结束（${s.last.step}截至${zhDate(s.last.by)}）`,
      en: `Timeline: every step of the ${s.year} campaign has ended (${s.last.stepEn} by ${s.last.by})`,
    };
  const phase = {
    zh: `进度：当前阶段“${s.phase.step}”（${zhDate(s.phase.by)}前，${left(s.daysLeft).zh}）`,
    en: `Timeline: now in “${s.phase.stepEn}” (by ${s.phase.by}, ${left(s.daysLeft).en})`,
  };
  if (!s.next) return phase;
  return {
    zh: `${phase.zh}；下一项：${s.next.step.step}（${zhDate(s.next.step.by)}前，${left(s.next.daysLeft).zh}）`,
    en: `${phase.en}; next: ${s.next.step.stepEn} (by ${s.next.step.by}, ${left(s.next.daysLeft).en})`,
  };
}
