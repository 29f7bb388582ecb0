import * as React from "react";
import { format } from "../../i18n/strings";
import type { ProblemsList } from "./ProblemsList";
import { useTexts } from "../shell/i18n";
import { LazyPanel } from "../shell/LazyPanel";
import { lazyChunk } from "../shell/lazyChunk";

type ProblemsListProps = React.ComponentProps<typeof ProblemsList>;

/** The 问题 list (with the shared cell list), in its own chunk: the pane prefetches it after its first render. */
export const loadProblemsList = lazyChunk(() =>
  import(/* webpackChunkName: "problems" */ "./ProblemsList").then((m) => m.ProblemsList),
);

/** The 问题 tab; the count in its label is worked out in the first chunk (problems.ts), only the list is lazy. */
export function ProblemsTab(props: ProblemsListProps): React.JSX.Element {
  const { s } = useTexts();
  return (
    <LazyPanel
      load={loadProblemsList}
      loadingLabel={format(s.tabProblems, { n: props.problems.length })}
      panelProps={props}
    />
  );
}
