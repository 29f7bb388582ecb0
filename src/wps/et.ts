/*
 * The part of the WPS 表格 (ET) object model the adapter uses, as WPS 加载项 pages see it in `window.Application`
 * and `window.wps`. Every member is a synchronous call into the WPS process. The published typings (npm
 * `wps-jsapi`, namespace Et) name these members — test/wps.typings.check.ts holds every name here against them —
 * but write return values as trailing `RHS` out-parameters of void methods, so the shapes here follow the object
 * model's documentation (the Excel VBA model it mirrors): methods are called with (), collections are 1-based and
 * reached with Item(i), a multi-cell Value2 is a 2-D array (a single cell's is its value).
 */

/** A cell value as Value2 gives it; an empty cell may come back as undefined, null or "". */
export type EtValue = string | number | boolean | null | undefined;

export interface EtFont {
  Bold: boolean;
  Size: number;
  /** BGR as a number (0xBBGGRR), as in the VBA model. */
  Color: number;
}

export interface EtInterior {
  Color: number;
}

export interface EtBorders {
  LineStyle: number;
  Weight: number;
}

export interface EtValidation {
  Add(type: number, alertStyle: number, operator: number, formula1: string, formula2?: string): void;
  Delete(): void;
  IgnoreBlank: boolean;
  InputTitle: string;
  InputMessage: string;
  ErrorTitle: string;
  ErrorMessage: string;
  ShowInput: boolean;
  ShowError: boolean;
}

export interface EtFormatCondition {
  readonly Interior: EtInterior;
  readonly Font: EtFont;
  SetLastPriority(): void;
}

export interface EtFormatConditions {
  Add(type: number, operator?: number, formula1?: string, formula2?: string): EtFormatCondition;
  Delete(): void;
}

export interface EtRange {
  Value2: unknown;
  Formula: unknown;
  /** One format for the whole range; reads null where the cells differ. */
  NumberFormat: string | null;
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  readonly Row: number;
  readonly Column: number;
  readonly Rows: EtRange;
  readonly Columns: EtRange;
  readonly Count: number;
  readonly EntireColumn: EtRange;
  /** Reads null where the cells differ. */
  Locked: boolean | null;
  Hidden: boolean;
  readonly Font: EtFont;
  readonly Interior: EtInterior;
  readonly Borders: EtBorders;
  HorizontalAlignment: number;
  VerticalAlignment: number;
  WrapText: boolean;
  ColumnWidth: number;
  RowHeight: number;
  readonly Validation: EtValidation;
  readonly FormatConditions: EtFormatConditions;
  Merge(across?: boolean): void;
  UnMerge(): void;
  Clear(): void;
  ClearFormats(): void;
  ClearHyperlinks(): void;
  Select(): void;
  SpecialCells(type: number, value?: number): EtRange;
}

export interface EtPageSetup {
  PaperSize: number;
  Orientation: number;
  PrintArea: string;
  PrintTitleRows: string;
  Zoom: number | boolean;
  FitToPagesWide: number | boolean;
  FitToPagesTall: number | boolean;
  CenterFooter: string;
}

export interface EtHyperlink {
  readonly Address: string;
  readonly Range: EtRange;
}

export interface EtHyperlinks {
  readonly Count: number;
  Item(index: number): EtHyperlink;
  Add(
    anchor: EtRange,
    address: string,
    subAddress?: string,
    screenTip?: string,
    textToDisplay?: string,
  ): unknown;
}

export interface EtWorksheet {
  Name: string;
  Range(address: string): EtRange;
  readonly UsedRange: EtRange;
  readonly ProtectContents: boolean;
  readonly PageSetup: EtPageSetup;
  readonly Hyperlinks: EtHyperlinks;
  Activate(): void;
  Protect(
    password?: string,
    drawingObjects?: boolean,
    contents?: boolean,
    scenarios?: boolean,
    userInterfaceOnly?: boolean,
    allowFormattingCells?: boolean,
    allowFormattingColumns?: boolean,
    allowFormattingRows?: boolean,
  ): void;
  Unprotect(password?: string): void;
}

export interface EtSheets {
  readonly Count: number;
  /** 1-based index, or a sheet's name. */
  Item(index: number | string): EtWorksheet;
  Add(before?: EtWorksheet, after?: EtWorksheet): EtWorksheet;
}

export interface EtWorkbook {
  readonly Worksheets: EtSheets;
}

export interface EtWindow {
  SplitRow: number;
  SplitColumn: number;
  FreezePanes: boolean;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook;
  readonly ActiveSheet: EtWorksheet;
  readonly ActiveWindow: EtWindow;
}

/** The events a WPS 加载项 listens to (ApiEvent). Callbacks get the ET objects involved. */
export interface EtApiEvent {
  AddApiEventListener(name: string, callback: (...args: never[]) => void): void;
  RemoveApiEventListener(name: string, callback?: (...args: never[]) => void): void;
}

/** What the adapter needs from the host page. */
export interface EtHost {
  readonly app: EtApplication;
  readonly events: EtApiEvent;
}

/** Values of the VBA-model enumerations the adapter passes (the typings list them as Et.EtXl… enums). */
export const XL = {
  left: -4131,
  center: -4108,
  right: -4152,
  top: -4160,
  continuous: 1,
  thin: 2,
  validateDecimal: 2,
  validateList: 3,
  alertStop: 1,
  between: 1,
  notBetween: 2,
  equal: 3,
  greaterEqual: 7,
  lessEqual: 8,
  cellValue: 1,
  expression: 2,
  paperA4: 9,
  portrait: 1,
  landscape: 2,
  cellTypeAllValidation: -4174,
} as const;
