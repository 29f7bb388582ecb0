/**
 * `FakeEt`: a strict in-memory WPS 表格 (ET) as a WPS 加载项 page sees it in `window.Application` / `window.wps`,
 * for src/wps. Each rule names the documentation it follows. The WPS 加载项 JSAPI docs (open.wps.cn, "WPS 加载项
 * 开发" › 表格 API) mirror the Excel VBA object model, so where they only name a member its behaviour is the VBA
 * page's ("Range.Value2", "Range.SpecialCells", "FormatConditions.Add", "Worksheet.Protect" on
 * learn.microsoft.com/office/vba/api/excel.*); npm `wps-jsapi` (lib.et.d.ts) lists the members.
 *
 * - Every property read, property write and method call is one synchronous call into the WPS process (the docs'
 *   performance page: about 2 s for 10,000 single-cell writes); `calls` counts them.
 * - Methods must be called with (): a method used as a value (`range.Address` without ()) is recorded in
 *   `violations`. Collections are 1-based and reached with `.Item(i)`; Item(0) or past Count throws.
 * - A misspelled property is silently ignored by WPS (a JavaScript property set on the host object): the fake
 *   records every write of a member it does not know in `unknownWrites` (and reads in `unknownReads`), and tests
 *   fail on any.
 * - `Value2` / `Formula` of a multi-cell range take and give 2-D arrays of the range's exact shape; a single cell's
 *   is its value (docs: "单个单元格的值不是数组对象而是具体的值"). An empty cell reads undefined.
 * - Events come through `ApiEvent.AddApiEventListener(name, callback)` ("SheetChange" with the sheet and range,
 *   "SheetActivate", "SheetSelectionChange"), after the call that caused them, and for the add-in's own writes
 *   too (as VBA's Worksheet_Change fires for macro writes).
 * - Protection: locked cells of a protected sheet refuse values and formats; column widths and row heights only
 *   when AllowFormattingColumns / AllowFormattingRows; Unprotect with a wrong password throws.
 * It runs in Node (jest) and, bundled, in Chromium (test/wps.browser.test.ts installs it as `window.wps`).
 */
import { coerceTyped } from "./excelInput";

export interface Rect {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const MAX_ROW_HEIGHT = 409;

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

/** "C3", "C3:K9", "A:K", "4:10" → zero-based rectangle; anything else throws, as Range("…") does. */
export function parseA1(address: string): Rect {
  const part = (ref: string): { row?: number; col?: number } => {
    const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(ref);
    if (!m || (m[1] === "" && m[2] === ""))
      throw new Error(`Range("${address}"): 无效的引用 / invalid reference`);
    return { col: m[1] ? colIndex(m[1]) : undefined, row: m[2] ? Number(m[2]) - 1 : undefined };
  };
  const [x, y = x] = address.split(":");
  const a = part(x);
  const b = part(y);
  const r1 = a.row ?? 0;
  const r2 = b.row ?? MAX_ROWS - 1;
  const c1 = a.col ?? 0;
  const c2 = b.col ?? MAX_COLS - 1;
  return { r1: Math.min(r1, r2), r2: Math.max(r1, r2), c1: Math.min(c1, c2), c2: Math.max(c1, c2) };
}

export const a1 = (row: number, col: number): string => `${colName(col)}${row + 1}`;
const rectA1 = (r: Rect, absolute = false): string => {
  const ref = (row: number, col: number): string =>
    absolute ? `$${colName(col)}$${row + 1}` : `${colName(col)}${row + 1}`;
  return r.r1 === r.r2 && r.c1 === r.c2 ? ref(r.r1, r.c1) : `${ref(r.r1, r.c1)}:${ref(r.r2, r.c2)}`;
};
const intersects = (a: Rect, b: Rect): boolean =>
  a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
const contains = (r: Rect, row: number, col: number): boolean =>
  row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2;
const cellsIn = (r: Rect): [number, number][] => {
  const out: [number, number][] = [];
  for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) out.push([row, col]);
  return out;
};

export interface EtCell {
  /** "" when empty. */
  value: string | number | boolean;
  /** Without '='. */
  formula?: string;
  numberFormat: string;
  locked: boolean;
  /** Other formats by name, e.g. "Font.Bold", "Interior.Color", "Borders.LineStyle". */
  format: Record<string, unknown>;
  validation?: number;
}

export interface EtValidationModel {
  readonly id: number;
  readonly rect: Rect;
  readonly type: number;
  readonly alertStyle: number;
  readonly operator: number;
  readonly formula1: string;
  readonly formula2?: string;
  readonly props: Record<string, unknown>;
}

export interface EtConditionModel {
  readonly rect: Rect;
  readonly type: number;
  readonly operator?: number;
  readonly formula1?: string;
  readonly formula2?: string;
  readonly format: Record<string, unknown>;
}

export class EtSheetModel {
  readonly cells = new Map<number, EtCell>();
  readonly merges: Rect[] = [];
  readonly validations = new Map<number, EtValidationModel>();
  /** Index 0 is the top priority. */
  readonly conditions: EtConditionModel[] = [];
  readonly protection = { protected: false, password: "", allowColumns: false, allowRows: false };
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly rowHeights = new Map<number, number>();
  readonly page: Record<string, unknown> = {};
  readonly links: { row: number; col: number; address: string }[] = [];
  frozenRows = 0;
  constructor(public name: string) {}

  static key = (row: number, col: number): number => row * MAX_COLS + col;
  cell(row: number, col: number): EtCell {
    const key = EtSheetModel.key(row, col);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: "", numberFormat: "General", locked: true, format: {} };
      this.cells.set(key, cell);
    }
    return cell;
  }
  peek(row: number, col: number): EtCell | undefined {
    return this.cells.get(EtSheetModel.key(row, col));
  }
  *each(rect: Rect): Generator<[number, number, EtCell]> {
    for (const [key, cell] of this.cells) {
      const row = Math.floor(key / MAX_COLS);
      const col = key % MAX_COLS;
      if (contains(rect, row, col)) yield [row, col, cell];
    }
  }
  /** Excel's used range: every cell with a value, a formula or a format. */
  usedRect(): Rect | null {
    let r: Rect | null = null;
    for (const [key, cell] of this.cells) {
      const used =
        cell.value !== "" ||
        cell.formula !== undefined ||
        cell.numberFormat !== "General" ||
        !cell.locked ||
        Object.keys(cell.format).length > 0;
      if (!used) continue;
      const row = Math.floor(key / MAX_COLS);
      const col = key % MAX_COLS;
      r = r
        ? {
            r1: Math.min(r.r1, row),
            c1: Math.min(r.c1, col),
            r2: Math.max(r.r2, row),
            c2: Math.max(r.c2, col),
          }
        : { r1: row, c1: col, r2: row, c2: col };
    }
    return r;
  }
  /** Test helpers: a cell's value (null when empty) and formula (without '='). */
  value(address: string): string | number | boolean | null {
    const { r1, c1 } = parseA1(address);
    const v = this.peek(r1, c1)?.value ?? "";
    return v === "" ? null : v;
  }
  formula(address: string): string | null {
    const { r1, c1 } = parseA1(address);
    return this.peek(r1, c1)?.formula ?? null;
  }
}

type Member = {
  readonly get?: () => unknown;
  readonly set?: (value: unknown) => void;
  readonly call?: (...args: never[]) => unknown;
};

export interface FakeEtOptions {
  /** The value a formula shows; 0 by default. */
  readonly calculate?: (formula: string) => string | number | boolean;
}

type Listener = (...args: unknown[]) => void;

/** The in-memory WPS: workbook, call counter, strictness records, events. */
export class FakeEt {
  /** Calls into WPS so far. */
  calls = 0;
  readonly unknownWrites: string[] = [];
  readonly unknownReads: string[] = [];
  readonly violations: string[] = [];
  readonly sheets: EtSheetModel[] = [];
  active: EtSheetModel | null = null;
  selection: { sheet: string; address: string } | null = null;
  readonly listeners = new Map<string, Listener[]>();
  /** Every event raised, own and user's, with the sheet's name. */
  readonly raised: { event: string; sheet: string }[] = [];
  readonly application: unknown;
  readonly apiEvent: unknown;
  private nextId = 1;
  private readonly models = new WeakMap<object, EtSheetModel>();
  private readonly calculate: (formula: string) => string | number | boolean;
  private pendingEvents = 0;

  constructor(options: FakeEtOptions = {}) {
    this.calculate = options.calculate ?? (() => 0);
    const fake = this;
    this.apiEvent = this.object("ApiEvent", {
      AddApiEventListener: {
        call: (name: string, callback: Listener) => {
          if (typeof callback !== "function")
            throw new Error("AddApiEventListener: callback is not a function");
          fake.listeners.set(name, [...(fake.listeners.get(name) ?? []), callback]);
        },
      },
      RemoveApiEventListener: {
        call: (name: string, callback?: Listener) => {
          const list = fake.listeners.get(name) ?? [];
          fake.listeners.set(name, callback === undefined ? [] : list.filter((l) => l !== callback));
        },
      },
    });
    const workbook = this.object("Workbook", { Worksheets: { get: () => this.sheetsObject() } });
    const window = this.object("Window", {
      SplitRow: { set: (v) => (this.split.row = Number(v)), get: () => this.split.row },
      SplitColumn: { set: (v) => (this.split.col = Number(v)), get: () => this.split.col },
      FreezePanes: {
        get: () => (this.active?.frozenRows ?? 0) > 0,
        set: (v) => {
          const sheet = this.mustActive();
          sheet.frozenRows = v === true ? this.split.row : 0;
        },
      },
    });
    this.application = this.object("Application", {
      ActiveWorkbook: { get: () => workbook },
      ActiveSheet: { get: () => this.sheetObject(this.mustActive()) },
      ActiveWindow: { get: () => window },
      ApiEvent: { get: () => this.apiEvent },
    });
  }

  private readonly split = { row: 0, col: 0 };

  /** Installs the fake as a WPS 加载项 page sees WPS: `window.wps` and `window.Application`. */
  install(win: Record<string, unknown>): void {
    win.wps = { EtApplication: () => this.application, ApiEvent: this.apiEvent };
    win.Application = this.application;
  }

  // ----- strict host objects

  private object(kind: string, members: Record<string, Member>): object {
    const fake = this;
    return new Proxy(
      {},
      {
        get(_, prop) {
          // Probes by JavaScript itself (await, JSON, console) are not calls into WPS.
          if (typeof prop === "symbol" || prop === "then" || prop === "toJSON") return undefined;
          const member = members[prop];
          if (!member) {
            fake.unknownReads.push(`${kind}.${prop}`);
            return undefined;
          }
          if (member.call) {
            const call = member.call as (...args: unknown[]) => unknown;
            const method = (...args: unknown[]): unknown => {
              fake.calls++;
              return call(...args);
            };
            const misuse = (): string => {
              fake.violations.push(`${kind}.${prop} used without ()`);
              return `[${kind}.${prop}]`;
            };
            Object.defineProperty(method, Symbol.toPrimitive, { value: misuse });
            Object.defineProperty(method, "toString", { value: misuse });
            return method;
          }
          if (!member.get) {
            fake.violations.push(`${kind}.${prop} read but not readable`);
            return undefined;
          }
          fake.calls++;
          return member.get();
        },
        set(_, prop, value) {
          if (typeof prop === "symbol") return false;
          const member = members[prop];
          if (member?.set) {
            fake.calls++;
            member.set(value);
          } else if (member) fake.violations.push(`${kind}.${prop} assigned but not writable`);
          // WPS ignores a property it does not know: recorded, never applied.
          else fake.unknownWrites.push(`${kind}.${prop}`);
          return true;
        },
      },
    );
  }

  private sheetsObject(): object {
    return this.object("Sheets", {
      Count: { get: () => this.sheets.length },
      Item: {
        call: (index: number | string) => {
          if (typeof index === "string") {
            const sheet = this.sheets.find((s) => s.name.toLowerCase() === index.toLowerCase());
            if (!sheet) throw new Error(`Worksheets.Item("${index}"): 下标越界 / subscript out of range`);
            return this.sheetObject(sheet);
          }
          // Collections are 1-based.
          if (!Number.isInteger(index) || index < 1 || index > this.sheets.length)
            throw new Error(`Worksheets.Item(${String(index)}): 下标越界 / subscript out of range`);
          return this.sheetObject(this.sheets[index - 1]);
        },
      },
      Add: {
        call: (before?: object, after?: object) => {
          const anchor = (after && this.models.get(after)) ?? (before && this.models.get(before)) ?? null;
          let n = this.sheets.length + 1;
          while (this.find(`Sheet${n}`)) n++;
          const sheet = new EtSheetModel(`Sheet${n}`);
          const at = anchor ? this.sheets.indexOf(anchor) + (after ? 1 : 0) : this.sheets.length;
          this.sheets.splice(at, 0, sheet);
          // A new sheet becomes the active one.
          this.active = sheet;
          return this.sheetObject(sheet);
        },
      },
    });
  }

  private sheetObject(sheet: EtSheetModel): object {
    const fake = this;
    const object = this.object("Worksheet", {
      Name: {
        get: () => sheet.name,
        set: (v) => {
          const name = String(v);
          if (this.sheets.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase()))
            throw new Error(`工作表名称“${name}”已存在 / a sheet named ${name} exists`);
          if (name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new Error(`Invalid sheet name ${name}`);
          sheet.name = name;
        },
      },
      Range: { call: (address: string) => this.rangeObject(sheet, [parseA1(String(address))]) },
      UsedRange: { get: () => this.rangeObject(sheet, [sheet.usedRect() ?? parseA1("A1")]) },
      ProtectContents: { get: () => sheet.protection.protected },
      PageSetup: {
        get: () =>
          this.object(
            "PageSetup",
            Object.fromEntries(
              [
                "PaperSize",
                "Orientation",
                "PrintArea",
                "PrintTitleRows",
                "Zoom",
                "FitToPagesWide",
                "FitToPagesTall",
                "CenterFooter",
              ].map((key) => [
                key,
                { set: (v: unknown) => (sheet.page[key] = v), get: () => sheet.page[key] },
              ]),
            ),
          ),
      },
      Hyperlinks: {
        get: () =>
          this.object("Hyperlinks", {
            Count: { get: () => sheet.links.length },
            Item: {
              call: (index: number) => {
                const link = sheet.links[index - 1];
                if (!link) throw new Error(`Hyperlinks.Item(${index}): 下标越界 / subscript out of range`);
                return this.object("Hyperlink", {
                  Address: { get: () => link.address },
                  Range: { get: () => this.rangeObject(sheet, [parseA1(a1(link.row, link.col))]) },
                });
              },
            },
            Add: {
              call: (anchor: object, address: string, _sub?: string, _tip?: string, text?: string) => {
                const target = this.rangeOf(anchor);
                fake.checkFormat(sheet, target.rects[0], "Hyperlinks.Add");
                const { r1, c1 } = target.rects[0];
                const at = sheet.links.findIndex((l) => l.row === r1 && l.col === c1);
                if (at >= 0) sheet.links.splice(at, 1);
                sheet.links.push({ row: r1, col: c1, address: String(address) });
                if (text !== undefined && text !== "") {
                  const cell = sheet.cell(r1, c1);
                  cell.value = String(text);
                  delete cell.formula;
                }
                return this.object("Hyperlink", { Address: { get: () => String(address) } });
              },
            },
          }),
      },
      Activate: {
        call: () => {
          if (this.active !== sheet) this.raise("SheetActivate", sheet);
          this.active = sheet;
        },
      },
      Protect: {
        // Positional, as the docs list them: Password, DrawingObjects, Contents, Scenarios, UserInterfaceOnly,
        // AllowFormattingCells, AllowFormattingColumns, AllowFormattingRows, …
        call: (
          password?: string,
          _d?: boolean,
          contents?: boolean,
          _s?: boolean,
          _ui?: boolean,
          _cells?: boolean,
          columns?: boolean,
          rows?: boolean,
        ) => {
          if (contents === false) throw new Error("fake: Protect without Contents is not modelled");
          Object.assign(sheet.protection, {
            protected: true,
            password: password ?? "",
            allowColumns: columns === true,
            allowRows: rows === true,
          });
        },
      },
      Unprotect: {
        call: (password?: string) => {
          const p = sheet.protection;
          if (p.protected && p.password !== (password ?? ""))
            throw new Error("密码不正确 / The password you supplied is not correct");
          p.protected = false;
        },
      },
    });
    this.models.set(object, sheet);
    return object;
  }

  private readonly ranges = new WeakMap<object, { sheet: EtSheetModel; rects: Rect[] }>();

  private rangeOf(range: object): { sheet: EtSheetModel; rects: Rect[] } {
    const found = this.ranges.get(range);
    if (!found) throw new Error("fake: not a Range of this workbook");
    return found;
  }

  /** Locked cells of a protected sheet refuse values (Worksheet.Protect, Contents). */
  private checkValues(sheet: EtSheetModel, rect: Rect, what: string): void {
    if (!sheet.protection.protected) return;
    for (const [row, col] of cellsIn(rect))
      if (sheet.peek(row, col)?.locked ?? true)
        throw new Error(`${what}: 试图更改受保护的单元格 / the cell is protected`);
  }

  /** Formats are refused on a protected sheet, except widths and heights where the protection allows them. */
  checkFormat(sheet: EtSheetModel, _rect: Rect, what: string, allow?: "columns" | "rows"): void {
    const p = sheet.protection;
    if (!p.protected) return;
    if ((allow === "columns" && p.allowColumns) || (allow === "rows" && p.allowRows)) return;
    throw new Error(`${what}: 工作表受保护 / the sheet is protected`);
  }

  private input(cell: EtCell, input: unknown, where: string): void {
    if (input === null || input === undefined || input === "") {
      cell.value = "";
      delete cell.formula;
      return;
    }
    if (typeof input === "number" || typeof input === "boolean") {
      cell.value = input;
      delete cell.formula;
      return;
    }
    if (typeof input !== "string") throw new Error(`${where}: 不支持的值 ${String(input)}`);
    delete cell.formula;
    // The quote prefix: text in any format, not shown.
    if (input.startsWith("'")) {
      cell.value = input.slice(1);
      return;
    }
    if (cell.numberFormat === "@") {
      cell.value = input;
      return;
    }
    if (input.startsWith("=") && input.length > 1) {
      cell.formula = input.slice(1);
      cell.value = this.calculate(cell.formula);
      return;
    }
    const typed = coerceTyped(input);
    cell.value = typed.value;
    if (typed.kind === "number" && typed.numberFormat) cell.numberFormat = typed.numberFormat;
  }

  private rangeObject(sheet: EtSheetModel, rects: Rect[]): object {
    const fake = this;
    const one = (what: string): Rect => {
      if (rects.length !== 1) throw new Error(`fake: ${what} of a multi-area range is not modelled`);
      return rects[0];
    };
    const grid = <T>(f: (cell: EtCell | undefined) => T): T | T[][] => {
      const rect = one("reading");
      if (rect.r1 === rect.r2 && rect.c1 === rect.c2) return f(sheet.peek(rect.r1, rect.c1));
      if ((rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1) > 2_000_000)
        throw new Error("fake: reading a range this large is not modelled");
      const out: T[][] = [];
      for (let r = rect.r1; r <= rect.r2; r++) {
        const row: T[] = [];
        for (let c = rect.c1; c <= rect.c2; c++) row.push(f(sheet.peek(r, c)));
        out.push(row);
      }
      return out;
    };
    const uniform = <T>(f: (cell: EtCell | undefined) => T): T | null => {
      const seen = new Set<T>();
      const rect = one("reading");
      for (const [row, col] of cellsIn(rect)) seen.add(f(sheet.peek(row, col)));
      return seen.size === 1 ? [...seen][0] : null;
    };
    const write = (what: string, value: unknown): void => {
      const rect = one(what);
      const rows = rect.r2 - rect.r1 + 1;
      const cols = rect.c2 - rect.c1 + 1;
      let input: unknown[][];
      if (Array.isArray(value)) {
        if (value.length !== rows || value.some((row) => !Array.isArray(row) || row.length !== cols)) {
          fake.violations.push(`${what}: a ${rows}×${cols} range was given an array of another shape`);
          throw new Error(`${what}: 数组大小与区域不符 / array does not fit the range`);
        }
        input = value as unknown[][];
      } else if (rows === 1 && cols === 1) input = [[value]];
      else {
        fake.violations.push(`${what}: a ${rows}×${cols} range was given a single value`);
        input = Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
      }
      fake.checkValues(sheet, rect, what);
      for (const merge of sheet.merges)
        if (intersects(merge, rect))
          for (const [row, col] of cellsIn(merge)) {
            const v = contains(rect, row, col) ? input[row - rect.r1][col - rect.c1] : "";
            if ((row !== merge.r1 || col !== merge.c1) && v !== "" && v !== null && v !== undefined)
              throw new Error(`${what}: 不能更改合并单元格的一部分 / cannot change part of a merged cell`);
          }
      input.forEach((row, r) =>
        row.forEach((v, c) => fake.input(sheet.cell(rect.r1 + r, rect.c1 + c), v, what)),
      );
      fake.raise("SheetChange", sheet, rect);
    };
    /** Applies a format to every cell; a clearing one (`existingOnly`) only to cells that hold anything. */
    const format = (what: string, apply: (cell: EtCell) => void, existingOnly = false): void => {
      for (const rect of rects) {
        fake.checkFormat(sheet, rect, what);
        if (existingOnly) {
          for (const [, , cell] of sheet.each(rect)) apply(cell);
          continue;
        }
        if ((rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1) > 200_000)
          throw new Error(`fake: formatting ${rectA1(rect)} cell by cell is not modelled`);
        for (const [row, col] of cellsIn(rect)) apply(sheet.cell(row, col));
      }
    };
    const formatPart = (kind: string, keys: readonly string[]): object =>
      this.object(
        kind,
        Object.fromEntries(
          keys.map((key) => [
            key,
            {
              set: (v: unknown) => format(`${kind}.${key}`, (cell) => (cell.format[`${kind}.${key}`] = v)),
              get: () => uniform((cell) => cell?.format[`${kind}.${key}`]),
            },
          ]),
        ),
      );
    const plain = (key: string): Member => ({
      set: (v) => format(key, (cell) => (cell.format[key] = v)),
      get: () => uniform((cell) => cell?.format[key]),
    });
    const validation = this.object("Validation", {
      Add: {
        call: (type: number, alertStyle: number, operator: number, formula1: string, formula2?: string) => {
          const rect = one("Validation.Add");
          fake.checkFormat(sheet, rect, "Validation.Add");
          // Excel's Validation.Add fails where validation is already set: Delete it first.
          for (const [row, col] of cellsIn(rect))
            if (sheet.peek(row, col)?.validation !== undefined)
              throw new Error("Validation.Add: 区域已有数据有效性 / the range already has validation");
          const record: EtValidationModel = {
            id: fake.nextId++,
            rect,
            type,
            alertStyle,
            operator,
            formula1: String(formula1),
            ...(formula2 === undefined ? {} : { formula2: String(formula2) }),
            props: {},
          };
          sheet.validations.set(record.id, record);
          for (const [row, col] of cellsIn(rect)) sheet.cell(row, col).validation = record.id;
        },
      },
      Delete: {
        call: () => {
          for (const rect of rects) {
            fake.checkFormat(sheet, rect, "Validation.Delete");
            for (const [, , cell] of sheet.each(rect)) delete cell.validation;
          }
        },
      },
      ...Object.fromEntries(
        [
          "IgnoreBlank",
          "InputTitle",
          "InputMessage",
          "ErrorTitle",
          "ErrorMessage",
          "ShowInput",
          "ShowError",
        ].map((key) => [
          key,
          {
            set: (v: unknown) => {
              const id = sheet.peek(one(key).r1, one(key).c1)?.validation;
              const record = id === undefined ? undefined : sheet.validations.get(id);
              if (!record) throw new Error(`Validation.${key}: 区域没有数据有效性 / no validation here`);
              record.props[key] = v;
            },
          },
        ]),
      ),
    });
    const conditions = this.object("FormatConditions", {
      Add: {
        call: (type: number, operator?: number, formula1?: string, formula2?: string) => {
          const rect = one("FormatConditions.Add");
          fake.checkFormat(sheet, rect, "FormatConditions.Add");
          if (type === 2 && operator !== undefined)
            throw new Error("FormatConditions.Add: xlExpression takes no operator");
          const model: EtConditionModel = { rect, type, operator, formula1, formula2, format: {} };
          // Where a new condition goes is not documented for WPS; the fake puts it on top (as Excel's dialog
          // does), so only SetLastPriority keeps the adapter's order.
          sheet.conditions.unshift(model);
          const part = (kind: string, keys: string[]): object =>
            this.object(
              kind,
              Object.fromEntries(
                keys.map((key) => [key, { set: (v: unknown) => (model.format[`${kind}.${key}`] = v) }]),
              ),
            );
          return this.object("FormatCondition", {
            Interior: { get: () => part("Interior", ["Color"]) },
            Font: { get: () => part("Font", ["Color", "Bold"]) },
            SetLastPriority: {
              call: () => {
                sheet.conditions.splice(sheet.conditions.indexOf(model), 1);
                sheet.conditions.push(model);
              },
            },
          });
        },
      },
      Delete: {
        call: () => {
          for (const rect of rects) fake.checkFormat(sheet, rect, "FormatConditions.Delete");
          const keep = sheet.conditions.filter((c) => !rects.some((rect) => intersects(c.rect, rect)));
          sheet.conditions.splice(0, sheet.conditions.length, ...keep);
        },
      },
    });
    const object = this.object("Range", {
      Value2: {
        get: () => grid((cell) => (cell === undefined || cell.value === "" ? undefined : cell.value)),
        set: (v) => write("Range.Value2", v),
      },
      Formula: {
        get: () =>
          grid((cell) =>
            cell?.formula !== undefined ? `=${cell.formula}` : cell === undefined ? "" : String(cell.value),
          ),
        set: (v) => write("Range.Formula", v),
      },
      NumberFormat: {
        get: () => uniform((cell) => cell?.numberFormat ?? "General"),
        set: (v) => {
          if (typeof v !== "string") {
            fake.violations.push("Range.NumberFormat takes one format for the whole range");
            throw new Error("Range.NumberFormat: 类型不匹配 / type mismatch");
          }
          format("Range.NumberFormat", (cell) => (cell.numberFormat = v));
        },
      },
      Address: {
        call: (rowAbsolute = true, columnAbsolute = true) =>
          rects.map((r) => rectA1(r, rowAbsolute !== false && columnAbsolute !== false)).join(","),
      },
      Row: { get: () => rects[0].r1 + 1 },
      Column: { get: () => rects[0].c1 + 1 },
      Rows: { get: () => this.countObject(one("Rows").r2 - one("Rows").r1 + 1) },
      Columns: { get: () => this.countObject(one("Columns").c2 - one("Columns").c1 + 1) },
      Count: { get: () => rects.reduce((n, r) => n + (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1), 0) },
      EntireColumn: {
        get: () =>
          this.rangeObject(
            sheet,
            rects.map((r) => ({ r1: 0, r2: MAX_ROWS - 1, c1: r.c1, c2: r.c2 })),
          ),
      },
      Locked: {
        get: () => uniform((cell) => cell?.locked ?? true),
        set: (v) => format("Range.Locked", (cell) => (cell.locked = v === true)),
      },
      Hidden: {
        set: (v) => {
          for (const rect of rects) {
            if (rect.r1 !== 0 || rect.r2 !== MAX_ROWS - 1)
              throw new Error("Range.Hidden: 只能隐藏整列或整行 / whole columns only");
            fake.checkFormat(sheet, rect, "Range.Hidden", "columns");
            for (let c = rect.c1; c <= rect.c2; c++) if (v === true) sheet.hiddenColumns.add(c);
          }
        },
      },
      Font: { get: () => formatPart("Font", ["Bold", "Size", "Color"]) },
      Interior: { get: () => formatPart("Interior", ["Color"]) },
      Borders: { get: () => formatPart("Borders", ["LineStyle", "Weight"]) },
      HorizontalAlignment: plain("HorizontalAlignment"),
      VerticalAlignment: plain("VerticalAlignment"),
      WrapText: plain("WrapText"),
      ColumnWidth: {
        set: (v) => {
          for (const rect of rects) {
            fake.checkFormat(sheet, rect, "Range.ColumnWidth", "columns");
            for (let c = rect.c1; c <= rect.c2; c++) sheet.columnWidths.set(c, Number(v));
          }
        },
      },
      RowHeight: {
        set: (v) => {
          // "Excel specifications and limits": row height 409 points.
          if (Number(v) < 0 || Number(v) > MAX_ROW_HEIGHT)
            throw new Error(`Range.RowHeight: ${String(v)} 超出范围`);
          for (const rect of rects) {
            fake.checkFormat(sheet, rect, "Range.RowHeight", "rows");
            for (let r = rect.r1; r <= rect.r2; r++) sheet.rowHeights.set(r, Number(v));
          }
        },
      },
      Validation: { get: () => validation },
      FormatConditions: { get: () => conditions },
      Merge: {
        call: () => {
          const rect = one("Merge");
          fake.checkFormat(sheet, rect, "Range.Merge");
          if (sheet.merges.some((m) => intersects(m, rect)))
            throw new Error("Range.Merge: 与已合并的单元格重叠");
          sheet.merges.push(rect);
        },
      },
      UnMerge: {
        call: () => {
          for (const rect of rects) fake.checkFormat(sheet, rect, "Range.UnMerge");
          const keep = sheet.merges.filter((m) => !rects.some((rect) => intersects(m, rect)));
          sheet.merges.splice(0, sheet.merges.length, ...keep);
        },
      },
      Clear: {
        call: () => {
          for (const rect of rects) {
            fake.checkValues(sheet, rect, "Range.Clear");
            for (const [row, col] of [...sheet.each(rect)].map(([r, c]) => [r, c] as const))
              sheet.cells.delete(EtSheetModel.key(row, col));
            const keep = sheet.links.filter((l) => !contains(rect, l.row, l.col));
            sheet.links.splice(0, sheet.links.length, ...keep);
          }
        },
      },
      ClearFormats: {
        call: () =>
          format(
            "Range.ClearFormats",
            (cell) => {
              cell.numberFormat = "General";
              cell.locked = true;
              cell.format = {};
            },
            true,
          ),
      },
      ClearHyperlinks: {
        call: () => {
          const keep = sheet.links.filter((l) => !rects.some((rect) => contains(rect, l.row, l.col)));
          sheet.links.splice(0, sheet.links.length, ...keep);
        },
      },
      Select: {
        call: () => {
          if (this.active !== sheet) throw new Error("Range.Select: 工作表未激活 / the sheet is not active");
          this.selection = { sheet: sheet.name, address: rects.map((r) => rectA1(r)).join(",") };
          this.raise("SheetSelectionChange", sheet, rects[0]);
        },
      },
      SpecialCells: {
        call: (type: number) => {
          if (type !== -4174) throw new Error(`fake: SpecialCells(${type}) is not modelled`);
          const found: Rect[] = [];
          for (const record of sheet.validations.values())
            for (const rect of rects)
              if (intersects(record.rect, rect)) {
                const cells = cellsIn(record.rect).filter(
                  ([row, col]) => contains(rect, row, col) && sheet.peek(row, col)?.validation === record.id,
                );
                for (const [row, col] of cells) found.push({ r1: row, c1: col, r2: row, c2: col });
              }
          // "Range.SpecialCells": fails when no cells are found.
          if (found.length === 0) throw new Error("SpecialCells: 未找到单元格 / no cells were found");
          return this.rangeObject(sheet, found);
        },
      },
    });
    this.ranges.set(object, { sheet, rects });
    return object;
  }

  private countObject(count: number): object {
    return this.object("Range", { Count: { get: () => count } });
  }

  // ----- events

  /** Raises an ApiEvent after the call that caused it, with the sheet (and range) objects. */
  private raise(event: string, sheet: EtSheetModel, rect?: Rect): void {
    this.raised.push({ event, sheet: sheet.name });
    const listeners = [...(this.listeners.get(event) ?? [])];
    if (listeners.length === 0) return;
    this.pendingEvents++;
    setTimeout(() => {
      this.pendingEvents--;
      const args = [this.sheetObject(sheet), ...(rect ? [this.rangeObject(sheet, [rect])] : [])];
      for (const listener of listeners) listener(...args);
    }, 0);
  }

  /** Waits until raised events have been delivered. */
  async settle(): Promise<void> {
    for (let i = 0; i < 100 && this.pendingEvents > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  // ----- model access, seeding and the user's actions (applied directly, not counted)

  find(name: string): EtSheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  sheet(name: string): EtSheetModel {
    const sheet = this.find(name);
    if (!sheet) throw new Error(`fake: no sheet ${name}`);
    return sheet;
  }
  private mustActive(): EtSheetModel {
    if (!this.active) throw new Error("没有活动工作表 / no active sheet");
    return this.active;
  }

  addSheet(name: string): EtSheetModel {
    const sheet = new EtSheetModel(name);
    this.sheets.push(sheet);
    this.active ??= sheet;
    return sheet;
  }

  /** The user typing into a cell: the value lands (as typed input), then SheetChange. */
  userEdit(sheetName: string, address: string, value: string | number | boolean | null): void {
    const sheet = this.sheet(sheetName);
    const rect = parseA1(address);
    this.checkValues(sheet, rect, "user edit");
    this.input(sheet.cell(rect.r1, rect.c1), value, "user edit");
    this.raise("SheetChange", sheet, rect);
  }

  /** The user switching to a sheet: SheetActivate. */
  userActivate(sheetName: string): void {
    const sheet = this.sheet(sheetName);
    this.active = sheet;
    this.raise("SheetActivate", sheet);
  }

  /** The user selecting a cell: SheetSelectionChange. */
  userSelect(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    this.selection = { sheet: sheet.name, address };
    this.raise("SheetSelectionChange", sheet, parseA1(address));
  }

  /** Everything a test should find empty: misspelled members, methods used as values, misshapen arrays. */
  get problems(): string[] {
    return [
      ...this.unknownWrites.map((w) => `unknown property written: ${w}`),
      ...this.unknownReads.map((r) => `unknown property read: ${r}`),
      ...this.violations,
    ];
  }
}
