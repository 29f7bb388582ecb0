import {
  buildPlan,
  isScorecard,
  planToGrid,
  readScorecard,
  type ChartSpec,
  type GridSheetPlan,
  type GridValue,
  type PlanOptions,
  type ScorecardEntries,
  type SheetGrid,
  type SheetGuards,
  type SheetPlan,
} from "../../src/sheet";
import type { CellWrite, RenderReport, Unsubscribe, WorkbookPort } from "../../src/workbook";
import { getRubric } from "../../src/rubric";

export const rubric = getRubric("2020-trial");

/** Every item 1–70 at its maximum, then `changes` applied (null clears an item). */
export function fullBase(changes: Record<string, GridValue> = {}): Record<string, GridValue> {
  const entries: Record<string, GridValue> = Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));
  for (const [id, v] of Object.entries(changes)) {
    if (v === null) delete entries[id];
    else entries[id] = v;
  }
  return entries;
}

export function entriesOf(partial: Partial<ScorecardEntries>): ScorecardEntries {
  return { self: {}, review: {}, evidence: {}, notes: {}, ...partial };
}

type Handler = (sheet: string) => void;
type Method = keyof WorkbookPort;

interface MemorySheet {
  values: GridValue[][];
  formulas: (string | null)[][];
  guards?: SheetGuards;
}

export interface RecordedWrite {
  readonly sheet: string;
  readonly writes: readonly CellWrite[];
}

/** Zero-based column and one-based row of an A1 address. */
export function parseA1(cell: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) throw new Error(`Not an A1 address: ${cell}`);
  const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { col, row: Number(m[2]) };
}

/**
 * An in-memory WorkbookPort for tests and benchmarks. Sheets are SheetGrids drawn with planToGrid; after every
 * write or simulated user edit the plan's formula results are recomputed from the entries now in the sheet
 * (buildPlan(readScorecard(...).entries)), so totals, subtotals and the verdict cells follow like Excel's.
 * Like the real adapters it does not report its own writes as changes. Every call is counted and every
 * write recorded; failNext() makes the next call of a method reject.
 */
export class MemoryPort implements WorkbookPort {
  private readonly sheets = new Map<string, MemorySheet>();
  private active: string | null = null;
  private readonly changed = new Set<Handler>();
  private readonly activated = new Set<Handler>();
  private readonly failures = new Map<Method, unknown[]>();
  /** Calls per method since the last resetCounts(). */
  readonly calls: Record<Method, number> = {
    sheetNames: 0,
    readGrids: 0,
    render: 0,
    renderGrid: 0,
    appendRows: 0,
    write: 0,
    activeSheet: 0,
    select: 0,
    onChanged: 0,
    onActivated: 0,
  };
  readonly writes: RecordedWrite[] = [];
  readonly selections: { sheet: string; cell: string }[] = [];
  readonly renders: SheetPlan[] = [];
  /** Grid sheets drawn (汇总, 创建名单, 审核结果), with their charts. */
  readonly gridRenders: { plan: GridSheetPlan; chart?: ChartSpec }[] = [];
  /** Rows appended, per call. */
  readonly appends: { sheet: string; rows: GridValue[][] }[] = [];
  /** What render() reports it could not do, e.g. data validation on a host without ExcelApi 1.8. */
  renderReport: RenderReport = { skipped: [] };

  /** Adds a plain (non-scorecard) sheet. */
  addSheet(name: string, values: GridValue[][] = [["x"]], activate = false): this {
    this.sheets.set(name, {
      values: values.map((r) => [...r]),
      formulas: values.map((r) => r.map(() => null)),
    });
    if (activate || this.active === null) this.active = name;
    return this;
  }

  /** Adds a scorecard as if a faithful renderer had drawn it, without events; returns its sheet name. */
  addScorecard(options: PlanOptions, activate = true): string {
    const plan = buildPlan(options);
    this.store(planToGrid(plan));
    if (activate || this.active === null) this.active = plan.sheetName;
    return plan.sheetName;
  }

  /** A user typing into a cell in Excel: the value lands, formulas recompute, and onChanged fires. */
  userEdit(sheet: string, cell: string, value: GridValue): void {
    this.set(sheet, cell, value);
    this.recompute(sheet);
    for (const handler of [...this.changed]) handler(sheet);
  }

  /** A value picked from a validation list in Excel: it lands, but no onChanged fires (office-js#420, #3888). */
  userPickFromList(sheet: string, cell: string, value: GridValue): void {
    this.set(sheet, cell, value);
    this.recompute(sheet);
  }

  /** A user clicking another sheet tab: onActivated fires. */
  userActivate(sheet: string): void {
    this.sheetOf(sheet);
    this.active = sheet;
    for (const handler of [...this.activated]) handler(sheet);
  }

  /** Fires onChanged without changing anything (e.g. a format change), to test debouncing. */
  fireChanged(sheet: string): void {
    for (const handler of [...this.changed]) handler(sheet);
  }

  /** The next call of `method` rejects with `error`. */
  failNext(method: Method, error: unknown): this {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
    return this;
  }

  resetCounts(): void {
    for (const key of Object.keys(this.calls) as Method[]) this.calls[key] = 0;
    this.writes.length = 0;
    this.selections.length = 0;
  }

  /** Total port calls since the last resetCounts(), i.e. host round trips a real adapter would make. */
  get totalCalls(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  cell(sheet: string, cell: string): GridValue {
    const { col, row } = parseA1(cell);
    return this.sheetOf(sheet).values[row - 1]?.[col] ?? null;
  }

  grid(sheet: string): SheetGrid {
    const s = this.sheetOf(sheet);
    return {
      name: sheet,
      values: s.values.map((r) => [...r]),
      formulas: s.formulas.map((r) => [...r]),
      ...(s.guards ? { guards: s.guards } : {}),
    };
  }

  get activeName(): string | null {
    return this.active;
  }

  // WorkbookPort

  async sheetNames(): Promise<string[]> {
    await this.enter("sheetNames");
    return [...this.sheets.keys()];
  }

  async readGrids(sheets?: readonly string[]): Promise<SheetGrid[]> {
    await this.enter("readGrids");
    const names = sheets ?? [...this.sheets.keys()];
    return names.filter((n) => this.sheets.has(n)).map((n) => this.grid(n));
  }

  async render(plan: SheetPlan): Promise<RenderReport> {
    await this.enter("render");
    this.renders.push(plan);
    this.store(planToGrid(plan));
    this.active = plan.sheetName;
    return this.renderReport;
  }

  /** Stores the plan's values (formula cells show their cached result) and formulas; the active sheet stays. */
  async renderGrid(plan: GridSheetPlan, chart?: ChartSpec): Promise<RenderReport> {
    await this.enter("renderGrid");
    this.gridRenders.push({ plan, ...(chart ? { chart } : {}) });
    this.sheets.set(plan.sheetName, {
      values: plan.cells.map((row) => row.map((c) => (c === null ? null : (c.result ?? c.value)))),
      formulas: plan.cells.map((row) => row.map((c) => c?.formula ?? null)),
      guards: { protected: true, validatedAreas: [] },
    });
    if (this.active === null) this.active = plan.sheetName;
    return { skipped: [] };
  }

  async appendRows(
    sheet: string,
    header: readonly string[],
    rows: readonly (readonly GridValue[])[],
  ): Promise<void> {
    await this.enter("appendRows");
    if (!this.sheets.has(sheet))
      this.sheets.set(sheet, { values: [[...header]], formulas: [header.map(() => null)] });
    const s = this.sheetOf(sheet);
    this.appends.push({ sheet, rows: rows.map((r) => [...r]) });
    for (const row of rows) {
      s.values.push([...row]);
      s.formulas.push(row.map(() => null));
    }
  }

  async write(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    await this.enter("write");
    this.sheetOf(sheet);
    this.writes.push({ sheet, writes: writes.map((w) => ({ ...w })) });
    for (const w of writes) this.set(sheet, w.cell, w.value);
    this.recompute(sheet);
  }

  async activeSheet(): Promise<string | null> {
    await this.enter("activeSheet");
    return this.active;
  }

  async select(sheet: string, cell: string): Promise<void> {
    await this.enter("select");
    this.sheetOf(sheet);
    this.selections.push({ sheet, cell });
    this.active = sheet;
  }

  async onChanged(handler: Handler): Promise<Unsubscribe> {
    await this.enter("onChanged");
    this.changed.add(handler);
    return () => this.changed.delete(handler);
  }

  async onActivated(handler: Handler): Promise<Unsubscribe> {
    await this.enter("onActivated");
    this.activated.add(handler);
    return () => this.activated.delete(handler);
  }

  /** Handlers currently subscribed, to check that the pane unsubscribes. */
  get subscriptions(): number {
    return this.changed.size + this.activated.size;
  }

  private async enter(method: Method): Promise<void> {
    this.calls[method]++;
    const queued = this.failures.get(method);
    if (queued && queued.length > 0) throw queued.shift();
  }

  private store(grid: SheetGrid): void {
    this.sheets.set(grid.name, {
      values: Array.from(grid.values, (r) => Array.from(r ?? [], (v) => v ?? null)),
      formulas: Array.from(grid.formulas, (r) => Array.from(r ?? [], (f) => f ?? null)),
      guards: grid.guards,
    });
  }

  private sheetOf(name: string): MemorySheet {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`No sheet named "${name}"`);
    return sheet;
  }

  private set(sheet: string, cell: string, value: GridValue): void {
    const s = this.sheetOf(sheet);
    const { col, row } = parseA1(cell);
    while (s.values.length < row) s.values.push([]);
    while (s.formulas.length < row) s.formulas.push([]);
    s.values[row - 1][col] = value;
    s.formulas[row - 1][col] = null;
  }

  /** Formula cells take the results the plan computes from the entries now in the sheet. */
  private recompute(sheet: string): void {
    const grid = this.grid(sheet);
    if (!isScorecard(grid)) return;
    const read = readScorecard(grid);
    const plan = buildPlan({
      rubric: read.rubric,
      station: read.meta.station,
      year: read.meta.year,
      entries: read.entries,
      state: read.meta.state,
    });
    const s = this.sheetOf(sheet);
    plan.cells.forEach((row, r) =>
      row.forEach((c, col) => {
        if (c.formula !== undefined && s.formulas[r]?.[col]) s.values[r][col] = c.result ?? null;
      }),
    );
  }
}
