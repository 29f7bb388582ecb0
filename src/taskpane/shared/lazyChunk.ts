/** A chunk loader from lazyChunk: call it to load (once), `ready` to get what an earlier load gave, if any. */
export interface LazyChunk<T> {
  (): Promise<T>;
  /** The loaded value once a load succeeded, so that a prefetched panel renders at once instead of a spinner. */
  readonly ready: () => T | undefined;
}

/**
 * Loads a chunk once and remembers it; a failed load is forgotten, so that trying again loads it again.
 * Panels the first render does not need (every tab but 概览) come through here to keep the pane's first load
 * small.
 */
export function lazyChunk<T>(load: () => Promise<T>): LazyChunk<T> {
  let pending: Promise<T> | null = null;
  let loaded: { readonly value: T } | null = null;
  const get = (): Promise<T> => {
    pending ??= load().then(
      (value) => {
        loaded = { value };
        return value;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  return Object.assign(get, { ready: () => loaded?.value });
}

/** How long a prefetch waits for the browser to be idle at most (ms). */
const IDLE_WAIT_MS = 2000;

/**
 * Starts loading chunks the pane is likely to need soon, once the current render has been committed and painted
 * and the browser is idle (a timer, then requestIdleCallback where there is one): loading and compiling them is
 * a long task on a slow PC, and must never delay the first screen nor a click on it. A failure is left for the
 * tab itself to report when it is opened and loads again. Returns the cleanup for a React effect.
 */
export function prefetch(chunks: readonly (() => Promise<unknown>)[]): () => void {
  const load = (): void => {
    for (const chunk of chunks) chunk().catch(() => undefined);
  };
  let idle: number | undefined;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === "function")
      idle = requestIdleCallback(load, { timeout: IDLE_WAIT_MS });
    else load();
  }, 0);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
