import * as ExcelJS from "exceljs";
import { addChart, renderGridPlan } from "../rollup/xlsx";
import {
  sameSheetName,
  type ChartSpec,
  type GridSheetPlan,
  type GridValue,
  type SheetGrid,
  type SheetPlan,
} from "../sheet";
import type { CellWrite, RenderReport, Unsubscribe, WorkbookPort } from "../workbook/port";
import { sheetToGrid } from "./grid";
import { internals, type SheetView } from "./internals";
import { renderPlan } from "./render";
import { refreshWorkbookResults } from "./results";
import { writeHeldMerges } from "./exceljsInput";
import { isLean, loadWorkbook, stageWorkbook, workbookBytes } from "./workbook";

type Handler = (sheet: string) => void;

/**
 * A file read and checked by the streaming reader, before its ExcelJS model is built (see XlsxPort.stage): its
 * worksheets as the port will read them, and the one it will have active.
 */
export interface StagedXlsx {
  readonly grids: readonly SheetGrid[];
  readonly active: string | null;
  /** Builds the model, the slow half of opening a file, and the port over it. */
  port(): Promise<XlsxPort>;
}

/** New text over a linked 佐证材料 keeps the link, as typing over a hyperlink cell does in Excel. */
function writeKeepingLink(cell: ExcelJS.Cell, value: GridValue): void {
  const old = cell.value;
  const linked = typeof old === "object" && old !== null && "hyperlink" in old;
  cell.value =
    linked && typeof value === "string" && value !== "" ? { text: value, hyperlink: old.hyperlink } : value;
}

function subscribe(handlers: Set<Handler>, handler: Handler): Unsubscribe {
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
  };
}

/**
 * WorkbookPort over an in-memory ExcelJS workbook (CLI, tests, the standalone page). Sheet protection is only
 * metadata here, so writes go straight in. Events fire for this port's own writes and activations, the only
 * edits an in-memory file can see.
 */
export class XlsxPort implements WorkbookPort {
  private active: string | null;
  private readonly changed = new Set<Handler>();
  private readonly activated = new Set<Handler>();
  /** Charts of grid sheets, added to the saved bytes (ExcelJS cannot write charts). */
  private readonly charts = new Map<string, ChartSpec>();

  constructor(readonly workbook: ExcelJS.Workbook = new ExcelJS.Workbook()) {
    const sheets = workbook.worksheets;
    this.active = (sheets[workbook.views?.[0]?.activeTab ?? 0] ?? sheets[0])?.name ?? null;
  }

  /** Loads .xlsx bytes (see loadWorkbook; `read` lets Node pass its native zlib and UTF-8 check). */
  static async load(
    data: ArrayBuffer | Uint8Array,
    read?: Parameters<typeof loadWorkbook>[1],
  ): Promise<XlsxPort> {
    return new XlsxPort(await loadWorkbook(data, read));
  }

  /**
   * Opens .xlsx bytes in two halves: the reading first (refused as load refuses it), the port when asked for.
   * The port's sheets, grids and active sheet are those of the reading (the model is reconciled with it).
   */
  static stage(data: ArrayBuffer | Uint8Array, read?: Parameters<typeof loadWorkbook>[1]): StagedXlsx {
    const staged = stageWorkbook(data, read);
    const grids = staged.reading.sheets.map((s) => s.grid);
    return {
      grids,
      // As the constructor below picks it from ExcelJS's reading of the same workbook view.
      active: (grids[staged.reading.activeTab] ?? grids[0])?.name ?? null,
      port: async () => new XlsxPort(await staged.model()),
    };
  }

  /** The file was loaded without its drawings, comments, tables and macros (see ./exceljsInput): saving drops them. */
  get simplified(): boolean {
    return isLean(this.workbook);
  }

  /** The sheet Excel would take for `name`: names compare without regard to case. */
  private find(name: string): ExcelJS.Worksheet | undefined {
    return this.workbook.worksheets.find((w) => sameSheetName(w.name, name));
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const sheet = this.find(name);
    if (!sheet) throw new Error(`工作表“${name}”不存在 / No sheet named "${name}"`);
    return sheet;
  }

  async sheetNames(): Promise<string[]> {
    return this.workbook.worksheets.map((w) => w.name);
  }

  async readGrids(sheets?: readonly string[]): Promise<SheetGrid[]> {
    const chosen = sheets ? sheets.map((s) => this.sheet(s)) : this.workbook.worksheets;
    return chosen.map(sheetToGrid);
  }

  async render(plan: SheetPlan): Promise<RenderReport> {
    renderPlan(this.workbook, plan);
    this.activate(plan.sheetName);
    return { skipped: [] };
  }

  /**
   * Draws a grid sheet with the roll-up's renderGridPlan; a sheet of that name is replaced in its place in the
   * tab order. The chart is kept aside and added to the bytes by toBuffer().
   */
  async renderGrid(plan: GridSheetPlan, chart?: ChartSpec): Promise<RenderReport> {
    const old = this.find(plan.sheetName);
    if (old) this.workbook.removeWorksheet(old.id);
    const sheet = renderGridPlan(this.workbook, plan);
    if (old) internals(sheet).orderNo = internals(old).orderNo;
    if (chart) this.charts.set(plan.sheetName, chart);
    else this.charts.delete(plan.sheetName);
    return { skipped: [] };
  }

  async appendRows(
    name: string,
    header: readonly string[],
    rows: readonly (readonly GridValue[])[],
  ): Promise<void> {
    let sheet = this.find(name);
    if (!sheet) {
      sheet = this.workbook.addWorksheet(name);
      const first = sheet.addRow([...header]);
      first.font = { bold: true };
      const created = sheet;
      header.forEach((_, c) => (created.getColumn(c + 1).width = c === header.length - 1 ? 40 : 16));
      sheet.views = [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2" }];
      void sheet.protect("", { selectLockedCells: true, selectUnlockedCells: true });
    }
    for (const row of rows) sheet.addRow(row.map((v) => v ?? null));
  }

  async write(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    const target = this.sheet(sheet);
    for (const { cell, value } of writes) writeKeepingLink(target.getCell(cell), value);
    for (const handler of [...this.changed]) handler(sheet);
  }

  async activeSheet(): Promise<string | null> {
    if (this.active !== null && !this.workbook.getWorksheet(this.active)) this.active = null;
    return this.active;
  }

  async select(sheet: string, cell: string): Promise<void> {
    const target = this.sheet(sheet);
    const [view = {}, ...rest] = target.views as SheetView[];
    target.views = [{ ...view, activeCell: cell }, ...rest];
    this.activate(sheet);
  }

  async onChanged(handler: Handler): Promise<Unsubscribe> {
    return subscribe(this.changed, handler);
  }

  async onActivated(handler: Handler): Promise<Unsubscribe> {
    return subscribe(this.activated, handler);
  }

  /** The workbook as .xlsx bytes, every cached formula result brought up to date with the entries first. */
  async toBuffer(): Promise<Uint8Array> {
    refreshWorkbookResults(this.workbook);
    let bytes = writeHeldMerges(await workbookBytes(this.workbook), this.workbook);
    for (const [sheet, chart] of this.charts)
      if (this.workbook.getWorksheet(sheet)) bytes = await addChart(bytes, chart);
    return bytes;
  }

  /** Makes the sheet the active tab in memory and in the file (one selected tab, so Excel opens ungrouped). */
  private activate(name: string): void {
    const sheets = this.workbook.worksheets;
    const index = sheets.findIndex((s) => s.name === name);
    const [book, ...others] = this.workbook.views ?? [];
    const base = book ?? { x: 0, y: 0, width: 24000, height: 16000, firstSheet: 0, visibility: "visible" };
    this.workbook.views = [
      { ...base, activeTab: index, firstSheet: Math.min(base.firstSheet ?? 0, index) },
      ...others,
    ];
    for (const sheet of sheets) {
      const [view = {}, ...rest] = sheet.views as SheetView[];
      sheet.views = [{ ...view, tabSelected: sheet.name === name }, ...rest];
    }
    this.active = name;
    for (const handler of [...this.activated]) handler(name);
  }
}
