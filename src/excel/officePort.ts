import type { ChartSpec, GridSheetPlan, GridValue, SheetGrid, SheetPlan } from "../sheet";
import { parseRect } from "./a1";
import { queueHeader, queueRows } from "./append";
import type { CellWrite, RenderReport, WorkbookPort } from "../workbook";
import { OfficeAdapterError, isEditModeError, translateOfficeError } from "./errors";
import { queueGridPlan } from "./gridRender";
import { groupWrites } from "./writes";
import { OwnWriteGuard } from "./ownWrites";
import { gridFromUsedRange, pairCells, pairVerdict, scoreCellPairs } from "./read";
import { PROTECTION_OPTIONS, queuePlan, skippedFeatures, type RenderFeatures } from "./render";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** The overloads of Excel.run the adapter uses; tests pass a fake with the same shape. */
export interface ExcelRun {
  <T>(batch: Batch<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: Batch<T>): Promise<T>;
  <T>(context: OfficeExtension.ClientRequestContext, batch: Batch<T>): Promise<T>;
}

export type IsSetSupported = (name: string, version: string) => boolean;

/** Removes event handlers; resolves when Excel has dropped them (an Unsubscribe that can be awaited). */
export type AsyncUnsubscribe = () => Promise<void>;

export interface OfficePortOptions {
  /** Defaults to Excel.run. */
  readonly run?: ExcelRun;
  /** Defaults to Office.context.requirements.isSetSupported. */
  readonly isSetSupported?: IsSetSupported;
  /** Password of a protected sheet, for write(); render() uses the plan's. None by default. */
  readonly passwordFor?: (sheet: string) => string | undefined;
  /** How long after its own write the adapter ignores change events of that sheet (hosts before ExcelApi 1.14). */
  readonly ownWriteWindowMs?: number;
  /** Clock for the own-write window. */
  readonly now?: () => number;
}

/** ExcelApi versions behind each feature the adapter uses. */
export const REQUIREMENTS = {
  /** Protection options, freeze panes, worksheet events, onAdded: the adapter's floor. */
  base: "1.7",
  dataValidation: "1.8",
  pageLayout: "1.9",
  /** workbook.worksheets.onChanged; per-sheet onChanged before it. */
  collectionChanged: "1.9",
  delayForCellEdit: "1.11",
  triggerSource: "1.14",
} as const;

/** A change event's trigger source when this add-in caused it (Excel.EventTriggerSource.thisLocalAddin). */
const THIS_LOCAL_ADDIN = "ThisLocalAddin";

/** Mutable notes a batch leaves for error translation. */
interface BatchNotes {
  sheetWasProtected: boolean;
}

type Handlers = OfficeExtension.EventHandlerResult<unknown>[];

/** The first phase of every run: all worksheets with their names and protection, in one sync. */
async function loadSheets(context: Excel.RequestContext): Promise<Excel.WorksheetCollection> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/protection/protected");
  await context.sync();
  return sheets;
}

/**
 * WorkbookPort over Office.js. Every method is one Excel.run with a fixed number of round trips:
 * render ≤ 2 syncs, renderGrid ≤ 3, readGrids ≤ 4 however many sheets, write 2, appendRows ≤ 3,
 * sheetNames/activeSheet/select 1.
 */
export class OfficePort implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly isSetSupported: IsSetSupported;
  private readonly passwordFor: (sheet: string) => string | undefined;
  private readonly own: OwnWriteGuard;

  constructor(options: OfficePortOptions = {}) {
    this.run = options.run ?? Excel.run;
    this.isSetSupported =
      options.isSetSupported ??
      ((name, version) => Office.context.requirements.isSetSupported(name, version));
    this.passwordFor = options.passwordFor ?? (() => undefined);
    this.own = new OwnWriteGuard(options.ownWriteWindowMs ?? 1500, options.now ?? (() => Date.now()));
  }

  supports(version: string): boolean {
    return this.isSetSupported("ExcelApi", version);
  }

  private features(): RenderFeatures {
    return {
      dataValidation: this.supports(REQUIREMENTS.dataValidation),
      pageLayout: this.supports(REQUIREMENTS.pageLayout),
    };
  }

  /**
   * Runs a batch; translates well-known Office errors. A batch refused because a cell is being edited is run
   * once more with delayForCellEdit where the host has it (ExcelApi 1.11), which waits for the edit to end.
   */
  private async exec<T>(batch: (context: Excel.RequestContext, notes: BatchNotes) => Promise<T>): Promise<T> {
    if (!this.supports(REQUIREMENTS.base))
      throw new OfficeAdapterError("requirement-missing", undefined, `ExcelApi ${REQUIREMENTS.base}`);
    const notes: BatchNotes = { sheetWasProtected: false };
    try {
      return await this.run((context) => batch(context, notes));
    } catch (error) {
      if (!isEditModeError(error) || !this.supports(REQUIREMENTS.delayForCellEdit))
        throw translateOfficeError(error, notes.sheetWasProtected);
    }
    try {
      return await this.run({ delayForCellEdit: true }, (context) => batch(context, notes));
    } catch (error) {
      throw translateOfficeError(error, notes.sheetWasProtected);
    }
  }

  async sheetNames(): Promise<string[]> {
    return this.exec(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((sheet) => sheet.name);
    });
  }

  /**
   * Sync 1: names and protection of all sheets. Sync 2: used range (address, values, formulas) of each wanted
   * sheet. Sync 3 (ExcelApi 1.8): validation type of each score-cell pair of every recognised scorecard.
   * Sync 4, only when a pair is mixed: the single cells of those pairs. Missing sheets are left out.
   */
  async readGrids(names?: readonly string[]): Promise<SheetGrid[]> {
    const withGuards = this.supports(REQUIREMENTS.dataValidation);
    return this.exec(async (context) => {
      const sheets = await loadSheets(context);
      const byName = new Map(sheets.items.map((sheet) => [sheet.name, sheet]));
      const wanted = (names ?? sheets.items.map((sheet) => sheet.name)).flatMap((name) => {
        const sheet = byName.get(name);
        return sheet ? [sheet] : [];
      });
      if (wanted.length === 0) return [];

      const usedRanges = wanted.map((sheet) => {
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load("address,values,formulas");
        return used;
      });
      await context.sync();
      const grids = wanted.map((sheet, i) => {
        const used = usedRanges[i];
        return gridFromUsedRange(sheet.name, used.isNullObject ? null : used);
      });
      if (!withGuards) return grids;

      const pairs = wanted.map((sheet, i) =>
        scoreCellPairs(grids[i]).map((address) => {
          const validation = sheet.getRange(address).dataValidation;
          validation.load("type");
          return { address, validation };
        }),
      );
      if (pairs.some((p) => p.length > 0)) await context.sync();
      const validated: string[][] = wanted.map(() => []);
      const askEach = pairs.map((sheetPairs, i) =>
        sheetPairs.flatMap(({ address, validation }) => {
          const verdict = pairVerdict(validation.type);
          if (verdict === "both") validated[i].push(...pairCells(address));
          if (verdict !== "ask") return [];
          return pairCells(address).map((cell) => {
            const single = wanted[i].getRange(cell).dataValidation;
            single.load("type");
            return { cell, validation: single };
          });
        }),
      );
      if (askEach.some((cells) => cells.length > 0)) await context.sync();
      askEach.forEach((cells, i) => {
        for (const { cell, validation } of cells) if (validation.type !== "None") validated[i].push(cell);
      });
      return grids.map((grid, i): SheetGrid => ({
        ...grid,
        guards: { protected: wanted[i].protection.protected, validatedCells: validated[i] },
      }));
    });
  }

  /**
   * One Excel.run, two syncs: (1) find the sheet and its protection, (2) draw everything and protect it.
   * Features above ExcelApi 1.7 are drawn where supported and reported as skipped otherwise.
   */
  async render(plan: SheetPlan): Promise<RenderReport> {
    const features = this.features();
    const end = this.own.begin(plan.sheetName);
    try {
      await this.exec(async (context, notes) => {
        const sheets = await loadSheets(context);
        const existing = sheets.items.find((sheet) => sheet.name === plan.sheetName);
        const wasProtected = existing ? existing.protection.protected : false;
        notes.sheetWasProtected = wasProtected;
        const sheet = existing ?? sheets.add(plan.sheetName);
        queuePlan({ sheet, existed: existing !== undefined, protected: wasProtected }, plan, features);
        await context.sync();
      });
    } finally {
      end();
    }
    return { skipped: skippedFeatures(features) };
  }

  /**
   * One Excel.run, at most three syncs: (1) find the sheet and its protection, (2) only for a sheet already
   * there, its charts, (3) clear it, draw everything (one formulas array, grouped formats), add the chart and
   * protect it. The active sheet stays. The chart uses ExcelApi 1.7 (series.add, setValues, chartType), the
   * adapter's floor; page setup needs 1.9 and is reported as skipped below it.
   */
  async renderGrid(plan: GridSheetPlan, chart?: ChartSpec): Promise<RenderReport> {
    const features = this.features();
    const password = this.passwordFor(plan.sheetName);
    const end = this.own.begin(plan.sheetName);
    try {
      await this.exec(async (context, notes) => {
        const sheets = await loadSheets(context);
        const existing = sheets.items.find((sheet) => sheet.name === plan.sheetName);
        let charts: Excel.Chart[] = [];
        if (existing) {
          notes.sheetWasProtected = existing.protection.protected;
          existing.charts.load("items/name");
          await context.sync();
          charts = existing.charts.items;
        }
        const sheet = existing ?? sheets.add(plan.sheetName);
        queueGridPlan(
          { sheet, existed: existing !== undefined, protected: notes.sheetWasProtected, charts, password },
          plan,
          features,
          chart,
        );
        await context.sync();
      });
    } finally {
      end();
    }
    return { skipped: skippedFeatures({ ...features, dataValidation: true }) };
  }

  /**
   * One Excel.run: (1) find the sheet; (2) for a sheet already there, its last used row and protection
   * options; (3) unprotect, write the rows as one array under the last used row (a new sheet gets the header
   * first), protect again. At most three syncs.
   */
  async appendRows(
    name: string,
    header: readonly string[],
    rows: readonly (readonly GridValue[])[],
  ): Promise<void> {
    const password = this.passwordFor(name);
    const width = Math.max(header.length, ...rows.map((row) => row.length));
    const end = this.own.begin(name);
    try {
      await this.exec(async (context, notes) => {
        const sheets = await loadSheets(context);
        const existing = sheets.items.find((sheet) => sheet.name === name);
        if (!existing) {
          const sheet = sheets.add(name);
          queueHeader(sheet, header);
          queueRows(sheet, 1, rows, width);
          sheet.protection.protect(PROTECTION_OPTIONS, password);
          await context.sync();
          return;
        }
        notes.sheetWasProtected = existing.protection.protected;
        const used = existing.getUsedRangeOrNullObject(true);
        used.load("address");
        if (notes.sheetWasProtected) existing.protection.load("options");
        await context.sync();
        const first = used.isNullObject ? 0 : parseRect(used.address).r2 + 1;
        const options = notes.sheetWasProtected ? existing.protection.options : undefined;
        if (options) existing.protection.unprotect(password);
        if (first === 0) queueHeader(existing, header);
        queueRows(existing, Math.max(first, 1), rows, width);
        if (options) existing.protection.protect(options, password);
        await context.sync();
      });
    } finally {
      end();
    }
  }

  /**
   * One Excel.run, two syncs: (1) the sheet's protection, (2) unprotect if needed, the values as few
   * rectangles, and protection restored with the options it had.
   */
  async write(sheetName: string, writes: readonly CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const groups = groupWrites(writes);
    const password = this.passwordFor(sheetName);
    const end = this.own.begin(sheetName);
    try {
      await this.exec(async (context, notes) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        sheet.load("protection/protected,protection/options");
        await context.sync();
        notes.sheetWasProtected = sheet.protection.protected;
        const options = sheet.protection.protected ? sheet.protection.options : undefined;
        if (options) sheet.protection.unprotect(password);
        for (const group of groups) sheet.getRange(group.address).values = group.values;
        if (options) sheet.protection.protect(options, password);
        await context.sync();
      });
    } finally {
      end();
    }
  }

  async activeSheet(): Promise<string | null> {
    return this.exec(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load("name");
      await context.sync();
      return sheet.name;
    });
  }

  async select(sheetName: string, cell: string): Promise<void> {
    await this.exec(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(cell).select();
      await context.sync();
    });
  }

  /** The name of a sheet by id, or null when it is gone (events carry ids). */
  private async nameOf(worksheetId: string): Promise<string | null> {
    return this.exec(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(worksheetId);
      sheet.load("name");
      await context.sync();
      return sheet.isNullObject ? null : sheet.name;
    });
  }

  /** Removes handlers registered in one context: remove() each, then one sync. */
  private unsubscriber(handlers: Handlers, stop: () => void): AsyncUnsubscribe {
    let done = false;
    return async () => {
      stop();
      if (done || handlers.length === 0) return;
      done = true;
      await this.run(handlers[0].context, async (context) => {
        for (const handler of handlers) handler.remove();
        await context.sync();
      });
    };
  }

  /**
   * Calls handler(sheet) for cell edits the add-in did not make. ExcelApi 1.9: workbook.worksheets.onChanged;
   * before that, onChanged of every sheet plus onAdded to cover new sheets. Own edits are recognised by
   * triggerSource (ExcelApi 1.14) or else by the own-write guard. The returned function removes the handlers
   * (and may be awaited).
   */
  async onChanged(handler: (sheet: string) => void): Promise<AsyncUnsubscribe> {
    const bySource = this.supports(REQUIREMENTS.triggerSource);
    let active = true;
    const listener = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
      if (!active || (bySource && args.triggerSource === THIS_LOCAL_ADDIN)) return;
      const name = await this.nameOf(args.worksheetId);
      if (name === null || !active || (!bySource && this.own.isOwn(name))) return;
      handler(name);
    };
    const stop = (): void => {
      active = false;
    };
    if (this.supports(REQUIREMENTS.collectionChanged)) {
      const handlers = await this.exec(async (context) => {
        const result = context.workbook.worksheets.onChanged.add(listener);
        await context.sync();
        return [result];
      });
      return this.unsubscriber(handlers, stop);
    }
    const handlers: Handlers = await this.exec(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      const results: Handlers = sheets.items.map((sheet) => sheet.onChanged.add(listener));
      results.push(
        sheets.onAdded.add(async (added) => {
          if (!active) return;
          await this.run(context, async (ctx) => {
            results.push(ctx.workbook.worksheets.getItem(added.worksheetId).onChanged.add(listener));
            await ctx.sync();
          });
        }),
      );
      await context.sync();
      return results;
    });
    return this.unsubscriber(handlers, stop);
  }

  /** Calls handler(sheet) when a sheet is activated (workbook.worksheets.onActivated, ExcelApi 1.7). */
  async onActivated(handler: (sheet: string) => void): Promise<AsyncUnsubscribe> {
    let active = true;
    const handlers = await this.exec(async (context) => {
      const result = context.workbook.worksheets.onActivated.add(async (args) => {
        if (!active) return;
        const name = await this.nameOf(args.worksheetId);
        if (name !== null && active) handler(name);
      });
      await context.sync();
      return [result];
    });
    return this.unsubscriber(handlers, () => {
      active = false;
    });
  }
}
