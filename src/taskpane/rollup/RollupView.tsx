import * as React from "react";
import {
  Badge,
  Body1,
  Caption1,
  Link,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { format, type Strings } from "../../i18n/strings";
import {
  VERDICTS,
  rollupCounts,
  type Rollup,
  type RollupRow,
  type RollupStatus,
  type RollupVerdict,
} from "../../rollup";
import type { Rubric } from "../../rubric";
import { vetoText } from "../../i18n/veto";
import { rollupOfReads } from "../../review/workbookRollup";
import { isScorecard, readScorecard } from "../../sheet";
import type { WorkbookPort } from "../../workbook";
import { useTexts } from "../shared/i18n";
import { VERDICT_COLORS, VERDICT_KEYS } from "../shared/labels";
import { useMessages } from "../shared/messages";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  chart: {
    position: "relative",
    display: "grid",
    gridTemplateColumns: "minmax(4em, max-content) 1fr max-content",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "2px",
    alignItems: "center",
    margin: 0,
  },
  name: { whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
  track: { position: "relative", height: "16px" },
  bar: { height: "100%", borderRadius: tokens.borderRadiusSmall, minWidth: "2px" },
  value: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  // The pass line: one rule through every bar's track, at passLine / axis max.
  line: {
    position: "absolute",
    top: "-2px",
    bottom: "-2px",
    width: 0,
    borderLeft: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralForeground1}`,
  },
  pass: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  fail: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  veto: { backgroundColor: tokens.colorPaletteRedBackground3 },
  // Blue-grey, as the 汇总 chart: apart from the light grey of a card not submitted.
  incomplete: { backgroundColor: tokens.colorPaletteSteelBorderActive },
  // Received but not submitted: its total in light grey, as the 汇总 chart draws it.
  unsubmitted: { backgroundColor: tokens.colorNeutralStroke1 },
  legend: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  legendItem: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  swatch: { display: "inline-block", width: "12px", height: "12px", borderRadius: tokens.borderRadiusSmall },
  table: { tableLayout: "auto" },
  number: { whiteSpace: "nowrap" },
  badge: { whiteSpace: "nowrap", flexShrink: 0 },
  // The station's name opens its scorecard: a touch target on a phone.
  station: { whiteSpace: "nowrap", textAlign: "left", minHeight: "32px" },
  // A phone keeps the columns a clerk needs; 序号 and 缺佐证 come back from 600 px.
  narrowHidden: { "@media (max-width: 599px)": { display: "none" } },
});

const VERDICT_NAME = (s: Strings, v: RollupVerdict): string =>
  v === "unsubmitted" ? s.verdictMissing : s[VERDICT_KEYS[v]];

/** 状态 as the 汇总 sheet shows it: received is not submitted. */
const STATUS_KEYS: Readonly<Record<RollupStatus, keyof Strings>> = {
  missing: "rollupStatusMissing",
  draft: "rollupStatusDraft",
  submitted: "rollupStatusSubmitted",
  reviewing: "rollupStatusReviewing",
  reviewed: "rollupStatusReviewed",
  edited: "rollupStatusEdited",
  unrecorded: "rollupStatusUnrecorded",
};

/** Bars of each station's counted total against the pass line; the table below carries the same data. */
function Chart(props: { rollup: Rollup }): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const { rollup } = props;
  const line = rollup.rubric.passLine;
  const axis = rollup.rubric.baseMax + rollup.rubric.bonus.cap;
  const at = (points: number): string => `${(100 * Math.min(points, axis)) / axis}%`;
  return (
    <figure
      className={styles.chart}
      role="img"
      aria-label={format(s.rollupChartLabel, { line, passed: rollup.totals.passed })}
      data-testid="rollup-chart"
    >
      {rollup.rows.map((row) => (
        <React.Fragment key={row.no}>
          <span className={styles.name} aria-hidden>
            {row.station}
          </span>
          <span className={styles.track} aria-hidden>
            <span
              className={mergeClasses(styles.bar, styles[row.verdict])}
              style={{ display: "block", width: at(row.total ?? 0) }}
            />
            <span className={styles.line} style={{ left: at(line) }} />
          </span>
          <span className={styles.value} aria-hidden>
            {row.total ?? s.rollupStatusMissing}
          </span>
        </React.Fragment>
      ))}
    </figure>
  );
}

function Row(props: { row: RollupRow; rubric: Rubric; onOpen: (sheet: string) => void }): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const { row } = props;
  const points = (c: RollupRow["self"]): string => (c ? format(s.rollupPoints, { total: c.total }) : "—");
  return (
    <TableRow data-station={row.station}>
      <TableCell className={styles.narrowHidden}>{row.no}</TableCell>
      <TableCell>
        {row.sheet !== null && row.readIndex !== null ? (
          <Link
            as="button"
            className={styles.station}
            aria-label={format(s.rollupOpenLabel, { station: row.station })}
            onClick={() => props.onOpen(row.sheet ?? "")}
          >
            {row.station}
          </Link>
        ) : (
          <span className={styles.station}>{row.station}</span>
        )}
      </TableCell>
      <TableCell className={styles.number}>{points(row.self)}</TableCell>
      <TableCell className={styles.number}>{points(row.review)}</TableCell>
      <TableCell className={styles.narrowHidden}>{s[STATUS_KEYS[row.status]]}</TableCell>
      <TableCell>
        <Badge
          appearance="tint"
          className={styles.badge}
          color={row.verdict === "unsubmitted" ? "subtle" : VERDICT_COLORS[row.verdict]}
        >
          {VERDICT_NAME(s, row.verdict)}
        </Badge>
        {row.vetoItems.length > 0 && (
          <Caption1 block>
            {format(s.vetoBecause, { items: vetoText(props.rubric, row.vetoItems, lang) })}
          </Caption1>
        )}
      </TableCell>
      <TableCell className={styles.narrowHidden}>{row.missingEvidence ?? "—"}</TableCell>
    </TableRow>
  );
}

/**
 * A workbook of several scorecards (a district's, or a 汇总): the roll-up the 汇总 sheet draws — each station's
 * totals and counted verdict, the pass count against the notice's target — as a chart and a table, each station
 * opening its own scorecard. Computed with the same core as 生成汇总表 (src/review rollupOfReads, which workbookRollup draws).
 */
export function RollupView(props: {
  port: WorkbookPort;
  onOpen: (sheet: string) => void;
  /** Changes when the workbook should be read again (重新检查). */
  version: number;
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const messages = useMessages();
  const messagesRef = React.useRef(messages);
  messagesRef.current = messages;
  const [rollup, setRollup] = React.useState<Rollup | null>(null);
  const { port, version } = props;
  React.useEffect(() => {
    let live = true;
    port.readGrids().then(
      (grids) => {
        if (live) setRollup(rollupOfReads(grids.filter(isScorecard).map(readScorecard)));
      },
      (error: unknown) => {
        if (live) messagesRef.current.report(error, "read");
      },
    );
    return () => {
      live = false;
    };
  }, [port, version]);
  if (!rollup) return <Spinner size="small" label={s.rollupLoading} />;
  const { totals } = rollup;
  const counts = rollupCounts(rollup);
  const summary =
    totals.target === null
      ? format(s.rollupViewNoTarget, counts)
      : format(totals.reached ? s.rollupViewReached : s.rollupViewSummary, {
          ...counts,
          target: totals.target,
          needed: totals.needed ?? 0,
        });
  return (
    <section className={styles.root} aria-labelledby="rollup-view-title" data-testid="rollup-view">
      <div>
        <Subtitle2 as="h2" id="rollup-view-title">
          {format(s.rollupViewHeading, { year: rollup.year })}
        </Subtitle2>
        <Body1 block data-testid="rollup-summary">
          {summary}
        </Body1>
        <Body1 block data-testid="rollup-receipts">
          {format(s.rollupReceipts, counts)}
        </Body1>
        <Caption1>{s.rollupViewCounted}</Caption1>
      </div>
      <Chart rollup={rollup} />
      <ul className={styles.legend} data-testid="rollup-legend">
        {VERDICTS.map((v) => (
          <li key={v} className={styles.legendItem}>
            <span className={mergeClasses(styles.swatch, styles[v])} aria-hidden />
            <Caption1>{VERDICT_NAME(s, v)}</Caption1>
          </li>
        ))}
      </ul>
      <Table
        size="extra-small"
        aria-label={s.rollupViewTable}
        className={styles.table}
        data-testid="rollup-table"
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.narrowHidden}>{s.rollupColNo}</TableHeaderCell>
            <TableHeaderCell>{s.rollupColStation}</TableHeaderCell>
            <TableHeaderCell>{s.rollupColSelf}</TableHeaderCell>
            <TableHeaderCell>{s.rollupColReview}</TableHeaderCell>
            <TableHeaderCell className={styles.narrowHidden}>{s.rollupColStatus}</TableHeaderCell>
            <TableHeaderCell>{s.rollupColVerdict}</TableHeaderCell>
            <TableHeaderCell className={styles.narrowHidden}>{s.rollupColEvidence}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rollup.rows.map((row) => (
            <Row key={row.no} row={row} rubric={rollup.rubric} onOpen={props.onOpen} />
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
