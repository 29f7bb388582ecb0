import type { NoticeFacts, TimelineStep } from "./types";

/**
 * Where the notice's campaign stands on a given day. Pure: the caller passes the day, so the UIs read the clock
 * once and tests pin every boundary. Only the notice's own year has dates; for any other year nothing is
 * invented and the status says the notice gives none.
 */
export type TimelineStatus =
  | { readonly kind: "no-dates"; readonly year: number }
  | {
      readonly kind: "phase";
      readonly year: number;
      /** The main step today falls in: the first whose deadline is today or later. */
      readonly phase: TimelineStep;
      /** Days from today to the phase's deadline; 0 on the deadline itself. */
      readonly daysLeft: number;
      /** The next check (a step within a phase) due today or later, if any. */
      readonly next: { readonly step: TimelineStep; readonly daysLeft: number } | null;
    }
  | { readonly kind: "finished"; readonly year: number; readonly last: TimelineStep };

/** An ISO calendar date (YYYY-MM-DD). */
export type IsoDate = string;

/** The local calendar date of a moment, as the user's clock shows it. */
export const localDate = (d: Date): IsoDate =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

const dayNumber = (iso: IsoDate): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

export function timelineStatus(
  notice: NoticeFacts | undefined,
  year: number,
  today: IsoDate,
): TimelineStatus {
  if (!notice || notice.year !== year || notice.timeline.length === 0) return { kind: "no-dates", year };
  const phases = notice.timeline.filter((t) => t.partOf === undefined);
  const checks = notice.timeline.filter((t) => t.partOf !== undefined);
  const phase = phases.find((t) => daysBetween(today, t.by) >= 0);
  if (!phase) return { kind: "finished", year, last: phases[phases.length - 1] };
  const check = checks.find((t) => daysBetween(today, t.by) >= 0);
  return {
    kind: "phase",
    year,
    phase,
    daysLeft: daysBetween(today, phase.by),
    next: check ? { step: check, daysLeft: daysBetween(today, check.by) } : null,
  };
}
