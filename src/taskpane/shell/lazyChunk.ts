/**
 * Loads a chunk once and remembers it; a failed load is forgotten, so that trying again loads it again.
 * Panels the first render does not need (审核, 导出) come through here to keep the pane's first load small.
 */
export function lazyChunk<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
