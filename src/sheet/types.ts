import type { SignatureKey } from "./labels";
import type { Layout } from "./layout";

export type PlanValue = string | number | boolean | null;

export type StyleName =
  | "title"
  | "metaLabel"
  | "metaValue"
  | "metaNumber"
  | "header"
  | "category"
  | "task"
  | "key"
  | "text"
  | "max"
  | "entry"
  | "entryLocked"
  | "note"
  | "subtotalLabel"
  | "summaryLabel"
  | "summaryValue"
  | "summaryNote"
  | "verdict"
  | "signatureLabel"
  | "signature"
  | "helper"
  | "helperText";

export interface CellStyle {
  readonly bold?: boolean;
  readonly size?: number;
  readonly fontColor?: string;
  /** Hex colour without '#'. */
  readonly fill?: string;
  readonly hAlign: "left" | "center" | "right";
  readonly vAlign: "top" | "middle";
  readonly wrap: boolean;
  readonly border: boolean;
  readonly numberFormat?: string;
  readonly locked: boolean;
}

export interface PlanCell {
  readonly value: PlanValue;
  /** Formula without the leading '='. */
  readonly formula?: string;
  /** The engine's value for a formula cell, written as the cached result. */
  readonly result?: string | number;
  /** Hyperlink target of the cell (a 佐证材料 file or page); the value is the text shown. */
  readonly link?: string;
  readonly style: StyleName;
}

export interface ValidationRule {
  /** Single rectangular range, e.g. "F4:G4". */
  readonly range: string;
  readonly kind: "decimal" | "list";
  readonly min?: number;
  readonly max?: number;
  readonly list?: readonly (string | number)[];
  readonly promptTitle: string;
  readonly prompt: string;
  readonly errorTitle: string;
  readonly error: string;
}

export interface CfStyle {
  readonly fill: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
}

export type CfRule =
  | {
      readonly kind: "cellIs";
      readonly areas: readonly string[];
      readonly operator: "between" | "notBetween" | "equal";
      readonly formulae: readonly string[];
      readonly style: CfStyle;
      readonly purpose: CfPurpose;
    }
  | {
      readonly kind: "expression";
      /** One rectangular area; the formula is relative to its top-left cell. */
      readonly areas: readonly [string];
      readonly formula: string;
      readonly style: CfStyle;
      readonly purpose: CfPurpose;
    };

export type CfPurpose = "invalid" | "shortfall" | "empty" | "veto" | "verdict" | "difference";

/** Page margins in inches, as the file format and ExcelJS give them. */
export interface PrintMargins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly header: number;
  readonly footer: number;
}

export interface PrintSetup {
  readonly paper: "A4";
  readonly orientation: "landscape";
  readonly titleRows: readonly [number, number];
  readonly fitToWidth: 1;
  readonly area: string;
  readonly footer: string;
  readonly margins: PrintMargins;
  /** Manual page breaks: a page ends after each of these rows (one-based). */
  readonly rowBreaks: readonly number[];
}

export interface ScorecardMeta {
  readonly station: string;
  readonly year: number;
  readonly edition: string;
  readonly state: ScorecardState;
  /** Recorded when the self-assessment was submitted; kept in hidden cells of the metadata row. */
  readonly submission?: { readonly hash: string; readonly time: string };
}

export interface SheetPlan {
  readonly sheetName: string;
  readonly meta: ScorecardMeta;
  readonly layout: Layout;
  /** Dense grid, cells[row - 1][col]. */
  readonly cells: readonly (readonly PlanCell[])[];
  readonly merges: readonly string[];
  readonly styles: Readonly<Record<StyleName, CellStyle>>;
  readonly columns: readonly { readonly width: number; readonly hidden: boolean }[];
  /** Points, rowHeights[row - 1]. */
  readonly rowHeights: readonly number[];
  readonly validations: readonly ValidationRule[];
  readonly conditionalFormats: readonly CfRule[];
  readonly protection: { readonly password?: string };
  readonly print: PrintSetup;
  readonly freeze: { readonly rows: number };
}

/** Everything a user types into a scorecard, keyed by entry id ("1"…"74", "same", "75.1"…). */
export interface ScorecardEntries {
  readonly self: Readonly<Record<string, PlanValue>>;
  readonly review: Readonly<Record<string, PlanValue>>;
  readonly evidence: Readonly<Record<string, string>>;
  readonly notes: Readonly<Record<string, string>>;
  /** Hyperlink targets of 佐证材料 cells, by entry id (the text shown is in `evidence`). */
  readonly links?: Readonly<Record<string, string>>;
  /** The signature block as written: 填报人, 审核人, 日期, the unit, its head, telephone, and the review's. */
  readonly signature?: Readonly<Partial<Record<SignatureKey, string>>>;
}

export const emptyEntries = (): ScorecardEntries => ({ self: {}, review: {}, evidence: {}, notes: {} });

/** Submission states of a scorecard. */
export const STATES = ["填报中", "已提交", "复核中", "已复核"] as const;
export type ScorecardState = (typeof STATES)[number];

/** States in which the review has started: before them the sheet leaves the 复核 totals blank. */
export const REVIEW_STATES: readonly ScorecardState[] = ["复核中", "已复核"];
export const reviewStarted = (state: ScorecardState): boolean => REVIEW_STATES.includes(state);

/** A cell value as adapters hand it to the reader: Excel errors arrive as their text, e.g. "#REF!". */
export type GridValue = string | number | boolean | null;

/** One row of a grid, by zero-based column: a cell that holds nothing is a hole or undefined. */
export type GridRow<T> = readonly (T | undefined)[];

/**
 * A worksheet's used cells from A1, as values and formulas, the shape every adapter can read cheaply. Readers of
 * files keep it sparse — a row or cell that holds nothing is a hole — so that one far-away cell costs one entry,
 * not the rectangle up to it; loops go over what is there (forEach skips holes), never over rows × columns.
 */
export interface SheetGrid {
  readonly name: string;
  /** values[row - 1][col]. */
  readonly values: readonly (GridRow<GridValue> | undefined)[];
  /** Same shape; the formula without '=' where the cell holds one, else null or a hole. */
  readonly formulas: readonly (GridRow<string | null> | undefined)[];
  /** What the adapter could see of the file's own guards; omitted where it cannot tell. */
  readonly guards?: SheetGuards;
  /**
   * Hyperlink targets by single-cell A1 address, or by the A1 area a link covers, where the adapter reads them
   * (佐证材料 cells at least); see linkAt.
   */
  readonly links?: Readonly<Record<string, string>>;
}

export interface SheetGuards {
  readonly protected: boolean;
  /** Areas (single cells "F5" or ranges "F5:G78") under a data validation that checks something. */
  readonly validatedAreas: readonly string[];
}

// Generic grid sheets (汇总, 创建名单, 审核结果): a plain table drawn like a scorecard plan, and its chart.

export type GridStyleName =
  | "title"
  | "subtitle"
  | "header"
  | "index"
  | "text"
  | "score"
  | "verdict"
  | "totalLabel"
  | "count"
  | "percent"
  | "note"
  | "signature";

export interface GridCell {
  readonly value: PlanValue;
  /** Formula without the leading '='. */
  readonly formula?: string;
  /** The engine's value, written as the cached result. */
  readonly result?: string | number;
  readonly style: GridStyleName;
}

export interface GridSheetPlan {
  readonly sheetName: string;
  /** Dense grid, cells[row - 1][col]; null leaves the cell untouched. */
  readonly cells: readonly (readonly (GridCell | null)[])[];
  readonly merges: readonly string[];
  readonly styles: Readonly<Record<GridStyleName, CellStyle>>;
  readonly columns: readonly { readonly width: number }[];
  /** Points, rowHeights[row - 1]; null keeps the default. */
  readonly rowHeights: readonly (number | null)[];
  readonly conditionalFormats: readonly CfRule[];
  readonly print: {
    readonly orientation: "landscape" | "portrait";
    /** Pages tall the sheet is fitted to; 0 lets it run on. */
    readonly fitToHeight: 0 | 1;
    readonly area: string;
    readonly titleRows: readonly [number, number];
  };
  readonly freeze: { readonly rows: number };
}

/** A chart of the 汇总 sheet: the counted totals as columns, the pass line as a line over them. */
export interface ChartSeries {
  readonly name: string;
  /** The header cell naming the series, e.g. '汇总'!$H$3. */
  readonly nameRef: string;
  /** The values, e.g. '汇总'!$H$4:$H$20. */
  readonly ref: string;
  /** The engine's values (null for a gap), cached in the chart. */
  readonly values: readonly (number | null)[];
}

export interface ChartSpec {
  readonly sheetName: string;
  readonly title: string;
  /** Zero-based cells the chart spans: top-left corner of `from` to top-left corner of `to`. */
  readonly from: { readonly col: number; readonly row: number };
  readonly to: { readonly col: number; readonly row: number };
  readonly categories: { readonly ref: string; readonly values: readonly string[] };
  readonly bars: ChartSeries;
  /** Colour of each bar (hex without '#'), in category order; the series' one colour when absent. */
  readonly barColours?: readonly string[];
  /**
   * Legend entries for barColours, shown instead of the bar series' own entry: each a series without values,
   * its values referring to `blankRef`, a cell that stays empty (LibreOffice lists no series of literal values).
   */
  readonly legend?: {
    readonly entries: readonly { readonly name: string; readonly colour: string }[];
    readonly blankRef: string;
  };
  readonly line: ChartSeries;
  readonly axis: {
    readonly min: number;
    readonly max: number;
    readonly majorUnit: number;
    readonly title: string;
  };
}
