import type { Cell, CellValue, Worksheet } from "exceljs";
import type { GridValue, SheetGrid, SheetGuards } from "../sheet";
import { parseArea } from "../sheet/areas";
import { internals } from "./internals";

/**
 * What the streaming reader read of a worksheet that ExcelJS's model cannot hold: hyperlinks over formulas,
 * numbers and areas (ExcelJS keeps a link only with text). Set by loadWorkbook; sheetToGrid adds them.
 */
export const fileLinks = new WeakMap<Worksheet, Readonly<Record<string, string>>>();

/**
 * The areas under a checking data validation as the streaming reader read them, where ExcelJS's model lacks some
 * (Excel 2010's x14 validations, which ExcelJS does not read). A sheet drawn anew is a new Worksheet: none then.
 */
export const fileValidations = new WeakMap<Worksheet, readonly string[]>();

type RichTextLike = { richText: readonly { text: string }[] };

const isRichText = (v: object): v is RichTextLike => "richText" in v && Array.isArray(v.richText);
const richText = (v: RichTextLike): string => v.richText.map((run) => run.text).join("");

/** ISO date for a date at midnight (how date-only cells load), else the full ISO timestamp; null for no date. */
function isoDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/**
 * A cell value as the reader sees it: formulas show their cached result, errors their text, a linked cell its
 * value (text, number or rich text), a text holding nothing nothing.
 */
export function gridValue(value: CellValue): GridValue {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return isoDate(value);
  if ("formula" in value || "sharedFormula" in value) return gridValue(value.result);
  if ("error" in value) return value.error;
  if (isRichText(value)) return richText(value) || null;
  if ("hyperlink" in value) {
    const text: unknown = value.text;
    if (typeof text === "string" || typeof text === "number" || typeof text === "boolean")
      return gridValue(text);
    return typeof text === "object" && text !== null && isRichText(text) ? richText(text) || null : null;
  }
  return null;
}

/** The target of a hyperlink cell value, else null. */
function hyperlinkOf(value: CellValue): string | null {
  if (typeof value !== "object" || value === null || value instanceof Date || !("hyperlink" in value))
    return null;
  return typeof value.hyperlink === "string" && value.hyperlink !== "" ? value.hyperlink : null;
}

const hasFormula = (cell: Cell): boolean => {
  const value = cell.value;
  return typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value);
};

/** The cell's formula without '=', with shared formulas resolved to the cell's own text; else null. */
export function cellFormula(cell: Cell): string | null {
  if (!hasFormula(cell)) return null;
  const formula = cell.formula;
  return formula ? formula.replace(/^=/, "") : null;
}

/**
 * The cell as the reader sees it. A formula cell shows its cached result, read from cell.result because
 * ExcelJS's cell.value drops falsy results (0, "", false).
 */
export function cellGridValue(cell: Cell): GridValue {
  return hasFormula(cell) ? gridValue(cell.result as CellValue) : gridValue(cell.value);
}

const isMergedAway = (cell: Cell): boolean => cell.isMerged && cell.master.address !== cell.address;

export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Data validation types that check something ("any", ExcelJS's name for none, checks nothing). */
const CHECKING = new Set(["whole", "decimal", "list", "date", "time", "textLength", "custom"]);

/** What the file itself still guards: sheet protection and the areas under data validation. */
export function sheetGuards(worksheet: Worksheet): SheetGuards {
  const inner = internals(worksheet);
  const validatedAreas: string[] = [];
  for (const [sqref, rule] of Object.entries(inner.dataValidations?.model ?? {}))
    if (rule && CHECKING.has(rule.type as string)) validatedAreas.push(...sqref.split(/\s+/).filter(Boolean));
  for (const area of fileValidations.get(worksheet) ?? []) validatedAreas.push(area);
  return { protected: inner.sheetProtection?.sheet === true, validatedAreas };
}

/** The used cells from A1 as a sparse grid of values and formulas, plus the guards; merged-away cells read empty. */
export function sheetToGrid(worksheet: Worksheet): SheetGrid {
  const values: GridValue[][] = [];
  const formulas: (string | null)[][] = [];
  // The file's links that the model cannot hold: areas, and cells that still hold something (one emptied since
  // keeps no link).
  const links: Record<string, string> = {};
  for (const [key, target] of Object.entries(fileLinks.get(worksheet) ?? {})) {
    const at = parseArea(key);
    if (key.includes(":") || (at && worksheet.findCell(at.top, at.left)?.value != null)) links[key] = target;
  }
  worksheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (isMergedAway(cell)) return;
      const link = hyperlinkOf(cell.value);
      if (link) links[cell.address] ??= link;
      const value = cellGridValue(cell);
      const formula = cellFormula(cell);
      if (value === null && formula === null) return;
      (values[r - 1] ??= [])[c - 1] = value;
      (formulas[r - 1] ??= [])[c - 1] = formula;
    });
  });
  return {
    name: worksheet.name,
    values,
    formulas,
    guards: sheetGuards(worksheet),
    ...(Object.keys(links).length > 0 ? { links } : {}),
  };
}
