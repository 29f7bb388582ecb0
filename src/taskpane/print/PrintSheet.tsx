import * as React from "react";
import { createPortal } from "react-dom";
import { exportDecision } from "../../export/decision";
import {
  COL,
  planFromRead,
  type CellStyle,
  type PlanCell,
  type ReadScorecard,
  type SheetPlan,
} from "../../sheet";

/*
 * The scorecard as the browser prints it (Save as PDF), for those who cannot print from the pane (WPS): the
 * sheet's own plan — the one the .xlsx is drawn from, so the official layout, merges and wording — as an HTML
 * table, A4 landscape, its title rows repeated on every page and numbered as the sheet's footer says. On screen
 * it is not shown; in print it is all that is shown.
 */

const CLASS = "scorecard-print";

/** Print rules: only this block prints; the title rows (thead) repeat; the footer numbers the pages. */
const PRINT_CSS = `
@media screen { .${CLASS} { display: none; } }
@media print {
  body > :not(.${CLASS}) { display: none !important; }
  .${CLASS} { font-family: "等线", "DengXian", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #000; }
  .${CLASS} table { width: 100%; border-collapse: collapse; table-layout: fixed; }
  .${CLASS} td { padding: 1pt 3pt; overflow-wrap: anywhere; }
  @page {
    size: A4 landscape;
    margin: 12mm 10mm 14mm;
    @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; }
  }
}`;

interface Span {
  readonly rows: number;
  readonly cols: number;
}

/** "A1:I1" → its top-left cell (row and column from 0) and extent. */
function parseRange(range: string): { row: number; col: number; span: Span } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (!m) return null;
  const col = (letters: string): number =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const [c1, r1, c2, r2] = [col(m[1]), Number(m[2]) - 1, col(m[3]), Number(m[4]) - 1];
  return { row: r1, col: c1, span: { rows: r2 - r1 + 1, cols: c2 - c1 + 1 } };
}

/** A cell's look from the plan's style: the same bold, size, colour, fill, alignment, wrapping and border. */
function cellCss(style: CellStyle): React.CSSProperties {
  return {
    fontWeight: style.bold ? 700 : 400,
    fontSize: `${style.size ?? 10}pt`,
    color: style.fontColor ? `#${style.fontColor}` : undefined,
    backgroundColor: style.fill ? `#${style.fill}` : undefined,
    textAlign: style.hAlign,
    verticalAlign: style.vAlign === "top" ? "top" : "middle",
    whiteSpace: style.wrap ? "pre-wrap" : "nowrap",
    border: style.border ? "0.5pt solid #000" : undefined,
    // Colours and fills print as they show: the verdict's and the invalid entries' fills are meaningful.
    printColorAdjust: "exact",
    WebkitPrintColorAdjust: "exact",
  };
}

/** What a plan cell shows: a formula's computed result, else its value. */
function shown(cell: PlanCell): string {
  const value = cell.formula !== undefined ? (cell.result ?? "") : cell.value;
  return value === null || value === undefined ? "" : String(value);
}

/**
 * The columns whose texts the sheet breaks where Excel's column would wrap them (src/sheet/measure): the browser's
 * columns wrap elsewhere, so their items' texts are given whole, as the rubric words them (as the CSV does).
 */
const BROKEN_FOR_EXCEL: readonly number[] = [COL.task, COL.text];

function rows(plan: SheetPlan, visible: number, from: number, to: number): React.ReactNode[] {
  const entryRows = new Set(plan.layout.entryRows.values());
  const spans = new Map<string, Span>();
  const covered = new Set<string>();
  for (const range of plan.merges) {
    const m = parseRange(range);
    if (!m) continue;
    spans.set(`${m.row}:${m.col}`, m.span);
    for (let r = m.row; r < m.row + m.span.rows; r++)
      for (let c = m.col; c < m.col + m.span.cols; c++)
        if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  }
  const out: React.ReactNode[] = [];
  for (let r = from; r < to; r++) {
    const cells = plan.cells[r] ?? [];
    const tds: React.ReactNode[] = [];
    for (let c = 0; c < visible; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const cell = cells[c];
      const span = spans.get(`${r}:${c}`);
      // A merge reaching past this block (title rows / body) is cut at its edge.
      const rowSpan = span ? Math.min(span.rows, to - r) : 1;
      tds.push(
        <td
          key={c}
          rowSpan={rowSpan > 1 ? rowSpan : undefined}
          colSpan={span && span.cols > 1 ? span.cols : undefined}
          style={cell ? cellCss(plan.styles[cell.style]) : undefined}
        >
          {!cell
            ? ""
            : entryRows.has(r + 1) && BROKEN_FOR_EXCEL.includes(c)
              ? shown(cell).replace(/\n/g, "")
              : shown(cell)}
        </td>,
      );
    }
    out.push(<tr key={r}>{tds}</tr>);
  }
  return out;
}

/**
 * The printed scorecard of `read` (the shown scorecard with the edits not yet read back). One that could not be
 * exported as final (unscored items, invalid entries) prints marked 草稿, as its export would be.
 */
export function PrintSheet(props: { read: ReadScorecard }): React.JSX.Element {
  const plan = React.useMemo(
    () => planFromRead(props.read, { draft: !exportDecision(props.read).ok }),
    [props.read],
  );
  const visible = plan.columns.filter((c) => !c.hidden).length;
  const widths = plan.columns.slice(0, visible).map((c) => c.width);
  const total = widths.reduce((a, b) => a + b, 0);
  const [, lastTitleRow] = plan.print.titleRows;
  return createPortal(
    <div className={CLASS} lang="zh-CN" data-testid="print-sheet">
      <style>{PRINT_CSS}</style>
      <table>
        <colgroup>
          {widths.map((w, i) => (
            <col key={i} style={{ width: `${(100 * w) / total}%` }} />
          ))}
        </colgroup>
        <thead>{rows(plan, visible, 0, lastTitleRow)}</thead>
        <tbody>{rows(plan, visible, lastTitleRow, plan.cells.length)}</tbody>
      </table>
    </div>,
    document.body,
  );
}
