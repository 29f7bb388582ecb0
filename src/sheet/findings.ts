import type { Message } from "../i18n/types";
import type { ScoreColumnName } from "./layout";

export type FindingCode =
  | "invalid-entry"
  | "entry-formula"
  | "text-changed"
  | "max-changed"
  | "row-missing"
  | "row-duplicated"
  | "row-moved"
  | "row-inserted"
  | "formula-overwritten"
  | "formula-changed"
  | "meta-missing"
  | "unknown-edition"
  | "validation-removed"
  | "protection-removed"
  | "duplicate-station"
  | "edited-after-submit"
  | "no-evidence";

/** A problem found in a scorecard, pinned to a cell. */
export interface Finding {
  /** Entry id ("1"…"74", "75.1"…, "same"), a summary label, or "sheet". */
  readonly item: string;
  readonly column?: ScoreColumnName;
  /** A1 address on the sheet. */
  readonly cell: string;
  readonly severity: "error" | "warning";
  readonly code: FindingCode;
  readonly message: Message;
}

/** A finding about what was filled in, not about the sheet itself. */
const ABOUT_ENTRIES: readonly FindingCode[] = ["invalid-entry", "no-evidence"];

/** Integrity findings are everything but findings about entries: signs the sheet itself was altered. */
export const isIntegrity = (f: Finding): boolean => !ABOUT_ENTRIES.includes(f.code);
