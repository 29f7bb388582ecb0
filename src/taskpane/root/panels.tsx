import * as React from "react";
import type { ExportPanelProps } from "../export/ExportPanel";
import type { FormView } from "../fill/FormView";
import type { InsertPanel } from "../insert/InsertPanel";
import type { ProblemsList } from "../problems/ProblemsList";
import type { ReviewPanelProps } from "../review/ReviewPanel";
import type { RollupView } from "../rollup/RollupView";
import type { PaneProps } from "../shared/pane";
import { useTexts } from "../shared/i18n";
import { lazyChunk } from "../shared/lazyChunk";
import { LazyPanel } from "./LazyPanel";

/*
 * The tabs as the pane's first bundle knows them: every panel but 概览 comes in its own chunk. 问题, 填写 and 插入
 * are prefetched once the pane is on screen; 审核 and 导出 load when first opened.
 */

type FormViewProps = React.ComponentProps<typeof FormView>;
type ProblemsListProps = React.ComponentProps<typeof ProblemsList>;
type InsertPanelProps = React.ComponentProps<typeof InsertPanel>;
type RollupViewProps = React.ComponentProps<typeof RollupView>;

/**
 * The pane over a workbook, with the scoring core: not needed by file mode's start screen (新建 / 打开…), so
 * its own chunk, fetched once that screen is up (in Excel at once, alongside the adapter).
 */
export const loadPane = lazyChunk(() =>
  import(/* webpackChunkName: "scorecard" */ "./Pane").then((m) => m.Pane),
);

/** The 填写 form (accordion, spin buttons, switches). */
export const loadFormView = lazyChunk(() =>
  import(/* webpackChunkName: "fill" */ "../fill/FormView").then((m) => m.FormView),
);

/** The 问题 list (with the shared cell list). */
export const loadProblemsList = lazyChunk(() =>
  import(/* webpackChunkName: "problems" */ "../problems/ProblemsList").then((m) => m.ProblemsList),
);

/** The 插入 form (editions, year, options). */
export const loadInsertPanel = lazyChunk(() =>
  import(/* webpackChunkName: "insert" */ "../insert/InsertPanel").then((m) => m.InsertPanel),
);

/** The 审核 tab's panel (actions, differences, workbook table, 汇总 with the roll-up model). */
export const loadReviewPanel = lazyChunk(() =>
  import(/* webpackChunkName: "review" */ "../review/ReviewPanel").then((m) => m.ReviewPanel),
);

/** The 导出 tab's panel. */
export const loadExportPanel = lazyChunk(() =>
  import(/* webpackChunkName: "export" */ "../export/ExportPanel").then((m) => m.ExportPanel),
);

/** The scorecard as the browser prints it (the sheet's plan with the export rules). */
export const loadPrintSheet = lazyChunk(() =>
  import(/* webpackChunkName: "print" */ "../print/PrintSheet").then((m) => m.PrintSheet),
);

/** The roll-up of a workbook of several scorecards (the roll-up model with it). */
export const loadRollupView = lazyChunk(() =>
  import(/* webpackChunkName: "rollup" */ "../rollup/RollupView").then((m) => m.RollupView),
);

// 审核 and 导出 call their loader through the module binding, so tests can make the load fail.
const loadReview = (): ReturnType<typeof loadReviewPanel> => loadReviewPanel();
const loadExport = (): ReturnType<typeof loadExportPanel> => loadExportPanel();

export function FormTab(props: FormViewProps): React.JSX.Element {
  const { s } = useTexts();
  return <LazyPanel load={loadFormView} loadingLabel={s.tabForm} panelProps={props} />;
}

/** The counts in 问题's label are worked out in the first chunk (problems.ts): only the list is lazy. */
export function ProblemsTab(props: ProblemsListProps): React.JSX.Element {
  const { s } = useTexts();
  return <LazyPanel load={loadProblemsList} loadingLabel={s.problemsHeading} panelProps={props} />;
}

export function InsertTab(props: InsertPanelProps): React.JSX.Element {
  const { s } = useTexts();
  return <LazyPanel load={loadInsertPanel} loadingLabel={s.tabInsert} panelProps={props} />;
}

export function ReviewTab(props: ReviewPanelProps): React.JSX.Element {
  const { s } = useTexts();
  return (
    <LazyPanel
      load={loadReview}
      loadingLabel={s.reviewLoading}
      failedTitle={s.reviewLoadFailedTitle}
      panelProps={props}
    />
  );
}

export function ExportTab(props: ExportPanelProps): React.JSX.Element {
  const { s } = useTexts();
  return (
    <LazyPanel
      load={loadExport}
      loadingLabel={s.exportLoading}
      failedTitle={s.exportLoadFailedTitle}
      panelProps={props}
    />
  );
}

export function RollupTab(props: RollupViewProps): React.JSX.Element {
  const { s } = useTexts();
  return <LazyPanel load={loadRollupView} loadingLabel={s.rollupLoading} panelProps={props} />;
}

export function LazyPane(props: PaneProps): React.JSX.Element {
  const { s } = useTexts();
  return <LazyPanel load={loadPane} loadingLabel={s.loading} panelProps={props} />;
}
