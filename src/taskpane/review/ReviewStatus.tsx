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
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const { view } = props;
  const { state, submission } = view.read.meta;
  const [operator, setOperator] = React.useState(() => defaultOperator());
  const [reopening, setReopening] = React.useState(false);
  const actions = useReviewActions(props.port, props.session, view.sheet);
  const offered = ACTIONS_BY_STATE[state];
  const forward = offered.filter((t) => t !== "reopen");
  const noOperator = operator.trim() === "";
  // Every action is logged with who took it (变更记录), so none runs without a name.
  const blocked: Blocker[] = [
    ...forward.flatMap((t) => blockers(view.read, t)),
    ...(noOperator && forward.length > 0 ? (["operator"] as const) : []),
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
    else void actions.run(t, operator);
  };

  return (
    <section className={styles.root} aria-labelledby="status-title">
      <Subtitle2 as="h3" id="status-title">
        {s.statusHeading}
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
      <Field
        label={s.operatorLabel}
        hint={s.operatorHint}
        required
        validationMessage={noOperator ? s.blockerOperator : undefined}
        validationState={noOperator ? "warning" : "none"}
      >
        <Input value={operator} onChange={(_, data) => setOperator(data.value)} />
      </Field>
      <div className={styles.row}>
        {offered.map((t) => (
          <Button
            key={t}
            appearance={t === "reopen" ? "secondary" : "primary"}
            disabled={
              actions.busy !== null || (t !== "reopen" && (noOperator || blockers(view.read, t).length > 0))
            }
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
      <Caption1>{s.actionsHint}</Caption1>
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
