import type { GridValue, ScorecardState } from "../sheet/types";
import type { Transition } from "./submission";

/*
 * The 变更记录 sheet: one row per state change of a scorecard, appended by the pane. Its texts are part of the
 * workbook's contract, like the scorecard's labels; change none of them.
 */

export const LOG_SHEET = "变更记录";

export const LOG_HEADERS = [
  "时间",
  "服务站",
  "工作表",
  "操作",
  "原状态",
  "新状态",
  "操作人",
  "原因",
] as const;

/** 操作 as logged. */
export const ACTION_TEXT: Readonly<Record<Transition, string>> = {
  submit: "提交",
  startReview: "开始复核",
  finishReview: "完成复核",
  reopen: "退回修改",
};

export interface LogEntry {
  readonly time: Date;
  readonly station: string;
  readonly sheet: string;
  readonly transition: Transition;
  readonly from: ScorecardState;
  readonly to: ScorecardState;
  readonly operator: string;
  readonly reason: string;
}

const two = (n: number): string => String(n).padStart(2, "0");

/** Local time as the log shows it: 2020-11-01 08:00:00. */
export const logTime = (d: Date): string =>
  `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;

/** Local time to the minute with its offset from UTC, as reports print it: 2020-11-25 10:30 +08:00. */
export function localTimeWithOffset(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())} ` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

/** One row of the log, in LOG_HEADERS order. */
export const logRow = (e: LogEntry): GridValue[] => [
  logTime(e.time),
  e.station,
  e.sheet,
  ACTION_TEXT[e.transition],
  e.from,
  e.to,
  e.operator,
  e.reason,
];
