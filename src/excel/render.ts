import type { CfRule, CfStyle, SheetPlan, ValidationRule } from "../sheet";
import { columnName, columnsAddress, rectAddress, rowsAddress } from "./a1";
import {
  clip,
  columnWidthPoints,
  formulasOf,
  hexColor,
  numberFormatsOf,
  rowHeightRuns,
  styleRects,
  type StyleRect,
} from "./layout";
import { PROTECTION_OPTIONS, type RenderFeatures } from "./features";

export {
  GATED_FEATURES,
  PROTECTION_OPTIONS,
  queueFreeze,
  skippedFeatures,
  type RenderFeatures,
} from "./features";

// Office.js enums as their string values: the adapter never needs the Excel global outside Excel.run.
type Edge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal";
const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center" } as const;
const CF_OPERATOR = { between: "Between", notBetween: "NotBetween", equal: "EqualTo" } as const;

/** Lengths Excel accepts in data validation prompts and error alerts. */
const LIMITS = { title: 32, prompt: 255, error: 225 } as const;

export function formatRect(sheet: Excel.Worksheet, { rect, look }: StyleRect): void {
  const format = sheet.getRange(rectAddress(rect)).format;
  format.font.bold = look.bold ?? false;
  if (look.size !== undefined) format.font.size = look.size;
  if (look.fontColor !== undefined) format.font.color = hexColor(look.fontColor);
  if (look.fill !== undefined) format.fill.color = hexColor(look.fill);
  format.horizontalAlignment = H_ALIGN[look.hAlign];
  format.verticalAlignment = V_ALIGN[look.vAlign];
  format.wrapText = look.wrap;
  format.protection.locked = look.locked;
  if (!look.border) return;
  const edges: Edge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
  if (rect.c2 > rect.c1) edges.push("InsideVertical");
  if (rect.r2 > rect.r1) edges.push("InsideHorizontal");
  for (const edge of edges) {
    const border = format.borders.getItem(edge);
    border.style = "Continuous";
    border.weight = "Thin";
  }
}

export function validationRuleOf(rule: ValidationRule): Excel.DataValidationRule {
  if (rule.kind === "list") return { list: { inCellDropDown: true, source: (rule.list ?? []).join(",") } };
  const { min, max } = rule;
  if (min !== undefined && max !== undefined)
    return { decimal: { formula1: min, formula2: max, operator: "Between" } };
  if (min !== undefined) return { decimal: { formula1: min, operator: "GreaterThanOrEqualTo" } };
  if (max !== undefined) return { decimal: { formula1: max, operator: "LessThanOrEqualTo" } };
  return { decimal: { formula1: "-1E+307", operator: "GreaterThanOrEqualTo" } };
}

function drawValidation(sheet: Excel.Worksheet, rule: ValidationRule): void {
  const validation = sheet.getRange(rule.range).dataValidation;
  validation.rule = validationRuleOf(rule);
  validation.ignoreBlanks = true;
  validation.prompt = {
    showPrompt: true,
    title: clip(rule.promptTitle, LIMITS.title),
    message: clip(rule.prompt, LIMITS.prompt),
  };
  validation.errorAlert = {
    showAlert: true,
    style: "Stop",
    title: clip(rule.errorTitle, LIMITS.title),
    message: clip(rule.error, LIMITS.error),
  };
}

function styleCf(format: Excel.ConditionalRangeFormat, style: CfStyle): void {
  format.fill.color = hexColor(style.fill);
  if (style.fontColor !== undefined) format.font.color = hexColor(style.fontColor);
  if (style.bold) format.font.bold = true;
}

/** One conditional format per area. Office adds each new format at the top, so plan order is kept by adding in reverse. */
export function drawConditionalFormat(sheet: Excel.Worksheet, rule: CfRule, area: string): void {
  const formats = sheet.getRange(area).conditionalFormats;
  if (rule.kind === "expression") {
    const cf = formats.add("Custom");
    cf.custom.rule.formula = `=${rule.formula}`;
    styleCf(cf.custom.format, rule.style);
    return;
  }
  const cf = formats.add("CellValue");
  const [formula1, formula2] = rule.formulae;
  cf.cellValue.rule =
    formula2 === undefined
      ? { formula1: `=${formula1}`, operator: CF_OPERATOR[rule.operator] }
      : { formula1: `=${formula1}`, formula2: `=${formula2}`, operator: CF_OPERATOR[rule.operator] };
  styleCf(cf.cellValue.format, rule.style);
}

export const conditionalFormatCount = (plan: SheetPlan): number =>
  plan.conditionalFormats.reduce((n, rule) => n + rule.areas.length, 0);

/** Office.js takes margins in points; the plan gives them in inches, as the file format does. */
const POINTS_PER_INCH = 72;

function drawPage(sheet: Excel.Worksheet, plan: SheetPlan, existed: boolean): void {
  const { print } = plan;
  const page = sheet.pageLayout;
  page.paperSize = print.paper;
  page.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  page.setPrintArea(print.area);
  page.setPrintTitleRows(`$${print.titleRows[0]}:$${print.titleRows[1]}`);
  // 0 pages tall = as many as needed (Excel's FitToPagesTall = False).
  page.zoom = { horizontalFitToPages: print.fitToWidth, verticalFitToPages: 0 };
  const m = print.margins;
  const points = (inches: number): number => Math.round(inches * POINTS_PER_INCH * 100) / 100;
  page.leftMargin = points(m.left);
  page.rightMargin = points(m.right);
  page.topMargin = points(m.top);
  page.bottomMargin = points(m.bottom);
  page.headerMargin = points(m.header);
  page.footerMargin = points(m.footer);
  page.headersFooters.defaultForAllPages.centerFooter = print.footer;
  // A redraw replaces the manual breaks of the previous drawing: a page starts after each of the plan's rows.
  const breaks = sheet.horizontalPageBreaks;
  if (existed) breaks.removePageBreaks();
  for (const row of print.rowBreaks) breaks.add(`A${row + 1}`);
}

/** The sheet as the first round trip found it. */
export interface FoundSheet {
  readonly sheet: Excel.Worksheet;
  readonly existed: boolean;
  readonly protected: boolean;
}

/** Excel's last row ("Excel specifications and limits": 1,048,576 rows). */
const LAST_ROW = 1_048_576;

/** Hyperlinks of the plan (佐证材料 linked to their files), by single-cell address. */
export function planLinks(plan: SheetPlan): { address: string; link: string; text: string }[] {
  return plan.cells.flatMap((row, r) =>
    row.flatMap((cell, c) =>
      cell.link === undefined
        ? []
        : [
            {
              address: rectAddress({ r1: r, c1: c, r2: r, c2: c }),
              link: cell.link,
              text: String(cell.value ?? ""),
            },
          ],
    ),
  );
}

/**
 * Queues the whole plan onto the sheet: no loads, no syncs. The caller syncs once afterwards, then freezes
 * the title rows in a phase of its own (see queueFreeze).
 *
 * Office.js has no transactions: when an operation fails, those before it stay applied. So nothing that
 * holds what users typed is cleared before the new contents are in: an existing sheet first loses only its
 * conditional formats, validation, merges, formats and hyperlinks; the plan rectangle is then overwritten as
 * one formulas array, and only after that are the rows below it cleared. Protection comes back right after the
 * last change that needs an unprotected sheet.
 */
export function queuePlan(found: FoundSheet, plan: SheetPlan, features: RenderFeatures): void {
  const { sheet } = found;
  const password = plan.protection.password;
  const height = plan.cells.length;
  const width = height > 0 ? plan.cells[0].length : 0;
  if (found.protected) sheet.protection.unprotect(password);
  if (found.existed && width > 0) {
    const columns = sheet.getRange(columnsAddress(0, width - 1));
    columns.conditionalFormats.clearAll();
    if (features.dataValidation) columns.dataValidation.clear();
    columns.unmerge();
    columns.clear("Formats");
    columns.clear("Hyperlinks");
  }
  if (height > 0 && width > 0) {
    const all = sheet.getRange(rectAddress({ r1: 0, c1: 0, r2: height - 1, c2: width - 1 }));
    // Number formats first, so text-formatted cells keep "75.1" or "2023-05-01" as text when the values land.
    all.numberFormat = numberFormatsOf(plan);
    all.formulas = formulasOf(plan);
    if (found.existed && height < LAST_ROW)
      sheet.getRange(rectAddress({ r1: height, c1: 0, r2: LAST_ROW - 1, c2: width - 1 })).clear("All");
    for (const { address, link, text } of planLinks(plan))
      sheet.getRange(address).hyperlink = { address: link, textToDisplay: text };
    for (const rect of styleRects(plan)) formatRect(sheet, rect);
    for (const merge of plan.merges) sheet.getRange(merge).merge(false);
  }
  if (features.dataValidation) for (const rule of plan.validations) drawValidation(sheet, rule);
  for (const rule of [...plan.conditionalFormats].reverse())
    for (const area of rule.areas) drawConditionalFormat(sheet, rule, area);
  if (features.pageLayout) drawPage(sheet, plan, found.existed);
  sheet.protection.protect(PROTECTION_OPTIONS, password);
  // Widths and heights are allowed on the protected sheet (allowFormatColumns/Rows).
  plan.columns.forEach((column, c) => {
    const range = sheet.getRange(`${columnName(c)}:${columnName(c)}`);
    range.format.columnWidth = columnWidthPoints(column.width);
    range.columnHidden = column.hidden;
  });
  for (const [first, last, points] of rowHeightRuns(plan.rowHeights))
    sheet.getRange(rowsAddress(first, last)).format.rowHeight = points;
  sheet.activate();
}
