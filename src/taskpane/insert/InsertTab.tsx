import * as React from "react";
import type { InsertPanel } from "./InsertPanel";
import { useTexts } from "../shell/i18n";
import { LazyPanel } from "../shell/LazyPanel";
import { lazyChunk } from "../shell/lazyChunk";

type InsertPanelProps = React.ComponentProps<typeof InsertPanel>;

/** The 插入 form (editions, year, options), in its own chunk: the pane prefetches it after its first render. */
export const loadInsertPanel = lazyChunk(() =>
  import(/* webpackChunkName: "insert" */ "./InsertPanel").then((m) => m.InsertPanel),
);

/** The 插入 tab. */
export function InsertTab(props: InsertPanelProps): React.JSX.Element {
  const { s } = useTexts();
  return <LazyPanel load={loadInsertPanel} loadingLabel={s.tabInsert} panelProps={props} />;
}
