/*
 * Who uses the 审核 tab: the station's clerk submits; the district reviews, checks the whole workbook and rolls
 * it up; the city draws its sample. The choice is remembered in this browser's localStorage, like the operator's
 * name; storage may be refused (private mode, policies), and then the choice is simply asked again.
 */

export type Role = "station" | "district" | "city";

export const ROLES: readonly Role[] = ["station", "district", "city"];

const KEY = "veteran-station-scorecard.role";

interface WindowLike {
  readonly localStorage?: Storage;
}

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/**
 * The role remembered on this computer; else the district's when the workbook holds several scorecards (a
 * station's file holds one), else the station's.
 */
export function defaultRole(several: boolean, win: WindowLike = window): Role {
  try {
    const remembered = win.localStorage?.getItem(KEY);
    if (isRole(remembered)) return remembered;
  } catch {
    // Storage refused: fall through.
  }
  return several ? "district" : "station";
}

export function rememberRole(role: Role, win: WindowLike = window): void {
  try {
    win.localStorage?.setItem(KEY, role);
  } catch {
    // Nothing to remember it in.
  }
}
