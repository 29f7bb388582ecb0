import type { Page } from "playwright-core";

/** What a browser test reads of the page's kept workbook (src/taskpane/file/draftStore.ts). */
export interface KeptDraft {
  readonly total: number | null;
  readonly savedAt: string;
  readonly refused: number;
}

/** The workbook the page keeps in IndexedDB, or null while none is kept (or before the page made its store). */
export function keptDraft(page: Page): Promise<KeptDraft | null> {
  return page.evaluate(
    () =>
      new Promise<KeptDraft | null>((resolve) => {
        const request = indexedDB.open("veteran-station-scorecard");
        // No database yet: made here it would lack the page's store, so it is not made.
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onerror = () => resolve(null);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains("drafts")) {
            db.close();
            return resolve(null);
          }
          const get = db.transaction("drafts").objectStore("drafts").get("current");
          get.onsuccess = () => {
            const found = get.result as
              { total?: number | null; savedAt?: string; refused?: readonly unknown[] } | undefined;
            db.close();
            resolve(
              found
                ? {
                    total: found.total ?? null,
                    savedAt: found.savedAt ?? "",
                    refused: found.refused?.length ?? 0,
                  }
                : null,
            );
          };
          get.onerror = () => {
            db.close();
            resolve(null);
          };
        };
      }),
  );
}

/**
 * Waits until the kept workbook satisfies `ok`, reading it every 250 ms. (Playwright's waitForFunction does not
 * await a predicate's promise: a Promise is truthy, so it would return at once.)
 */
export async function waitForDraft(
  page: Page,
  ok: (draft: KeptDraft) => boolean,
  timeoutMs = 60_000,
): Promise<KeptDraft> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const draft = await keptDraft(page);
    if (draft && ok(draft)) return draft;
    if (Date.now() > until) throw new Error(`The page kept no matching workbook within ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}
