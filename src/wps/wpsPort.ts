import {
  HEADER_SCAN_ROWS,
  findHeaderRow,
  sameSheetName,
  type CfRule,
  type ChartSpec,
  type CellStyle,
  type GridSheetPlan,
  type GridValue,
  type SheetGrid,
  type SheetPlan,
  type ValidationRule,
} from "../sheet";
import type { CellWrite, RenderReport, Unsubscribe, WorkbookPort } from "../workbook";
import { cellAddress, columnName, parseRect, rectAddress, rowsAddress } from "../excel/a1";
import { gridFormulasOf, gridNumberFormatsOf } from "../excel/gridRender";
import { clip, equalRects, formulasOf, lookRects, numberFormatsOf, rowHeightRuns } from "../excel/layout";
import { gridFromUsedRange, gridValue } from "../excel/read";
import { OwnWriteGuard } from "../excel/ownWrites";
import { groupInput, groupWrites, writeInput } from "../excel/writes";
import { XL, type EtHost, type EtRange, type EtWorksheet } from "./et";

/** Why a WPS call failed, in the kinds the pane already explains (read by shape, like OfficeAdapterError). */
export class WpsAdapterError extends Error {
  constructor(
    readonly kind: "protected" | "bad-password",
    readonly cause: unknown,
  ) {
    super(
      kind === "bad-password"
        ? "工作表保护密码不正确 / The password for the sheet's protection is not correct"
        : "工作表受保护，无法修改 / The sheet is protected and could not be changed",
    );
    this.name = "WpsAdapterError";
  }
}

/** Lengths the validation dialog accepts (as in Excel). */
const LIMITS = { title: 32, prompt: 255, error: 225 } as const;
/** The last row of a sheet. */
const LAST_ROW = 1_048_576;
const H_ALIGN = { left: XL.left, center: XL.center, right: XL.right } as const;
const V_ALIGN = { top: XL.top, middle: XL.center } as const;
const CF_OPERATOR = { between: XL.between, notBetween: XL.notBetween, equal: XL.equal } as const;
/** Width of a log column in characters; the last column (a reason, a message) is wider. */
const LOG_WIDTH = 16;
const LAST_LOG_WIDTH = 40;
const LOG_HEADER_FILL = "D9E1F2";

/** "D9E1F2" (RGB) as the object model's colour number, 0xBBGGRR. */
export function bgr(hex: string): number {
  const rgb = parseInt(hex.replace(/^#/, ""), 16);
  return ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff);
}

/** A multi-cell Value2 or Formula is a 2-D array; a single cell's is its value. */
const as2d = (value: unknown): unknown[][] =>
  Array.isArray(value) ? (value as unknown[]).map((row) => (Array.isArray(row) ? row : [row])) : [[value]];

/** The value to assign to a range of that shape: a single cell takes its value, larger ranges a 2-D array. */
const shaped = <T>(rows: T[][]): T | T[][] => (rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows);

/** A cell of Value2 as the reader wants it: empty (undefined, null, "") is null. */
const etValue = (value: unknown): GridValue => (value === undefined ? null : gridValue(value));

/** A cell of Value2 as gridFromUsedRange takes Office's values: "" for an empty cell. */
const cellText = (value: unknown): unknown => (value === undefined || value === null ? "" : value);

/** The areas of "F4:G5,F9" (as Address(false, false) gives them). */
const areasOf = (address: string): string[] =>
  address
    .split(",")
    .map((area) => area.trim())
    .filter((area) => area !== "");

/**
 * WorkbookPort over the WPS 表格 object model (a WPS 加载项's `window.Application`). Every property read, write and
 * method call is a synchronous call into WPS (about 0.2 ms each: WPS's docs time 10,000 single-cell writes at
 * about 2 s), so whole ranges are read and written as 2-D arrays and formats go on rectangles of equal look, as
 * in the Office.js adapter; test/wps.port.test.ts counts the calls.
 */
export class WpsPort implements WorkbookPort {
  private readonly own: OwnWriteGuard;

  constructor(
    private readonly host: EtHost,
    private readonly options: {
      readonly passwordFor?: (sheet: string) => string | undefined;
      readonly ownWriteWindowMs?: number;
      readonly now?: () => number;
    } = {},
  ) {
    this.own = new OwnWriteGuard(options.ownWriteWindowMs ?? 1500, options.now ?? (() => Date.now()));
  }

  private get sheets() {
    return this.host.app.ActiveWorkbook.Worksheets;
  }

  /** Every worksheet with its name, in tab order: 1 + 2n calls. */
  private list(): { sheet: EtWorksheet; name: string }[] {
    const sheets = this.sheets;
    const count = sheets.Count;
    const out: { sheet: EtWorksheet; name: string }[] = [];
    for (let i = 1; i <= count; i++) {
      const sheet = sheets.Item(i);
      out.push({ sheet, name: sheet.Name });
    }
    return out;
  }

  private find(name: string): EtWorksheet | undefined {
    return this.list().find((s) => sameSheetName(s.name, name))?.sheet;
  }

  async sheetNames(): Promise<string[]> {
    return this.list().map((s) => s.name);
  }

  /**
   * Per sheet: its top rows (unnamed reads only, to recognise a scorecard), its used range's address, Value2 and
   * Formula as whole arrays, its protection, the cells that carry validation (one SpecialCells call) and its
   * hyperlinks.
   */
  async readGrids(names?: readonly string[]): Promise<SheetGrid[]> {
    const all = this.list();
    const wanted = names
      ? names.flatMap((name) => all.filter((s) => sameSheetName(s.name, name)).slice(0, 1))
      : all;
    return wanted.map(({ sheet, name }) => this.readSheet(sheet, name, names === undefined));
  }

  private readSheet(sheet: EtWorksheet, name: string, headFirst: boolean): SheetGrid {
    const used = sheet.UsedRange;
    const address = used.Address(false, false);
    const guards = (validatedAreas: string[]) => ({ protected: sheet.ProtectContents, validatedAreas });
    // An empty sheet's used range is A1, empty.
    if (address === "A1" && etValue(used.Value2) === null)
      return { name, values: [], formulas: [], guards: guards([]) };
    if (headFirst) {
      const { r2, c2 } = parseRect(address);
      const top = as2d(
        sheet.Range(rectAddress({ r1: 0, c1: 0, r2: Math.min(HEADER_SCAN_ROWS, r2 + 1) - 1, c2 })).Value2,
      );
      const head = gridFromUsedRange(name, {
        address: "A1",
        values: top.map((row) => row.map(cellText)),
        formulas: top.map((row) => row.map(() => "")),
      });
      if (findHeaderRow(head) === null) return { ...head, guards: guards([]) };
    }
    const grid = gridFromUsedRange(name, {
      address,
      values: as2d(used.Value2).map((row) => row.map(cellText)),
      formulas: as2d(used.Formula),
    });
    const links = this.links(sheet);
    return {
      ...grid,
      guards: guards(this.validatedAreas(used)),
      ...(Object.keys(links).length > 0 ? { links } : {}),
    };
  }

  /** The areas of a range that carry data validation; SpecialCells fails when there are none. */
  private validatedAreas(used: EtRange): string[] {
    try {
      return areasOf(used.SpecialCells(XL.cellTypeAllValidation).Address(false, false));
    } catch {
      return [];
    }
  }

  private links(sheet: EtWorksheet): Record<string, string> {
    const hyperlinks = sheet.Hyperlinks;
    const links: Record<string, string> = {};
    for (let i = 1, n = hyperlinks.Count; i <= n; i++) {
      const link = hyperlinks.Item(i);
      links[link.Range.Address(false, false)] = link.Address;
    }
    return links;
  }

  /** Unprotects a protected sheet with the password given; a wrong one is reported as such. */
  private unprotect(sheet: EtWorksheet, password: string | undefined): boolean {
    if (!sheet.ProtectContents) return false;
    try {
      sheet.Unprotect(password ?? "");
    } catch (error) {
      throw new WpsAdapterError("bad-password", error);
    }
    return true;
  }

  /** Users may still select cells and resize columns and rows, as in the Office.js adapter. */
  private protect(sheet: EtWorksheet, password: string | undefined): void {
    sheet.Protect(password ?? "", true, true, true, false, false, true, true);
  }

  /** Adds a sheet after the last one and names it. */
  private add(name: string): EtWorksheet {
    const sheets = this.sheets;
    const sheet = sheets.Add(undefined, sheets.Item(sheets.Count));
    sheet.Name = name;
    return sheet;
  }

  private withGuard<T>(sheet: string, f: () => T): T {
    const end = this.own.begin(sheet);
    try {
      return f();
    } finally {
      end();
    }
  }

  /**
   * Draws the scorecard: an existing sheet is unprotected and loses its formats, merges, validation, conditional
   * formats and links first (never its contents: they are overwritten by the plan's, as one Formula array), then
   * number formats, formulas, looks, merges, validation, conditional formats in plan order, page setup,
   * protection, sizes; the sheet is activated and its title rows frozen.
   */
  async render(given: SheetPlan): Promise<RenderReport> {
    const password = given.protection.password ?? this.options.passwordFor?.(given.sheetName);
    return this.withGuard(given.sheetName, () => {
      const existing = this.find(given.sheetName);
      const sheet = existing ?? this.add(given.sheetName);
      const height = given.cells.length;
      const width = height > 0 ? given.cells[0].length : 0;
      if (existing) {
        this.unprotect(sheet, password);
        const columns = sheet.Range(`A:${columnName(width - 1)}`);
        columns.FormatConditions.Delete();
        columns.Validation.Delete();
        columns.UnMerge();
        columns.ClearFormats();
        columns.ClearHyperlinks();
      }
      const all = sheet.Range(rectAddress({ r1: 0, c1: 0, r2: height - 1, c2: width - 1 }));
      // Number formats first, so text-formatted cells keep "75.1" or "2023-05-01" as text when the values land.
      this.numberFormats(sheet, numberFormatsOf(given));
      all.Formula = formulasOf(given);
      if (existing) sheet.Range(`A${height + 1}:${columnName(width - 1)}${LAST_ROW}`).Clear();
      given.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (cell.link !== undefined)
            sheet.Hyperlinks.Add(sheet.Range(cellAddress(r, c)), cell.link, "", "", String(cell.value ?? ""));
        }),
      );
      for (const { rect, look } of lookRects(given.cells.map((row) => row.map((c) => given.styles[c.style]))))
        this.look(sheet.Range(rectAddress(rect)), look);
      for (const merge of given.merges) sheet.Range(merge).Merge();
      for (const rule of given.validations) this.validation(sheet, rule);
      for (const rule of given.conditionalFormats)
        for (const area of rule.areas) this.condition(sheet, rule, area);
      this.page(sheet, {
        orientation: XL.landscape,
        area: given.print.area,
        titleRows: given.print.titleRows,
        fitToHeight: 0,
        footer: given.print.footer,
      });
      this.protect(sheet, password);
      given.columns.forEach((column, c) => {
        const range = sheet.Range(`${columnName(c)}:${columnName(c)}`);
        range.ColumnWidth = column.width;
        if (column.hidden) range.EntireColumn.Hidden = true;
      });
      this.heights(sheet, given.rowHeights);
      sheet.Activate();
      this.freeze(given.freeze.rows);
      return { skipped: [] };
    });
  }

  /** A grid sheet (汇总, 创建名单, 审核结果); the active sheet stays. WPS draws no chart from here (reported). */
  async renderGrid(plan: GridSheetPlan, chart?: ChartSpec): Promise<RenderReport> {
    const password = this.options.passwordFor?.(plan.sheetName);
    return this.withGuard(plan.sheetName, () => {
      const active = this.host.app.ActiveSheet.Name;
      const existing = this.find(plan.sheetName);
      const sheet = existing ?? this.add(plan.sheetName);
      if (existing) {
        this.unprotect(sheet, password);
        const used = sheet.UsedRange;
        used.FormatConditions.Delete();
        used.UnMerge();
        used.Clear();
      }
      const height = plan.cells.length;
      const width = Math.max(0, ...plan.cells.map((row) => row.length));
      if (height > 0 && width > 0) {
        this.numberFormats(sheet, gridNumberFormatsOf(plan));
        sheet.Range(rectAddress({ r1: 0, c1: 0, r2: height - 1, c2: width - 1 })).Formula =
          gridFormulasOf(plan);
        const styles = plan.cells.map((row) =>
          Array.from({ length: width }, (_, c) => {
            const cell = row[c] ?? null;
            return cell === null ? null : plan.styles[cell.style];
          }),
        );
        for (const { rect, look } of lookRects(styles)) this.look(sheet.Range(rectAddress(rect)), look);
        for (const merge of plan.merges) sheet.Range(merge).Merge();
      }
      plan.columns.forEach((column, c) => {
        sheet.Range(`${columnName(c)}:${columnName(c)}`).ColumnWidth = column.width;
      });
      this.heights(sheet, plan.rowHeights);
      for (const rule of plan.conditionalFormats)
        for (const area of rule.areas) this.condition(sheet, rule, area);
      this.page(sheet, {
        orientation: plan.print.orientation === "landscape" ? XL.landscape : XL.portrait,
        area: plan.print.area,
        titleRows: plan.print.titleRows,
        fitToHeight: plan.print.fitToHeight,
        footer: "第 &P 页，共 &N 页",
      });
      this.protect(sheet, password);
      // Freezing needs the sheet active; the user's sheet comes back after.
      sheet.Activate();
      this.freeze(plan.freeze.rows);
      this.find(active)?.Activate();
      // The 汇总 chart is drawn in Excel only (Office.js); in WPS the table and its formulas are all there.
      return { skipped: chart ? [{ feature: "chart", requirement: "Excel" }] : [] };
    });
  }

  async appendRows(
    name: string,
    header: readonly string[],
    rows: readonly (readonly GridValue[])[],
  ): Promise<void> {
    const password = this.options.passwordFor?.(name);
    const width = Math.max(header.length, ...rows.map((row) => row.length));
    this.withGuard(name, () => {
      const existing = this.find(name);
      const active = existing ? null : this.host.app.ActiveSheet.Name;
      const sheet = existing ?? this.add(name);
      const lifted = existing ? this.unprotect(sheet, password) : false;
      let first = 1;
      if (existing) {
        const used = sheet.UsedRange;
        const empty = used.Address(false, false) === "A1" && etValue(used.Value2) === null;
        first = empty ? 1 : used.Row + used.Rows.Count;
      }
      if (first === 1) {
        this.logHeader(sheet, header);
        first = 2;
      }
      if (rows.length > 0 && width > 0) {
        const range = sheet.Range(
          rectAddress({ r1: first - 1, c1: 0, r2: first + rows.length - 2, c2: width - 1 }),
        );
        // Text format first, so times and numbers stay exactly as logged.
        range.NumberFormat = "@";
        range.Value2 = shaped(
          rows.map((row) => Array.from({ length: width }, (_, c) => writeInput(row[c] ?? null))),
        );
      }
      if (lifted || !existing) this.protect(sheet, password);
      if (active !== null) {
        // A new log: its header row frozen, then back to the user's sheet.
        this.freeze(1);
        this.find(active)?.Activate();
      }
    });
  }

  private logHeader(sheet: EtWorksheet, header: readonly string[]): void {
    if (header.length === 0) return;
    const range = sheet.Range(rectAddress({ r1: 0, c1: 0, r2: 0, c2: header.length - 1 }));
    range.NumberFormat = "@";
    range.Value2 = shaped([header.map((h) => writeInput(h))]);
    range.Font.Bold = true;
    range.Interior.Color = bgr(LOG_HEADER_FILL);
    header.forEach((_, c) => {
      sheet.Range(`${columnName(c)}:${columnName(c)}`).ColumnWidth =
        c === header.length - 1 ? LAST_LOG_WIDTH : LOG_WIDTH;
    });
  }

  /**
   * Entry cells in as few rectangles as possible, each one Value2 array escaped for its cells' number formats.
   * Unlocked cells are written on a protected sheet as they are; protection is lifted only for a locked target.
   */
  async write(sheetName: string, writes: readonly CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const groups = groupWrites(writes);
    this.withGuard(sheetName, () => {
      const sheet = this.find(sheetName);
      if (!sheet) throw new Error(`No sheet named ${sheetName}`);
      const ranges = groups.map((group) => sheet.Range(group.address));
      const lockedTarget = sheet.ProtectContents && ranges.some((range) => range.Locked !== false);
      const password = this.options.passwordFor?.(sheetName);
      if (lockedTarget) this.unprotect(sheet, password);
      try {
        groups.forEach((group, i) => {
          const format = ranges[i].NumberFormat;
          // Mixed formats read null: then each cell's own.
          const formats =
            format === null
              ? group.values.map((row, r) =>
                  row.map((_, c) => sheet.Range(this.cellIn(group.address, r, c)).NumberFormat ?? "General"),
                )
              : group.values.map((row) => row.map(() => format));
          ranges[i].Value2 = shaped(groupInput(group, formats));
        });
      } finally {
        if (lockedTarget) this.protect(sheet, password);
      }
    });
  }

  private cellIn(address: string, r: number, c: number): string {
    const { r1, c1 } = parseRect(address);
    return cellAddress(r1 + r, c1 + c);
  }

  async activeSheet(): Promise<string | null> {
    return this.host.app.ActiveSheet.Name;
  }

  async select(sheetName: string, cell: string): Promise<void> {
    this.withGuard(sheetName, () => {
      const sheet = this.find(sheetName);
      if (!sheet) throw new Error(`No sheet named ${sheetName}`);
      sheet.Activate();
      sheet.Range(cell).Select();
    });
  }

  /**
   * SheetChange from WPS (ApiEvent), less the add-in's own writes (the own-write guard: WPS cannot say who
   * changed a cell). A selection change counts as a possible edit too, as a pick from a validation list may
   * raise no change (so Excel; WPS is unverified).
   */
  async onChanged(handler: (sheet: string) => void): Promise<Unsubscribe> {
    const report = (sheet: { Name: string }): void => {
      const name = sheet.Name;
      if (!this.own.isOwn(name)) handler(name);
    };
    const off = [this.listen("SheetChange", report), this.listen("SheetSelectionChange", report)];
    return () => off.forEach((f) => f());
  }

  async onActivated(handler: (sheet: string) => void): Promise<Unsubscribe> {
    return this.listen("SheetActivate", (sheet) => {
      const name = sheet.Name;
      if (!this.own.isOwn(name)) handler(name);
    });
  }

  /** One ApiEvent listener per event; removed when its last handler goes. */
  private readonly listeners = new Map<string, Set<(sheet: { Name: string }) => void>>();

  private listen(event: string, handler: (sheet: { Name: string }) => void): Unsubscribe {
    let handlers = this.listeners.get(event);
    if (!handlers) {
      const set = new Set<(sheet: { Name: string }) => void>();
      handlers = set;
      this.listeners.set(event, set);
      const dispatch = (sheet: { Name: string }): void => set.forEach((h) => h(sheet));
      this.dispatchers.set(event, dispatch);
      this.host.events.AddApiEventListener(event, dispatch as (...args: never[]) => void);
    }
    handlers.add(handler);
    const set = handlers;
    return () => {
      if (!set.delete(handler) || set.size > 0) return;
      const dispatch = this.dispatchers.get(event);
      this.listeners.delete(event);
      this.dispatchers.delete(event);
      this.host.events.RemoveApiEventListener(event, dispatch as (...args: never[]) => void);
    };
  }

  private readonly dispatchers = new Map<string, (sheet: { Name: string }) => void>();

  /** Number formats on rectangles of equal format: one NumberFormat call each. */
  private numberFormats(sheet: EtWorksheet, formats: readonly (readonly string[])[]): void {
    for (const { rect, key } of equalRects(formats)) sheet.Range(rectAddress(rect)).NumberFormat = key;
  }

  /** A rectangle's look; a cleared or new sheet's defaults (not bold, no fill, no border, locked) are not set. */
  private look(range: EtRange, look: Omit<CellStyle, "numberFormat">): void {
    if (look.bold) range.Font.Bold = true;
    if (look.size !== undefined) range.Font.Size = look.size;
    if (look.fontColor !== undefined) range.Font.Color = bgr(look.fontColor);
    if (look.fill !== undefined) range.Interior.Color = bgr(look.fill);
    range.HorizontalAlignment = H_ALIGN[look.hAlign];
    range.VerticalAlignment = V_ALIGN[look.vAlign];
    if (look.wrap) range.WrapText = true;
    if (!look.locked) range.Locked = false;
    if (look.border) {
      const borders = range.Borders;
      borders.LineStyle = XL.continuous;
      borders.Weight = XL.thin;
    }
  }

  private validation(sheet: EtWorksheet, rule: ValidationRule): void {
    const validation = sheet.Range(rule.range).Validation;
    if (rule.kind === "list")
      validation.Add(XL.validateList, XL.alertStop, XL.between, (rule.list ?? []).join(","));
    else if (rule.min !== undefined && rule.max !== undefined)
      validation.Add(XL.validateDecimal, XL.alertStop, XL.between, String(rule.min), String(rule.max));
    else if (rule.min !== undefined)
      validation.Add(XL.validateDecimal, XL.alertStop, XL.greaterEqual, String(rule.min));
    else validation.Add(XL.validateDecimal, XL.alertStop, XL.lessEqual, String(rule.max ?? 1e307));
    validation.IgnoreBlank = true;
    validation.InputTitle = clip(rule.promptTitle, LIMITS.title);
    validation.InputMessage = clip(rule.prompt, LIMITS.prompt);
    validation.ErrorTitle = clip(rule.errorTitle, LIMITS.title);
    validation.ErrorMessage = clip(rule.error, LIMITS.error);
    validation.ShowInput = true;
    validation.ShowError = true;
  }

  /** One conditional format, moved to the lowest priority: added in plan order, they keep it. */
  private condition(sheet: EtWorksheet, rule: CfRule, area: string): void {
    const conditions = sheet.Range(area).FormatConditions;
    const condition =
      rule.kind === "expression"
        ? conditions.Add(XL.expression, undefined, `=${rule.formula}`)
        : conditions.Add(
            XL.cellValue,
            CF_OPERATOR[rule.operator],
            `=${rule.formulae[0]}`,
            rule.formulae[1] === undefined ? undefined : `=${rule.formulae[1]}`,
          );
    condition.SetLastPriority();
    condition.Interior.Color = bgr(rule.style.fill);
    if (rule.style.fontColor !== undefined) condition.Font.Color = bgr(rule.style.fontColor);
    if (rule.style.bold) condition.Font.Bold = true;
  }

  private page(
    sheet: EtWorksheet,
    page: {
      orientation: number;
      area: string;
      titleRows: readonly [number, number];
      fitToHeight: 0 | 1;
      footer: string;
    },
  ): void {
    const setup = sheet.PageSetup;
    setup.PaperSize = XL.paperA4;
    setup.Orientation = page.orientation;
    setup.PrintArea = page.area;
    setup.PrintTitleRows = `$${page.titleRows[0]}:$${page.titleRows[1]}`;
    // One page wide, as many tall as needed (False) or one.
    setup.Zoom = false;
    setup.FitToPagesWide = 1;
    setup.FitToPagesTall = page.fitToHeight === 0 ? false : 1;
    setup.CenterFooter = page.footer;
  }

  private heights(sheet: EtWorksheet, heights: readonly (number | null)[]): void {
    for (const [first, last, points] of rowHeightRuns(heights))
      sheet.Range(rowsAddress(first, last)).RowHeight = points;
  }

  /** Freezes the first rows of the active sheet's window. */
  private freeze(rows: number): void {
    if (rows <= 0) return;
    const window = this.host.app.ActiveWindow;
    window.FreezePanes = false;
    window.SplitColumn = 0;
    window.SplitRow = rows;
    window.FreezePanes = true;
  }
}
