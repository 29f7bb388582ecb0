// ExcelJS's own helpers, reused so that the streaming reader converts exactly as ExcelJS does on load.
declare module "exceljs/lib/utils/shared-formula" {
  export function slideFormula(formula: string, fromCell: string, toCell: string): string;
}
declare module "exceljs/lib/utils/utils" {
  const utils: {
    isDateFmt(fmt: string | undefined): boolean;
    excelToDate(v: unknown, date1904?: boolean): Date;
    xmlDecode(text: string): string;
  };
  export default utils;
}
declare module "exceljs/lib/xlsx/defaultnumformats" {
  const formats: Record<number, { f?: string } | undefined>;
  export default formats;
}
