import * as React from "react";
import type { FormView } from "./FormView";
import { useTexts } from "../shell/i18n";
import { LazyPanel } from "../shell/LazyPanel";
import { lazyChunk } from "../shell/lazyChunk";

type FormViewProps = React.ComponentProps<typeof FormView>;

/**
 * The 填写 form (accordion, spin buttons, switches), in its own chunk: the pane prefetches it after its first
 * render, so it is usually there by the time the tab opens.
 */
export const loadFormView = lazyChunk(() =>
  import(/* webpackChunkName: "fill" */ "./FormView").then((m) => m.FormView),
);

/** The 填写 tab. */
export function FormTab(props: FormViewProps): React.JSX.Element {
  const { s } = useTexts();
  return <LazyPanel load={loadFormView} loadingLabel={s.tabForm} panelProps={props} />;
}
