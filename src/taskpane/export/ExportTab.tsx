import * as React from "react";
import type { ExportPanelProps } from "./ExportPanel";
import { loadExportPanel } from "./loader";
import { useTexts } from "../shell/i18n";
import { LazyPanel } from "../shell/LazyPanel";

// Through the module binding, so tests can make the load fail.
const load = (): ReturnType<typeof loadExportPanel> => loadExportPanel();

/** The 导出 tab: its panel arrives in its own chunk on first use. */
export function ExportTab(props: ExportPanelProps): React.JSX.Element {
  const { s } = useTexts();
  return (
    <LazyPanel
      load={load}
      loadingLabel={s.exportLoading}
      failedTitle={s.exportLoadFailedTitle}
      panelProps={props}
    />
  );
}
