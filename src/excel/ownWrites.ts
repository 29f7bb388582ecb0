/**
 * Remembers which sheets the add-in is writing to, so change events it caused itself can be told apart
 * where the host cannot say (EventTriggerSource needs ExcelApi 1.14). A sheet counts as "own" while a write
 * is in flight and for `windowMs` after it ends, the time Excel may take to deliver the events.
 * A user edit on the same sheet inside that window is missed too; the pane's next read picks it up.
 */
export class OwnWriteGuard {
  private readonly inFlight = new Map<string, number>();
  private readonly until = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Marks the start of a write; call the returned function when it has ended (succeeded or not). */
  begin(name: string): () => void {
    // Excel compares sheet names without regard to case; so does the guard.
    const sheet = name.toLowerCase();
    this.inFlight.set(sheet, (this.inFlight.get(sheet) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.inFlight.get(sheet) ?? 1) - 1;
      if (left > 0) this.inFlight.set(sheet, left);
      else this.inFlight.delete(sheet);
      this.until.set(sheet, this.now() + this.windowMs);
    };
  }

  /** Whether an event that arrived at `at` (default: now) on that sheet was the add-in's own doing. */
  isOwn(name: string, at = this.now()): boolean {
    const sheet = name.toLowerCase();
    return (this.inFlight.get(sheet) ?? 0) > 0 || at < (this.until.get(sheet) ?? -Infinity);
  }

  /** The guard's clock, to stamp an event on arrival. */
  time(): number {
    return this.now();
  }
}
