import { format, type Strings } from "../../i18n/strings";
import type { GridValue } from "../../sheet";
import type { CellWrite, WorkbookPort } from "../../workbook";

interface Entry {
  readonly sheet: string;
  readonly cell: string;
  readonly value: GridValue;
}

/**
 * The cells a file did not take (a write that failed and was not made good since), each with the last value sent:
 * when a file turns out not to be workable after all (its model could not be built), the message that closes it
 * names them, so that what the clerk typed is shown, never dropped in silence.
 */
export class UnwrittenEntries {
  private readonly entries = new Map<string, Entry>();
  /** Called after each failed write is noted. */
  onFailed: (() => void) | null = null;

  private static key(sheet: string, cell: string): string {
    return `${sheet}\u0000${cell}`;
  }

  failed(sheet: string, writes: readonly CellWrite[]): void {
    for (const { cell, value } of writes)
      this.entries.set(UnwrittenEntries.key(sheet, cell), { sheet, cell, value });
    this.onFailed?.();
  }

  written(sheet: string, writes: readonly CellWrite[]): void {
    for (const { cell } of writes) this.entries.delete(UnwrittenEntries.key(sheet, cell));
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The entries in the clerk's words — "第3项自评得分 2", a cell of another sheet by its address — read from
   * `port` (a staged file still answers reads from its reading when its model failed).
   */
  async describe(port: WorkbookPort, s: Strings): Promise<string> {
    // The reader comes with the pane's chunk, as useDraft's.
    const { COL, addr, isScorecard, readScorecard } = await import("../../sheet");
    const labels = new Map<string, string>();
    for (const sheet of new Set([...this.entries.values()].map((e) => e.sheet))) {
      try {
        const [grid] = await port.readGrids([sheet]);
        if (!grid || !isScorecard(grid)) continue;
        for (const [id, row] of readScorecard(grid).entryRows) {
          const label = (column: number, text: string): void =>
            void labels.set(UnwrittenEntries.key(sheet, addr(column, row)), text);
          // A veto condition is answered 是 / 否, not scored.
          const score = (name: string): string =>
            id.includes(".")
              ? format(s.tableChoiceLabel, { name: id, column: name })
              : format(s.tableScoreLabel, { no: id, column: name });
          label(COL.self, score(s.columnSelf));
          label(COL.review, score(s.columnReview));
          label(COL.evidence, format(s.tableEvidenceLabel, { no: id }));
          label(COL.notes, format(s.tableNotesLabel, { no: id }));
        }
      } catch {
        // A sheet that cannot be read: its cells are named by their address.
      }
    }
    const parts = [...this.entries.entries()].map(([key, { sheet, cell, value }]) => {
      const where = labels.get(key) ?? format(s.unwrittenCell, { sheet, cell });
      return value === null || value === "" ? `${where} ${s.unwrittenCleared}` : `${where} ${String(value)}`;
    });
    return format(s.unwrittenEntries, { entries: parts.join(s.unwrittenSeparator) });
  }
}
