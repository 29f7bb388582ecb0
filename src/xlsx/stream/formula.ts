import { MAX_COLUMN, MAX_ROW } from "./values";

/** Characters of a name (a function, a defined name, a sheet): a reference never starts or ends inside one. */
const NAME_CHAR = /[\p{L}\p{N}_.\\?]/u;
const isNameChar = (c: string | undefined): boolean => c !== undefined && NAME_CHAR.test(c);

/** At a token's start: a column range (B:B), a row range (3:5) or a cell (B3), each part maybe $-anchored. */
const COLUMNS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})/y;
const ROWS = /(\$?)(\d{1,7}):(\$?)(\d{1,7})/y;
const CELL = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/y;

const columnNumber = (letters: string): number => {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
};

const columnLetters = (col: number): string => {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** The reference part moved by `by` unless anchored; null when it leaves the sheet. */
function moved(anchor: string, at: number, by: number, max: number): number | null {
  const to = anchor === "$" ? at : at + by;
  return to >= 1 && to <= max ? to : null;
}

/**
 * Rule "shared-formula": a cell of a shared formula (`<f t="shared" si="…"/>`) holds the master's formula moved
 * by the cell's offset from the master, as Excel fills a formula: relative columns and rows move, $-anchored ones
 * stay, whole columns (B:B) and whole rows (3:3) move too, and a reference moved off the sheet becomes #REF!.
 * Quoted text, quoted sheet names, structured references, error literals, function and defined names stay.
 */
export function slideFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"' || c === "'") {
      // A string, or a quoted sheet name; a doubled quote stands for one.
      let end = i + 1;
      for (;;) {
        const close = formula.indexOf(c, end);
        if (close < 0) {
          end = formula.length;
          break;
        }
        if (formula[close + 1] === c) end = close + 2;
        else {
          end = close + 1;
          break;
        }
      }
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (c === "[") {
      let depth = 0;
      let end = i;
      for (; end < formula.length; end++) {
        if (formula[end] === "[") depth++;
        else if (formula[end] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === "#") {
      // An error literal: #REF!, #DIV/0!, #N/A, #NAME?
      let end = i + 1;
      while (end < formula.length && /[A-Za-z0-9/!?]/.test(formula[end])) end++;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (isNameChar(formula[i - 1])) {
      out += c;
      i++;
      continue;
    }
    const token = reference(formula, i, rows, cols);
    if (token) {
      out += token.text;
      i = token.end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The reference starting at `i`, moved; null when none starts there (or it runs on into a name or a call). */
function reference(
  formula: string,
  i: number,
  rows: number,
  cols: number,
): { text: string; end: number } | null {
  const endsWell = (end: number): boolean => {
    const next = formula[end];
    return !isNameChar(next) && next !== "(" && next !== "!" && next !== "$";
  };
  COLUMNS.lastIndex = i;
  let m = COLUMNS.exec(formula);
  if (
    m &&
    endsWell(COLUMNS.lastIndex) &&
    columnNumber(m[2]) <= MAX_COLUMN &&
    columnNumber(m[4]) <= MAX_COLUMN
  ) {
    const from = moved(m[1], columnNumber(m[2]), cols, MAX_COLUMN);
    const to = moved(m[3], columnNumber(m[4]), cols, MAX_COLUMN);
    const text =
      from === null || to === null ? "#REF!" : `${m[1]}${columnLetters(from)}:${m[3]}${columnLetters(to)}`;
    return { text, end: COLUMNS.lastIndex };
  }
  ROWS.lastIndex = i;
  m = ROWS.exec(formula);
  if (m && endsWell(ROWS.lastIndex) && formula[i - 1] !== ".") {
    const from = moved(m[1], Number(m[2]), rows, MAX_ROW);
    const to = moved(m[3], Number(m[4]), rows, MAX_ROW);
    const text = from === null || to === null ? "#REF!" : `${m[1]}${from}:${m[3]}${to}`;
    return { text, end: ROWS.lastIndex };
  }
  CELL.lastIndex = i;
  m = CELL.exec(formula);
  if (
    m &&
    endsWell(CELL.lastIndex) &&
    columnNumber(m[2]) <= MAX_COLUMN &&
    Number(m[4]) <= MAX_ROW &&
    Number(m[4]) > 0
  ) {
    const col = moved(m[1], columnNumber(m[2]), cols, MAX_COLUMN);
    const row = moved(m[3], Number(m[4]), rows, MAX_ROW);
    const text = col === null || row === null ? "#REF!" : `${m[1]}${columnLetters(col)}${m[3]}${row}`;
    return { text, end: CELL.lastIndex };
  }
  return null;
}
