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
}

export type SheetView = Partial<WorksheetView> & { tabSelected?: boolean };

export const internals = (worksheet: Worksheet): Worksheet & WorksheetInternals =>
  worksheet as Worksheet & WorksheetInternals;
