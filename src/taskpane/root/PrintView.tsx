import * as React from "react";
import { flushSync } from "react-dom";
import type { ReadScorecard } from "../../sheet";
import { prefetch } from "../shared/lazyChunk";
import type { ScorecardView } from "../shared/session";
import { loadPrintSheet } from "./panels";

/**
 * Prints the shown scorecard in its official layout whenever the browser prints (its menu, Ctrl+P, or the pane's
 * 打印 button): the print chunk is fetched once a scorecard is shown, and the sheet is drawn just before printing
 * (beforeprint, synchronously) and dropped after it, so it costs nothing while filling in.
 */
export function PrintView(props: { view: ScorecardView | null }): React.JSX.Element | null {
  const [Sheet, setSheet] = React.useState<React.ComponentType<{ read: ReadScorecard }> | null>(
    () => loadPrintSheet.ready() ?? null,
  );
  const [printing, setPrinting] = React.useState(false);
  const shown = props.view !== null;
  React.useEffect(
    () =>
      shown ? prefetch([() => loadPrintSheet().then((component) => setSheet(() => component))]) : undefined,
    [shown],
  );
  React.useEffect(() => {
    const before = (): void => flushSync(() => setPrinting(true));
    const after = (): void => setPrinting(false);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  const view = props.view;
  const read = React.useMemo(
    () => (view ? { ...view.read, entries: { ...view.read.entries, ...view.entries } } : null),
    [view],
  );
  if (!printing || !read || !Sheet) return null;
  return <Sheet read={read} />;
}
