import * as React from "react";
import { Body1, Divider, Field, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
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
import { ROLES, defaultRole, rememberRole, type Role } from "./role";
import type { GoTo } from "../shared/pane";
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
  readonly onGoTo: GoTo;
  /** File mode: a scorecard of the workbook check opens in the pane (there is no sheet to select). */
  readonly onOpenSheet?: (sheet: string) => void;
  readonly fileMode: boolean;
  /** How many scorecards the workbook holds: several make the district's the default role. */
  readonly scorecards: number;
}

const ROLE_KEYS = { station: "roleStation", district: "roleDistrict", city: "roleCity" } as const;

/** The 审核 tab: submission and review of the shown scorecard, its differences, the workbook check, 汇总. */
export function ReviewPanel(props: ReviewPanelProps): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const messages = useMessages();
  const [writing, setWriting] = React.useState(false);
  const [role, setRole] = React.useState<Role>(() => {
    const role = defaultRole(props.scorecards > 1);
    // A check under way (the ribbon's 检查整个工作簿) is the district's: its table must show.
    return role === "station" && (props.scan.state.running || props.scan.state.result) ? "district" : role;
  });
  const choose = (next: Role): void => {
    setRole(next);
    rememberRole(next);
  };
  const { port, session, view, scan } = props;
  const flush = React.useCallback(() => session.flush(), [session]);

  const goTo = (sheet: string, cell: string): void => {
    if (props.onOpenSheet) props.onOpenSheet(sheet);
    else port.select(sheet, cell).catch((error: unknown) => messages.report(error, "select"));
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

  const status = (forRole: "station" | "district"): React.ReactNode =>
    view ? (
      <ReviewStatus view={view} port={port} session={session} role={forRole} fileMode={props.fileMode} />
    ) : (
      <Body1>{s.noScorecardForStatus}</Body1>
    );
  const scanTable = (
    <ReviewScan scan={scan} onGoTo={goTo} onWriteResults={() => void writeResults()} writing={writing} />
  );

  return (
    <section className={styles.root} aria-label={s.tabReview} data-testid="review-panel">
      <Field label={s.roleLabel} hint={s.roleHint}>
        <RadioGroup
          layout="horizontal"
          value={role}
          onChange={(_, data) => choose(ROLES.find((r) => r === data.value) ?? "station")}
        >
          {ROLES.map((r) => (
            <Radio key={r} value={r} label={s[ROLE_KEYS[r]]} />
          ))}
        </RadioGroup>
      </Field>
      <Divider />
      {role === "station" && status("station")}
      {role === "district" && (
        <>
          {status("district")}
          {view && <ReviewDifferences view={view} onGoTo={props.onGoTo} />}
          <Divider />
          {scanTable}
          <Divider />
          <ReviewRollup port={port} flush={flush} fileMode={props.fileMode} />
        </>
      )}
      {role === "city" && (
        <>
          <ReviewSample port={port} flush={flush} />
          <Divider />
          {scanTable}
        </>
      )}
    </section>
  );
}
