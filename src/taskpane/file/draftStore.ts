/*
 * File mode's safety net: the open workbook, kept in this browser's IndexedDB after each change, so that a
 * closed tab or a crash does not lose the clerk's work. One slot: the last workbook edited on this computer.
 * Excel mode never comes here (the workbook is Excel's to keep).
 */

import type { RefusedEntry } from "../shared/session";

const DB = "veteran-station-scorecard";
const STORE = "drafts";
const KEY = "current";

export interface Draft {
  readonly bytes: Uint8Array;
  /** The file's name, or null for a new workbook. */
  readonly name: string | null;
  /** The sheet of the scorecard shown, which names a new workbook's file (absent in older drafts). */
  readonly sheet?: string | null;
  /** Inputs refused and still standing: they are in no cell, so they are kept beside the bytes. */
  readonly refused?: readonly RefusedEntry[];
  readonly station: string | null;
  readonly total: number | null;
  /** ISO time it was kept. */
  readonly savedAt: string;
}

function openDb(): Promise<IDBDatabase> | null {
  // IndexedDB can be missing or refused (private mode, policies): then nothing is kept, and nothing fails.
  if (typeof indexedDB === "undefined") return null;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("indexedDB.open"));
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T | null> {
  const pending = openDb();
  if (!pending) return null;
  const db = await pending;
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("indexedDB request"));
    });
  } finally {
    db.close();
  }
}

export async function keepDraft(draft: Draft): Promise<void> {
  await run("readwrite", (store) => store.put(draft, KEY));
}

export async function loadDraft(): Promise<Draft | null> {
  const found = await run<Draft | undefined>(
    "readonly",
    (store) => store.get(KEY) as IDBRequest<Draft | undefined>,
  );
  return found ?? null;
}

export async function dropDraft(): Promise<void> {
  await run("readwrite", (store) => store.delete(KEY));
}
