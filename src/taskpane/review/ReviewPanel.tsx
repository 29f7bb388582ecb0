import * as React from "react";
import { Body1, Divider, makeStyles, tokens } from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { RESULT_HEADERS, RESULT_SHEET, assertOwnSheet, resultPlan } from "../../review";
import type { WorkbookPort } from "../../workbook";
import { useTexts } from "../shared/i18n";
import { useMessages } from "../shared/messages";
import { ReviewDifferences } from "./ReviewDifferences";
import { ReviewRollup } from "./ReviewRollup";
import { ReviewSample } from "./ReviewSample";
import { ReviewScan } from "./ReviewScan";
import type { WorkbookScan } from "./useWorkbookScan";
import { ReviewStatus } from "./ReviewStatus";
import type { ScorecardSession, ScorecardView } from "../shared/session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
});

export interface ReviewPanelProps {
  readonly port: WorkbookPort;
  readonly session: ScorecardSession;
  /** The scorecard shown, if any: its state and actions, and where its columns differ. */
  readonly view: ScorecardView | null;
  /** The whole-workbook check, held by the pane. */
  readonly scan: WorkbookScan;
  readonly onSelect: (cell: string) => void;
  readonly fileMode: boolean;
}

/** The 审核 tab: submission and review of the shown scorecard, its differences, the workbook check, 汇总. */
export function ReviewPanel(props: ReviewPanelProps): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const messages = useMessages();
  const [writing, setWriting] = React.useState(false);
  const { port, session, view, scan } = props;
  const flush = React.useCallback(() => session.flush(), [session]);

  const goTo = (sheet: string, cell: string): void => {
    port.select(sheet, cell).catch((error: unknown) => messages.report(error, "select"));
  };

  const writeResults = async (): Promise<void> => {
    const result = scan.state.result;
    if (!result) return;
    setWriting(true);
    try {
      assertOwnSheet(result.grids, RESULT_SHEET, RESULT_HEADERS);
      await port.renderGrid(resultPlan(result.rows, scan.state.time ?? new Date()));
      await port.select(RESULT_SHEET, "A1");
      messages.show({
        intent: "success",
        title: s.resultsWrittenTitle,
        body: format(s.resultsWrittenBody, { sheet: RESULT_SHEET }),
      });
    } catch (error) {
      messages.report(error, "write");
    } finally {
      setWriting(false);
    }
  };

  return (
    <section className={styles.root} aria-label={s.tabReview} data-testid="review-panel">
      {view ? (
        <>
          <ReviewStatus view={view} port={port} session={session} />
          <ReviewDifferences view={view} onSelect={props.onSelect} />
        </>
      ) : (
        <Body1>{s.noScorecardForStatus}</Body1>
      )}
      <Divider />
      <ReviewScan scan={scan} onGoTo={goTo} onWriteResults={() => void writeResults()} writing={writing} />
      <Divider />
      <ReviewRollup port={port} flush={flush} fileMode={props.fileMode} />
      <ReviewSample port={port} flush={flush} />
    </section>
  );
}
