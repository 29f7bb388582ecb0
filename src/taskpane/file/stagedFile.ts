import type { SheetGrid } from "../../sheet";
import type { CellWrite, Unsubscribe, WorkbookPort } from "../../workbook";
import type { XlsxDocument } from "./xlsxLoader";

/** The model's side of a staged file: what the ExcelJS port gives (XlsxPort, a test's fake). */
export type ModelPort = WorkbookPort & Pick<XlsxDocument, "toBuffer" | "simplified">;

/** A file read and checked, its model still to build (src/xlsx's StagedXlsx). */
export interface Staged {
  readonly grids: readonly SheetGrid[];
  readonly active: string | null;
  port(): Promise<ModelPort>;
}

/**
 * When the model is built unasked: a while after the file is shown, in the browser's idle time (ms). Building
 * it holds the page up (ExcelJS reads the whole file at once: 0.5 s for one scorecard, 1.5 s for 17 on a slow
 * PC), so not while the clerk starts looking and clicking; an edit shows at once anyway (the pane lays it over
 * the reading) and waits for the model only to be written.
 */
const START_AFTER_MS = 5000;
const IDLE_WAIT_MS = 2000;

type Handler = (sheet: string) => void;

/**
 * An opened file shown from its streamed reading while ExcelJS builds the model, the slow half of opening
 * (issue 22 §7: a one-scorecard file's total in less than a bare ExcelJS load). Reads are answered from the
 * reading until the model is there (they agree: see test/xlsx.stage.test.ts); anything else waits for the model,
 * which is built when something first needs it, or unasked a while later (START_AFTER_MS). A selection made
 * meanwhile is kept and given to the model.
 */
export class StagedFile implements XlsxDocument {
  private model: ModelPort | null = null;
  private building: Promise<ModelPort> | null = null;
  private grids: ReadonlyMap<string, SheetGrid> | null;
  private readonly names: readonly string[];
  private active: string | null;
  private selection: { readonly sheet: string; readonly cell: string } | null = null;
  /** Handlers subscribed before the model: each is given to it when it is built, and its unsubscribe kept. */
  private readonly changed = new Map<Handler, Unsubscribe | null>();
  private readonly activated = new Map<Handler, Unsubscribe | null>();
  /** Settles when the model is built: rejects with why it could not be (the file is then not usable). */
  readonly ready: Promise<void>;
  private settle: { resolve: () => void; reject: (error: unknown) => void } = {
    resolve: () => undefined,
    reject: () => undefined,
  };

  constructor(private readonly staged: Staged) {
    this.grids = new Map(staged.grids.map((g) => [g.name, g]));
    this.names = staged.grids.map((g) => g.name);
    this.active = staged.active;
    this.ready = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    const start = (): void => void this.port().catch(() => undefined);
    setTimeout(() => {
      if (typeof requestIdleCallback === "function") requestIdleCallback(start, { timeout: IDLE_WAIT_MS });
      else start();
    }, START_AFTER_MS);
    // The pane learns of a failure through `ready`; a read or write waiting meanwhile gets it too.
    this.ready.catch(() => undefined);
  }

  get simplified(): boolean {
    return this.model?.simplified ?? false;
  }

  /** The model's port, built on first need. */
  private port(): Promise<ModelPort> {
    if (this.building) return this.building;
    this.building = this.staged.port().then(async (model) => {
      for (const handler of this.changed.keys()) this.changed.set(handler, await model.onChanged(handler));
      for (const handler of this.activated.keys())
        this.activated.set(handler, await model.onActivated(handler));
      if (this.selection) await model.select(this.selection.sheet, this.selection.cell);
      this.model = model;
      // The reading is the model's now: let it go.
      this.grids = null;
      return model;
    });
    this.building.then(this.settle.resolve, this.settle.reject);
    return this.building;
  }

  async sheetNames(): Promise<string[]> {
    return this.model ? this.model.sheetNames() : [...this.names];
  }

  async activeSheet(): Promise<string | null> {
    return this.model ? this.model.activeSheet() : this.active;
  }

  async readGrids(sheets?: readonly string[]): Promise<SheetGrid[]> {
    const grids = this.grids;
    if (this.model || !grids) return (await this.port()).readGrids(sheets);
    return (sheets ?? this.names).map((name) => {
      const grid = grids.get(name);
      // As the port: a sheet that is not there is an error, not a blank.
      if (!grid) throw new Error(`工作表“${name}”不存在 / No sheet named "${name}"`);
      return grid;
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    if (this.model) return this.model.select(sheet, cell);
    if (!this.grids?.has(sheet)) return (await this.port()).select(sheet, cell);
    this.selection = { sheet, cell };
    if (this.active !== sheet) {
      this.active = sheet;
      for (const handler of this.activated.keys()) handler(sheet);
    }
  }

  async onChanged(handler: Handler): Promise<Unsubscribe> {
    return this.subscribe(this.changed, handler, (model) => model.onChanged(handler));
  }

  async onActivated(handler: Handler): Promise<Unsubscribe> {
    return this.subscribe(this.activated, handler, (model) => model.onActivated(handler));
  }

  private async subscribe(
    handlers: Map<Handler, Unsubscribe | null>,
    handler: Handler,
    toModel: (model: ModelPort) => Promise<Unsubscribe>,
  ): Promise<Unsubscribe> {
    if (this.model) return toModel(this.model);
    handlers.set(handler, null);
    return () => {
      handlers.get(handler)?.();
      handlers.delete(handler);
    };
  }

  async write(sheet: string, writes: readonly CellWrite[]): Promise<void> {
    return (await this.port()).write(sheet, writes);
  }

  async render(...args: Parameters<WorkbookPort["render"]>): ReturnType<WorkbookPort["render"]> {
    return (await this.port()).render(...args);
  }

  async renderGrid(...args: Parameters<WorkbookPort["renderGrid"]>): ReturnType<WorkbookPort["renderGrid"]> {
    return (await this.port()).renderGrid(...args);
  }

  async appendRows(...args: Parameters<WorkbookPort["appendRows"]>): Promise<void> {
    return (await this.port()).appendRows(...args);
  }

  async toBuffer(): Promise<Uint8Array | ArrayBuffer> {
    return (await this.port()).toBuffer();
  }
}
