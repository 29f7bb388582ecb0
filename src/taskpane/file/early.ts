/*
 * The offline page's start screen is plain HTML (scripts/offlineStart.cjs), usable before the pane's code has
 * run: what the clerk does there goes through window.__scorecardEarlyStart to the pane, kept until it connects.
 */

export type EarlyAction = { readonly kind: "new" } | { readonly kind: "open"; readonly file: File };

interface EarlyStart {
  /** Done on the screen before the pane connected. */
  action: EarlyAction | null;
  /** The pane, once connected: a file picker opened on the screen still delivers here. */
  handler: ((action: EarlyAction) => void) | null;
  /** Stops the screen's own listeners (a file dropped on the page: the pane takes drops itself). */
  stop(): void;
}

const KEY = "__scorecardEarlyStart";

/**
 * Connects the pane to the HTML start screen, if the page has one: what was asked for there is handed over now,
 * what comes later (a file picked in a picker opened there) as it comes. Returns the disconnect.
 */
export function connectEarlyStart(handler: (action: EarlyAction) => void, win: object = window): () => void {
  const early = (win as { [KEY]?: EarlyStart })[KEY];
  if (!early) return () => undefined;
  early.stop();
  early.handler = handler;
  const waiting = early.action;
  early.action = null;
  if (waiting) handler(waiting);
  return () => {
    if (early.handler === handler) early.handler = null;
  };
}
