import { COL, VERDICT_TEXT, addr, layoutFor, rangeAddr, verdictFormats as verdictColours } from "../sheet";
import { YES } from "../scoring";
import { CF_STYLES } from "../sheet/styles";
import type {
  CellStyle,
  CfRule,
  CfStyle,
  ChartSpec,
  GridCell,
  GridSheetPlan,
  GridStyleName,
  PlanValue,
} from "../sheet";

export type { ChartSeries, ChartSpec, GridCell, GridSheetPlan, GridStyleName } from "../sheet";
import {
  BASIS_TEXT,
  COUNTED_RULE,
  STATUS_TEXT,
  SUBMITTED_RULE,
  LIST_HEADERS,
  LIST_SHEET,
  MISSING_TEXT,
  REACHED_TEXT,
  ROLLUP_HEADERS,
  ROLLUP_SHEET,
  SOURCE_HEADERS,
  SOURCES_SHEET,
  TOTAL_LABELS,
} from "./labels";
import { VERDICTS, passingRows, percentText, type Rollup, type RollupRow, type RollupVerdict } from "./model";
import { VERDICT_COLOURS } from "./verdicts";
import { LABELLED_BARS } from "./chart";
import { vetoText } from "../i18n/veto";

/*
 * Plans of the 汇总 and 创建名单 sheets: cells, merges, styles and formulas, like the scorecard's SheetPlan but
 * for a plain table. Every formula uses functions Excel 2010, WPS and LibreOffice share (IF, COUNTA, COUNTIF,
 * ROUND, ROUNDUP, MAX, SUMPRODUCT, ISNUMBER, LEN, TRIM). Formula cells carry the engine's value as their cached result.
 */

export interface RollupPlans {
  readonly summary: GridSheetPlan;
  readonly list: GridSheetPlan;
  readonly chart: ChartSpec;
  /** Where things sit on the 汇总 sheet (one-based rows), for tests and other tools. */
  readonly at: RollupAddresses;
}

export interface RollupAddresses {
  readonly headerRow: number;
  readonly firstRow: number;
  /** Last data row (firstRow − 1 when there are no rows). */
  readonly lastRow: number;
  /** Row of each total in TOTAL_LABELS order; targetRate/target/needed/reached absent without a target. */
  readonly totals: Readonly<Partial<Record<keyof typeof TOTAL_LABELS, number>>>;
  /** Column of the totals' values (zero-based). */
  readonly totalsColumn: number;
}

/** Zero-based columns of the 汇总 table. */
export const ROLLUP_COL = {
  no: 0,
  station: 1,
  sheet: 2,
  selfTotal: 3,
  reviewTotal: 4,
  selfVerdict: 5,
  reviewVerdict: 6,
  total: 7,
  verdict: 8,
  basis: 9,
  passLine: 10,
  missingEvidence: 11,
  status: 12,
  vetoReason: 13,
  /** Beside the table when the roll-up was read from files (SOURCE_HEADERS). */
  sourceFile: 14,
  sourceHash: 15,
} as const;

const base = { hAlign: "center", vAlign: "middle", wrap: true, border: true, locked: true } as const;

export const GRID_STYLES: Readonly<Record<GridStyleName, CellStyle>> = {
  title: { ...base, bold: true, size: 16, border: false },
  subtitle: { ...base, hAlign: "left", border: false },
  header: { ...base, bold: true, fontColor: "FFFFFF", fill: "1F4E79" },
  index: { ...base, numberFormat: "0" },
  text: { ...base, hAlign: "left" },
  // General: 95 and 92.5, never "95.0".
  score: { ...base, numberFormat: "General" },
  verdict: { ...base, bold: true },
  totalLabel: { ...base, bold: true, fill: "D9E1F2", hAlign: "right" },
  count: { ...base, bold: true, fill: "D9E1F2", numberFormat: "0" },
  percent: { ...base, bold: true, fill: "D9E1F2", numberFormat: "0.0%" },
  note: { ...base, hAlign: "left", vAlign: "top", border: false },
  signature: { ...base, hAlign: "left", border: false },
};

/** Colour of 未提交, beside the verdict colours of the scorecard. */
export const MISSING_STYLE: CfStyle = { fill: "EDEDED", fontColor: "7F7F7F", bold: true };

/** A sheet name as a formula reference: always quoted, quotes doubled. */
export const sheetRef = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;
const abs = (col: number, row: number): string => `$${addr(col, row).replace(/(\d+)$/, "$$$1")}`;
const absRange = (col: number, r1: number, r2: number): string => `${abs(col, r1)}:${abs(col, r2)}`;

export const verdictText = (v: RollupVerdict): string =>
  v === "unsubmitted" ? MISSING_TEXT : VERDICT_TEXT[v];

class Grid {
  readonly rows: (GridCell | null)[][] = [];
  readonly merges: string[] = [];
  readonly heights: (number | null)[] = [];
  constructor(readonly width: number) {}
  private ensure(row: number): void {
    while (this.rows.length < row) {
      this.rows.push(Array.from({ length: this.width }, () => null));
      this.heights.push(null);
    }
  }
  set(row: number, col: number, cell: GridCell): void {
    this.ensure(row);
    this.rows[row - 1][col] = cell;
  }
  /** A cell across columns c1..c2 of one row: the value in c1, the style repeated so borders and fills draw. */
  span(row: number, c1: number, c2: number, cell: GridCell): void {
    this.set(row, c1, cell);
    for (let c = c1 + 1; c <= c2; c++) this.set(row, c, { value: null, style: cell.style });
    if (c2 > c1) this.merges.push(rangeAddr(c1, row, c2, row));
  }
  height(row: number, points: number): void {
    this.ensure(row);
    this.heights[row - 1] = points;
  }
}

const value = (v: PlanValue, style: GridStyleName): GridCell => ({ value: v, style });
const formula = (f: string, result: string | number, style: GridStyleName): GridCell => ({
  value: null,
  formula: f,
  result,
  style,
});

function verdictFormats(area: string, withMissing: boolean): CfRule[] {
  const rules = verdictColours(area);
  if (withMissing)
    rules.push({
      kind: "cellIs",
      areas: [area],
      operator: "equal",
      formulae: [`"${MISSING_TEXT}"`],
      style: MISSING_STYLE,
      purpose: "verdict",
    });
  return rules;
}

/** 状态 in grey while nothing counts yet, in red where a submission no longer holds. */
function statusFormats(area: string): CfRule[] {
  const rule = (key: keyof typeof STATUS_TEXT, style: CfStyle): CfRule => ({
    kind: "cellIs",
    areas: [area],
    operator: "equal",
    formulae: [`"${STATUS_TEXT[key]}"`],
    style,
    purpose: "verdict",
  });
  return [
    rule("missing", MISSING_STYLE),
    rule("draft", MISSING_STYLE),
    rule("edited", CF_STYLES.verdict.veto),
    rule("unrecorded", CF_STYLES.verdict.veto),
  ];
}

/** Title of the 汇总 sheet, naming the bureau (when known) and the year. */
export const rollupTitle = (rollup: Rollup): string =>
  `${rollup.issuer ?? ""}${rollup.year}年全国示范型退役军人服务站创建情况汇总表`;

/**
 * Title of the 创建名单, naming the bureau (when known) and the year. The bureau takes a line of its own: the
 * portrait sheet is too narrow for both, and a line break left to the printer falls inside a word.
 */
export const listTitle = (rollup: Rollup): string =>
  `${rollup.issuer ? `${rollup.issuer}\n` : ""}${rollup.year}年全国示范型退役军人服务站创建名单`;

function basisLine(rollup: Rollup): string {
  const { rubric } = rollup;
  const doc = rollup.documentNo ? `及${rollup.documentNo}` : "";
  return `依据《${rubric.title}》${doc}；总分${rubric.passLine}分（含）以上且无一票否决事项为达标。`;
}

/** What the 汇总 shows beyond the roll-up itself. */
export interface RollupPlanOptions {
  /** The notice's timeline status, worded, as a line under the title. */
  readonly timeline?: string;
  /**
   * Whether each station's scorecard is a sheet of the same workbook (its row's `sheet`), which the row then
   * refers to with live formulas; true by default. False: the row holds the values the engine read.
   */
  readonly copies?: boolean;
}

/** Rows up to which the printed 汇总 is fitted to one page; a longer one runs over as many pages as it needs. */
const ONE_PAGE_ROWS = 40;

function summaryPlan(
  rollup: Rollup,
  options: RollupPlanOptions,
): { plan: GridSheetPlan; at: RollupAddresses; chart: ChartSpec } {
  const { rubric, rows, totals } = rollup;
  const C = ROLLUP_COL;
  const copies = options.copies ?? true;
  // The file and hash of each row, when the roll-up was read from files: beside the table, not printed.
  const sources = rows.some((row) => row.source !== null);
  const headers = [...ROLLUP_HEADERS, ...(sources ? SOURCE_HEADERS : [])];
  // Titles, notes and the printed page span the table's own columns.
  const last = ROLLUP_HEADERS.length - 1;
  const g = new Grid(headers.length);
  const s = layoutFor(rubric).summaryRows;
  const incomplete = VERDICT_TEXT.incomplete;
  const layout = layoutFor(rubric);
  const items = rubric.items.map((i) => layout.entryRows.get(i.id) ?? 0);
  const [top, bottom] = [Math.min(...items), Math.max(...items)];
  // Items scored above 0 in either column (the hidden helpers J/K hold what counts, blank otherwise) whose
  // 佐证材料 (H) is blank: the engine's evidenceStatus, live.
  const missingEvidenceFormula = (ref: string): string => {
    const range = (c: number): string => `${ref}!${absRange(c, top, bottom)}`;
    const scored = (c: number): string => `ISNUMBER(${range(c)})*(${range(c)}>0)`;
    return `SUMPRODUCT(((${scored(COL.selfHelper)}+${scored(COL.reviewHelper)})>0)*(LEN(TRIM(${range(COL.evidence)}))=0))`;
  };

  g.span(1, 0, last, value(rollupTitle(rollup), "title"));
  g.height(1, 36);
  const timeline = options.timeline === undefined ? "" : `\n${options.timeline}`;
  g.span(2, 0, last, value(`${basisLine(rollup)}${timeline}`, "subtitle"));
  g.height(2, timeline ? 45 : 30);
  const headerRow = 3;
  headers.forEach((h, c) => g.set(headerRow, c, value(h, "header")));
  g.height(headerRow, 24);

  const firstRow = headerRow + 1;
  rows.forEach((row: RollupRow, i) => {
    const r = firstRow + i;
    const here = (c: number): string => addr(c, r);
    const statusIs = (keys: readonly (keyof typeof STATUS_TEXT)[]): string =>
      `OR(${keys.map((k) => `${here(C.status)}="${STATUS_TEXT[k]}"`).join(",")})`;
    g.set(r, C.no, value(row.no, "index"));
    g.set(r, C.station, value(row.station, "text"));
    g.set(r, C.passLine, value(rubric.passLine, "index"));
    // 状态 as the engine judged it on reading (a formula cannot check the submission hash); the columns that
    // depend on it refer to this cell.
    g.set(r, C.status, value(STATUS_TEXT[row.status], "verdict"));
    if (sources) {
      g.set(r, C.sourceFile, value(row.source?.file ?? null, "text"));
      g.set(r, C.sourceHash, value(row.source?.hash ?? null, "text"));
    }
    if (row.sheet === null || row.self === null) {
      g.set(r, C.sheet, value(null, "text"));
      for (const c of [C.selfTotal, C.reviewTotal, C.total]) g.set(r, c, value(null, "score"));
      for (const c of [C.selfVerdict, C.reviewVerdict, C.basis]) g.set(r, c, value(null, "verdict"));
      g.set(r, C.verdict, value(MISSING_TEXT, "verdict"));
      g.set(r, C.missingEvidence, value(null, "index"));
      g.set(r, C.vetoReason, value(null, "text"));
      return;
    }
    const ref = sheetRef(row.sheet);
    const submitted = statusIs(["submitted", "reviewing", "reviewed"]);
    // The review shows once it has started; before, its column on the scorecard is no review at all.
    const reviewShown = statusIs(["reviewing", "reviewed"]);
    const reviewOpen = `OR(${here(C.reviewVerdict)}="",${here(C.reviewVerdict)}="${incomplete}")`;
    const vetoes = (column: number): string =>
      `MID(${rubric.veto.conditions
        .map(
          (v) =>
            `IF(${ref}!${addr(column, layout.entryRows.get(v.key) ?? 0)}="${YES}","、${vetoText(rubric, [v.key])}","")`,
        )
        .join("&")},2,255)`;
    // Live, a formula over the station's sheet with the engine's value cached; else the engine's value itself.
    const put = (c: number, live: () => string, result: string | number, style: GridStyleName): void =>
      g.set(r, c, copies ? formula(live(), result, style) : value(result === "" ? null : result, style));
    put(C.missingEvidence, () => missingEvidenceFormula(ref), row.missingEvidence ?? 0, "index");
    g.set(r, C.sheet, value(row.sheet, "text"));
    put(C.selfTotal, () => `${ref}!${addr(COL.self, s.total)}`, row.self.total, "score");
    put(
      C.reviewTotal,
      () => `IF(${reviewShown},${ref}!${addr(COL.review, s.total)},"")`,
      row.review?.total ?? "",
      "score",
    );
    put(
      C.selfVerdict,
      () => `${ref}!${addr(COL.self, s.verdict)}`,
      VERDICT_TEXT[row.self.verdict],
      "verdict",
    );
    put(
      C.reviewVerdict,
      () => `IF(${reviewShown},${ref}!${addr(COL.review, s.verdict)},"")`,
      row.review ? VERDICT_TEXT[row.review.verdict] : "",
      "verdict",
    );
    put(
      C.total,
      () => `IF(${reviewOpen},${here(C.selfTotal)},${here(C.reviewTotal)})`,
      row.total ?? 0,
      "score",
    );
    put(
      C.verdict,
      () =>
        `IF(${submitted},IF(${reviewOpen},${here(C.selfVerdict)},${here(C.reviewVerdict)}),"${MISSING_TEXT}")`,
      verdictText(row.verdict),
      "verdict",
    );
    put(
      C.basis,
      () => `IF(${submitted},IF(${reviewOpen},"${BASIS_TEXT.self}","${BASIS_TEXT.review}"),"")`,
      row.basis === null ? "" : BASIS_TEXT[row.basis],
      "verdict",
    );
    put(
      C.vetoReason,
      () =>
        `IF(${here(C.verdict)}="${VERDICT_TEXT.veto}",IF(${reviewOpen},${vetoes(COL.self)},${vetoes(COL.review)}),"")`,
      vetoText(rubric, row.vetoItems),
      "text",
    );
  });
  const lastRow = firstRow + rows.length - 1;
  // Ranges keep at least one row so that an empty roll-up still has valid formulas.
  const rangeEnd = Math.max(lastRow, firstRow);
  const stationRange = rangeAddr(C.station, firstRow, C.station, rangeEnd);
  const verdictRange = rangeAddr(C.verdict, firstRow, C.verdict, rangeEnd);
  const statusRange = rangeAddr(C.status, firstRow, C.status, rangeEnd);

  // Totals: label across A:C, value in D.
  const valueCol = C.selfTotal;
  const at: Partial<Record<keyof typeof TOTAL_LABELS, number>> = {};
  let r = rangeEnd + 2;
  const total = (key: keyof typeof TOTAL_LABELS, cell: GridCell): void => {
    g.span(r, 0, valueCol - 1, value(TOTAL_LABELS[key], "totalLabel"));
    // 未达到目标 is wider than a score column: its cell takes the next one too.
    if (key === "reached") g.span(r, valueCol, valueCol + 1, cell);
    else g.set(r, valueCol, cell);
    at[key] = r++;
  };
  const D = (key: keyof typeof TOTAL_LABELS): string => addr(valueCol, at[key] ?? 0);
  const countOf = (v: RollupVerdict): GridCell =>
    formula(`COUNTIF(${verdictRange},"${verdictText(v)}")`, totals.counts[v], "count");
  const statusCount = (key: keyof typeof STATUS_TEXT): string =>
    `COUNTIF(${statusRange},"${STATUS_TEXT[key]}")`;
  total("stations", formula(`COUNTA(${stationRange})`, totals.stations, "count"));
  total("received", formula(`${D("stations")}-${statusCount("missing")}`, totals.received, "count"));
  total(
    "submitted",
    formula(
      `${statusCount("submitted")}+${statusCount("reviewing")}+${statusCount("reviewed")}`,
      totals.submitted,
      "count",
    ),
  );
  total("reviewed", formula(statusCount("reviewed"), totals.reviewed, "count"));
  total("missing", formula(statusCount("missing"), totals.missing, "count"));
  total("passed", countOf("pass"));
  total("fail", countOf("fail"));
  total("veto", countOf("veto"));
  total("incomplete", countOf("incomplete"));
  total("unsubmitted", countOf("unsubmitted"));
  total("rate", formula(`IF(${D("stations")}=0,0,${D("passed")}/${D("stations")})`, totals.rate, "percent"));
  if (totals.targetRate !== null && totals.target !== null && totals.needed !== null) {
    total("targetRate", value(totals.targetRate, "percent"));
    total(
      "target",
      formula(`ROUNDUP(ROUND(${D("targetRate")}*${D("stations")},6),0)`, totals.target, "count"),
    );
    total("needed", formula(`MAX(0,${D("target")}-${D("passed")})`, totals.needed, "count"));
    total(
      "reached",
      formula(
        `IF(${D("passed")}>=${D("target")},"${REACHED_TEXT.yes}","${REACHED_TEXT.no}")`,
        totals.reached ? REACHED_TEXT.yes : REACHED_TEXT.no,
        "verdict",
      ),
    );
  }
  const lastTotal = r - 1;

  // Notes: the counted-verdict rule, the target, where the numbers come from.
  r++;
  const notes = [SUBMITTED_RULE, COUNTED_RULE];
  if (totals.targetRate !== null && totals.target !== null)
    notes.push(
      `创建目标：达标服务站应达到服务站总数的${Math.round(totals.targetRate * 100)}%，即${totals.stations}个中至少${totals.target}个（向上取整）。`,
    );
  notes.push(
    copies
      ? `自评、复核的总分与结论引用各服务站评分表第${s.total}行、第${s.verdict}行，评分表修改后本表随之更新；复核开始（复核中、已复核）前复核总分与结论空白；状态“${STATUS_TEXT.missing}”表示通知所列服务站尚无评分表。`
      : `本工作簿未附各服务站评分表：各服务站的总分、结论和状态是生成本表时从其评分表文件读出并计算的值，不随文件更新；“${ROLLUP_HEADERS[C.sheet]}”为该文件中的工作表；复核开始（复核中、已复核）前复核总分与结论空白；状态“${STATUS_TEXT.missing}”表示通知所列服务站尚无评分表。`,
    `“${ROLLUP_HEADERS[C.missingEvidence]}”为自评或复核得分大于0但未填写佐证材料的项数；“${ROLLUP_HEADERS[C.vetoReason]}”列出认定结论为否决时回答“是”的一票否决事项。`,
  );
  if (sources)
    notes.push(
      `表格右侧的“${SOURCE_HEADERS[0]}”“${SOURCE_HEADERS[1]}”为每行所依据的文件及其内容的SHA-256哈希（不打印），可据此核对文件未被改动；全部输入文件见“${SOURCES_SHEET}”工作表。`,
    );
  for (const note of notes) {
    g.span(r, 0, last, value(note, "note"));
    g.height(r, 30);
    r++;
  }

  // The chart sits under the notes, across the table's width.
  const chartTop = r; // one-based row r is zero-based row r - 1; leave one blank row
  const chartRows = 18;
  const sheet = sheetRef(ROLLUP_SHEET);
  const chart: ChartSpec = {
    sheetName: ROLLUP_SHEET,
    title:
      `各服务站认定总分与达标线（${rubric.passLine}分）` +
      (rows.length > LABELLED_BARS ? `：${rows.length}个服务站，按汇总表顺序，不逐一标注` : ""),
    from: { col: 0, row: chartTop },
    to: { col: last + 1, row: chartTop + chartRows },
    categories: {
      ref: `${sheet}!${absRange(C.station, firstRow, rangeEnd)}`,
      values: rows.map((x) => x.station),
    },
    bars: {
      name: ROLLUP_HEADERS[C.total],
      nameRef: `${sheet}!${abs(C.total, headerRow)}`,
      ref: `${sheet}!${absRange(C.total, firstRow, rangeEnd)}`,
      values: rows.map((x) => x.total),
    },
    // Each bar in its 认定结论's colour as drawn now (the 创建名单 is of this moment too), with a legend of them.
    barColours: rows.map((x) => VERDICT_COLOURS[x.verdict]),
    legend: {
      entries: VERDICTS.map((v) => ({ name: verdictText(v), colour: VERDICT_COLOURS[v] })),
      // A cell of the merged title: empty and locked, as the sheet is protected.
      blankRef: `${sheet}!${abs(last, 1)}`,
    },
    line: {
      name: ROLLUP_HEADERS[C.passLine],
      nameRef: `${sheet}!${abs(C.passLine, headerRow)}`,
      ref: `${sheet}!${absRange(C.passLine, firstRow, rangeEnd)}`,
      values: rows.map(() => rubric.passLine),
    },
    axis: { min: 0, max: rubric.baseMax + rubric.bonus.cap, majorUnit: 10, title: "分" },
  };
  const printLast = chartTop + chartRows;

  const verdictArea = rangeAddr(C.selfVerdict, firstRow, C.reviewVerdict, rangeEnd);
  const conditionalFormats = [
    ...verdictFormats(verdictArea, false),
    ...verdictFormats(verdictRange, true),
    ...statusFormats(statusRange),
  ];
  if (at.reached !== undefined) {
    const reachedCell = addr(valueCol, at.reached);
    conditionalFormats.push(
      {
        kind: "cellIs",
        areas: [reachedCell],
        operator: "equal",
        formulae: [`"${REACHED_TEXT.yes}"`],
        style: CF_STYLES.verdict.pass,
        purpose: "verdict",
      },
      {
        kind: "cellIs",
        areas: [reachedCell],
        operator: "equal",
        formulae: [`"${REACHED_TEXT.no}"`],
        style: CF_STYLES.verdict.fail,
        purpose: "verdict",
      },
    );
  }

  const plan: GridSheetPlan = {
    sheetName: ROLLUP_SHEET,
    cells: g.rows,
    merges: g.merges,
    styles: GRID_STYLES,
    columns: [6, 14, 22, 10, 10, 10, 10, 10, 10, 10, 8, 10, 12, 28, ...(sources ? [28, 74] : [])].map(
      (w) => ({ width: w }),
    ),
    rowHeights: g.heights,
    conditionalFormats,
    print: {
      orientation: "landscape",
      fitToHeight: rows.length <= ONE_PAGE_ROWS ? 1 : 0,
      area: rangeAddr(0, 1, last, Math.max(printLast, lastTotal)),
      titleRows: [headerRow, headerRow],
    },
    freeze: { rows: headerRow },
  };
  return {
    plan,
    chart,
    at: { headerRow, firstRow, lastRow, totals: at, totalsColumn: valueCol },
  };
}

function listPlan(rollup: Rollup, at: RollupAddresses): GridSheetPlan {
  const width = LIST_HEADERS.length;
  const last = width - 1;
  const g = new Grid(width);
  const summary = sheetRef(ROLLUP_SHEET);
  const passing = passingRows(rollup);
  const { totals } = rollup;

  g.span(1, 0, last, value(listTitle(rollup), "title"));
  g.height(1, 48);
  const summaryLine =
    `${totals.stations}个服务站中收到${totals.received}个、已提交${totals.submitted}个，达标${totals.passed}个，达标率${percentText(totals.rate)}` +
    (totals.target === null ? "" : `（目标${totals.target}个）`);
  g.span(2, 0, last, value(`${summaryLine}。${basisLine(rollup)}`, "subtitle"));
  g.height(2, 48);
  const headerRow = 3;
  LIST_HEADERS.forEach((h, c) => g.set(headerRow, c, value(h, "header")));
  g.height(headerRow, 24);
  let r = headerRow + 1;
  if (passing.length === 0) {
    g.set(r, 0, value(null, "index"));
    g.span(r, 1, last, value("（暂无达标服务站）", "text"));
    r++;
  }
  passing.forEach((row, i) => {
    const source = at.firstRow + row.no - 1;
    g.set(r, 0, value(i + 1, "index"));
    g.set(r, 1, value(row.station, "text"));
    g.set(r, 2, formula(`${summary}!${addr(ROLLUP_COL.total, source)}`, row.total ?? 0, "score"));
    g.set(
      r,
      3,
      formula(`${summary}!${addr(ROLLUP_COL.verdict, source)}`, verdictText(row.verdict), "verdict"),
    );
    r++;
  });
  const lastData = r - 1;
  r++;
  g.span(
    r,
    0,
    last,
    value(
      `共${passing.length}个。只列已提交（提交记录有效）且认定结论为达标的服务站。${COUNTED_RULE}`,
      "note",
    ),
  );
  g.height(r, 60);
  r++;
  g.span(
    r,
    0,
    last,
    value("名单按生成时的认定结论列出，总分与结论引用汇总表；评分表修改后请重新生成。", "note"),
  );
  g.height(r, 30);
  r += 2;
  // The unit on a line of its own: beside the date, a long name broke inside a word.
  g.span(r, 0, last, value(`报送单位（盖章）：${rollup.issuer ?? ""}`, "signature"));
  g.height(r, 30);
  r++;
  g.span(r, 0, last, value("日期：　　年　　月　　日", "signature"));
  g.height(r, 30);

  return {
    sheetName: LIST_SHEET,
    cells: g.rows,
    merges: g.merges,
    styles: GRID_STYLES,
    columns: [8, 34, 14, 14].map((w) => ({ width: w })),
    rowHeights: g.heights,
    conditionalFormats: verdictFormats(
      rangeAddr(3, headerRow + 1, 3, Math.max(lastData, headerRow + 1)),
      false,
    ),
    print: {
      orientation: "portrait",
      fitToHeight: 0,
      area: rangeAddr(0, 1, last, r),
      titleRows: [headerRow, headerRow],
    },
    freeze: { rows: headerRow },
  };
}

/** The 汇总 sheet, its chart and the 创建名单 sheet of a roll-up. */
export function buildRollupPlans(rollup: Rollup, options: RollupPlanOptions = {}): RollupPlans {
  const { plan, at, chart } = summaryPlan(rollup, options);
  return { summary: plan, list: listPlan(rollup, at), chart, at };
}
