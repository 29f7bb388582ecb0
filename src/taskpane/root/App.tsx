import * as React from "react";
import type { Lang } from "../../i18n/types";
import type { WorkbookPort } from "../../workbook";
import type { PasswordStore } from "../shared/passwords";
import type { Timing } from "../shared/session";
import type { PaneMode } from "./environment";
import { startTabOf } from "./host";
import { LazyPane } from "./panels";
import { Shell } from "./Shell";

export interface AppProps {
  readonly lang: Lang;
  /** Over the host's workbook: the browser's file mode is FileApp, in a chunk Excel never fetches. */
  readonly mode: Exclude<PaneMode, "file">;
  /** The workbook, through the host's adapter. */
  readonly port: WorkbookPort;
  readonly timing?: Partial<Timing>;
  /** The sheet password typed in this pane, which the host adapters read. */
  readonly passwords?: PasswordStore;
}

/** The pane in Excel and in WPS 表格: over the open workbook, the tab the ribbon asked for first. */
export function App(props: AppProps): React.JSX.Element {
  return (
    <Shell lang={props.lang} passwords={props.passwords}>
      <LazyPane
        port={props.port}
        wps={props.mode === "wps"}
        timing={props.timing}
        initialTab={startTabOf(window.location.search)}
      />
    </Shell>
  );
}
