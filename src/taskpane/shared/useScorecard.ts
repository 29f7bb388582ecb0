import * as React from "react";
import type { WorkbookPort } from "../../workbook";
import type { ErrorContext } from "./errors";
import { ScorecardSession, type RefusedEntry, type SessionSnapshot, type Timing } from "./session";

export interface UseScorecard {
  readonly snapshot: SessionSnapshot;
  /** Null until the session for this port has started. */
  readonly session: ScorecardSession | null;
}

const LOADING: SessionSnapshot = {
  status: "loading",
  view: null,
  scorecardSheets: [],
  queued: 0,
  writing: 0,
  refused: [],
};
const noSubscription = (): (() => void) => () => undefined;
const loading = (): SessionSnapshot => LOADING;

/**
 * The pane's one state hook: it owns a ScorecardSession for the port (reading, re-reading on events with a
 * debounce, batching form edits into writes) and re-renders on every new snapshot.
 */
export function useScorecard(
  port: WorkbookPort,
  onError: (error: unknown, context: ErrorContext) => void,
  timing?: Partial<Timing>,
  /** Refused inputs brought back with the workbook (file mode's restore), read once. */
  refused?: readonly RefusedEntry[],
): UseScorecard {
  const onErrorRef = React.useRef(onError);
  onErrorRef.current = onError;
  const timingRef = React.useRef(timing);
  const refusedRef = React.useRef(refused);
  const [session, setSession] = React.useState<ScorecardSession | null>(null);
  React.useEffect(() => {
    const created = new ScorecardSession(port, {
      onError: (error, context) => onErrorRef.current(error, context),
      timing: timingRef.current,
      refused: refusedRef.current,
    });
    setSession(created);
    void created.start();
    // Back in the pane after working in the sheet: read it again, as a value picked from a validation list
    // raised no change event (office-js#420, #3888), without asking the clerk to press 重新检查.
    const focused = (): void => created.outsideChange();
    window.addEventListener("focus", focused);
    return () => {
      window.removeEventListener("focus", focused);
      created.dispose();
      setSession(null);
    };
  }, [port]);
  const snapshot = React.useSyncExternalStore(
    session ? session.subscribe : noSubscription,
    session ? session.getSnapshot : loading,
  );
  return { snapshot, session };
}
