import type { ReviewPanelProps } from "./ReviewPanel";

export interface ReviewPanelModule {
  readonly ReviewPanel: (props: ReviewPanelProps) => React.JSX.Element;
}

let panel: Promise<ReviewPanelModule> | null = null;

/**
 * The 审核 tab's panel (actions, differences, workbook table, 汇总 with the roll-up model), loaded the first time
 * the tab opens: its own chunk, none of it in the pane's first load. A failed load is forgotten for a retry.
 */
export function loadReviewPanel(): Promise<ReviewPanelModule> {
  panel ??= import(/* webpackChunkName: "review" */ "./ReviewPanel").catch((error: unknown) => {
    panel = null;
    throw error;
  });
  return panel;
}
