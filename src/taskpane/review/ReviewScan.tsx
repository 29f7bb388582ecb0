import * as React from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  ProgressBar,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { vetoText } from "../../i18n/veto";
import type { ColumnTotal, ScanRow } from "../../review";
import { getRubric, type Rubric } from "../../rubric";
import { useTexts } from "../shared/i18n";
import { VERDICT_COLORS, VERDICT_KEYS } from "../shared/labels";
import type { WorkbookScan } from "./useWorkbookScan";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  table: { tableLayout: "auto" },
  problems: {
    minWidth: 0,
    height: "auto",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    flexDirection: "column",
    alignItems: "flex-start",
    fontWeight: tokens.fontWeightRegular,
    textAlign: "left",
  },
  errors: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  total: { whiteSpace: "nowrap" },
});

/** A column's total and verdict, and the veto items behind a 否决 (the rubric names them). */
function Column(props: { value: ColumnTotal; rubric: Rubric }): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const { value } = props;
  return (
    <>
      <Body1 block className={styles.total}>
        {format(s.scanTotal, { total: value.total })}
      </Body1>
      <Badge appearance="tint" size="small" color={VERDICT_COLORS[value.verdict]}>
        {s[VERDICT_KEYS[value.verdict]]}
      </Badge>
      {value.vetoItems.length > 0 && (
        <Caption1 block data-testid="scan-veto">
          {format(s.vetoBecause, { items: vetoText(props.rubric, value.vetoItems, lang) })}
        </Caption1>
      )}
    </>
  );
}

/** The check's progress: indeterminate while the workbook is read, then scorecard by scorecard. */
function Progress(props: { scan: WorkbookScan }): React.JSX.Element | null {
  const { s } = useTexts();
  const progress = props.scan.state.progress;
  if (!props.scan.state.running || !progress) return null;
  if (progress.phase === "reading")
    return (
      <Field validationMessage={s.scanReading} validationState="none">
        <ProgressBar aria-label={s.scanReading} />
      </Field>
    );
  const label = format(s.scanJudging, { done: progress.done, total: progress.total });
  return (
    <Field validationMessage={label} validationState="none">
      <ProgressBar value={progress.done} max={Math.max(progress.total, 1)} aria-label={label} />
    </Field>
  );
}

/**
 * 检查整个工作簿: the button, the progress, and a table of every scorecard with both totals and verdicts and
 * its problem counts; choosing the counts selects the sheet's first problem.
 */
export function ReviewScan(props: {
  scan: WorkbookScan;
  onGoTo: (sheet: string, cell: string) => void;
  onWriteResults: () => void;
  writing: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const { scan } = props;
  const result = scan.state.result;
  const rows: readonly ScanRow[] = result?.rows ?? [];
  const errors = rows.reduce((n, r) => n + r.counts.errors, 0);
  const warnings = rows.reduce((n, r) => n + r.counts.warnings, 0);

  return (
    <section className={styles.root} aria-labelledby="scan-title">
      <Subtitle2 as="h3" id="scan-title">
        {s.scanHeading}
      </Subtitle2>
      <Caption1>{s.scanIntro}</Caption1>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={scan.state.running} onClick={() => void scan.start()}>
          {s.scanButton}
        </Button>
        {rows.length > 0 && (
          <Button disabled={scan.state.running || props.writing} onClick={props.onWriteResults}>
            {s.writeResults}
          </Button>
        )}
      </div>
      <Progress scan={scan} />
      {result && (
        <Body1 role="status" data-testid="scan-summary">
          {rows.length === 0 ? s.scanNone : format(s.scanSummary, { n: rows.length, errors, warnings })}
        </Body1>
      )}
      {rows.length > 0 && (
        <Table
          size="extra-small"
          aria-label={s.scanTableLabel}
          className={styles.table}
          data-testid="scan-table"
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.scanColStation}</TableHeaderCell>
              <TableHeaderCell>{s.scanColSelf}</TableHeaderCell>
              <TableHeaderCell>{s.scanColReview}</TableHeaderCell>
              <TableHeaderCell>{s.scanColProblems}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, index) => {
              const cell = row.firstProblem ?? "A1";
              // The scan's rows and reads run in step.
              const rubric = result?.reads[index]?.rubric ?? getRubric();
              return (
                <TableRow key={row.sheet} data-sheet={row.sheet}>
                  <TableCell>
                    <Body1 block>{row.station}</Body1>
                    <Caption1 className={styles.muted}>{row.sheet}</Caption1>
                  </TableCell>
                  <TableCell>
                    <Column value={row.self} rubric={rubric} />
                  </TableCell>
                  <TableCell>
                    <Column value={row.review} rubric={rubric} />
                  </TableCell>
                  <TableCell>
                    <Button
                      appearance="subtle"
                      className={styles.problems}
                      title={format(s.scanGoTo, { sheet: row.sheet, cell })}
                      onClick={() => props.onGoTo(row.sheet, cell)}
                      data-testid="scan-problems"
                    >
                      {row.counts.errors + row.counts.warnings === 0 ? (
                        <span>{s.scanClean}</span>
                      ) : (
                        <>
                          <span className={row.counts.errors > 0 ? styles.errors : undefined}>
                            {format(s.scanErrors, { n: row.counts.errors })}
                          </span>
                          <span>{format(s.scanWarnings, { n: row.counts.warnings })}</span>
                        </>
                      )}
                      <Caption1 className={styles.muted}>
                        {format(s.scanDetails, { invalid: row.counts.invalid, empty: row.counts.empty })}
                      </Caption1>
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
