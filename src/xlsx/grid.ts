import type { Cell, CellValue, Worksheet } from "exceljs";
import type { GridValue, SheetGrid, SheetGuards } from "../sheet";
import { internals } from "./internals";

type RichTextLike = { richText: readonly { text: string }[] };

const isRichText = (v: object): v is RichTextLike => "richText" in v && Array.isArray(v.richText);
const richText = (v: RichTextLike): string => v.richText.map((run) => run.text).join("");

/** ISO date for a date at midnight (how date-only cells load), else the full ISO timestamp. */
function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/** A cell value as the reader sees it: formulas show their cached result, errors their text. */
export function gridValue(value: CellValue): GridValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return isoDate(value);
  if ("formula" in value || "sharedFormula" in value) return gridValue(value.result);
  if ("error" in value) return value.error;
  if (isRichText(value)) return richText(value);
  if ("hyperlink" in value) {
    const text: unknown = value.text;
    if (typeof text === "string") return text;
    return typeof text === "object" && text !== null && isRichText(text) ? richText(text) : null;
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

function parseRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return null;
  const col = m[1]
    .toUpperCase()
    .split("")
    .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { col, row: Number(m[2]) };
}

export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Every single cell of an sqref such as "F4", "F4:G4" or "F4:G4 F6:G9" (LibreOffice joins ranges with spaces),
 * clipped to `bounds` so that a whole-column rule cannot explode.
 */
export function expandSqref(sqref: string, bounds: { rows: number; cols: number }): string[] {
  const out: string[] = [];
  for (const part of sqref.split(/\s+/).filter(Boolean)) {
    const [a, b = a] = part.split(":");
    const from = parseRef(a);
    const to = parseRef(b);
    if (!from || !to) continue;
    const r2 = Math.min(Math.max(from.row, to.row), bounds.rows);
    const c2 = Math.min(Math.max(from.col, to.col), bounds.cols);
    for (let r = Math.min(from.row, to.row); r <= r2; r++)
      for (let c = Math.min(from.col, to.col); c <= c2; c++) out.push(`${columnLetters(c)}${r}`);
  }
  return out;
}

/** What the file itself still guards: sheet protection and the cells under data validation. */
export function sheetGuards(worksheet: Worksheet): SheetGuards {
  const inner = internals(worksheet);
  const bounds = { rows: Math.max(worksheet.rowCount, 1), cols: Math.max(worksheet.columnCount, 1) };
  const validated = new Set<string>();
  for (const [sqref, rule] of Object.entries(inner.dataValidations?.model ?? {})) {
    if (!rule || (rule.type as string) === "any") continue;
    for (const cell of expandSqref(sqref, bounds)) validated.add(cell);
  }
  return { protected: inner.sheetProtection?.sheet === true, validatedCells: [...validated] };
}

/** The used cells from A1 as values and formulas, plus the guards; merged-away cells read as empty. */
export function sheetToGrid(worksheet: Worksheet): SheetGrid {
  const cells: { r: number; c: number; value: GridValue; formula: string | null }[] = [];
  const links: Record<string, string> = {};
  let rows = 0;
  let cols = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (isMergedAway(cell)) return;
      const link = hyperlinkOf(cell.value);
      if (link) links[cell.address] = link;
      const value = cellGridValue(cell);
      const formula = cellFormula(cell);
      if (value === null && formula === null) return;
      cells.push({ r, c, value, formula });
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    });
  });
  const values: GridValue[][] = Array.from({ length: rows }, () => Array<GridValue>(cols).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: rows }, () =>
    Array<string | null>(cols).fill(null),
  );
  for (const { r, c, value, formula } of cells) {
    values[r - 1][c - 1] = value;
    formulas[r - 1][c - 1] = formula;
  }
  return {
    name: worksheet.name,
    values,
    formulas,
    guards: sheetGuards(worksheet),
    ...(Object.keys(links).length > 0 ? { links } : {}),
  };
}
