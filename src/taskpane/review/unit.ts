/*
 * The unit making the roll-up (the 汇总's title), for another district or a city: typed once and remembered in
 * this browser's localStorage, as the operator is; empty means the notice's issuing bureau, as `--unit` unset.
 */

const KEY = "veteran-station-scorecard.rollup-unit";

interface WindowLike {
  readonly localStorage?: Storage;
}

/** The unit remembered from last time, else "". Storage may be blocked: never throws. */
export function defaultUnit(win: WindowLike = window): string {
  try {
    return win.localStorage?.getItem(KEY) ?? "";
  } catch {
    return "";
  }
}

/** Remembers the unit; an empty one forgets it (the notice's bureau again). */
export function rememberUnit(unit: string, win: WindowLike = window): void {
  try {
    if (unit.trim()) win.localStorage?.setItem(KEY, unit.trim());
    else win.localStorage?.removeItem(KEY);
  } catch {
    // Nothing to remember it in; the notice's bureau is the default next time.
  }
}
