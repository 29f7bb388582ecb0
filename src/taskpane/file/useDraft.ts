import * as React from "react";
import { format } from "../../i18n/strings";
import { useTexts } from "../shared/i18n";
import { useMessages } from "../shared/messages";
import type { RefusedEntry } from "../shared/session";
import { dropDraft, keepDraft, loadDraft, type Draft } from "./draftStore";
import type { XlsxDocument } from "./xlsxLoader";
import type { ReadScorecard } from "../../sheet";

/** The scorecard on the workbook's active sheet, else its first one. */
async function scorecardOf(file: XlsxDocument): Promise<ReadScorecard | null> {
  // The reader comes with the pane's chunk; the start screen (which offers the restore) does without it.
  const { isScorecard, readScorecard } = await import("../../sheet");
  const active = await file.activeSheet();
  const grids = await file.readGrids();
  const grid = grids.find((g) => g.name === active && isScorecard(g)) ?? grids.find(isScorecard);
  return grid ? readScorecard(grid) : null;
}

/**
 * Quiet time after the last change before the workbook is kept: writing the whole file takes a while on a slow
 * PC, and done after every keystroke it would hold up the typing. Leaving earlier asks first (beforeunload).
 */
export const KEEP_DELAY_MS = 1000;

export interface DraftOptions {
  readonly file: XlsxDocument | null;
  readonly name: string | null;
  /** Changes not downloaded yet, or refused inputs standing: leaving asks, and the workbook is kept. */
  readonly dirty: boolean;
  readonly refused: readonly RefusedEntry[];
  /** Counts the workbook's changes: each one keeps the workbook again. */
  readonly version: number;
  readonly onRestore: (draft: Draft) => void;
}

/**
 * File mode never loses work: leaving with unsaved changes asks first (beforeunload), the workbook is kept in
 * IndexedDB after each change, and opening the page again offers to restore it or discard it.
 */
export function useDraft(options: DraftOptions): { readonly forget: () => void } {
  const { s } = useTexts();
  const messages = useMessages();
  const { file, name, dirty, version, refused } = options;
  const latest = React.useRef(options);
  latest.current = options;

  React.useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      event.returnValue = s.leaveWarning;
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [dirty, s]);

  React.useEffect(() => {
    let live = true;
    loadDraft().then(
      (draft) => {
        if (!live || !draft) return;
        const standing = draft.refused?.length ?? 0;
        const body = format(s.restoreBody, {
          name: draft.name ?? (draft.sheet ? `${draft.sheet}.xlsx` : s.defaultFileName),
          station: draft.station ?? "—",
          time: new Date(draft.savedAt).toLocaleString(),
          total: draft.total ?? "—",
        });
        messages.show({
          intent: "info",
          title: s.restoreTitle,
          body: standing > 0 ? `${body} · ${format(s.refusedCount, { n: standing })}` : body,
          actions: [
            { label: s.restoreAction, run: () => latest.current.onRestore(draft) },
            { label: s.restoreDiscard, run: () => void dropDraft().catch(console.error) },
          ],
        });
      },
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
    // Once, when the page opens.
  }, []);

  // One write at a time; changes made meanwhile are kept by one more write when it ends.
  const writing = React.useRef<Promise<void> | null>(null);
  const again = React.useRef(false);
  React.useEffect(() => {
    if (!file || !dirty) return;
    const keep = async (): Promise<void> => {
      do {
        again.current = false;
        const now = latest.current;
        const bytes = await file.toBuffer();
        // Station and total from the kept workbook itself, so the offer never promises what the bytes lack.
        const shown = await scorecardOf(file);
        await keepDraft({
          bytes: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
          name: now.name,
          sheet: shown?.sheet ?? null,
          refused: now.refused,
          station: shown?.meta.station ?? null,
          total: shown?.scores.self.total ?? null,
          savedAt: new Date().toISOString(),
        });
      } while (again.current && latest.current.file === file);
    };
    if (writing.current) {
      again.current = true;
      return;
    }
    const timer = setTimeout(() => {
      writing.current = keep()
        .catch((error: unknown) => console.error(error))
        .finally(() => {
          writing.current = null;
        });
    }, KEEP_DELAY_MS);
    return () => clearTimeout(timer);
  }, [file, name, dirty, version, refused]);

  return { forget: () => void dropDraft().catch(console.error) };
}
