// The phases of OfficePort.readGrids, each queued on the context and read back after the caller's sync:
// the top rows of every sheet; then each scorecard's used range, validation and 佐证材料 links, in chunks;
// then the cells of moved rows, asked one by one.
import type { SheetGrid } from "../sheet";
import { parseRect, stripSheet } from "./a1";
import {
  HEAD_RANGE,
  evidenceCells,
  gridFromUsedRange,
  pairCells,
  pairVerdict,
  plannedCells,
  scoreCellPairs,
} from "./read";

/** Scorecards whose whole grids are loaded in one sync: about 50 KB each, far below the 5 MB response limit. */
export const SCORECARDS_PER_SYNC = 40;

export interface QueuedHead {
  readonly top: Excel.Range;
  readonly used: Excel.Range;
}

/** Phase 1: a sheet's top rows and used range. */
export function queueHead(sheet: Excel.Worksheet): QueuedHead {
  const top = sheet.getRange(HEAD_RANGE);
  top.load("values");
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("address");
  return { top, used };
}

/** The top rows of a sheet as a grid, cut to its used range (nothing for an empty sheet). */
export function headGrid(name: string, head: QueuedHead): SheetGrid {
  if (head.used.isNullObject) return { name, values: [], formulas: [] };
  const { r2, c2 } = parseRect(stripSheet(head.used.address));
  const rows = head.top.values.slice(0, r2 + 1).map((row) => row.slice(0, c2 + 1));
  return gridFromUsedRange(name, {
    address: "A1",
    values: rows,
    formulas: rows.map((row) => row.map(() => "")),
  });
}

interface AskedValidation {
  readonly cell: string;
  readonly validation: Excel.DataValidation;
}

interface AskedLink {
  readonly cell: string;
  readonly range: Excel.Range;
}

export interface QueuedScorecard {
  readonly sheet: Excel.Worksheet;
  readonly used: Excel.Range;
  /** The validation of each planned score pair, by the pair's address. */
  readonly pairs: readonly AskedValidation[];
  readonly evidence: readonly AskedLink[];
}

/** Phase 2: a scorecard's whole used range, the validation of its planned score pairs and its evidence links. */
export function queueScorecard(
  sheet: Excel.Worksheet,
  head: QueuedHead,
  grid: SheetGrid,
  withGuards: boolean,
): QueuedScorecard {
  const used = sheet.getRange(stripSheet(head.used.address));
  used.load("address,values,formulas");
  const planned = plannedCells(grid);
  const pairs = withGuards ? planned.pairs.map((address) => queueValidation(sheet, address)) : [];
  const evidence = planned.evidence.map((cell) => queueLink(sheet, cell));
  return { sheet, used, pairs, evidence };
}

const queueLink = (sheet: Excel.Worksheet, cell: string): AskedLink => {
  const range = sheet.getRange(cell);
  range.load("hyperlink");
  return { cell, range };
};

const queueValidation = (sheet: Excel.Worksheet, cell: string): AskedValidation => {
  const validation = sheet.getRange(cell).dataValidation;
  validation.load("type");
  return { cell, validation };
};

/** What phase 2 found of one scorecard, and what phase 3 must still ask (queued already). */
export interface ReadScorecardPart {
  readonly grid: SheetGrid;
  readonly validated: string[];
  readonly links: Record<string, string>;
  readonly askedValidations: readonly AskedValidation[];
  readonly askedLinks: readonly AskedLink[];
}

/**
 * Reads phase 2 back. Pairs whose rows are where planned are judged from one load per pair; rows found
 * elsewhere (moved or inserted) and evidence cells off plan are queued for phase 3, cell by cell.
 */
export function collectScorecard(loaded: QueuedScorecard, withGuards: boolean): ReadScorecardPart {
  const { sheet } = loaded;
  const grid = gridFromUsedRange(sheet.name, loaded.used);
  const validated: string[] = [];
  const askedValidations: AskedValidation[] = [];
  const actualPairs = new Set(scoreCellPairs(grid));
  for (const { cell: address, validation } of loaded.pairs) {
    if (!actualPairs.delete(address)) continue;
    const verdict = pairVerdict(validation.type);
    if (verdict === "both") validated.push(...pairCells(address));
    if (verdict === "ask") askedValidations.push(...pairCells(address).map((c) => queueValidation(sheet, c)));
  }
  if (withGuards)
    for (const address of actualPairs)
      askedValidations.push(...pairCells(address).map((c) => queueValidation(sheet, c)));
  const links: Record<string, string> = {};
  const known = new Set<string>();
  for (const { cell, range } of loaded.evidence) {
    known.add(cell);
    if (range.hyperlink?.address) links[cell] = range.hyperlink.address;
  }
  const askedLinks = evidenceCells(grid)
    .filter((cell) => !known.has(cell))
    .map((cell) => queueLink(sheet, cell));
  return { grid, validated, links, askedValidations, askedLinks };
}

/** Reads phase 3 back into the part. */
export function collectAsked(part: ReadScorecardPart): void {
  for (const { cell, validation } of part.askedValidations)
    if (validation.type !== "None") part.validated.push(cell);
  for (const { cell, range } of part.askedLinks)
    if (range.hyperlink?.address) part.links[cell] = range.hyperlink.address;
}
