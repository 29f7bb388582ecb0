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

/**
 * Starts loading chunks the pane is likely to need soon, after the current render has been committed and painted
 * (a timer, so after App's first-render mark too): they must never delay the first render. A failure is left for
 * the tab itself to report when it is opened and loads again. Returns the cleanup for a React effect.
 */
export function prefetch(chunks: readonly (() => Promise<unknown>)[]): () => void {
  const timer = setTimeout(() => {
    for (const chunk of chunks) chunk().catch(() => undefined);
  }, 0);
  return () => clearTimeout(timer);
}
