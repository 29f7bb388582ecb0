import * as React from "react";
import { Badge, Body1, Caption1, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { timelineText } from "../../i18n/campaign";
import { format } from "../../i18n/strings";
import { timelineStatus } from "../../rubric";
import { evidenceStatus, type ScoreColumnName } from "../../sheet";
import { useToday } from "../shared/clock";
import { VERDICT_COLORS, VERDICT_KEYS } from "../shared/labels";
import { useTexts } from "../shared/i18n";
import { ScoreBar } from "./ScoreBar";
import type { ScorecardView } from "../shared/session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  totalRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  total: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: 600 },
  parts: {
    display: "grid",
    gridTemplateColumns: "auto auto",
    justifyContent: "start",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  dd: { margin: 0, fontWeight: 600 },
  bars: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  vetoed: { color: tokens.colorPaletteRedForeground1, fontWeight: 600 },
});

/** Total, verdict, points to 90, base and bonus, per-category bars and the veto status of one column. */
export function Overview(props: { view: ScorecardView; column: ScoreColumnName }): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const { rubric } = props.view.read;
  const score = props.view.scores[props.column];
  const refused = props.view.refused[props.column].size;
  const columnName = props.column === "self" ? s.columnSelf : s.columnReview;
  const verdict = s[VERDICT_KEYS[score.verdict]];
  const vetoes = rubric.veto.conditions.filter((c) => score.vetoConditions.includes(c.key));
  const evidence = evidenceStatus({ rubric, entries: props.view.entries, scores: props.view.scores });
  const timeline = timelineText(timelineStatus(rubric.notice, props.view.read.meta.year, useToday()));
  return (
    <section className={styles.root} aria-labelledby="overview-title">
      <div>
        <Subtitle2 as="h2" id="overview-title">
          {s.overviewHeading}
        </Subtitle2>
        <Caption1 block>{format(s.showingColumn, { column: columnName })}</Caption1>
      </div>
      <div className={styles.totalRow}>
        <div>
          <Text block>{s.total}</Text>
          <span className={styles.total} data-testid="total">
            {score.total}
          </span>
        </div>
        <Badge
          size="extra-large"
          appearance="filled"
          color={VERDICT_COLORS[score.verdict]}
          data-testid="verdict"
        >
          {verdict}
        </Badge>
      </div>
      <div>
        <Body1 block data-testid="needed">
          {score.vetoed
            ? s.vetoOverrides
            : score.needed > 0
              ? format(s.neededToPass, { n: score.needed, line: rubric.passLine })
              : format(s.reachedPass, { line: rubric.passLine })}
        </Body1>
        {refused > 0 && (
          <Body1 block className={styles.vetoed} data-testid="refused">
            {format(s.refusedCount, { n: refused })}
          </Body1>
        )}
        {score.missing.length > 0 && (
          <Body1 block data-testid="unscored">
            {format(s.unscoredCount, { n: score.missing.length })}
          </Body1>
        )}
        <Body1 block data-testid="evidence">
          {format(s.evidenceCount, { filled: evidence.filled, required: evidence.required })}
        </Body1>
        <Caption1 block data-testid="timeline">
          {timeline[lang]}
        </Caption1>
      </div>
      <dl className={styles.parts}>
        <dt>{s.base}</dt>
        <dd className={styles.dd} data-testid="base">
          {format(s.scoreOfMax, { score: score.base, max: rubric.baseMax })}
        </dd>
        <dt>{s.bonus}</dt>
        <dd className={styles.dd} data-testid="bonus">
          {format(s.scoreOfMax, { score: score.bonus, max: rubric.bonus.cap })}
        </dd>
      </dl>
      {score.bonusUncapped > rubric.bonus.cap && (
        <Caption1>{format(s.bonusCapped, { n: score.bonusUncapped, cap: rubric.bonus.cap })}</Caption1>
      )}
      {score.sameMatter && <Caption1>{s.sameMatterApplied}</Caption1>}
      <section className={styles.bars} aria-labelledby="categories-title">
        <Subtitle2 as="h3" id="categories-title">
          {s.categoriesHeading}
        </Subtitle2>
        {rubric.categories.map((c) => {
          const cs = score.categories.find((x) => x.id === c.id);
          const value = cs?.score ?? 0;
          const name = lang === "en" ? c.nameEn : c.name;
          return (
            <ScoreBar
              key={c.id}
              label={format(s.categoryBar, { name, score: value, max: c.max })}
              value={value}
              max={c.max}
              data-testid={`category-${c.id}`}
            />
          );
        })}
        <ScoreBar
          label={format(s.categoryBar, {
            name: lang === "en" ? rubric.bonus.nameEn : rubric.bonus.name,
            score: score.bonus,
            max: rubric.bonus.cap,
          })}
          value={score.bonus}
          max={rubric.bonus.cap}
          data-testid="category-bonus"
        />
      </section>
      <section aria-labelledby="veto-title">
        <Subtitle2 as="h3" id="veto-title">
          {s.vetoHeading}
        </Subtitle2>
        {vetoes.length === 0 ? (
          <Body1 block data-testid="veto">
            {s.vetoNone}
          </Body1>
        ) : (
          <div data-testid="veto">
            <Body1 block className={styles.vetoed}>
              {s.vetoTriggered}
            </Body1>
            <ul>
              {vetoes.map((c) => (
                <li key={c.key}>
                  {format(s.vetoLabel, { key: c.key, text: lang === "en" ? c.textEn : c.text })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </section>
  );
}
