import * as React from "react";
import { format } from "../../i18n/strings";
import { TransitionRefusedError, type Transition } from "../../review";
import type { WorkbookPort } from "../../workbook";
import { useTexts } from "../shared/i18n";
import { useMessages } from "../shared/messages";
import { STATE_KEYS } from "../shared/labels";
import { ACTION_KEYS, BLOCKER_KEYS } from "./texts";
import { rememberOperator } from "./operator";
import type { ScorecardSession } from "../shared/session";

export interface ReviewActions {
  /** The transition under way, if any. */
  readonly busy: Transition | null;
  /** Runs a transition on the shown scorecard; resolves true when it was made. */
  readonly run: (transition: Transition, operator: string, reason?: string) => Promise<boolean>;
}

/**
 * 提交 / 开始复核 / 完成复核 / 退回修改 from the pane: queued edits are written first, the scorecard is read
 * afresh, redrawn in its new state and the change logged (src/review applyTransition), then shown again.
 */
export function useReviewActions(
  port: WorkbookPort,
  session: ScorecardSession,
  sheet: string,
  /** What to do once submitted, said with the confirmation (save and send the file). */
  afterSubmit?: string,
): ReviewActions {
  const { s, lang } = useTexts();
  const messages = useMessages();
  const [busy, setBusy] = React.useState<Transition | null>(null);
  const run = React.useCallback(
    async (transition: Transition, operator: string, reason?: string): Promise<boolean> => {
      const action = s[ACTION_KEYS[transition]];
      setBusy(transition);
      try {
        if (!(await session.flush())) return false;
        // Redrawing needs the plan: loaded on the first transition, not before the pane's first render.
        const { applyTransition } = await import(
          /* webpackChunkName: "transitions" */ "../../review/transitions"
        );
        const done = await applyTransition(port, sheet, transition, { now: new Date(), operator, reason });
        rememberOperator(operator);
        await session.refresh();
        const body = format(s.transitionDoneBody, {
          sheet,
          from: s[STATE_KEYS[done.from]],
          to: s[STATE_KEYS[done.to]],
        });
        const next = transition === "submit" ? afterSubmit : undefined;
        // The next step is the clerk's to take: it stays until dismissed, unlike a plain confirmation.
        messages.show(
          next
            ? { intent: "info", title: format(s.transitionDoneTitle, { action }), body: `${body} ${next}` }
            : { intent: "success", title: format(s.transitionDoneTitle, { action }), body },
        );
        return true;
      } catch (error) {
        if (error instanceof TransitionRefusedError)
          messages.show({
            intent: "warning",
            title: format(s.blockedTitle, { action }),
            body: error.blockers.map((b) => s[BLOCKER_KEYS[b]]).join(lang === "en" ? "; " : "；"),
          });
        else messages.report(error, "write");
        return false;
      } finally {
        setBusy(null);
      }
    },
    [port, session, sheet, s, lang, messages, afterSubmit],
  );
  return { busy, run };
}
