import { planFromRead } from "../sheet/plan";
import { isScorecard, readScorecard, type ReadScorecard } from "../sheet/reader";
import type { ScorecardState, SheetPlan } from "../sheet/types";
import type { WorkbookPort } from "../workbook/port";
import { TransitionRefusedError, blockers } from "./blockers";
import { LOG_HEADERS, LOG_SHEET, logRow } from "./changeLog";
import { entriesHash, nextState, type Transition } from "./submission";

/**
 * The plan that redraws the scorecard in its new state. Submitting records the hash of the self-assessment
 * and the time (hidden J2:K2) and locks the self column; reopening drops the record and unlocks it.
 */
export function transitionPlan(read: ReadScorecard, transition: Transition, now: Date): SheetPlan {
  const state = nextState(read.meta.state, transition);
  if (transition === "submit")
    return planFromRead(read, {
      state,
      submission: { hash: entriesHash(read.layout.entryIds, read.entries.self), time: now.toISOString() },
    });
  if (transition === "reopen") return planFromRead(read, { state, submission: undefined });
  return planFromRead(read, { state });
}

export interface TransitionRequest {
  readonly now: Date;
  /** Who acts; required to reopen. */
  readonly operator: string;
  /** Why; required to reopen. */
  readonly reason?: string;
}

export interface TransitionDone {
  readonly from: ScorecardState;
  readonly to: ScorecardState;
  readonly plan: SheetPlan;
}

/**
 * Reads the scorecard afresh, checks the transition, redraws the sheet in its new state (entries, evidence
 * and notes carried over) and appends a row to 变更记录 (created if missing): three port calls.
 */
export async function applyTransition(
  port: WorkbookPort,
  sheet: string,
  transition: Transition,
  request: TransitionRequest,
): Promise<TransitionDone> {
  const [grid] = await port.readGrids([sheet]);
  if (!grid || !isScorecard(grid)) throw new Error(`Sheet "${sheet}" is missing or not a scorecard`);
  const read = readScorecard(grid);
  const refused = blockers(read, transition);
  const operator = request.operator.trim();
  const reason = (request.reason ?? "").trim();
  // Every step names who took it: the 变更记录 row is the only record of it.
  if (operator === "") refused.push("operator");
  if (transition === "reopen" && reason === "") refused.push("reason");
  if (refused.length > 0) throw new TransitionRefusedError(transition, refused);
  const plan = transitionPlan(read, transition, request.now);
  const from = read.meta.state;
  const to = plan.meta.state;
  // 状态 and its 变更记录 row go together or not at all: when either fails, the sheet is drawn back as read.
  try {
    await port.render(plan);
    await port.appendRows(LOG_SHEET, LOG_HEADERS, [
      logRow({
        time: request.now,
        station: read.meta.station,
        sheet,
        transition,
        from,
        to,
        operator,
        reason,
      }),
    ]);
  } catch (error) {
    await port.render(planFromRead(read)).catch(() => undefined);
    throw error;
  }
  return { from, to, plan };
}
