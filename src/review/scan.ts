import type { Verdict } from "../scoring";
import { scorecardFindings, workbookFindings } from "../sheet/check";
import type { Finding } from "../sheet/findings";
import { COL, addr } from "../sheet/layout";
import { isScorecard, readScorecard, type ReadScorecard } from "../sheet/reader";
import type { ScorecardState, SheetGrid } from "../sheet/types";
import type { WorkbookPort } from "../workbook/port";

/** Where a whole-workbook check is: reading every sheet, then judging the scorecards one by one. */
export type ScanProgress =
  | { readonly phase: "reading" }
  | { readonly phase: "judging"; readonly done: number; readonly total: number };

export interface ScanCounts {
  /** Findings of severity error, invalid entries included. */
  readonly errors: number;
  readonly warnings: number;
  /** Invalid entries, both columns. */
  readonly invalid: number;
  /** Items 1–70 left empty in the self-assessment. */
  readonly empty: number;
}

export interface ColumnTotal {
  readonly total: number;
  readonly verdict: Verdict;
  /** The veto conditions answered 是 ("75.2"…): why the verdict is 否决 (see vetoCauses for their texts). */
  readonly vetoItems: readonly string[];
}

/** One scorecard of the workbook as the 审核 table shows it. */
export interface ScanRow {
  readonly sheet: string;
  readonly station: string;
  readonly year: number;
  readonly state: ScorecardState;
  readonly self: ColumnTotal;
  readonly review: ColumnTotal;
  readonly counts: ScanCounts;
  /** The scorecard's findings exactly as `scorecard check` lists them (scorecardFindings). */
  readonly findings: readonly Finding[];
  /** The cell to jump to: the first error, else the first empty item, else the first warning; null when clean. */
  readonly firstProblem: string | null;
}

export interface ScanResult {
  readonly rows: readonly ScanRow[];
  readonly reads: readonly ReadScorecard[];
  /** The grids read, every sheet of the workbook. */
  readonly grids: readonly SheetGrid[];
}

/** The table row of one scorecard; `extra` are its workbook findings. */
export function scanRow(read: ReadScorecard, extra: readonly Finding[] = []): ScanRow {
  const { self, review } = read.scores;
  const findings = scorecardFindings(read, extra);
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity !== "error");
  const emptyCell = self.empty.length > 0 ? addr(COL.self, read.entryRows.get(self.empty[0]) ?? 0) : null;
  return {
    sheet: read.sheet,
    station: read.meta.station,
    year: read.meta.year,
    state: read.meta.state,
    self: { total: self.total, verdict: self.verdict, vetoItems: self.vetoConditions },
    review: { total: review.total, verdict: review.verdict, vetoItems: review.vetoConditions },
    counts: {
      errors: errors.length,
      warnings: warnings.length,
      invalid: findings.filter((f) => f.code === "invalid-entry").length,
      empty: self.empty.length,
    },
    findings,
    // An empty item blocks 提交, a warning does not: it comes before them.
    firstProblem: errors[0]?.cell ?? emptyCell ?? warnings[0]?.cell ?? null,
  };
}

export interface ScanOptions {
  readonly onProgress?: (progress: ScanProgress) => void;
  /**
   * Awaited once judging has held the thread for SLICE_MS, to let the user interface draw (a macrotask by
   * default), the progress reported just before.
   */
  readonly pause?: () => Promise<void>;
  /** Stops judging when it returns true (the pane was closed). */
  readonly cancelled?: () => boolean;
  /** The clock the slices are measured with (ms). */
  readonly now?: () => number;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * How long judging runs before it lets the page draw (ms): a long task's threshold. Yielding after every
 * scorecard instead cost a drawn frame each (17 scorecards: 0.7 s on a slow PC for 50 ms of judging).
 */
export const SLICE_MS = 50;

/**
 * Checks every scorecard of the workbook: one port.readGrids() of all sheets (the Office adapter needs at
 * most four round trips however many there are), then each scorecard read and judged in turn, yielding every
 * SLICE_MS, then the findings only the workbook shows.
 */
export async function scanWorkbook(port: WorkbookPort, options: ScanOptions = {}): Promise<ScanResult> {
  const { onProgress, pause = nextTask, cancelled = () => false, now = () => performance.now() } = options;
  onProgress?.({ phase: "reading" });
  const grids = await port.readGrids();
  const scorecards = grids.filter(isScorecard);
  const reads: ReadScorecard[] = [];
  onProgress?.({ phase: "judging", done: 0, total: scorecards.length });
  let sliceStart = now();
  for (const grid of scorecards) {
    if (cancelled()) break;
    reads.push(readScorecard(grid));
    if (now() - sliceStart < SLICE_MS && reads.length < scorecards.length) continue;
    onProgress?.({ phase: "judging", done: reads.length, total: scorecards.length });
    await pause();
    sliceStart = now();
  }
  const extra = workbookFindings(reads);
  return { rows: reads.map((read) => scanRow(read, extra.get(read) ?? [])), reads, grids };
}
