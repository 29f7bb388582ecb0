/**
 * `FakeExcel`: a typed in-memory workbook implementing the subset of the Excel API the adapter uses,
 *    with Office's batch semantics: property sets and method calls are queued and applied in order at
 *    context.sync(); loads are snapshots taken at their place in the queue; reading a property that was not
 *    loaded and synced throws (and is recorded as a violation); an operation that fails rejects the sync and
 *    drops the rest of the batch; protection, merge and array-shape rules are enforced; APIs above the host's
 *    ExcelApi version fail with ApiNotFound. It records every run, sync and write, and raises change events.
 *    Excel as it behaves now (issue 23): protect()/unprotect() on a sheet already in that state is AccessDenied
 *    (office-js#6784); a value picked from a validation list raises no onChanged (#420 Windows, #3888 web) and
 *    every sync waits while such a list is open (#4936); another person's edits arrive with source "Remote".
 */
import type { ExcelRun } from "../../src/excel";
import { COL, type GridValue, type SheetGrid, type SheetPlan } from "../../src/sheet";
import { coerceTyped } from "./excelInput";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

// ---------------------------------------------------------------------------------------------------------
// 2. The in-memory fake.

export interface Rect {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
const MAX_ROW_HEIGHT = 409;
/** "Resource limits and performance optimization": Excel on the web caps a response at 5 MB. */
export const RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;

const colName = (col: number): string => {
  let n = col + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};
const colIndex = (letters: string): number =>
  letters
    .toUpperCase()
    .split("")
    .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

export const a1 = (row: number, col: number): string => `${colName(col)}${row + 1}`;
export const rectA1 = (r: Rect): string =>
  r.r1 === r.r2 && r.c1 === r.c2 ? a1(r.r1, r.c1) : `${a1(r.r1, r.c1)}:${a1(r.r2, r.c2)}`;

/** "C3", "C3:K9", "A:K", "4:10" → zero-based rectangle. */
export function parseA1(address: string): Rect {
  const part = (ref: string): { row?: number; col?: number } => {
    const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(ref);
    if (!m || (m[1] === "" && m[2] === ""))
      throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`, "Worksheet.getRange");
    return { col: m[1] ? colIndex(m[1]) : undefined, row: m[2] ? Number(m[2]) - 1 : undefined };
  };
  const clean = address.slice(address.lastIndexOf("!") + 1);
  const [x, y = x] = clean.split(":");
  const a = part(x);
  const b = part(y);
  const r1 = a.row ?? 0;
  const r2 = b.row ?? MAX_ROWS - 1;
  const c1 = a.col ?? 0;
  const c2 = b.col ?? MAX_COLS - 1;
  return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(c1, c2), c2: Math.max(c1, c2) };
}

const intersects = (a: Rect, b: Rect): boolean =>
  a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
const contains = (outer: Rect, row: number, col: number): boolean =>
  row >= outer.r1 && row <= outer.r2 && col >= outer.c1 && col <= outer.c2;
const area = (r: Rect): number => (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);

/** Shaped like OfficeExtension.Error as the adapter reads it. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(
    readonly code: string,
    message: string,
    location: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export type CellInput = string | number | boolean | null;

export interface CellModel {
  /** "" when empty. */
  value: string | number | boolean;
  formula?: string;
  numberFormat: string;
  locked: boolean;
  /** Other formats by path, e.g. "font.bold", "fill.color", "borders.EdgeTop.style". */
  format: Record<string, unknown>;
  /** Data validation record id. */
  validation?: number;
  /** Target of the cell's hyperlink. */
  hyperlink?: string;
}

export interface ValidationModel {
  readonly id: number;
  readonly rect: Rect;
  rule?: Excel.DataValidationRule;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
  ignoreBlanks?: boolean;
}

export interface ConditionalFormatModel {
  readonly rect: Rect;
  readonly type: "CellValue" | "Custom";
  rule?: Excel.ConditionalCellValueRule;
  formula?: string;
  format: Record<string, unknown>;
}

export interface ChartSeriesModel {
  name?: string;
  /** Set when the series was given its own type (ExcelApi 1.7), e.g. "Line". */
  chartType?: string;
  /** A1 address of the values, and of the categories (x axis). */
  values?: string;
  xValues?: string;
  format: Record<string, unknown>;
  /** Fill colours of single points (ChartPoint.format.fill, ExcelApi 1.1), by point index. */
  pointFills?: Record<number, string>;
  /** ChartSeries.overlap (ExcelApi 1.8). */
  overlap?: number;
}

export interface ChartModel {
  name: string;
  readonly type: string;
  /** A1 address of the source range given to charts.add. */
  readonly source: string;
  readonly seriesBy: string;
  readonly series: ChartSeriesModel[];
  /** Everything else set on the chart by path, e.g. "title.text", "legend.position", "valueAxis.maximum". */
  readonly props: Record<string, unknown>;
  position?: readonly [string, string];
}

export interface ProtectionModel {
  protected: boolean;
  password?: string;
  options: Excel.WorksheetProtectionOptions;
}

export class SheetModel {
  readonly cells = new Map<number, CellModel>();
  readonly merges: Rect[] = [];
  readonly validations = new Map<number, ValidationModel>();
  /** Index 0 is the top priority, as Office orders them. */
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly protection: ProtectionModel = { protected: false, options: {} };
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly rowHeights = new Map<number, number>();
  frozenRows = 0;
  readonly page: Record<string, unknown> = {};
  readonly charts: ChartModel[] = [];
  constructor(
    readonly id: string,
    public name: string,
  ) {}

  static key = (row: number, col: number): number => row * MAX_COLS + col;

  cell(row: number, col: number): CellModel {
    const key = SheetModel.key(row, col);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: "", numberFormat: "General", locked: true, format: {} };
      this.cells.set(key, cell);
    }
    return cell;
  }

  peek(row: number, col: number): CellModel | undefined {
    return this.cells.get(SheetModel.key(row, col));
  }

  /** Cells present in the model inside a rectangle (cheap for whole columns). */
  *cellsIn(rect: Rect): Generator<[number, number, CellModel]> {
    for (const [key, cell] of this.cells) {
      const row = Math.floor(key / MAX_COLS);
      const col = key % MAX_COLS;
      if (contains(rect, row, col)) yield [row, col, cell];
    }
  }

  /** Bounding rectangle of cells holding a value or formula; null for an empty sheet. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r: { r1: number; c1: number; r2: number; c2: number } | null = null;
    for (const [key, cell] of this.cells) {
      const used =
        cell.value !== "" ||
        cell.formula !== undefined ||
        (!valuesOnly && (Object.keys(cell.format).length > 0 || cell.numberFormat !== "General"));
      if (!used) continue;
      const row = Math.floor(key / MAX_COLS);
      const col = key % MAX_COLS;
      if (!r) r = { r1: row, c1: col, r2: row, c2: col };
      else
        r = {
          r1: Math.min(r.r1, row),
          c1: Math.min(r.c1, col),
          r2: Math.max(r.r2, row),
          c2: Math.max(r.c2, col),
        };
    }
    return r;
  }

  /** Test helpers: value and formula of a cell by A1 address (formula without '='). */
  value(address: string): GridValue {
    const { r1, c1 } = parseA1(address);
    const v = this.peek(r1, c1)?.value ?? "";
    return v === "" ? null : v;
  }
  formula(address: string): string | null {
    const { r1, c1 } = parseA1(address);
    return this.peek(r1, c1)?.formula ?? null;
  }
  validationAt(address: string): ValidationModel | undefined {
    const { r1, c1 } = parseA1(address);
    const id = this.peek(r1, c1)?.validation;
    return id === undefined ? undefined : this.validations.get(id);
  }
}

export interface LogEntry {
  /** Which context.sync() (1-based, counted over the fake's life) applied it. */
  readonly sync: number;
  readonly kind: string;
  readonly sheet: string;
  readonly address?: string;
  readonly data?: unknown;
}

interface ChangeEvent {
  readonly kind: "changed" | "added" | "activated" | "selection";
  readonly sheetId: string;
  readonly address: string;
  readonly byAddin: boolean;
  /** A co-author's change (Excel.EventSource "Remote"). */
  readonly remote?: boolean;
}

type HandlerKind = "changed" | "activated" | "added" | "selection";
interface Registration {
  readonly kind: HandlerKind;
  /** Per-sheet registration; undefined for workbook.worksheets. */
  readonly sheetId?: string;
  readonly handler: (args: unknown) => Promise<unknown>;
}

const versionAtMost = (version: string, host: string): boolean => {
  const [a, b] = version.split(".").map(Number);
  const [c, d] = host.split(".").map(Number);
  return a < c || (a === c && b <= d);
};

type Op = { readonly run: () => void; readonly requires?: string; readonly what: string };

/** One Excel.run's request context. */
export class FakeContext {
  readonly queue: Op[] = [];
  /** Bytes the current sync's loads put in its response (UTF-8 JSON). */
  responseBytes = 0;
  readonly workbook: FakeWorkbook;
  constructor(
    readonly fake: FakeExcel,
    readonly options: Excel.RunOptions = {},
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  enqueue(what: string, run: () => void, requires?: string): void {
    this.queue.push({ what, run, requires });
  }

  async sync(): Promise<void> {
    const fake = this.fake;
    fake.syncCount++;
    const ops = this.queue.splice(0);
    await Promise.resolve();
    // office-js#4936: while a data-validation list is open in the sheet, requests wait until it closes.
    if (fake.listClosed) await fake.listClosed;
    // What another person does between two of the add-in's round trips.
    fake.beforeSync?.(fake.syncCount);
    if (fake.editMode) {
      if (!this.options.delayForCellEdit)
        throw new FakeOfficeError(
          "InvalidOperationInCellEditMode",
          "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
          "",
        );
      fake.editMode = false; // the user finished editing; the delayed request goes through
    }
    const events: ChangeEvent[] = [];
    fake.emitting = events;
    this.responseBytes = 0;
    try {
      for (const op of ops) {
        fake.opIndex++;
        if (fake.failOp?.(op.what, fake.opIndex))
          throw new FakeOfficeError("GeneralException", `Injected failure at ${op.what}`, op.what);
        if (op.requires && !versionAtMost(op.requires, fake.api))
          throw new FakeOfficeError(
            "ApiNotFound",
            `The API you are trying to use could not be found (${op.what} needs ExcelApi ${op.requires}).`,
            op.what,
          );
        op.run();
      }
      fake.responses.push(this.responseBytes);
      if (this.responseBytes > RESPONSE_LIMIT_BYTES)
        throw new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload size has exceeded the limit (${this.responseBytes} bytes).`,
          "",
        );
    } finally {
      fake.emitting = null;
      fake.dispatch(events);
    }
  }
}

abstract class FakeObject {
  protected readonly loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}
  protected get fake(): FakeExcel {
    return this.context.fake;
  }

  load(arg?: string | string[]): this {
    const paths = (Array.isArray(arg) ? arg : (arg ?? "").split(","))
      .map((p) => p.trim())
      .filter((p) => p !== "");
    if (paths.length === 0) throw new Error("fake: load() without property names is not modelled");
    this.context.enqueue(`${this.constructor.name}.load`, () => this.loadNow(paths));
    return this;
  }

  loadNow(paths: readonly string[]): void {
    for (const path of paths) {
      const [head, ...rest] = path.split("/");
      if (rest.length > 0) this.child(head).loadNow([rest.join("/")]);
      else {
        const value = this.snapshot(head);
        this.loaded.set(head, value);
        this.context.responseBytes += Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
      }
    }
  }

  protected snapshot(prop: string): unknown {
    throw new Error(`fake: ${this.constructor.name}.${prop} cannot be loaded (not modelled)`);
  }
  protected child(prop: string): FakeObject {
    throw new Error(`fake: ${this.constructor.name}.${prop} is not a navigation property here`);
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      const message = `PropertyNotLoaded: ${this.constructor.name}.${prop} was read before load() + context.sync()`;
      this.fake.violations.push(message);
      throw new FakeOfficeError("PropertyNotLoaded", message, `${this.constructor.name}.${prop}`);
    }
    return this.loaded.get(prop) as T;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

type SheetResolver = () => SheetModel | null;

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  constructor(context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
  }
}

export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeContext,
    private readonly registration: Registration,
  ) {}
  remove(): void {
    this.context.enqueue("EventHandlerResult.remove", () => {
      const list = this.context.fake.registrations;
      const index = list.indexOf(this.registration);
      if (index >= 0) list.splice(index, 1);
    });
  }
}

export class FakeEventHandlers {
  constructor(
    private readonly context: FakeContext,
    private readonly kind: HandlerKind,
    private readonly requires: string,
    private readonly sheet?: SheetResolver,
  ) {}
  add(handler: (args: never) => Promise<unknown>): FakeEventHandlerResult {
    const registration: {
      kind: HandlerKind;
      sheetId?: string;
      handler: (args: unknown) => Promise<unknown>;
    } = {
      kind: this.kind,
      handler: handler as (args: unknown) => Promise<unknown>,
    };
    this.context.enqueue(
      `${this.kind}.add`,
      () => {
        if (this.sheet) registration.sheetId = this.context.fake.must(this.sheet).id;
        this.context.fake.registrations.push(registration);
      },
      this.requires,
    );
    return new FakeEventHandlerResult(this.context, registration);
  }
}

export class FakeWorksheetCollection extends FakeObject {
  readonly onChanged = new FakeEventHandlers(this.context, "changed", "1.9");
  readonly onActivated = new FakeEventHandlers(this.context, "activated", "1.7");
  readonly onAdded = new FakeEventHandlers(this.context, "added", "1.7");
  readonly onSelectionChanged = new FakeEventHandlers(this.context, "selection", "1.9");

  get items(): FakeWorksheet[] {
    return this.read("items");
  }

  override loadNow(paths: readonly string[]): void {
    const itemPaths = paths.filter((p) => p.startsWith("items/")).map((p) => p.slice("items/".length));
    if (itemPaths.length !== paths.length)
      throw new Error(`fake: worksheets.load(${paths.join()}) not modelled`);
    const items = this.fake.sheets.map((model) => new FakeWorksheet(this.context, () => model));
    for (const item of items) item.loadNow(itemPaths);
    this.loaded.set("items", items);
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const sheet = this.fake.find(key);
      if (!sheet)
        throw new FakeOfficeError(
          "ItemNotFound",
          `The requested resource doesn't exist: ${key}`,
          "WorksheetCollection.getItem",
        );
      return sheet;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.fake.find(key) ?? null, true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.fake.must(() => this.fake.find(this.fake.activeId)));
  }

  add(name: string): FakeWorksheet {
    let created: SheetModel | null = null;
    this.context.enqueue("WorksheetCollection.add", () => {
      created = this.fake.createSheet(name);
      this.fake.record("addSheet", created);
    });
    return new FakeWorksheet(this.context, () => {
      if (!created) throw new Error("fake: worksheet used before its add() ran");
      return created;
    });
  }
}

export class FakeWorksheet extends FakeObject {
  readonly protection: FakeProtection;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;
  readonly horizontalPageBreaks: FakePageBreakCollection;
  readonly onChanged: FakeEventHandlers;
  readonly onSelectionChanged: FakeEventHandlers;
  readonly charts: FakeChartCollection;
  constructor(
    context: FakeContext,
    readonly resolve: SheetResolver,
    private readonly nullable = false,
  ) {
    super(context);
    this.protection = new FakeProtection(context, this);
    this.freezePanes = new FakeFreezePanes(context, this);
    this.pageLayout = new FakePageLayout(context, this);
    this.horizontalPageBreaks = new FakePageBreakCollection(context, this);
    this.onChanged = new FakeEventHandlers(context, "changed", "1.7", () => this.model());
    this.onSelectionChanged = new FakeEventHandlers(context, "selection", "1.7", () => this.model());
    this.charts = new FakeChartCollection(context, this);
  }

  /** The sheet model; throws for a null object. */
  model(): SheetModel {
    return this.fake.must(this.resolve);
  }

  override loadNow(paths: readonly string[]): void {
    const sheet = this.resolve();
    if (!this.nullable && !sheet) throw new Error("fake: unresolved worksheet");
    this.loaded.set("isNullObject", sheet === null);
    if (sheet) super.loadNow(paths);
  }
  protected override snapshot(prop: string): unknown {
    const sheet = this.model();
    if (prop === "name") return sheet.name;
    if (prop === "id") return sheet.id;
    return super.snapshot(prop);
  }
  protected override child(prop: string): FakeObject {
    if (prop === "protection") return this.protection;
    return super.child(prop);
  }

  get name(): string {
    return this.read("name");
  }
  get id(): string {
    return this.read("id");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, this, () =>
      address === undefined ? parseA1("A:XFD") : parseA1(address),
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    let rect: Rect | null | undefined;
    return new FakeRange(
      this.context,
      this,
      () => {
        // The used range as it is when the request reaches it in the queue.
        if (rect === undefined) rect = this.model().usedRect(valuesOnly);
        return rect;
      },
      true,
    );
  }

  activate(): void {
    this.context.enqueue("Worksheet.activate", () => {
      const sheet = this.model();
      this.fake.activeId = sheet.id;
      this.fake.record("activate", sheet);
    });
  }
}

export class FakeProtection extends FakeObject {
  constructor(
    context: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {
    super(context);
  }
  protected override snapshot(prop: string): unknown {
    const p = this.sheet.model().protection;
    if (prop === "protected") return p.protected;
    if (prop === "options") return { ...p.options };
    return super.snapshot(prop);
  }
  get protected(): boolean {
    return this.read("protected");
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.read("options");
  }
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this.context.enqueue("WorksheetProtection.protect", () => {
      const sheet = this.sheet.model();
      // office-js#6784 (mid-2026 Excel for Windows): AccessDenied on a sheet that is already protected.
      if (sheet.protection.protected)
        throw new FakeOfficeError(
          "AccessDenied",
          "You cannot perform the requested operation.",
          "WorksheetProtection.protect",
        );
      Object.assign(sheet.protection, { protected: true, password, options: { ...(options ?? {}) } });
      this.fake.record("protect", sheet, undefined, { options, password });
    });
  }
  unprotect(password?: string): void {
    this.context.enqueue("WorksheetProtection.unprotect", () => {
      const sheet = this.sheet.model();
      const p = sheet.protection;
      // office-js#6784: AccessDenied on a sheet that is not protected.
      if (!p.protected)
        throw new FakeOfficeError(
          "AccessDenied",
          "You cannot perform the requested operation.",
          "WorksheetProtection.unprotect",
        );
      if ((p.password ?? "") !== (password ?? ""))
        // "Error handling with the application-specific JavaScript APIs": BadPassword – the password is incorrect.
        throw new FakeOfficeError(
          "BadPassword",
          "The password you supplied is incorrect.",
          "WorksheetProtection.unprotect",
        );
      p.protected = false;
      this.fake.record("unprotect", sheet, undefined, { password });
    });
  }
}

export class FakeFreezePanes {
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {}
  freezeRows(count = 1): void {
    this.context.enqueue("WorksheetFreezePanes.freezeRows", () => {
      const sheet = this.sheet.model();
      sheet.frozenRows = count;
      this.context.fake.record("freezeRows", sheet, undefined, count);
      // office-js#3148: freezing panes on a sheet that is not active raises WorksheetActivated for it,
      // although the active sheet stays.
      if (this.context.fake.activeId !== sheet.id)
        this.context.fake.emitting?.push({
          kind: "activated",
          sheetId: sheet.id,
          address: "",
          byAddin: true,
        });
    });
  }
}

class FakeSetter {
  constructor(
    protected readonly context: FakeContext,
    private readonly apply: (key: string, value: unknown) => void,
    private readonly requires?: string,
    private readonly prefix = "",
  ) {}
  protected set(key: string, value: unknown): void {
    const full = this.prefix + key;
    this.context.enqueue(full, () => this.apply(full, value), this.requires);
  }
}

export class FakeHeaderFooter extends FakeSetter {
  set centerFooter(text: string) {
    this.set("centerFooter", text);
  }
}

export class FakePageLayout {
  readonly headersFooters: { readonly defaultForAllPages: FakeHeaderFooter };
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {
    this.headersFooters = {
      defaultForAllPages: new FakeHeaderFooter(
        context,
        (k, v) => this.apply(k, v),
        "1.9",
        "defaultForAllPages.",
      ),
    };
  }
  private apply(key: string, value: unknown): void {
    const sheet = this.sheet.model();
    sheet.page[key] = value;
    this.context.fake.record("pageLayout", sheet, undefined, { [key]: value });
  }
  private set(key: string, value: unknown): void {
    this.context.enqueue(`PageLayout.${key}`, () => this.apply(key, value), "1.9");
  }
  set paperSize(v: string) {
    this.set("paperSize", v);
  }
  set orientation(v: string) {
    this.set("orientation", v);
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.set("zoom", v);
  }
  setPrintArea(area: string): void {
    this.set("printArea", area);
  }
  setPrintTitleRows(rows: string): void {
    this.set("printTitleRows", rows);
  }
  // Margins are in points ("Excel.PageLayout": leftMargin … footerMargin, ExcelApi 1.9).
  set leftMargin(v: number) {
    this.set("leftMargin", v);
  }
  set rightMargin(v: number) {
    this.set("rightMargin", v);
  }
  set topMargin(v: number) {
    this.set("topMargin", v);
  }
  set bottomMargin(v: number) {
    this.set("bottomMargin", v);
  }
  set headerMargin(v: number) {
    this.set("headerMargin", v);
  }
  set footerMargin(v: number) {
    this.set("footerMargin", v);
  }
}

/**
 * "Excel.PageBreakCollection" (ExcelApi 1.9): the sheet's manual page breaks only. `add` puts a break before the
 * top-left cell of the range given; `removePageBreaks` resets them all. Kept as the rows a page starts at.
 */
export class FakePageBreakCollection {
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {}
  private rows(): number[] {
    const page = this.sheet.model().page;
    return (page.rowBreaks ??= []) as number[];
  }
  add(pageBreakRange: string): void {
    this.context.enqueue(
      "PageBreakCollection.add",
      () => {
        const rect = parseA1(pageBreakRange);
        if (rect.r1 === 0)
          throw new FakeOfficeError("InvalidArgument", "No page break above row 1", pageBreakRange);
        const rows = this.rows();
        if (!rows.includes(rect.r1 + 1)) rows.push(rect.r1 + 1);
        this.context.fake.record("pageBreak", this.sheet.model(), undefined, { before: rect.r1 + 1 });
      },
      "1.9",
    );
  }
  removePageBreaks(): void {
    this.context.enqueue(
      "PageBreakCollection.removePageBreaks",
      () => {
        this.rows().splice(0);
        this.context.fake.record("pageBreak", this.sheet.model(), undefined, { removed: true });
      },
      "1.9",
    );
  }
}

type RectResolver = () => Rect | null;

/** "=…" (or a leading sign or "@" on text) is taken as a formula: "Excel.Range class", `values`. */
const FORMULA_START = /^[=+\-@]/;

function inputCell(fake: FakeExcel, cell: CellModel, input: unknown, where: string): void {
  if (input === null) return; // Office leaves the cell unchanged
  if (typeof input === "number" || typeof input === "boolean") {
    cell.value = input;
    delete cell.formula;
    return;
  }
  if (typeof input !== "string")
    throw new FakeOfficeError("InvalidArgument", `Bad cell input ${String(input)}`, where);
  delete cell.formula;
  if (input.startsWith("'")) {
    cell.value = input.slice(1); // the quote prefix: text in any format, not shown
    return;
  }
  if (cell.numberFormat === "@") {
    cell.value = input;
    return;
  }
  const typed = coerceTyped(input);
  if (typed.kind === "text" && FORMULA_START.test(input)) {
    cell.formula = input.startsWith("=") ? input.slice(1) : input;
    cell.value = input.length > 1 && input.startsWith("=") ? fake.calculate(cell.formula) : "#NAME?";
    return;
  }
  cell.value = typed.value;
  if (typed.kind === "number" && typed.numberFormat) cell.numberFormat = typed.numberFormat;
}

export class FakeRange extends FakeObject {
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  constructor(
    context: FakeContext,
    readonly sheet: FakeWorksheet,
    readonly rect: RectResolver,
    private readonly nullable = false,
  ) {
    super(context);
    this.format = new FakeRangeFormat(context, this);
    this.dataValidation = new FakeDataValidation(context, this);
    this.conditionalFormats = new FakeConditionalFormatCollection(context, this);
  }

  /** Sheet and rectangle; throws for a null object. */
  target(): { sheet: SheetModel; rect: Rect; address: string } {
    const sheet = this.sheet.model();
    const rect = this.rect();
    if (!rect) throw new Error("fake: a null range was used");
    return { sheet, rect, address: rectA1(rect) };
  }

  override loadNow(paths: readonly string[]): void {
    const rect = this.rect();
    this.loaded.set("isNullObject", rect === null);
    if (rect) super.loadNow(paths);
    else if (!this.nullable) throw new Error("fake: unresolved range");
  }

  protected override snapshot(prop: string): unknown {
    const { sheet, rect } = this.target();
    if (area(rect) > 2_000_000) throw new Error(`fake: loading ${prop} of ${rectA1(rect)} is not modelled`);
    const grid = <T>(f: (cell: CellModel | undefined) => T): T[][] => {
      const out: T[][] = [];
      for (let r = rect.r1; r <= rect.r2; r++) {
        const row: T[] = [];
        for (let c = rect.c1; c <= rect.c2; c++) row.push(f(sheet.peek(r, c)));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case "address":
        return `${this.fake.quote(sheet.name)}!${rectA1(rect)}`;
      case "values":
        return grid((c) => c?.value ?? "");
      case "formulas":
        return grid((c) => (c?.formula !== undefined ? `=${c.formula}` : (c?.value ?? "")));
      case "numberFormat":
        return grid((c) => c?.numberFormat ?? "General");
      case "hyperlink": {
        if (area(rect) !== 1) throw new Error("fake: hyperlink of a multi-cell range is not modelled");
        const cell = sheet.peek(rect.r1, rect.c1);
        // "Excel.RangeHyperlink": every member optional; a cell without a link has none set.
        return cell?.hyperlink === undefined
          ? {}
          : { address: cell.hyperlink, textToDisplay: String(cell.value) };
      }
      default:
        return super.snapshot(prop);
    }
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    return this.read("address");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(values: unknown[][]) {
    this.write("values", values);
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(formulas: unknown[][]) {
    this.write("formulas", formulas);
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  get hyperlink(): Excel.RangeHyperlink {
    return this.read("hyperlink");
  }
  /** "Excel.Range class", `hyperlink` (ExcelApi 1.7): sets the link and, when given, the text shown. */
  set hyperlink(link: Excel.RangeHyperlink) {
    this.context.enqueue(
      "Range.hyperlink",
      () => {
        const { sheet, rect, address } = this.target();
        for (let r = rect.r1; r <= rect.r2; r++)
          for (let c = rect.c1; c <= rect.c2; c++) {
            const cell = sheet.cell(r, c);
            if (sheet.protection.protected && cell.locked)
              throw new FakeOfficeError(
                "AccessDenied",
                "You cannot perform the requested operation.",
                "Range.hyperlink",
              );
            cell.hyperlink = link.address;
            if (link.textToDisplay !== undefined) {
              cell.value = link.textToDisplay;
              delete cell.formula;
            }
          }
        this.fake.record("hyperlink", sheet, address, link);
        this.fake.changed(sheet, address);
      },
      "1.7",
    );
  }
  set numberFormat(formats: unknown[][]) {
    this.context.enqueue("Range.numberFormat", () => {
      const { sheet, rect, address } = this.target();
      this.fake.checkFormat(sheet, "Range.numberFormat");
      this.eachInput(rect, formats, "Range.numberFormat", (cell, f) => {
        if (f !== null) cell.numberFormat = String(f);
      });
      this.fake.record("numberFormat", sheet, address, formats);
      this.fake.changed(sheet, address);
    });
  }
  set columnHidden(hidden: boolean) {
    this.context.enqueue("Range.columnHidden", () => {
      const { sheet, rect, address } = this.target();
      this.fake.checkFormat(sheet, "Range.columnHidden", "columns");
      for (let c = rect.c1; c <= rect.c2; c++)
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      this.fake.record("columnHidden", sheet, address, hidden);
    });
  }

  private eachInput(
    rect: Rect,
    input: unknown[][],
    where: string,
    f: (cell: CellModel, v: unknown) => void,
  ): void {
    const { sheet } = this.target();
    const rows = rect.r2 - rect.r1 + 1;
    const cols = rect.c2 - rect.c1 + 1;
    if (
      !Array.isArray(input) ||
      input.length !== rows ||
      input.some((row) => !Array.isArray(row) || row.length !== cols)
    )
      throw new FakeOfficeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rectA1(rect)}).`,
        where,
      );
    input.forEach((row, r) => row.forEach((v, c) => f(sheet.cell(rect.r1 + r, rect.c1 + c), v)));
  }

  private write(kind: "values" | "formulas", input: unknown[][]): void {
    this.context.enqueue(`Range.${kind}`, () => {
      const { sheet, rect, address } = this.target();
      if (sheet.protection.protected) {
        for (let r = rect.r1; r <= rect.r2; r++)
          for (let c = rect.c1; c <= rect.c2; c++)
            if (sheet.peek(r, c)?.locked ?? true)
              throw new FakeOfficeError(
                "AccessDenied",
                "You cannot perform the requested operation.",
                `Range.${kind}`,
              );
      }
      for (const merge of sheet.merges)
        if (intersects(merge, rect))
          for (let r = merge.r1; r <= merge.r2; r++)
            for (let c = merge.c1; c <= merge.c2; c++) {
              const v = input[r - rect.r1]?.[c - rect.c1];
              if ((r !== merge.r1 || c !== merge.c1) && contains(rect, r, c) && v !== "" && v !== null)
                throw new FakeOfficeError(
                  "MergedRangeConflict",
                  `Cannot write ${a1(r, c)} inside a merged cell`,
                  `Range.${kind}`,
                );
            }
      this.eachInput(rect, input, `Range.${kind}`, (cell, v) =>
        inputCell(this.fake, cell, v, `Range.${kind}`),
      );
      this.fake.record(kind, sheet, address, input);
      this.fake.changed(sheet, address);
    });
  }

  merge(across = false): void {
    this.context.enqueue("Range.merge", () => {
      const { sheet, rect, address } = this.target();
      this.fake.checkFormat(sheet, "Range.merge");
      if (across) throw new Error("fake: merge(across) not modelled");
      if (sheet.merges.some((m) => intersects(m, rect)))
        throw new FakeOfficeError(
          "MergedRangeConflict",
          `Cannot merge ${address} over another merge`,
          "Range.merge",
        );
      sheet.merges.push(rect);
      this.fake.record("merge", sheet, address);
    });
  }

  unmerge(): void {
    this.context.enqueue("Range.unmerge", () => {
      const { sheet, rect, address } = this.target();
      this.fake.checkFormat(sheet, "Range.unmerge");
      const keep = sheet.merges.filter((m) => !intersects(m, rect));
      sheet.merges.splice(0, sheet.merges.length, ...keep);
      this.fake.record("unmerge", sheet, address);
    });
  }

  clear(applyTo: "All" | "Formats" | "Contents" | "Hyperlinks" = "All"): void {
    this.context.enqueue("Range.clear", () => {
      const { sheet, rect, address } = this.target();
      this.fake.checkFormat(sheet, "Range.clear");
      for (const [, , cell] of sheet.cellsIn(rect)) {
        // "Excel.ClearApplyTo": Hyperlinks "clears all hyperlinks, but leaves all content and formatting intact".
        if (applyTo === "Hyperlinks") {
          delete cell.hyperlink;
          continue;
        }
        if (applyTo !== "Formats") {
          cell.value = "";
          delete cell.formula;
          delete cell.hyperlink;
        }
        if (applyTo !== "Contents") {
          cell.numberFormat = "General";
          cell.locked = true;
          cell.format = {};
        }
      }
      this.fake.record("clear", sheet, address, applyTo);
      this.fake.changed(sheet, address);
    });
  }

  select(): void {
    this.context.enqueue("Range.select", () => {
      const { sheet, address } = this.target();
      if (this.fake.activeId !== sheet.id)
        throw new FakeOfficeError(
          "InvalidSelection",
          "Cannot select a range on an inactive sheet",
          "Range.select",
        );
      this.fake.selection = { sheet: sheet.name, address };
      this.fake.record("select", sheet, address);
      this.fake.emitting?.push({ kind: "selection", sheetId: sheet.id, address, byAddin: true });
    });
  }
}

/** A format property path set on every cell of a range; column widths and row heights on the sheet. */
class FakeFormatPart extends FakeSetter {
  constructor(context: FakeContext, range: FakeRange, prefix: string) {
    super(context, (key, value) => applyFormat(context.fake, range, key, value), undefined, prefix);
  }
  setKey(key: string, value: unknown): void {
    this.set(key, value);
  }
}

function applyFormat(fake: FakeExcel, range: FakeRange, key: string, value: unknown): void {
  const { sheet, rect, address } = range.target();
  if (key === "columnWidth") {
    fake.checkFormat(sheet, "RangeFormat.columnWidth", "columns");
    for (let c = rect.c1; c <= rect.c2; c++) sheet.columnWidths.set(c, Number(value));
  } else if (key === "rowHeight") {
    fake.checkFormat(sheet, "RangeFormat.rowHeight", "rows");
    // "Excel specifications and limits": row height 409 points.
    if (Number(value) > MAX_ROW_HEIGHT || Number(value) < 0)
      throw new FakeOfficeError(
        "InvalidArgument",
        `Row height ${String(value)} is out of range`,
        "RangeFormat.rowHeight",
      );
    for (let r = rect.r1; r <= rect.r2; r++) sheet.rowHeights.set(r, Number(value));
  } else {
    fake.checkFormat(sheet, `RangeFormat.${key}`);
    if (area(rect) > 100_000) throw new Error(`fake: formatting ${address} cell by cell is not modelled`);
    for (let r = rect.r1; r <= rect.r2; r++)
      for (let c = rect.c1; c <= rect.c2; c++) {
        const cell = sheet.cell(r, c);
        if (key === "protection.locked") cell.locked = Boolean(value);
        else cell.format[key] = value;
      }
  }
  fake.record("format", sheet, address, { [key]: value });
  // "Work with worksheets": onChanged fires "when either the format or value of the data changes".
  if (key !== "columnWidth" && key !== "rowHeight") fake.changed(sheet, address);
}

export class FakeRangeFormat extends FakeFormatPart {
  readonly font: FakeFont;
  readonly fill: FakeFill;
  readonly protection: FakeFormatProtection;
  readonly borders: { getItem(edge: string): FakeBorder };
  constructor(context: FakeContext, range: FakeRange) {
    super(context, range, "");
    this.font = new FakeFont(context, range, "font.");
    this.fill = new FakeFill(context, range, "fill.");
    this.protection = new FakeFormatProtection(context, range, "protection.");
    this.borders = { getItem: (edge: string) => new FakeBorder(context, range, `borders.${edge}.`) };
  }
  set columnWidth(v: number) {
    this.setKey("columnWidth", v);
  }
  set rowHeight(v: number) {
    this.setKey("rowHeight", v);
  }
  set horizontalAlignment(v: string) {
    this.setKey("horizontalAlignment", v);
  }
  set verticalAlignment(v: string) {
    this.setKey("verticalAlignment", v);
  }
  set wrapText(v: boolean) {
    this.setKey("wrapText", v);
  }
}
export class FakeFont extends FakeFormatPart {
  set bold(v: boolean) {
    this.setKey("bold", v);
  }
  set size(v: number) {
    this.setKey("size", v);
  }
  set color(v: string) {
    this.setKey("color", v);
  }
}
export class FakeFill extends FakeFormatPart {
  set color(v: string) {
    this.setKey("color", v);
  }
}
export class FakeFormatProtection extends FakeFormatPart {
  private snapshotLocked: boolean | null | undefined;
  constructor(
    context: FakeContext,
    private readonly range: FakeRange,
    prefix: string,
  ) {
    super(context, range, prefix);
  }
  set locked(v: boolean) {
    this.setKey("locked", v);
  }
  /** "Excel.FormatProtection": `locked` is null when the range "doesn't have uniform lock setting". */
  get locked(): boolean | null {
    if (this.snapshotLocked === undefined) {
      this.context.fake.violations.push("FormatProtection.locked read before load() + sync()");
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "FormatProtection.locked was not loaded",
        "FormatProtection",
      );
    }
    return this.snapshotLocked;
  }
  load(props: string): this {
    if (props !== "locked") throw new Error(`fake: FormatProtection.load(${props}) not modelled`);
    this.context.enqueue("FormatProtection.load", () => {
      const { sheet, rect } = this.range.target();
      if (area(rect) > 100_000) throw new Error("fake: locked of a large range is not modelled");
      const seen = new Set<boolean>();
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++) seen.add(sheet.peek(r, c)?.locked ?? true);
      this.snapshotLocked = seen.size === 1 ? [...seen][0] : null;
    });
    return this;
  }
}
export class FakeBorder extends FakeFormatPart {
  set style(v: string) {
    this.setKey("style", v);
  }
  set weight(v: string) {
    this.setKey("weight", v);
  }
  set color(v: string) {
    this.setKey("color", v);
  }
}

export class FakeDataValidation extends FakeObject {
  constructor(
    context: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(context);
  }
  protected override snapshot(prop: string): unknown {
    if (prop !== "type") return super.snapshot(prop);
    const { sheet, rect } = this.range.target();
    if (area(rect) > 10_000) throw new Error("fake: validation type of a large range is not modelled");
    const ids = new Set<number | undefined>();
    for (let r = rect.r1; r <= rect.r2; r++)
      for (let c = rect.c1; c <= rect.c2; c++) ids.add(sheet.peek(r, c)?.validation);
    if (ids.size === 1 && ids.has(undefined)) return "None";
    if (ids.has(undefined)) return "MixedCriteria";
    if (ids.size > 1) return "Inconsistent";
    const [id] = [...ids];
    const rule = id === undefined ? undefined : sheet.validations.get(id)?.rule;
    if (rule?.decimal) return "Decimal";
    if (rule?.list) return "List";
    if (rule?.wholeNumber) return "WholeNumber";
    return "Custom";
  }
  get type(): string {
    return this.read("type");
  }

  private update(key: "rule" | "prompt" | "errorAlert" | "ignoreBlanks", value: unknown): void {
    this.context.enqueue(
      `DataValidation.${key}`,
      () => {
        const { sheet, rect, address } = this.range.target();
        this.fake.checkFormat(sheet, `DataValidation.${key}`);
        if (area(rect) > 10_000) throw new Error("fake: validation on a large range is not modelled");
        // One record per range the rule was set on; cells join it (leaving any record they had).
        const cells: CellModel[] = [];
        for (let r = rect.r1; r <= rect.r2; r++)
          for (let c = rect.c1; c <= rect.c2; c++) cells.push(sheet.cell(r, c));
        const current = cells[0].validation;
        let record = current === undefined ? undefined : sheet.validations.get(current);
        if (!record || cells.some((cell) => cell.validation !== current)) {
          record = { id: this.fake.nextId++, rect };
          sheet.validations.set(record.id, record);
          for (const cell of cells) cell.validation = record.id;
        }
        Object.assign(record, { [key]: value });
        this.fake.record("validation", sheet, address, { [key]: value });
      },
      "1.8",
    );
  }
  set rule(v: Excel.DataValidationRule) {
    this.update("rule", v);
  }
  set prompt(v: Excel.DataValidationPrompt) {
    this.update("prompt", v);
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this.update("errorAlert", v);
  }
  set ignoreBlanks(v: boolean) {
    this.update("ignoreBlanks", v);
  }
  clear(): void {
    this.context.enqueue(
      "DataValidation.clear",
      () => {
        const { sheet, rect, address } = this.range.target();
        this.fake.checkFormat(sheet, "DataValidation.clear");
        for (const [, , cell] of sheet.cellsIn(rect)) delete cell.validation;
        this.fake.record("validationClear", sheet, address);
      },
      "1.8",
    );
  }
}

export class FakeConditionalFormat {
  readonly cellValue: {
    readonly format: FakeCfFormat;
    rule: Excel.ConditionalCellValueRule | undefined;
  };
  readonly custom: { readonly format: FakeCfFormat; readonly rule: { formula: string } };
  constructor(context: FakeContext, model: () => ConditionalFormatModel) {
    const fake = context.fake;
    const setRule = (rule: Excel.ConditionalCellValueRule): void =>
      context.enqueue("CellValueConditionalFormat.rule", () => {
        model().rule = rule;
      });
    const setFormula = (formula: string): void =>
      context.enqueue("ConditionalFormatRule.formula", () => {
        model().formula = formula;
      });
    this.cellValue = {
      format: new FakeCfFormat(context, model),
      set rule(rule: Excel.ConditionalCellValueRule | undefined) {
        if (rule) setRule(rule);
      },
      get rule(): Excel.ConditionalCellValueRule | undefined {
        fake.violations.push("read cellValue.rule without load");
        throw new Error("fake: cellValue.rule read without load");
      },
    };
    this.custom = {
      format: new FakeCfFormat(context, model),
      rule: {
        set formula(formula: string) {
          setFormula(formula);
        },
        get formula(): string {
          fake.violations.push("read custom.rule.formula without load");
          throw new Error("fake: custom.rule.formula read without load");
        },
      },
    };
  }
}

export class FakeCfFormat {
  readonly fill: { color: string };
  readonly font: { color: string; bold: boolean };
  constructor(context: FakeContext, model: () => ConditionalFormatModel) {
    const set = (key: string, value: unknown): void =>
      context.enqueue(`ConditionalRangeFormat.${key}`, () => {
        model().format[key] = value;
      });
    const unreadable = (): never => {
      context.fake.violations.push("read a conditional format's format without load");
      throw new Error("fake: conditional format read without load");
    };
    this.fill = {
      set color(v: string) {
        set("fill.color", v);
      },
      get color(): string {
        return unreadable();
      },
    };
    this.font = {
      set color(v: string) {
        set("font.color", v);
      },
      get color(): string {
        return unreadable();
      },
      set bold(v: boolean) {
        set("font.bold", v);
      },
      get bold(): boolean {
        return unreadable();
      },
    };
  }
}

export class FakeConditionalFormatCollection {
  constructor(
    private readonly context: FakeContext,
    private readonly range: FakeRange,
  ) {}
  add(type: "CellValue" | "Custom"): FakeConditionalFormat {
    let created: ConditionalFormatModel | null = null;
    this.context.enqueue(
      "ConditionalFormatCollection.add",
      () => {
        const { sheet, rect, address } = this.range.target();
        this.context.fake.checkFormat(sheet, "ConditionalFormatCollection.add");
        created = { rect, type, format: {} };
        sheet.conditionalFormats.unshift(created); // new formats go on top
        this.context.fake.record("cfAdd", sheet, address, type);
      },
      "1.6",
    );
    return new FakeConditionalFormat(this.context, () => {
      if (!created) throw new Error("fake: conditional format used before add() ran");
      return created;
    });
  }
  clearAll(): void {
    this.context.enqueue(
      "ConditionalFormatCollection.clearAll",
      () => {
        const { sheet, rect, address } = this.range.target();
        this.context.fake.checkFormat(sheet, "ConditionalFormatCollection.clearAll");
        const keep = sheet.conditionalFormats.filter((cf) => !intersects(cf.rect, rect));
        sheet.conditionalFormats.splice(0, sheet.conditionalFormats.length, ...keep);
        this.context.fake.record("cfClearAll", sheet, address);
      },
      "1.6",
    );
  }
}

export interface FakeExcelOptions {
  /** Highest ExcelApi version the host supports; default 1.14. */
  readonly api?: string;
  /** Value a formula written by the add-in shows; default 0. */
  readonly calculate?: (formula: string) => string | number | boolean;
}

/** The in-memory Excel: workbook state, requirement level, counters, the write log and events. */
export class FakeExcel {
  api: string;
  readonly sheets: SheetModel[] = [];
  activeId = "";
  selection: { sheet: string; address: string } | null = null;
  editMode = false;
  syncCount = 0;
  /** Operations run so far, counted over the fake's life (1-based). */
  opIndex = 0;
  /** Called as each sync reaches Excel (its 1-based number): tests change the workbook there as someone else. */
  beforeSync: ((sync: number) => void) | null = null;
  /** Tests make an operation fail (GeneralException) when this returns true for it. */
  failOp: ((what: string, index: number) => boolean) | null = null;
  /** Response size of every sync, in bytes. */
  readonly responses: number[] = [];
  readonly runs: { options?: Excel.RunOptions; reused: boolean }[] = [];
  readonly log: LogEntry[] = [];
  readonly violations: string[] = [];
  readonly registrations: Registration[] = [];
  emitting: ChangeEvent[] | null = null;
  /** Every event raised so far, own and user's. */
  readonly delivered: ChangeEvent[] = [];
  nextId = 1;
  private readonly pending: Promise<unknown>[] = [];
  private timers = 0;
  readonly calculate: (formula: string) => string | number | boolean;

  constructor(options: FakeExcelOptions = {}) {
    this.api = options.api ?? "1.14";
    this.calculate = options.calculate ?? (() => 0);
  }

  readonly isSetSupported = (name: string, version: string): boolean =>
    name === "ExcelApi" && versionAtMost(version, this.api);

  /** Excel.run with Office's overloads; each call is one request context. */
  get run(): ExcelRun {
    const fake = this;
    const run: ExcelRun = async <T>(
      first: Batch<T> | Excel.RunOptions | OfficeExtension.ClientRequestContext,
      second?: Batch<T>,
    ): Promise<T> => {
      const batch = typeof first === "function" ? first : second;
      if (!batch) throw new Error("run without a batch");
      const reused: unknown = first;
      const context =
        reused instanceof FakeContext
          ? reused
          : new FakeContext(fake, typeof first === "function" ? {} : (first as Excel.RunOptions));
      fake.runs.push({ options: context.options, reused: reused instanceof FakeContext });
      const result = await batch(context as unknown as Excel.RequestContext);
      if (context.queue.length > 0)
        fake.violations.push(`queued but never synced: ${context.queue.map((op) => op.what).join(", ")}`);
      return result;
    };
    return run;
  }

  // ----- model access

  find(key: string): SheetModel | undefined {
    // Sheet names compare case-insensitively in Excel (adding a name that differs only in case fails with
    // ItemAlreadyExists: "Error handling with the application-specific JavaScript APIs").
    const lower = key.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower || s.id === key);
  }
  sheet(name: string): SheetModel {
    const sheet = this.find(name);
    if (!sheet) throw new Error(`fake: no sheet ${name}`);
    return sheet;
  }
  must(resolve: () => SheetModel | null | undefined): SheetModel {
    const sheet = resolve();
    if (!sheet)
      throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.", "Worksheet");
    return sheet;
  }
  quote(name: string): string {
    return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  }
  createSheet(name: string): SheetModel {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new FakeOfficeError(
        "ItemAlreadyExists",
        `A sheet named ${name} already exists.`,
        "WorksheetCollection.add",
      );
    const sheet = new SheetModel(`{sheet-${this.nextId++}}`, name);
    this.sheets.push(sheet);
    if (!this.activeId) this.activeId = sheet.id;
    this.emitting?.push({ kind: "added", sheetId: sheet.id, address: "", byAddin: true });
    return sheet;
  }

  /** Protection rule for formatting; `allow` names the option that lets it through a protected sheet. */
  checkFormat(sheet: SheetModel, what: string, allow?: "columns" | "rows"): void {
    const p = sheet.protection;
    if (!p.protected) return;
    if (allow === "columns" && p.options.allowFormatColumns) return;
    if (allow === "rows" && p.options.allowFormatRows) return;
    throw new FakeOfficeError("AccessDenied", "You cannot perform the requested operation.", what);
  }

  record(kind: string, sheet: SheetModel, address?: string, data?: unknown): void {
    this.log.push({ sync: this.syncCount, kind, sheet: sheet.name, address, data });
  }
  /** Log entries of a kind (optionally of one sync). */
  entries(kind: string, sync?: number): LogEntry[] {
    return this.log.filter((e) => e.kind === kind && (sync === undefined || e.sync === sync));
  }

  // ----- seeding and user actions (applied directly, not through a context)

  /** A sheet holding a grid: values (formula cells show the grid's value), formulas, guards. */
  seedGrid(
    grid: SheetGrid,
    options: { validations?: readonly string[]; password?: string } = {},
  ): SheetModel {
    const sheet = this.createSheet(grid.name);
    grid.values.forEach((row, r) =>
      row?.forEach((v = null, c) => {
        const f = grid.formulas[r]?.[c] ?? null;
        if (v === null && f === null) return;
        const cell = sheet.cell(r, c);
        cell.value = v ?? "";
        if (f !== null) cell.formula = f;
      }),
    );
    for (const range of options.validations ?? []) {
      const rect = parseA1(range);
      const record: ValidationModel = {
        id: this.nextId++,
        rect,
        rule: { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } },
      };
      sheet.validations.set(record.id, record);
      for (let r = rect.r1; r <= rect.r2; r++)
        for (let c = rect.c1; c <= rect.c2; c++) sheet.cell(r, c).validation = record.id;
    }
    if (grid.guards?.protected)
      Object.assign(sheet.protection, {
        protected: true,
        password: options.password,
        options: { allowFormatColumns: true, allowFormatRows: true },
      });
    return sheet;
  }

  /** A scorecard as a faithful renderer leaves it: the plan's grid, validation ranges, protection, unlocked entry cells. */
  seedScorecard(plan: SheetPlan, grid: SheetGrid, options: { password?: string } = {}): SheetModel {
    const sheet = this.seedGrid(grid, {
      validations: plan.validations.map((v) => v.range),
      password: options.password,
    });
    plan.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!plan.styles[cell.style].locked) sheet.cell(r, c).locked = false;
      }),
    );
    return sheet;
  }

  /** A user typing into a cell: applied at once, then the change event (triggerSource Unknown where the host has it). */
  userEdit(sheetName: string, address: string, value: CellInput): void {
    const sheet = this.sheet(sheetName);
    const { r1, c1 } = parseA1(address);
    inputCell(this, sheet.cell(r1, c1), value, "user");
    this.dispatch([{ kind: "changed", sheetId: sheet.id, address, byAddin: false }]);
  }

  /** Called by operations that change data; the event is raised after the sync that applied them. */
  changed(sheet: SheetModel, address: string): void {
    this.emitting?.push({ kind: "changed", sheetId: sheet.id, address, byAddin: true });
  }

  dispatch(events: readonly ChangeEvent[]): void {
    if (events.length === 0) return;
    this.timers++;
    setTimeout(() => {
      this.timers--;
      for (const event of events) {
        this.delivered.push(event);
        if (event.kind === "activated") {
          for (const reg of [...this.registrations])
            if (reg.kind === "activated")
              this.pending.push(reg.handler({ type: "WorksheetActivated", worksheetId: event.sheetId }));
          continue;
        }
        if (event.kind === "selection") {
          for (const reg of [...this.registrations])
            if (reg.kind === "selection" && (reg.sheetId === undefined || reg.sheetId === event.sheetId))
              this.pending.push(
                reg.handler({
                  type: "WorksheetSelectionChanged",
                  worksheetId: event.sheetId,
                  address: event.address,
                }),
              );
          continue;
        }
        if (event.kind === "added") {
          for (const reg of [...this.registrations])
            if (reg.kind === "added")
              this.pending.push(
                reg.handler({ type: "WorksheetAdded", worksheetId: event.sheetId, source: "Local" }),
              );
          continue;
        }
        const args: Record<string, unknown> = {
          type: "WorksheetChanged",
          worksheetId: event.sheetId,
          address: event.address,
          changeType: "RangeEdited",
          source: event.remote ? "Remote" : "Local",
        };
        if (versionAtMost("1.14", this.api))
          args.triggerSource = event.byAddin ? "ThisLocalAddin" : "Unknown";
        for (const reg of [...this.registrations])
          if (reg.kind === "changed" && (reg.sheetId === undefined || reg.sheetId === event.sheetId))
            this.pending.push(reg.handler(args));
      }
    }, 0);
  }

  /** A co-author's edit arriving (Excel.EventSource "Remote"; triggerSource Unknown where the host has it). */
  remoteEdit(sheetName: string, address: string, value: CellInput): void {
    const sheet = this.sheet(sheetName);
    const { r1, c1 } = parseA1(address);
    inputCell(this, sheet.cell(r1, c1), value, "remote");
    this.dispatch([{ kind: "changed", sheetId: sheet.id, address, byAddin: false, remote: true }]);
  }

  /** Resolves when the open validation list closes; null while none is open. */
  listClosed: Promise<void> | null = null;
  private closeList: (() => void) | null = null;

  /** The user opening a cell's validation list (its dropdown): requests wait until it closes (#4936). */
  userOpenList(sheetName: string, address: string): void {
    this.sheet(sheetName);
    if (this.listClosed) return;
    this.listClosed = new Promise((resolve) => {
      this.closeList = () => {
        this.listClosed = null;
        this.closeList = null;
        resolve();
      };
    });
    this.userSelect(sheetName, address);
  }

  /**
   * The user picking a value from the open list: the cell takes it and the list closes, and no onChanged is
   * raised (office-js#420 on Windows, #3888 on the web).
   */
  userPickFromList(sheetName: string, address: string, value: CellInput): void {
    const sheet = this.sheet(sheetName);
    const { r1, c1 } = parseA1(address);
    inputCell(this, sheet.cell(r1, c1), value, "list");
    this.closeList?.();
  }

  /** The user selecting a cell: onSelectionChanged of the sheet and of the collection. */
  userSelect(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    this.selection = { sheet: sheet.name, address };
    for (const reg of [...this.registrations])
      if (reg.kind === "selection" && (reg.sheetId === undefined || reg.sheetId === sheet.id))
        this.pending.push(reg.handler({ type: "WorksheetSelectionChanged", worksheetId: sheet.id, address }));
  }

  /** The user switching to a sheet. */
  userActivate(sheetName: string): void {
    const sheet = this.sheet(sheetName);
    this.activeId = sheet.id;
    for (const reg of [...this.registrations])
      if (reg.kind === "activated")
        this.pending.push(reg.handler({ type: "WorksheetActivated", worksheetId: sheet.id }));
  }

  /** Waits until raised events have been delivered and their handlers have finished. */
  async settle(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const pending = this.pending.splice(0);
      await Promise.all(pending);
      if (this.timers === 0 && this.pending.length === 0 && pending.length === 0) return;
    }
    throw new Error("fake: events did not settle");
  }

  /** The sheet's cells from A1 as a SheetGrid would hold them (no guards). */
  grid(name: string): SheetGrid {
    const sheet = this.sheet(name);
    const used = sheet.usedRect(true);
    const values: GridValue[][] = [];
    const formulas: (string | null)[][] = [];
    if (used)
      for (let r = 0; r <= used.r2; r++) {
        values.push([]);
        formulas.push([]);
        for (let c = 0; c <= used.c2; c++) {
          const cell = sheet.peek(r, c);
          values[r].push(cell === undefined || cell.value === "" ? null : cell.value);
          formulas[r].push(cell?.formula ?? null);
        }
      }
    return { name, values, formulas };
  }
}

/** Score cells F/G of the entry rows of a plan, as single addresses. */
export const scoreCells = (plan: SheetPlan): string[] =>
  plan.layout.entryIds.flatMap((id) => {
    const row = plan.layout.entryRows.get(id) ?? 0;
    return [a1(row - 1, COL.self), a1(row - 1, COL.review)];
  });

// ---------------------------------------------------------------------------------------------------------
// Charts: the part of Excel.Chart the adapter uses to draw the 汇总 chart (ExcelApi 1.1, series 1.7).

/** Objects on a protected sheet may be changed only when the protection allows editing objects. */
function checkObjects(fake: FakeExcel, sheet: SheetModel, what: string): void {
  if (sheet.protection.protected && !sheet.protection.options.allowEditObjects)
    throw new FakeOfficeError("AccessDenied", "You cannot perform the requested operation.", what);
}

export class FakeChartCollection extends FakeObject {
  constructor(
    context: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {
    super(context);
  }
  get items(): FakeChart[] {
    return this.read("items");
  }
  override loadNow(paths: readonly string[]): void {
    if (!paths.every((p) => p === "items/name"))
      throw new Error(`fake: charts.load(${paths.join()}) not modelled`);
    const sheet = this.sheet.model();
    this.loaded.set(
      "items",
      sheet.charts.map((model) => new FakeChart(this.context, this.sheet, () => model)),
    );
  }
  add(type: string, source: FakeRange, seriesBy = "Auto"): FakeChart {
    let created: ChartModel | null = null;
    this.context.enqueue(
      "ChartCollection.add",
      () => {
        const { sheet, address } = source.target();
        checkObjects(this.fake, sheet, "ChartCollection.add");
        created = {
          name: `Chart ${sheet.charts.length + 1}`,
          type,
          source: address,
          seriesBy,
          series: [{ values: address, format: {} }],
          props: {},
        };
        sheet.charts.push(created);
        this.fake.record("chartAdd", sheet, address, { type, seriesBy });
      },
      "1.1",
    );
    return new FakeChart(this.context, this.sheet, () => {
      if (!created) throw new Error("fake: chart used before its add() ran");
      return created;
    });
  }
}

type ChartResolver = () => ChartModel;

export class FakeChart {
  readonly title: { text: string };
  readonly legend: {
    position: string;
    readonly legendEntries: { getItemAt(index: number): { visible: boolean } };
  };
  readonly axes: {
    readonly valueAxis: { minimum: number; maximum: number; majorUnit: number; title: { text: string } };
  };
  readonly series: { getItemAt(index: number): FakeChartSeries; add(name?: string): FakeChartSeries };
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: FakeWorksheet,
    readonly model: ChartResolver,
  ) {
    const prop = (key: string) => (value: unknown) => this.set(key, value);
    const setter = <T>(key: string): { set: (v: T) => void; get: () => T } => ({
      set: prop(key),
      get: () => {
        throw new Error(`fake: chart ${key} read without load`);
      },
    });
    const title = setter<string>("title.text");
    const legend = setter<string>("legend.position");
    const min = setter<number>("valueAxis.minimum");
    const max = setter<number>("valueAxis.maximum");
    const unit = setter<number>("valueAxis.majorUnit");
    const axisTitle = setter<string>("valueAxis.title.text");
    this.title = Object.defineProperty({} as { text: string }, "text", title);
    // ChartLegendEntryCollection.getItemAt and ChartLegendEntry.visible: ExcelApi 1.7.
    const legendEntries = {
      getItemAt: (index: number) =>
        Object.defineProperty({} as { visible: boolean }, "visible", {
          set: (visible: boolean) => {
            this.set(`legend.entries.${index}.visible`, visible, "1.7");
          },
          get: () => {
            throw new Error("fake: legend entry read without load");
          },
        }),
    };
    this.legend = Object.defineProperties(
      {} as { position: string; readonly legendEntries: typeof legendEntries },
      { position: legend, legendEntries: { value: legendEntries } },
    );
    const valueAxis = Object.defineProperties(
      {} as { minimum: number; maximum: number; majorUnit: number; title: { text: string } },
      {
        minimum: min,
        maximum: max,
        majorUnit: unit,
        title: { value: Object.defineProperty({} as { text: string }, "text", axisTitle) },
      },
    );
    this.axes = { valueAxis };
    this.series = {
      getItemAt: (index: number) =>
        new FakeChartSeries(context, sheet, () => {
          const series = this.model().series[index];
          if (!series)
            throw new FakeOfficeError("ItemNotFound", `No series ${index}`, "ChartSeriesCollection");
          return series;
        }),
      add: (name?: string) => {
        let created: ChartSeriesModel | null = null;
        context.enqueue(
          "ChartSeriesCollection.add",
          () => {
            checkObjects(context.fake, sheet.model(), "ChartSeriesCollection.add");
            created = { name, format: {} };
            this.model().series.push(created);
          },
          "1.7",
        );
        return new FakeChartSeries(context, sheet, () => {
          if (!created) throw new Error("fake: series used before its add() ran");
          return created;
        });
      },
    };
  }
  private set(key: string, value: unknown, requires = "1.1"): void {
    this.context.enqueue(
      `Chart.${key}`,
      () => {
        checkObjects(this.context.fake, this.sheet.model(), `Chart.${key}`);
        this.model().props[key] = value;
      },
      requires,
    );
  }
  set name(name: string) {
    this.context.enqueue("Chart.name", () => {
      this.model().name = name;
    });
  }
  get name(): string {
    return this.model().name;
  }
  setPosition(start: string, end: string): void {
    this.context.enqueue("Chart.setPosition", () => {
      this.model().position = [start, end];
    });
  }
  delete(): void {
    this.context.enqueue("Chart.delete", () => {
      const sheet = this.sheet.model();
      checkObjects(this.context.fake, sheet, "Chart.delete");
      const index = sheet.charts.indexOf(this.model());
      if (index >= 0) sheet.charts.splice(index, 1);
      this.context.fake.record("chartDelete", sheet);
    });
  }
}

export class FakeChartSeries {
  readonly format: {
    readonly fill: { setSolidColor(color: string): void };
    readonly line: { color: string; lineStyle: string };
  };
  /** ChartPointsCollection.getItemAt and ChartPoint.format.fill: ExcelApi 1.1. */
  readonly points: {
    getItemAt(index: number): { readonly format: { readonly fill: { setSolidColor(color: string): void } } };
  };
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: FakeWorksheet,
    private readonly model: () => ChartSeriesModel,
  ) {
    const format = (key: string, requires: string) => ({
      set: (value: unknown) => this.update(`format.${key}`, (s) => (s.format[key] = value), requires),
      get: () => {
        throw new Error(`fake: series format ${key} read without load`);
      },
    });
    this.format = {
      fill: {
        setSolidColor: (color: string) => this.update("fill", (s) => (s.format["fill"] = color), "1.1"),
      },
      line: Object.defineProperties({} as { color: string; lineStyle: string }, {
        color: format("line.color", "1.1"),
        lineStyle: format("line.lineStyle", "1.7"),
      }),
    };
    this.points = {
      getItemAt: (index: number) => ({
        format: {
          fill: {
            setSolidColor: (color: string) =>
              this.update(
                `points.${index}.fill`,
                (s) => (s.pointFills = { ...s.pointFills, [index]: color }),
                "1.1",
              ),
          },
        },
      }),
    };
  }
  private update(what: string, apply: (series: ChartSeriesModel) => void, requires: string): void {
    this.context.enqueue(
      `ChartSeries.${what}`,
      () => {
        checkObjects(this.context.fake, this.sheet.model(), `ChartSeries.${what}`);
        apply(this.model());
      },
      requires,
    );
  }
  set name(name: string) {
    this.update("name", (s) => (s.name = name), "1.1");
  }
  set chartType(type: string) {
    this.update("chartType", (s) => (s.chartType = type), "1.7");
  }
  set overlap(overlap: number) {
    this.update("overlap", (s) => (s.overlap = overlap), "1.8");
  }
  setValues(range: FakeRange): void {
    this.update("setValues", (s) => (s.values = range.target().address), "1.7");
  }
  setXAxisValues(range: FakeRange): void {
    this.update("setXAxisValues", (s) => (s.xValues = range.target().address), "1.7");
  }
}
