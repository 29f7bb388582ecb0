import type { ChartSpec, GridSheetPlan, GridValue, SheetGrid, SheetPlan } from "../sheet";

/** One cell write requested by a user interface (form view, review remarks, state changes). */
export interface CellWrite {
  /** A1 address on the sheet. */
  readonly cell: string;
  readonly value: GridValue;
}

/** What a renderer could not do on this host (e.g. ExcelApi 1.8 missing → no data validation). */
export interface RenderReport {
  readonly skipped: readonly { readonly feature: string; readonly requirement: string }[];
}

export type Unsubscribe = () => void;

/**
 * The workbook as the user interfaces see it. Office.js (src/excel), ExcelJS files (src/xlsx) and an in-memory
 * double for tests all implement it; components never touch Office.js directly.
 */
export interface WorkbookPort {
  /** Names of all worksheets, in tab order. */
  sheetNames(): Promise<string[]>;
  /**
   * Grids of the named sheets, or of all sheets when omitted, in few round trips. Without names, a sheet that
   * is not a scorecard may come back as its first rows only (enough to recognise it; Office.js keeps responses
   * small that way); named sheets always come back whole. Hyperlink targets of 佐证材料 cells come in `links`.
   */
  readGrids(sheets?: readonly string[]): Promise<SheetGrid[]>;
  /** Draws the plan into its sheet (creating it, or redrawing it in place) and activates it. */
  render(plan: SheetPlan): Promise<RenderReport>;
  /**
   * Draws a plain table sheet (汇总, 创建名单, 审核结果) from its plan, creating the sheet or redrawing it in place
   * (contents, formats, merges and charts of an earlier drawing are cleared first), with an optional chart.
   * It does not change the active sheet.
   */
  renderGrid(plan: GridSheetPlan, chart?: ChartSpec): Promise<RenderReport>;
  /**
   * Appends rows under the last used row of a sheet (a log such as 变更记录). A missing sheet is created with
   * `header` as its first row. Protection is lifted and restored around the write; the active sheet stays.
   */
  appendRows(
    sheet: string,
    header: readonly string[],
    rows: readonly (readonly GridValue[])[],
  ): Promise<void>;
  /**
   * Writes entry cells in one batch, exactly as given (text stays text). Unlocked cells are written on a
   * protected sheet as they are; protection is lifted (and restored) only for a locked target.
   */
  write(sheet: string, writes: readonly CellWrite[]): Promise<void>;
  activeSheet(): Promise<string | null>;
  select(sheet: string, cell: string): Promise<void>;
  /** Cell edits on any sheet, excluding those the add-in itself made. */
  onChanged(handler: (sheet: string) => void): Promise<Unsubscribe>;
  onActivated(handler: (sheet: string) => void): Promise<Unsubscribe>;
}
