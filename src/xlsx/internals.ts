import type {
  ConditionalFormattingOptions,
  DataValidation,
  Worksheet,
  WorksheetProtection,
  WorksheetView,
} from "exceljs";

/** Sheet protection as ExcelJS keeps it: `sheet` is true while the sheet is protected. */
export type SheetProtectionModel = Partial<WorksheetProtection> & { sheet?: boolean; hashValue?: string };

/** Data validations as ExcelJS keeps them: keyed by a cell, a range or (from some writers) several ranges. */
export interface DataValidationsModel {
  model: Record<string, DataValidation | undefined>;
  add(address: string, validation: DataValidation): DataValidation;
}

/** Worksheet members ExcelJS 4.4 has at runtime but leaves out of its typings. */
export interface WorksheetInternals {
  orderNo: number;
  dataValidations: DataValidationsModel;
  conditionalFormattings: ConditionalFormattingOptions[];
  sheetProtection: SheetProtectionModel | null;
  /** Merged ranges by their top-left cell's address (ExcelJS's Range objects). */
  _merges: Record<string, { readonly range: string }>;
}

export type SheetView = Partial<WorksheetView> & { tabSelected?: boolean };

export const internals = (worksheet: Worksheet): Worksheet & WorksheetInternals =>
  worksheet as Worksheet & WorksheetInternals;

/** A worksheet's model as ExcelJS's writer prepares and renders it (only the members read here are typed). */
export interface WorksheetModelInternals {
  id: number;
  name: string;
  state: string;
  pageSetup: unknown;
  tables: unknown[];
  drawing?: unknown;
}

/** A workbook's model as ExcelJS's writer fills it in while writing (only the members used here are typed). */
export interface WorkbookModelInternals {
  worksheets: WorksheetModelInternals[];
  sheets?: WorksheetModelInternals[];
  definedNames: { localSheetId?: number }[];
  sharedStrings?: unknown;
  styles?: unknown;
  media: unknown[];
  drawings?: unknown[];
  commentRefs?: unknown[];
  tables?: unknown[];
}

/** Where ExcelJS's writer puts each part: its ZipWriter, or anything with the same append. */
export interface ZipSink {
  append(data: string, options: { readonly name: string; readonly base64?: boolean }): void;
}

type WriteStep = (zip: ZipSink, model: WorkbookModelInternals) => Promise<void> | void;

/** The steps of ExcelJS 4.4's writeBuffer (workbook.xlsx), which its typings leave out. */
export interface XlsxWriterInternals {
  prepareModel(model: WorkbookModelInternals, options: object): void;
  addContentTypes: WriteStep;
  addOfficeRels: WriteStep;
  addWorkbookRels: WriteStep;
  addWorksheets: WriteStep;
  addSharedStrings: WriteStep;
  addDrawings: WriteStep;
  addTables: WriteStep;
  addThemes: WriteStep;
  addStyles: WriteStep;
  addMedia: WriteStep;
  addApp: WriteStep;
  addCore: WriteStep;
  addWorkbook: WriteStep;
}
