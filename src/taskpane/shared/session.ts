import type { Rubric } from "../../rubric";
import { judgeScore, judgeYesNo, scoreColumn, type ColumnScore, type Judgement } from "../../scoring";
import {
  COL,
  addr,
  isScorecard,
  readScorecard,
  sheetNameFor,
  type GridValue,
  type ReadScorecard,
  type ScoreColumnName,
  type ScorecardEntries,
  type SheetGrid,
} from "../../sheet";
import type { PopulateOptions, PopulateResult, WorkbookPort } from "../../workbook";
import { reviewLocked, selfLocked } from "../../review/submission";
import { NotAScorecardError, type ErrorContext } from "./errors";
import { parseTyped } from "./typed";

/** What a form edit changes: a score column, the evidence text, or the reviewer's remark (备注). */
export type EntryField = ScoreColumnName | "evidence" | "notes";

/** Text fields of an entry row. */
const isText = (field: EntryField): field is "evidence" | "notes" =>
  field === "evidence" || field === "notes";

export interface Timing {
  /** Quiet time after the last cell-change event before the scorecard is read again (ms). */
  readonly readDelay: number;
  /** Quiet time after the last form edit before the batch is written (ms). */
  readonly writeDelay: number;
}

export const DEFAULT_TIMING: Timing = { readDelay: 300, writeDelay: 400 };

export interface SessionOptions {
  /** Every error the session meets; it never throws from event handlers or timers. */
  readonly onError: (error: unknown, context: ErrorContext) => void;
  readonly timing?: Partial<Timing>;
  /** Refused inputs to show again (file mode's restore after a reload). */
  readonly refused?: readonly RefusedEntry[];
}

/**
 * A value typed into a score box and refused (5 where the maximum is 2). It is never written, but it is not lost
 * either: the box keeps it in red, 问题 lists it, saving and export ask first, and file mode keeps it with the
 * browser's copy of the workbook until it is corrected or given up (Esc).
 */
export interface RefusedEntry {
  readonly sheet: string;
  readonly field: ScoreColumnName;
  readonly id: string;
  /** Exactly what was typed. */
  readonly text: string;
}

/** A refused entry of the shown scorecard, with why it was refused. */
export interface Refused extends RefusedEntry {
  readonly judgement: Judgement & { readonly status: "invalid" };
}

/** The active scorecard as the pane shows it: what was read, with the edits not yet read back laid over it. */
export interface ScorecardView {
  readonly sheet: string;
  readonly read: ReadScorecard;
  readonly entries: ScorecardEntries;
  readonly scores: Readonly<Record<ScoreColumnName, ColumnScore>>;
  /** The refused inputs of this scorecard per score column, by entry id. */
  readonly refused: Readonly<Record<ScoreColumnName, ReadonlyMap<string, Refused>>>;
}

export interface SessionSnapshot {
  readonly status: "loading" | "ready";
  readonly view: ScorecardView | null;
  /** Sheets whose names mark them as scorecards (…评分表), offered when the active sheet is not one. */
  readonly scorecardSheets: readonly string[];
  /** Edits waiting for the next batch. */
  readonly queued: number;
  /** Edits sent and not yet read back. */
  readonly writing: number;
  /** Every refused input still standing, of any sheet (file mode keeps them with its copy of the workbook). */
  readonly refused: readonly RefusedEntry[];
}

export type Existing = "none" | "scorecard" | "other";

interface Draft {
  readonly sheet: string;
  readonly field: EntryField;
  readonly id: string;
  readonly cell: string;
  readonly value: GridValue;
  readonly sent: boolean;
}

const SCORECARD_NAME = /评分表$/;

const draftKey = (sheet: string, cell: string): string => `${sheet}!${cell}`;
const refusedKey = (sheet: string, field: ScoreColumnName, id: string): string => `${sheet}!${field}!${id}`;
const NO_REFUSED: ReadonlyMap<string, Refused> = new Map();

const FIELD_COLUMNS: Readonly<Record<EntryField, number>> = {
  self: COL.self,
  review: COL.review,
  evidence: COL.evidence,
  notes: COL.notes,
};

/** Judges a score-column value the way the engine will count it. */
export function judgeEntry(rubric: Rubric, id: string, value: GridValue): Judgement {
  const item = rubric.itemById.get(id);
  return item ? judgeScore(item, value) : judgeYesNo(id, value);
}

function overlay(read: ReadScorecard, drafts: Iterable<Draft>): ScorecardEntries {
  const self: Record<string, GridValue> = { ...read.entries.self };
  const review: Record<string, GridValue> = { ...read.entries.review };
  const text: Record<"evidence" | "notes", Record<string, string>> = {
    evidence: { ...read.entries.evidence },
    notes: { ...read.entries.notes },
  };
  for (const d of drafts) {
    if (d.sheet !== read.sheet) continue;
    if (d.field === "self") self[d.id] = d.value;
    else if (d.field === "review") review[d.id] = d.value;
    else if (d.value === null || String(d.value).trim() === "") delete text[d.field][d.id];
    else text[d.field][d.id] = String(d.value);
  }
  return { self, review, evidence: text.evidence, notes: text.notes };
}

/**
 * Owns the pane's view of the workbook: which scorecard is shown, re-reading it after changes (debounced,
 * reading the whole scoring range rather than trusting events as deltas), and writing form edits in batches.
 * It writes only in response to user edits, inserts and repairs, never in response to a change event.
 */
export class ScorecardSession {
  private readonly timing: Timing;
  private snapshot: SessionSnapshot = {
    status: "loading",
    view: null,
    scorecardSheets: [],
    queued: 0,
    writing: 0,
    refused: [],
  };
  private read: ReadScorecard | null = null;
  private drafts = new Map<string, Draft>();
  /**
   * Refused inputs by sheet, column and entry, with the cell's value when they were refused: a refusal stands
   * until the entry is edited, given up, or its cell changes under it (edited in the sheet).
   */
  private readonly refused = new Map<string, { entry: RefusedEntry; under: GridValue; checked: boolean }>();
  private readonly listeners = new Set<() => void>();
  private unsubscribes: (() => void)[] = [];
  private disposed = false;
  private readTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingActivated: string | null = null;
  private pendingChange = false;
  /** A re-read is under way; another asked for meanwhile runs after it (Excel.run may wait, see reread). */
  private reading = false;
  private readAgain = false;
  private writeTimer: ReturnType<typeof setTimeout> | null = null;
  private writeChain: Promise<boolean> = Promise.resolve(true);
  /** Bumped by every read that may replace the view; an older read finishing later is dropped. */
  private readSeq = 0;

  constructor(
    private readonly port: WorkbookPort,
    private readonly options: SessionOptions,
  ) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    // Restored refusals are checked against their sheet when it is first read (`under` unknown till then).
    for (const entry of options.refused ?? [])
      this.refused.set(refusedKey(entry.sheet, entry.field, entry.id), {
        entry,
        under: null,
        checked: false,
      });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

  /**
   * Subscribes to workbook events and reads the active sheet. A failed subscription is reported and the pane
   * carries on: 重新检查 still reads the sheet.
   */
  async start(): Promise<void> {
    const subscriptions = [
      () => this.port.onChanged((sheet) => this.changed(sheet)),
      () => this.port.onActivated((sheet) => this.activated(sheet)),
    ];
    for (const subscribe of subscriptions) {
      try {
        const unsubscribe = await subscribe();
        if (this.disposed) this.unsubscribe(unsubscribe);
        else this.unsubscribes.push(unsubscribe);
      } catch (error) {
        if (!this.disposed) this.options.onError(error, "start");
      }
    }
    if (this.disposed) return;
    try {
      const names = await this.port.sheetNames();
      const active = await this.port.activeSheet();
      const grid = active && names.includes(active) ? (await this.port.readGrids([active]))[0] : undefined;
      if (this.disposed) return;
      this.read = grid && isScorecard(grid) ? readScorecard(grid) : null;
      this.update({ status: "ready", scorecardSheets: names.filter((n) => SCORECARD_NAME.test(n)) });
    } catch (error) {
      this.update({ status: "ready" });
      this.options.onError(error, "start");
    }
  }

  /** Stops listening. Edits still waiting for their batch are written first, so nothing typed is lost. */
  dispose(): void {
    if (this.disposed) return;
    const waiting = [...this.drafts.values()].filter((d) => !d.sent);
    for (const sheet of new Set(waiting.map((d) => d.sheet))) {
      const writes = waiting.filter((d) => d.sheet === sheet).map((d) => ({ cell: d.cell, value: d.value }));
      this.port
        .write(sheet, writes)
        .catch((error: unknown) => console.error("Could not write the last edits", error));
    }
    this.disposed = true;
    if (this.readTimer) clearTimeout(this.readTimer);
    if (this.writeTimer) clearTimeout(this.writeTimer);
    for (const unsubscribe of this.unsubscribes) this.unsubscribe(unsubscribe);
    this.unsubscribes = [];
    this.listeners.clear();
  }

  /** Office.js unsubscribes asynchronously; a failure then has no pane left to show it, so it is logged. */
  private unsubscribe(unsubscribe: () => void): void {
    const log = (error: unknown): void => console.error("Could not remove a workbook event handler", error);
    try {
      void Promise.resolve(unsubscribe() as unknown).catch(log);
    } catch (error) {
      log(error);
    }
  }

  /** 重新检查: writes what is queued, then reads the active sheet (or the shown one) again. */
  async refresh(): Promise<void> {
    await this.flush();
    try {
      const names = await this.port.sheetNames();
      const active = await this.port.activeSheet();
      const current = this.read?.sheet ?? null;
      const targets = [active, current].filter(
        (n, i, all): n is string => n !== null && names.includes(n) && all.indexOf(n) === i,
      );
      const seq = ++this.readSeq;
      const grids = targets.length > 0 ? await this.port.readGrids(targets) : [];
      if (this.disposed || seq !== this.readSeq) return;
      const pick = (name: string | null): SheetGrid | undefined =>
        grids.find((g) => g.name === name && isScorecard(g));
      const grid = pick(active) ?? pick(current);
      this.read = grid ? readScorecard(grid) : null;
      this.update({ scorecardSheets: names.filter((n) => SCORECARD_NAME.test(n)) });
    } catch (error) {
      this.options.onError(error, "read");
    }
  }

  /** Whether a station's scorecard sheet is already there, and whether that sheet really is a scorecard. */
  async existing(station: string, year: number): Promise<{ sheet: string; existing: Existing }> {
    const sheet = sheetNameFor(station, year);
    if (!(await this.port.sheetNames()).includes(sheet)) return { sheet, existing: "none" };
    const [grid] = await this.port.readGrids([sheet]);
    return { sheet, existing: grid && isScorecard(grid) ? "scorecard" : "other" };
  }

  /** Activates a scorecard sheet (selecting its first score cell) and shows it. */
  async open(sheet: string): Promise<boolean> {
    try {
      await this.flush();
      const seq = ++this.readSeq;
      const [grid] = await this.port.readGrids([sheet]);
      if (!grid || !isScorecard(grid)) throw new NotAScorecardError(sheet);
      const read = readScorecard(grid);
      const first = read.entryRows.get(read.layout.entryIds[0]) ?? read.layout.firstItemRow;
      await this.port.select(sheet, addr(COL.self, first));
      if (this.disposed || seq !== this.readSeq) return true;
      this.read = read;
      this.update({});
      return true;
    } catch (error) {
      this.options.onError(error, "select");
      return false;
    }
  }

  /** Inserts a station's scorecard, or repairs the one already there (entries kept), then shows it. */
  async insert(options: PopulateOptions): Promise<PopulateResult | null> {
    try {
      await this.flush();
      // The plan (layout, print setup, formulas) is drawn only here: loaded on first use, not before the first render.
      const { populate } = await import(/* webpackChunkName: "populate" */ "../../workbook/populate");
      const result = await populate(this.port, options);
      const seq = ++this.readSeq;
      const names = await this.port.sheetNames();
      const [grid] = await this.port.readGrids([result.plan.sheetName]);
      if (this.disposed) return result;
      if (seq === this.readSeq) this.read = grid && isScorecard(grid) ? readScorecard(grid) : null;
      this.update({ scorecardSheets: names.filter((n) => SCORECARD_NAME.test(n)) });
      return result;
    } catch (error) {
      this.options.onError(error, "insert");
      return null;
    }
  }

  /** Selects a cell of the shown scorecard in the sheet. */
  async select(cell: string): Promise<void> {
    if (!this.read) return;
    try {
      await this.port.select(this.read.sheet, cell);
    } catch (error) {
      this.options.onError(error, "select");
    }
  }

  /**
   * Queues one form edit for the next batch. Score values are judged first; an invalid value is refused
   * (returned as such), never written, and kept as a refused input (`typed`, else the value, as the user typed
   * it) until the entry is edited again or the refusal given up.
   */
  edit(field: EntryField, id: string, value: GridValue, typed?: string): Judgement | null {
    const read = this.read;
    if (!read) return null;
    const row = read.entryRows.get(id);
    if (row === undefined) return null;
    // A column locked by the submission state is not written from the pane (退回修改 unlocks it).
    const { state } = read.meta;
    if ((field === "self" && selfLocked(state)) || (field === "review" && reviewLocked(state))) return null;
    const judgement: Judgement | null = isText(field) ? null : judgeEntry(read.rubric, id, value);
    if (!isText(field)) {
      const key = refusedKey(read.sheet, field, id);
      if (judgement?.status === "invalid") {
        const text = typed ?? (value === null ? "" : String(value));
        const under = read.entries[field][id] ?? null;
        this.refused.set(key, { entry: { sheet: read.sheet, field, id, text }, under, checked: true });
        this.update({});
        return judgement;
      }
      this.refused.delete(key);
    }
    const cell = addr(FIELD_COLUMNS[field], row);
    const stored = isText(field) && typeof value === "string" && value.trim() === "" ? null : value;
    this.drafts.set(draftKey(read.sheet, cell), {
      sheet: read.sheet,
      field,
      id,
      cell,
      value: stored,
      sent: false,
    });
    this.update({});
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = setTimeout(() => void this.flush(), this.timing.writeDelay);
    return judgement;
  }

  /** Gives up a refused input (Esc in its box): the box shows the entry again. */
  forget(field: ScoreColumnName, id: string): void {
    const sheet = this.read?.sheet;
    if (sheet !== undefined && this.refused.delete(refusedKey(sheet, field, id))) this.update({});
  }

  /** Drops the edits that were not written (after a failed write the user chose not to retry). */
  discard(): void {
    for (const [key, d] of this.drafts) if (!d.sent) this.drafts.delete(key);
    this.update({});
  }

  /** Writes the queued edits now, one port.write per sheet, then reads the scorecard back. */
  flush(): Promise<boolean> {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    this.writeChain = this.writeChain.then(() => this.writeQueued());
    return this.writeChain;
  }

  private async writeQueued(): Promise<boolean> {
    const batch = [...this.drafts.entries()].filter(([, d]) => !d.sent);
    if (batch.length === 0 || this.disposed) return true;
    for (const [key, d] of batch) this.drafts.set(key, { ...d, sent: true });
    this.update({});
    const sheets = [...new Set(batch.map(([, d]) => d.sheet))];
    try {
      for (const sheet of sheets) {
        const writes = batch
          .filter(([, d]) => d.sheet === sheet)
          .map(([, d]) => ({ cell: d.cell, value: d.value }));
        await this.port.write(sheet, writes);
      }
    } catch (error) {
      // Keep the edits queued so that nothing typed is lost; the message bar offers to retry or discard.
      for (const [key, d] of batch) {
        const now = this.drafts.get(key);
        if (now && now.sent && now.value === d.value) this.drafts.set(key, { ...now, sent: false });
      }
      this.update({});
      this.options.onError(error, "write");
      return false;
    }
    const written = (): void => {
      for (const [key, d] of batch) {
        const now = this.drafts.get(key);
        if (now && now.sent && now.value === d.value) this.drafts.delete(key);
      }
    };
    const current = this.read?.sheet;
    if (current && sheets.includes(current)) {
      // The adapter does not report the add-in's own writes, so read the result back here.
      try {
        const seq = ++this.readSeq;
        const [grid] = await this.port.readGrids([current]);
        if (!this.disposed && seq === this.readSeq && grid && isScorecard(grid))
          this.read = readScorecard(grid);
      } catch (error) {
        this.options.onError(error, "read");
      }
    }
    written();
    this.update({});
    return true;
  }

  /**
   * The shown scorecard may have changed without a change event: the pane got focus back (a value picked from a
   * validation list raises none, office-js#420 / #3888). It is read again like after an event.
   */
  outsideChange(): void {
    if (this.disposed || !this.read) return;
    this.pendingChange = true;
    this.scheduleRead();
  }

  private changed(sheet: string): void {
    if (this.disposed || !this.read || sheet !== this.read.sheet) return;
    this.pendingChange = true;
    this.scheduleRead();
  }

  private activated(sheet: string): void {
    if (this.disposed) return;
    this.pendingActivated = sheet;
    this.scheduleRead();
  }

  private scheduleRead(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      void this.reread();
    }, this.timing.readDelay);
  }

  /**
   * One read for everything the events asked for: the activated sheet is shown when it is a scorecard;
   * otherwise the current scorecard stays and is re-read if it changed.
   */
  private async reread(): Promise<void> {
    // One read at a time: Excel.run waits while a validation list is open in the sheet (office-js#4936), and
    // events or focus meanwhile must not queue a read each.
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      await this.readOnce();
    } finally {
      this.reading = false;
      if (this.readAgain && !this.disposed) {
        this.readAgain = false;
        this.scheduleRead();
      }
    }
  }

  private async readOnce(): Promise<void> {
    const activated = this.pendingActivated;
    const current = this.read?.sheet ?? null;
    const targets = [activated, this.pendingChange ? current : null].filter(
      (n, i, all): n is string => n !== null && all.indexOf(n) === i,
    );
    this.pendingActivated = null;
    this.pendingChange = false;
    if (targets.length === 0) return;
    const seq = ++this.readSeq;
    try {
      const grids = await this.port.readGrids(targets);
      if (this.disposed || seq !== this.readSeq) return;
      const scorecard = (name: string | null): SheetGrid | undefined =>
        grids.find((g) => g.name === name && isScorecard(g));
      const shown = scorecard(activated) ?? scorecard(current);
      if (shown) this.read = readScorecard(shown);
      else if (current !== null && targets.includes(current)) this.read = null;
      else return;
      this.update({});
    } catch (error) {
      if (!this.disposed) this.options.onError(error, "read");
    }
  }

  /**
   * The shown scorecard's refusals, judged; those whose cell changed under them since (an edit in the sheet), or
   * that now pass (a restored one after the edition changed), are dropped.
   */
  private refusedOf(read: ReadScorecard): ScorecardView["refused"] {
    const shown: Record<ScoreColumnName, Map<string, Refused>> = { self: new Map(), review: new Map() };
    for (const [key, { entry, under, checked }] of this.refused) {
      if (entry.sheet !== read.sheet) continue;
      const now = read.entries[entry.field][entry.id] ?? null;
      const judgement = judgeEntry(read.rubric, entry.id, parseTyped(entry.text));
      if (!read.entryRows.has(entry.id) || (checked && now !== under) || judgement.status !== "invalid") {
        this.refused.delete(key);
        continue;
      }
      if (!checked) this.refused.set(key, { entry, under: now, checked: true });
      shown[entry.field].set(entry.id, { ...entry, judgement });
    }
    return shown.self.size + shown.review.size === 0 ? { self: NO_REFUSED, review: NO_REFUSED } : shown;
  }

  private update(patch: Partial<SessionSnapshot>): void {
    if (this.disposed) return;
    const read = this.read;
    let view: ScorecardView | null = null;
    if (read) {
      const entries = overlay(read, this.drafts.values());
      view = {
        sheet: read.sheet,
        read,
        entries,
        scores: {
          self: scoreColumn(read.rubric, entries.self),
          review: scoreColumn(read.rubric, entries.review),
        },
        refused: this.refusedOf(read),
      };
    }
    let queued = 0;
    let writing = 0;
    for (const d of this.drafts.values()) {
      if (d.sent) writing++;
      else queued++;
    }
    const refused = [...this.refused.values()].map((r) => r.entry);
    const same =
      refused.length === this.snapshot.refused.length &&
      refused.every((r, i) => r === this.snapshot.refused[i]);
    this.snapshot = {
      ...this.snapshot,
      ...patch,
      view,
      queued,
      writing,
      refused: same ? this.snapshot.refused : refused,
    };
    for (const listener of [...this.listeners]) listener();
  }
}
