import * as React from "react";
import type { ScanProgress, ScanResult } from "../../review/scan";
import type { WorkbookPort } from "../../workbook";
import { lazyChunk } from "../shared/lazyChunk";

export interface ScanState {
  readonly running: boolean;
  readonly progress: ScanProgress | null;
  readonly result: ScanResult | null;
  /** When the shown result was taken. */
  readonly time: Date | null;
}

export interface WorkbookScan {
  readonly state: ScanState;
  /** Checks the whole workbook (a second call while one runs is ignored). */
  readonly start: () => Promise<void>;
}

export interface ScanHookOptions {
  readonly onError: (error: unknown) => void;
  /** Writes the pane's queued edits first, so that the check sees them. */
  readonly flush: () => Promise<boolean>;
  /** Start at once (taskpane.html?check=workbook). */
  readonly autoStart: boolean;
}

/** The scan module, on first use: the pane's first screen (the overview in Excel) does without it. */
export const loadScan = lazyChunk(() => import(/* webpackChunkName: "scan" */ "../../review/scan"));

const IDLE: ScanState = { running: false, progress: null, result: null, time: null };

/**
 * The whole-workbook check behind the 审核 tab, held by the pane so that the table survives switching tabs:
 * one readGrids() of every sheet, then the scorecards judged one by one with the progress reported.
 */
export function useWorkbookScan(port: WorkbookPort, options: ScanHookOptions): WorkbookScan {
  const [state, setState] = React.useState<ScanState>(IDLE);
  const optionsRef = React.useRef(options);
  optionsRef.current = options;
  const running = React.useRef(false);
  const alive = React.useRef(true);
  React.useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const start = React.useCallback(async (): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setState((previous) => ({ ...previous, running: true, progress: { phase: "reading" } }));
    try {
      await optionsRef.current.flush();
      const { scanWorkbook } = await loadScan();
      const result = await scanWorkbook(port, {
        onProgress: (progress) => {
          if (alive.current) setState((previous) => ({ ...previous, progress }));
        },
        cancelled: () => !alive.current,
      });
      if (alive.current) setState({ running: false, progress: null, result, time: new Date() });
    } catch (error) {
      if (alive.current) setState((previous) => ({ ...previous, running: false, progress: null }));
      optionsRef.current.onError(error);
    } finally {
      running.current = false;
    }
  }, [port]);

  const autoStarted = React.useRef(false);
  React.useEffect(() => {
    if (!options.autoStart || autoStarted.current) return;
    autoStarted.current = true;
    void start();
  }, [options.autoStart, start]);

  return { state, start };
}
