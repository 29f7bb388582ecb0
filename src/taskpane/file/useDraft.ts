import * as React from "react";
import { format } from "../../i18n/strings";
import { useTexts } from "../shell/i18n";
import { useMessages } from "../shell/messages";
import { dropDraft, keepDraft, loadDraft, type Draft } from "./draftStore";
import type { XlsxDocument } from "./xlsxLoader";

/** The scorecard shown, for the restore offer. */
export interface DraftSummary {
  readonly station: string;
  readonly total: number;
}

export interface DraftOptions {
  readonly file: XlsxDocument | null;
  readonly name: string | null;
  readonly dirty: boolean;
  /** Counts the workbook's changes: each one keeps the workbook again. */
  readonly version: number;
  readonly summary: DraftSummary | null;
  readonly onRestore: (draft: Draft) => void;
}

/**
 * File mode never loses work: leaving with unsaved changes asks first (beforeunload), the workbook is kept in
 * IndexedDB after each change, and opening the page again offers to restore it or discard it.
 */
export function useDraft(options: DraftOptions): { readonly forget: () => void } {
  const { s } = useTexts();
  const messages = useMessages();
  const { file, name, dirty, version, summary } = options;
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
        messages.show({
          intent: "info",
          title: s.restoreTitle,
          body: format(s.restoreBody, {
            name: draft.name ?? s.defaultFileName,
            station: draft.station ?? "—",
            time: new Date(draft.savedAt).toLocaleString(),
            total: draft.total ?? "—",
          }),
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
        await keepDraft({
          bytes: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
          name: now.name,
          station: now.summary?.station ?? null,
          total: now.summary?.total ?? null,
          savedAt: new Date().toISOString(),
        });
      } while (again.current && latest.current.file === file);
    };
    if (writing.current) {
      again.current = true;
      return;
    }
    writing.current = keep()
      .catch((error: unknown) => console.error(error))
      .finally(() => {
        writing.current = null;
      });
  }, [file, name, dirty, version, summary?.station, summary?.total]);

  return { forget: () => void dropDraft().catch(console.error) };
}
