import type * as React from "react";
import type { WorkbookPort } from "../../workbook";
import type { ScoreColumnName } from "../../sheet";
import type { RefusedEntry, Timing } from "./session";

/*
 * The pane as a feature may hold it without importing the composition root: file mode's FilePanel is handed the
 * Pane component and draws it under its toolbar.
 */

/** Where a row of a list leads: its cell in the sheet (Excel), and its entry in 填写. */
export interface Place {
  readonly cell: string;
  /** The entry, when the row is about one. */
  readonly item?: string;
  readonly column?: ScoreColumnName;
}

/** Goes to a place: Excel selects the cell and sets 填写 at the entry; the browser opens the entry in 填写. */
export type GoTo = (place: Place) => void;

export type PaneTab = "overview" | "problems" | "form" | "review" | "insert" | "export";

/** What a toolbar above the pane (file mode's) may do with the session. */
export interface PaneToolbarContext {
  /** Writes queued edits now; resolves false when the write failed (already reported). */
  readonly flush: () => Promise<boolean>;
  /** Sheet of the scorecard shown, if any. */
  readonly sheet: string | null;
  /** Inputs refused and still standing: saving asks before leaving them out. */
  readonly refused: readonly RefusedEntry[];
}

export interface PaneProps {
  readonly port: WorkbookPort;
  /** WPS 表格 rather than Excel (Office mode): what the pane tells the clerk to do in the host's own menus. */
  readonly wps?: boolean;
  readonly timing?: Partial<Timing>;
  readonly toolbar?: (context: PaneToolbarContext) => React.ReactNode;
  /** The tab shown first (file mode's 新建 starts at 插入). */
  readonly initialTab?: PaneTab;
  /** Refused inputs to show again (file mode's restore after a reload). */
  readonly refused?: readonly RefusedEntry[];
  /** Told whenever the refused inputs change (file mode keeps them with its copy of the workbook). */
  readonly onRefused?: (refused: readonly RefusedEntry[]) => void;
}
