import type { Layout } from "./layout";

export type PlanValue = string | number | boolean | null;

export type StyleName =
  | "title"
  | "metaLabel"
  | "metaValue"
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
  | "verdict"
  | "signatureLabel"
  | "signature"
  | "helper";

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

export interface PrintSetup {
  readonly paper: "A4";
  readonly orientation: "landscape";
  readonly titleRows: readonly [number, number];
  readonly fitToWidth: 1;
  readonly area: string;
  readonly footer: string;
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
}

export const emptyEntries = (): ScorecardEntries => ({ self: {}, review: {}, evidence: {}, notes: {} });

/** Submission states of a scorecard. */
export const STATES = ["填报中", "已提交", "复核中", "已复核"] as const;
export type ScorecardState = (typeof STATES)[number];

/** A cell value as adapters hand it to the reader: Excel errors arrive as their text, e.g. "#REF!". */
export type GridValue = string | number | boolean | null;

/** A worksheet's used cells from A1, as values and formulas, the shape every adapter can read cheaply. */
export interface SheetGrid {
  readonly name: string;
  /** values[row - 1][col]. */
  readonly values: readonly (readonly GridValue[])[];
  /** Same shape; the formula without '=' where the cell holds one, else null. */
  readonly formulas: readonly (readonly (string | null)[])[];
  /** What the adapter could see of the file's own guards; omitted where it cannot tell. */
  readonly guards?: SheetGuards;
}

export interface SheetGuards {
  readonly protected: boolean;
  /** Score cells (single-cell A1 addresses) that still carry data validation. */
  readonly validatedCells: readonly string[];
}
