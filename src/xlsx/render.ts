import type {
  CellIsOperators,
  CellValue,
  Color,
  ConditionalFormattingRule,
  DataValidation,
  Fill,
  Font,
  Style,
  Workbook,
  Worksheet,
} from "exceljs";
import {
  COL,
  addr,
  sameSheetName,
  type CellStyle,
  type CfRule,
  type CfStyle,
  type PlanCell,
  type SheetPlan,
  type ValidationRule,
} from "../sheet";
import { internals, type SheetView } from "./internals";

const A4 = 9;
/** Excel's column count: XFD is column 16,384. */
const EXCEL_COLUMNS = 16_384;
const color = (hex: string): Partial<Color> => ({ argb: `FF${hex.toUpperCase()}` });
const solid = (hex: string): Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: color(hex),
  bgColor: color(hex),
});
const THIN = { style: "thin" } as const;
/**
 * The workbook's default font (the theme's minor font: Calibri, with 宋体 for Chinese in Excel). Spelled out on
 * every cell: a font without name and size leaves the choice to each viewer.
 */
const BASE_FONT: Partial<Font> = { name: "Calibri", size: 11, family: 2, scheme: "minor" };

/** The ExcelJS style of one plan style; every cell gets its own copy so later edits never leak. */
// One ExcelJS style object per distinct style, shared by every cell that has it: ExcelJS's writer caches style
// ids by object identity, so a fresh object per cell costs a style lookup per cell and its memory (1,000 stations:
// a million of them). Cells never mutate their style in place here, so sharing is safe.
const byPlanStyle = new WeakMap<CellStyle, Partial<Style>>();
const byContent = new Map<string, Partial<Style>>();

export function excelStyle(style: CellStyle): Partial<Style> {
  let shared = byPlanStyle.get(style);
  if (shared) return shared;
  const key = JSON.stringify(style);
  shared = byContent.get(key) ?? newExcelStyle(style);
  byContent.set(key, shared);
  byPlanStyle.set(style, shared);
  return shared;
}

function newExcelStyle(style: CellStyle): Partial<Style> {
  const font: Partial<Font> = { ...BASE_FONT };
  if (style.bold) font.bold = true;
  if (style.size !== undefined) font.size = style.size;
  if (style.fontColor) font.color = color(style.fontColor);
  const out: Partial<Style> = {
    font,
    alignment: { horizontal: style.hAlign, vertical: style.vAlign, wrapText: style.wrap },
    protection: { locked: style.locked },
  };
  if (style.fill) out.fill = solid(style.fill);
  if (style.border) out.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (style.numberFormat) out.numFmt = style.numberFormat;
  return out;
}

/** A plan cell as an ExcelJS value: formulas carry the plan's cached result for viewers that do not recalculate. */
export function excelValue(cell: PlanCell): CellValue {
  if (cell.link !== undefined) return { text: String(cell.value ?? cell.link), hyperlink: cell.link };
  if (cell.formula === undefined) return cell.value;
  return cell.result === undefined
    ? { formula: cell.formula }
    : { formula: cell.formula, result: cell.result };
}

export function excelValidation(rule: ValidationRule): DataValidation {
  const messages = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: rule.promptTitle,
    prompt: rule.prompt,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: rule.errorTitle,
    error: rule.error,
  };
  if (rule.kind === "list")
    return { type: "list", formulae: [`"${(rule.list ?? []).join(",")}"`], ...messages };
  return { type: "decimal", operator: "between", formulae: [rule.min ?? 0, rule.max ?? 0], ...messages };
}

function dxf(style: CfStyle): Partial<Style> {
  const font: Partial<Font> = {};
  if (style.fontColor) font.color = color(style.fontColor);
  if (style.bold) font.bold = true;
  return Object.keys(font).length > 0 ? { fill: solid(style.fill), font } : { fill: solid(style.fill) };
}

export function excelCfRule(rule: CfRule, priority: number): ConditionalFormattingRule {
  const style = dxf(rule.style);
  if (rule.kind === "expression") return { type: "expression", formulae: [rule.formula], priority, style };
  // ExcelJS types omit notBetween, which it writes through unchanged.
  const operator = rule.operator as CellIsOperators;
  return { type: "cellIs", operator, formulae: [...rule.formulae], priority, style };
}

/** The plan's footer is meant centred: say so with &C rather than rely on each viewer's default section. */
const centred = (footer: string): string => (/^&[LCR]/.test(footer) ? footer : `&C${footer}`);

function drawCells(sheet: Worksheet, plan: SheetPlan): void {
  plan.cells.forEach((row, r) => {
    row.forEach((planCell, c) => {
      const cell = sheet.getCell(r + 1, c + 1);
      const value = excelValue(planCell);
      if (value !== null) cell.value = value;
      cell.style = excelStyle(plan.styles[planCell.style]);
    });
  });
  plan.rowHeights.forEach((height, r) => (sheet.getRow(r + 1).height = height));
  plan.columns.forEach((column, c) => {
    const col = sheet.getColumn(c + 1);
    col.width = column.width;
    col.hidden = column.hidden;
  });
  // Merge after styling: ExcelJS redirects writes to a merged cell to its master.
  for (const range of plan.merges) sheet.mergeCellsWithoutStyle(range);
}

function drawGuards(sheet: Worksheet, plan: SheetPlan): void {
  const inner = internals(sheet);
  for (const rule of plan.validations) inner.dataValidations.add(rule.range, excelValidation(rule));
  plan.conditionalFormats.forEach((rule, index) =>
    sheet.addConditionalFormatting({ ref: rule.areas.join(" "), rules: [excelCfRule(rule, index + 1)] }),
  );
  // ExcelJS sets the protection (and hashes the password) synchronously inside the promise it returns.
  void sheet.protect(plan.protection.password ?? "", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
}

function drawPage(sheet: Worksheet, plan: SheetPlan): void {
  const { print, freeze, layout } = plan;
  Object.assign(sheet.pageSetup, {
    paperSize: A4,
    orientation: print.orientation,
    fitToPage: true,
    fitToWidth: print.fitToWidth,
    fitToHeight: 0,
    printArea: print.area,
    printTitlesRow: `${print.titleRows[0]}:${print.titleRows[1]}`,
    margins: { ...print.margins },
  });
  // Across every column, as Excel writes its own breaks (ExcelJS's default end column, 16838, is past the last).
  for (const row of print.rowBreaks) sheet.getRow(row).addPageBreak(1, EXCEL_COLUMNS);
  sheet.headerFooter.oddFooter = centred(print.footer);
  const view: SheetView = {
    state: "frozen",
    xSplit: 0,
    ySplit: freeze.rows,
    topLeftCell: addr(0, freeze.rows + 1),
    activeCell: addr(COL.self, layout.firstItemRow),
  };
  sheet.views = [view];
}

/**
 * Draws the plan into the worksheet named plan.sheetName. An existing sheet of that name is replaced at the
 * same tab position; other sheets are untouched.
 */
export function renderPlan(workbook: Workbook, plan: SheetPlan): Worksheet {
  const existing = workbook.worksheets.find((w) => sameSheetName(w.name, plan.sheetName));
  const orderNo = existing ? internals(existing).orderNo : undefined;
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(plan.sheetName);
  if (orderNo !== undefined) internals(sheet).orderNo = orderNo;
  drawCells(sheet, plan);
  drawPage(sheet, plan);
  drawGuards(sheet, plan);
  workbook.calcProperties.fullCalcOnLoad = true;
  return sheet;
}
