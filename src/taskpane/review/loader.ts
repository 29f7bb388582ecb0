import { lazyChunk } from "../shell/lazyChunk";

/**
 * The 审核 tab's panel (actions, differences, workbook table, 汇总 with the roll-up model), loaded the first time
 * the tab opens: its own chunk, none of it in the pane's first load.
 */
export const loadReviewPanel = lazyChunk(() =>
  import(/* webpackChunkName: "review" */ "./ReviewPanel").then((m) => m.ReviewPanel),
);
