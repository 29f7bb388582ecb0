import {
  findHeaderRow,
  sameSheetName,
  type ChartSpec,
  type GridSheetPlan,
  type GridValue,
  type SheetGrid,
  type SheetPlan,
} from "../sheet";
import { parseRect, stripSheet } from "./a1";
import { queueHeader, queueRows } from "./append";
import type { CellWrite, RenderReport, WorkbookPort } from "../workbook";
import {
  OfficeAdapterError,
  REFUSED_BEFORE_CHANGE,
  isEditModeError,
  isProtectionStateError,
  translateOfficeError,
} from "./errors";
import { groupInput, groupWrites } from "./writes";
import { OwnWriteGuard } from "./ownWrites";
import {
  SCORECARDS_PER_SYNC,
  collectAsked,
  collectScorecard,
  headGrid,
  queueHead,
  queueScorecard,
  type ReadScorecardPart,
} from "./readGrids";
import { PROTECTION_OPTIONS, queueFreeze, skippedFeatures, type RenderFeatures } from "./features";

/** The drawing code, loaded when a plan is first drawn: the pane's first load in Excel does without it. */
const drawing = (): Promise<typeof import("./drawing")> =>
  import(/* webpackChunkName: "excel-drawing" */ "./drawing");

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
  /**
   * How long after another person's last change (an event with source "Remote") the workbook counts as being
   * edited by others, so that no redraw is made (office-js#108, #1813). Ten minutes by default.
   */
  readonly coauthorQuietMs?: number;
}

/** See OfficePortOptions.coauthorQuietMs. */
export const COAUTHOR_QUIET_MS = 10 * 60 * 1000;

/** ExcelApi versions behind each feature the adapter uses. */
export const REQUIREMENTS = {
  /** Protection options, freeze panes, worksheet events, onAdded: the adapter's floor. */
  base: "1.7",
  dataValidation: "1.8",
  pageLayout: "1.9",
  /** ChartSeries.overlap, for the 汇总 chart's legend of verdict colours. */
  chartLegend: "1.8",
  /** workbook.worksheets.onChanged; per-sheet onChanged before it. */
  collectionChanged: "1.9",
  delayForCellEdit: "1.11",
  triggerSource: "1.14",
} as const;

/** A change event's trigger source when this add-in caused it (Excel.EventTriggerSource.thisLocalAddin). */
const THIS_LOCAL_ADDIN = "ThisLocalAddin";
/** Excel.EventSource of a co-author's change. */
const REMOTE = "Remote";

/** Mutable notes a batch leaves for error translation. */
interface BatchNotes {
  sheetWasProtected: boolean;
}

type Handlers = OfficeExtension.EventHandlerResult<unknown>[];

/** The sheet Excel means by `name`: sheet names compare without regard to case. */
const findSheet = (sheets: readonly Excel.Worksheet[], name: string): Excel.Worksheet | undefined =>
  sheets.find((sheet) => sameSheetName(sheet.name, name));

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Why freezing the title rows did not happen, for the render report. */
const FREEZE_SKIPPED = { feature: "freezePanes", requirement: "Excel" } as const;

/**
 * WorkbookPort over Office.js. Every method is one Excel.run with a fixed number of round trips:
 * render 3 syncs (find, draw, freeze), renderGrid ≤ 4, readGrids 2 + one per 40 scorecards (+1 for moved rows),
 * write 2, appendRows ≤ 3, sheetNames/activeSheet/select 1.
 */
export class OfficePort implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly isSetSupported: IsSetSupported;
  private readonly passwordFor: (sheet: string) => string | undefined;
  private readonly own: OwnWriteGuard;
  private readonly coauthorQuietMs: number;
  /** When the last change by another person arrived (guard clock); -Infinity before any. */
  private lastRemote = -Infinity;

  constructor(options: OfficePortOptions = {}) {
    this.run = options.run ?? Excel.run;
    this.isSetSupported =
      options.isSetSupported ??
      ((name, version) => Office.context.requirements.isSetSupported(name, version));
    this.passwordFor = options.passwordFor ?? (() => undefined);
    this.own = new OwnWriteGuard(options.ownWriteWindowMs ?? 1500, options.now ?? (() => Date.now()));
    this.coauthorQuietMs = options.coauthorQuietMs ?? COAUTHOR_QUIET_MS;
  }

  /**
   * Whether others may be editing the workbook now: a co-author's change arrived within the quiet time. Others
   * may also be typing without any event having said so (office-js#108, #1813: events come only with their
   * saves), so a redraw — unprotect, rewrite the whole sheet, protect — is not made then: it could overwrite
   * what they type and shows them an unprotected sheet. Filling unlocked cells goes on.
   */
  othersMayBeEditing(): boolean {
    return this.own.time() - this.lastRemote < this.coauthorQuietMs;
  }

  /** Refuses a redraw of an existing sheet while others may be editing (see othersMayBeEditing). */
  private refuseWhileShared(): void {
    if (this.othersMayBeEditing()) throw new OfficeAdapterError("co-authoring", undefined);
  }

  /** Sheet names by id, as last loaded: events carry ids, and a known id needs no round trip. */
  private readonly namesById = new Map<string, string>();

  /** The first phase of every run: all worksheets with their ids, names and protection, in one sync. */
  private async loadSheets(context: Excel.RequestContext): Promise<Excel.WorksheetCollection> {
    const sheets = context.workbook.worksheets;
    sheets.load("items/id,items/name,items/protection/protected");
    await context.sync();
    for (const sheet of sheets.items) this.namesById.set(sheet.id, sheet.name);
    return sheets;
  }

  supports(version: string): boolean {
    return this.isSetSupported("ExcelApi", version);
  }

  private features(): RenderFeatures {
    return {
      dataValidation: this.supports(REQUIREMENTS.dataValidation),
      pageLayout: this.supports(REQUIREMENTS.pageLayout),
      chartLegend: this.supports(REQUIREMENTS.chartLegend),
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
   * Sync 1: names and protection of all sheets. Sync 2: the top rows (A1:K30) of each wanted sheet, where a
   * scorecard has its header, and its used range. Then the scorecards only, SCORECARDS_PER_SYNC a sync: the
   * used range's values and formulas, the validation type of each planned score-cell pair (ExcelApi 1.8) and
   * the hyperlink of each 佐证材料 cell. One more sync only when rows were moved or a pair is mixed. So a
   * workbook of n scorecards takes 2 + ⌈n/40⌉ syncs, and no response grows with unrelated data: a sheet that is
   * not a scorecard comes back as its top rows only (enough to recognise it), unless asked for by name.
   */
  async readGrids(names?: readonly string[]): Promise<SheetGrid[]> {
    const withGuards = this.supports(REQUIREMENTS.dataValidation);
    return this.exec(async (context) => {
      const sheets = await this.loadSheets(context);
      const wanted = names
        ? names.flatMap((name) => {
            const sheet = findSheet(sheets.items, name);
            return sheet ? [sheet] : [];
          })
        : sheets.items;
      if (wanted.length === 0) return [];

      const heads = wanted.map(queueHead);
      await context.sync();
      const grids = wanted.map((sheet, i) => headGrid(sheet.name, heads[i]));
      // Named sheets are read whole; otherwise only those whose top rows hold a scorecard's header.
      const scorecards = wanted.flatMap((_, i) =>
        !heads[i].used.isNullObject && (names !== undefined || findHeaderRow(grids[i]) !== null) ? [i] : [],
      );
      const parts = new Map<number, ReadScorecardPart>();
      // One sync per chunk of scorecards, a number fixed by the workbook, to stay under the response limit.
      for (const chunk of chunks(scorecards, SCORECARDS_PER_SYNC)) {
        const loads = chunk.map((i) => queueScorecard(wanted[i], heads[i], grids[i], withGuards));
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one per chunk of 40, not per sheet
        await context.sync();
        chunk.forEach((i, k) => parts.set(i, collectScorecard(loads[k], withGuards)));
      }
      if ([...parts.values()].some((p) => p.askedValidations.length > 0 || p.askedLinks.length > 0)) {
        await context.sync();
        parts.forEach(collectAsked);
      }
      return wanted.map((sheet, i): SheetGrid => {
        const part = parts.get(i);
        const grid = part?.grid ?? grids[i];
        const found = part && Object.keys(part.links).length > 0 ? { links: part.links } : {};
        return withGuards
          ? {
              ...grid,
              ...found,
              guards: { protected: sheet.protection.protected, validatedAreas: part?.validated ?? [] },
            }
          : { ...grid, ...found };
      });
    });
  }

  /**
   * One Excel.run, three syncs: (1) find the sheet and its protection, (2) draw everything and protect it,
   * (3) freeze the title rows (cosmetic; reported as skipped where the host refuses). Features above ExcelApi
   * 1.7 are drawn where supported and reported as skipped otherwise. When the drawing fails midway it is done
   * once more from the start; if that fails too, the sheet is protected again and the first error is thrown.
   * Nothing a user typed is lost either way: the plan carries it, and no content is cleared before the
   * plan's contents are written (see queuePlan).
   */
  async render(given: SheetPlan): Promise<RenderReport> {
    const { queuePlan } = await drawing();
    const features = this.features();
    // A plan read back from a sheet cannot know its password: the one the user gave (passwordFor) applies.
    const password = given.protection.password ?? this.passwordFor(given.sheetName);
    const plan: SheetPlan = password === undefined ? given : { ...given, protection: { password } };
    const end = this.own.begin(plan.sheetName);
    const draw = (): Promise<boolean> =>
      this.exec(async (context, notes) => {
        const sheets = await this.loadSheets(context);
        const existing = findSheet(sheets.items, plan.sheetName);
        if (existing) this.refuseWhileShared();
        const wasProtected = existing ? existing.protection.protected : false;
        notes.sheetWasProtected = wasProtected;
        const sheet = existing ?? sheets.add(plan.sheetName);
        queuePlan({ sheet, existed: existing !== undefined, protected: wasProtected }, plan, features);
        await context.sync();
        return this.freeze(context, sheet, plan.freeze.rows);
      });
    try {
      const frozen = await this.drawOrRecover(draw, plan.sheetName, password);
      return { skipped: [...skippedFeatures(features), ...(frozen ? [] : [FREEZE_SKIPPED])] };
    } finally {
      end();
    }
  }

  /**
   * One Excel.run, at most four syncs: (1) find the sheet and its protection, (2) only for a sheet already
   * there, its charts and used range, (3) clear what an earlier drawing left, draw everything (one formulas
   * array, grouped formats), add the chart and protect it, (4) freeze the title rows. The active sheet stays.
   * The chart uses ExcelApi 1.7 (series.add, setValues, chartType), the adapter's floor; page setup needs 1.9
   * and is reported as skipped below it. A failed drawing is retried and the sheet re-protected, as in render.
   */
  async renderGrid(plan: GridSheetPlan, chart?: ChartSpec): Promise<RenderReport> {
    const { queueGridPlan } = await drawing();
    const features = this.features();
    const password = this.passwordFor(plan.sheetName);
    const end = this.own.begin(plan.sheetName);
    const draw = (): Promise<boolean> =>
      this.exec(async (context, notes) => {
        const sheets = await this.loadSheets(context);
        const existing = findSheet(sheets.items, plan.sheetName);
        let charts: Excel.Chart[] = [];
        let used: string | null = null;
        if (existing) {
          this.refuseWhileShared();
          notes.sheetWasProtected = existing.protection.protected;
          existing.charts.load("items/name");
          const range = existing.getUsedRangeOrNullObject();
          range.load("address");
          await context.sync();
          charts = existing.charts.items;
          used = range.isNullObject ? null : stripSheet(range.address);
        }
        const sheet = existing ?? sheets.add(plan.sheetName);
        queueGridPlan(
          {
            sheet,
            existed: existing !== undefined,
            protected: notes.sheetWasProtected,
            charts,
            password,
            used,
          },
          plan,
          features,
          chart,
        );
        await context.sync();
        return this.freeze(context, sheet, plan.freeze.rows);
      });
    try {
      const frozen = await this.drawOrRecover(draw, plan.sheetName, password);
      return {
        skipped: [
          ...skippedFeatures({ ...features, dataValidation: true }),
          ...(frozen ? [] : [FREEZE_SKIPPED]),
        ],
      };
    } finally {
      end();
    }
  }

  /** Freezes the first rows in a sync of its own; false when the host refused (see queueFreeze). */
  private async freeze(
    context: Excel.RequestContext,
    sheet: Excel.Worksheet,
    rows: number,
  ): Promise<boolean> {
    if (rows <= 0) return true;
    queueFreeze(sheet, rows);
    try {
      await context.sync();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Office.js has no transactions: a batch that fails midway leaves what ran before it. A failed drawing is
   * therefore made once more from the start (a sheet left half-drawn is completed); when that fails too, the
   * sheet is protected again so that it is never left open, and the first error is thrown.
   */
  private async drawOrRecover<T>(draw: () => Promise<T>, sheet: string, password?: string): Promise<T> {
    try {
      return await draw();
    } catch (error) {
      if (error instanceof OfficeAdapterError && REFUSED_BEFORE_CHANGE.includes(error.kind)) throw error;
      try {
        return await draw();
      } catch {
        await this.ensureProtected(sheet, password).catch(() => undefined);
        throw error;
      }
    }
  }

  /** Protects the sheet again if a failed batch left it unprotected. */
  private async ensureProtected(
    name: string,
    password?: string,
    options = PROTECTION_OPTIONS,
  ): Promise<void> {
    await this.exec(async (context) => {
      const sheets = await this.loadSheets(context);
      const sheet = findSheet(sheets.items, name);
      if (!sheet || sheet.protection.protected) return;
      sheet.protection.protect(options, password);
      await context.sync();
    });
  }

  /**
   * One Excel.run: (1) find the sheet; (2) for a sheet already there, its last used row and protection
   * options; (3) unprotect, write the rows as one array under the last used row (a new sheet gets the header
   * first), protect again; (4) for a new log, freeze its header row. A failure leaves the sheet protected.
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
        const sheets = await this.loadSheets(context);
        const existing = findSheet(sheets.items, name);
        if (!existing) {
          const sheet = sheets.add(name);
          queueHeader(sheet, header);
          queueRows(sheet, 1, rows, width);
          sheet.protection.protect(PROTECTION_OPTIONS, password);
          await context.sync();
          await this.freeze(context, sheet, 1);
          return;
        }
        notes.sheetWasProtected = existing.protection.protected;
        if (notes.sheetWasProtected) this.refuseWhileShared();
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
        if (first === 0) await this.freeze(context, existing, 1);
      });
    } catch (error) {
      await this.ensureProtected(name, password).catch(() => undefined);
      throw error;
    } finally {
      end();
    }
  }

  /**
   * One Excel.run, two syncs: (1) the sheet's protection, and the number format and lock state of the cells
   * to write; (2) the values as few rectangles. Excel lets anyone write the unlocked cells of a protected sheet
   * ("Protect a worksheet"), and every cell the pane writes (score, 佐证材料, 备注) is unlocked, so protection
   * is lifted only when a target is locked, and put back with the options it had. Strings are escaped for
   * each cell's number format, so "2023-05-01" or "007" stays as typed (see officeText).
   */
  async write(sheetName: string, writes: readonly CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const groups = groupWrites(writes);
    const password = this.passwordFor(sheetName);
    const end = this.own.begin(sheetName);
    let lifted: Excel.WorksheetProtectionOptions | undefined;
    const batch = (): Promise<void> =>
      this.exec(async (context, notes) => {
        lifted = undefined;
        // getItem finds the sheet whatever the case of the name, as Excel compares names.
        const sheet = context.workbook.worksheets.getItem(sheetName);
        sheet.protection.load("protected,options");
        const ranges = groups.map((group) => {
          const range = sheet.getRange(group.address);
          range.load("numberFormat");
          range.format.protection.load("locked");
          return range;
        });
        await context.sync();
        notes.sheetWasProtected = sheet.protection.protected;
        const lockedTarget = ranges.some((range) => range.format.protection.locked !== false);
        if (notes.sheetWasProtected && lockedTarget) {
          this.refuseWhileShared();
          lifted = sheet.protection.options;
          sheet.protection.unprotect(password);
        }
        groups.forEach((group, i) => {
          ranges[i].values = groupInput(group, ranges[i].numberFormat);
        });
        if (lifted) sheet.protection.protect(lifted, password);
        await context.sync();
      });
    try {
      try {
        await batch();
      } catch (error) {
        // Someone changed the sheet's protection between the two round trips (office-js#6784 makes the stale
        // unprotect AccessDenied, before anything was written): look again and write once more.
        if (!isProtectionStateError(error)) throw error;
        await batch();
      }
    } catch (error) {
      if (lifted) await this.ensureProtected(sheetName, password, lifted).catch(() => undefined);
      throw error;
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
    // Its selection change is the add-in's own, not the user moving on from a cell.
    const end = this.own.begin(sheetName);
    try {
      await this.exec(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        sheet.activate();
        sheet.getRange(cell).select();
        await context.sync();
      });
    } finally {
      end();
    }
  }

  /** The name of a sheet by id, or null when it is gone (events carry ids); known ids need no round trip. */
  private async nameOf(worksheetId: string): Promise<string | null> {
    const known = this.namesById.get(worksheetId);
    if (known !== undefined) return known;
    return this.exec(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(worksheetId);
      sheet.load("name");
      await context.sync();
      if (sheet.isNullObject) return null;
      this.namesById.set(worksheetId, sheet.name);
      return sheet.name;
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
   * triggerSource (ExcelApi 1.14) or else by the own-write guard; a co-author's edit (source "Remote") is never
   * taken for the add-in's own, and marks the workbook as shared (see othersMayBeEditing). A selection change
   * the add-in did not make counts as a possible edit too: a value picked from a validation list raises no
   * onChanged (office-js#420 on Windows, #3888 on the web), and the user moves on to another cell afterwards.
   * The returned function removes the handlers (and may be awaited).
   */
  async onChanged(handler: (sheet: string) => void): Promise<AsyncUnsubscribe> {
    const bySource = this.supports(REQUIREMENTS.triggerSource);
    let active = true;
    const listener = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
      if (!active) return;
      // Judged by the time it arrived: a render raises an event for every format it sets ("Work with
      // worksheets": onChanged fires when "the format or value" changes), and waiting for names must not let
      // the own-write window pass.
      const arrived = this.own.time();
      const remote = args.source === REMOTE;
      if (remote) this.lastRemote = arrived;
      else if (bySource && args.triggerSource === THIS_LOCAL_ADDIN) return;
      const name = await this.nameOf(args.worksheetId);
      if (name === null || !active || (!remote && !bySource && this.own.isOwn(name, arrived))) return;
      handler(name);
    };
    const selected = async (args: Excel.WorksheetSelectionChangedEventArgs): Promise<void> => {
      if (!active) return;
      const arrived = this.own.time();
      const name = await this.nameOf(args.worksheetId);
      // The add-in's own select() and drawing move the selection too.
      if (name !== null && active && !this.own.isOwn(name, arrived)) handler(name);
    };
    const stop = (): void => {
      active = false;
    };
    if (this.supports(REQUIREMENTS.collectionChanged)) {
      const handlers = await this.exec(async (context) => {
        const sheets = context.workbook.worksheets;
        const results = [sheets.onChanged.add(listener), sheets.onSelectionChanged.add(selected)];
        await context.sync();
        return results;
      });
      return this.unsubscriber(handlers, stop);
    }
    const handlers: Handlers = await this.exec(async (context) => {
      // Registering onChanged reads the worksheet's id (office.js: getTargetIdFunc returns this.id): load it.
      const sheets = await this.loadSheets(context);
      const watch = (sheet: Excel.Worksheet): Handlers => [
        sheet.onChanged.add(listener),
        sheet.onSelectionChanged.add(selected),
      ];
      const results: Handlers = sheets.items.flatMap(watch);
      results.push(
        sheets.onAdded.add(async (added) => {
          if (!active) return;
          await this.run(context, async (ctx) => {
            results.push(...watch(ctx.workbook.worksheets.getItem(added.worksheetId)));
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
        // The add-in's own drawing raises activations too: its activate(), and freezing panes on a sheet that
        // is not active (office-js#3148). Those are not the user switching sheets.
        const arrived = this.own.time();
        const name = await this.nameOf(args.worksheetId);
        if (name !== null && active && !this.own.isOwn(name, arrived)) handler(name);
      });
      await context.sync();
      return [result];
    });
    return this.unsubscriber(handlers, () => {
      active = false;
    });
  }
}
