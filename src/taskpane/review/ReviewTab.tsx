import * as React from "react";
import type { ReviewPanelProps } from "./ReviewPanel";
import { loadReviewPanel } from "./loader";
import { useTexts } from "../shell/i18n";
import { LazyPanel } from "../shell/LazyPanel";

const load = (): ReturnType<typeof loadReviewPanel> => loadReviewPanel();

/** The 审核 tab: its panel arrives in its own chunk on first use. */
export function ReviewTab(props: ReviewPanelProps): React.JSX.Element {
  const { s } = useTexts();
  return (
    <LazyPanel
      load={load}
      loadingLabel={s.reviewLoading}
      failedTitle={s.reviewLoadFailedTitle}
      panelProps={props}
    />
  );
}
