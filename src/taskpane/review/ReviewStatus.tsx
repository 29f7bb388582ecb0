import * as React from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { blockers, logTime, type Blocker, type Transition } from "../../review";
import type { ScoreColumnName } from "../../sheet";
import type { WorkbookPort } from "../../workbook";
import { useTexts } from "../shared/i18n";
import { STATE_KEYS, VERDICT_COLORS, VERDICT_KEYS } from "../shared/labels";
import { useReviewActions } from "./useReviewActions";
import { ReviewReopenDialog } from "./ReviewReopenDialog";
import { ACTIONS_BY_STATE, ACTION_KEYS, BLOCKER_KEYS } from "./texts";
import { defaultOperator } from "./operator";
import type { ScorecardSession, ScorecardView } from "../shared/session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  blockers: { color: tokens.colorNeutralForeground2, margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The recorded ISO time in local time, as 变更记录 shows it; anything unreadable as it is. */
const shownTime = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? iso : logTime(new Date(iso)));

/** The state of the shown scorecard, the verdict of both columns, and the actions its state allows. */
export function ReviewStatus(props: {
  view: ScorecardView;
  port: WorkbookPort;
  session: ScorecardSession;
  /** The station submits; the district starts and finishes the review, or returns the scorecard. */
  role: "station" | "district";
  fileMode: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const { view, role } = props;
  const { state, submission } = view.read.meta;
  const [operator, setOperator] = React.useState(() => defaultOperator());
  /** An action was tried without an operator: only then is the field marked as missing. */
  const [tried, setTried] = React.useState(false);
  const operatorInput = React.useRef<HTMLInputElement>(null);
  const [reopening, setReopening] = React.useState(false);
  const nextStep = props.fileMode ? s.submitNextFile : s.submitNextOffice;
  const actions = useReviewActions(props.port, props.session, view.sheet, nextStep);
  const offered = ACTIONS_BY_STATE[state].filter((t) => (role === "station") === (t === "submit"));
  const forward = offered.filter((t) => t !== "reopen");
  const noOperator = operator.trim() === "";
  const missingOperator = tried && noOperator;
  // Every action is logged with who took it (变更记录), so none runs without a name.
  const blocked: Blocker[] = [
    ...forward.flatMap((t) => blockers(view.read, t)),
    ...(missingOperator && forward.length > 0 ? (["operator"] as const) : []),
  ];

  const verdict = (column: ScoreColumnName): React.JSX.Element => {
    const score = view.scores[column];
    return (
      <Badge
        appearance="filled"
        size="large"
        color={VERDICT_COLORS[score.verdict]}
        data-testid={`verdict-${column}`}
      >
        {format(s.verdictOfColumn, {
          column: column === "self" ? s.columnSelf : s.columnReview,
          total: score.total,
        })}{" "}
        · {s[VERDICT_KEYS[score.verdict]]}
      </Badge>
    );
  };

  const run = (t: Transition): void => {
    if (t === "reopen") setReopening(true);
    else if (noOperator) {
      setTried(true);
      operatorInput.current?.focus();
    } else void actions.run(t, operator);
  };

  return (
    <section className={styles.root} aria-labelledby="status-title">
      <Subtitle2 as="h3" id="status-title">
        {role === "station" ? s.stationHeading : s.statusHeading}
      </Subtitle2>
      <div className={styles.row}>
        <Badge appearance="tint" color="brand" data-testid="state">
          {format(s.stateLabel, { state: s[STATE_KEYS[state]] })}
        </Badge>
        {submission?.time && (
          <Caption1>{format(s.submittedAt, { time: shownTime(submission.time) })}</Caption1>
        )}
      </div>
      <div className={styles.row}>
        {verdict("self")}
        {verdict("review")}
      </div>
      {role === "station" && state !== "填报中" && (
        <Body1 data-testid="submitted-next">
          {s.submittedWaiting} {nextStep}
        </Body1>
      )}
      {offered.length > 0 && (
        <Field
          label={s.operatorLabel}
          hint={s.operatorHint}
          required
          validationMessage={missingOperator ? s.blockerOperator : undefined}
          validationState={missingOperator ? "error" : "none"}
        >
          <Input ref={operatorInput} value={operator} onChange={(_, data) => setOperator(data.value)} />
        </Field>
      )}
      <div className={styles.row}>
        {offered.map((t) => (
          <Button
            key={t}
            appearance={t === "reopen" ? "secondary" : "primary"}
            disabled={actions.busy !== null || (t !== "reopen" && blockers(view.read, t).length > 0)}
            onClick={() => run(t)}
          >
            {s[ACTION_KEYS[t]]}
          </Button>
        ))}
      </div>
      {blocked.length > 0 && (
        <ul className={styles.blockers} data-testid="blockers">
          {blocked.map((b) => (
            <li key={b}>
              <Body1>{s[BLOCKER_KEYS[b]]}</Body1>
            </li>
          ))}
        </ul>
      )}
      {offered.length > 0 && <Caption1>{s.actionsHint}</Caption1>}
      <ReviewReopenDialog
        open={reopening}
        operator={operator}
        busy={actions.busy !== null}
        onConfirm={async (who, why) => {
          setOperator(who);
          return actions.run("reopen", who, why);
        }}
        onClose={() => setReopening(false)}
      />
    </section>
  );
}
