/*
 * Who acts, for the 变更记录 log. Excel has no user identity in Office.js (Office.context.userProfile exists in
 * Outlook only), so the name is typed once and remembered in this browser's localStorage; where a host does
 * offer a profile, its display name is the default.
 */

const KEY = "veteran-station-scorecard.operator";

interface WindowLike {
  readonly localStorage?: Storage;
}

/** The display name of Office's user profile, where the host has one (Outlook); null in Excel. */
export function officeUserName(win: object): string | null {
  const office = (win as { Office?: { context?: { userProfile?: { displayName?: unknown } } } }).Office;
  const name = office?.context?.userProfile?.displayName;
  return typeof name === "string" && name.trim() !== "" ? name.trim() : null;
}

/** The name remembered from last time, else Office's user, else "". Storage may be blocked: never throws. */
export function defaultOperator(win: WindowLike = window): string {
  try {
    const remembered = win.localStorage?.getItem(KEY);
    if (remembered) return remembered;
  } catch {
    // Storage refused (private mode, policies): fall through.
  }
  return officeUserName(win) ?? "";
}

export function rememberOperator(name: string, win: WindowLike = window): void {
  try {
    if (name.trim()) win.localStorage?.setItem(KEY, name.trim());
  } catch {
    // Nothing to remember it in; the name is asked again next time.
  }
}
