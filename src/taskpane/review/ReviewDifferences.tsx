import * as React from "react";
import { Body1, Button, Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { format, type Strings } from "../../i18n/strings";
import { SAME_MATTER_ID, compareColumns, type Difference } from "../../scoring";
import { COL, addr, type ScorecardEntries } from "../../sheet";
import type { Lang } from "../../i18n/types";
import { useCellListStyles } from "../shared/CellList";
import { useTexts } from "../shared/i18n";
import type { GoTo } from "../shared/pane";
import type { ScorecardView } from "../shared/session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: {
    width: "100%",
    justifyContent: "space-between",
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    gap: tokens.spacingHorizontalS,
  },
  delta: { flexShrink: 0, fontWeight: tokens.fontWeightSemibold },
  note: { color: tokens.colorNeutralForeground2 },
});

/** A value as the list shows it: 是/否 in the pane's language, numbers as they are. */
function shown(value: number | string, s: Strings, lang: Lang): string {
  if (lang === "en" && value === "是") return s.yes;
  if (lang === "en" && value === "否") return s.no;
  return String(value);
}

const signed = (delta: number): string => (delta > 0 ? `+${delta}` : String(delta));

/** Items scored differently in 自评 and 复核: both values and the difference; a row selects the review cell. */
export function ReviewDifferences(props: { view: ScorecardView; onGoTo: GoTo }): React.JSX.Element {
  const styles = useStyles();
  const cell = useCellListStyles();
  const { s, lang } = useTexts();
  const { view } = props;
  const differences: Difference[] = React.useMemo(
    () => compareColumns(view.scores.self, view.scores.review),
    [view.scores],
  );
  const notes: ScorecardEntries["notes"] = view.entries.notes;
  const cellOf = (id: string): string => addr(COL.review, view.read.entryRows.get(id) ?? 0);
  return (
    <section className={styles.root} aria-labelledby="differences-title" data-testid="differences">
      <Subtitle2 as="h3" id="differences-title">
        {format(s.differencesHeading, { n: differences.length })}
      </Subtitle2>
      {differences.length === 0 ? (
        <Body1>{s.differencesNone}</Body1>
      ) : (
        <>
          <ul className={cell.list}>
            {differences.map((d) => (
              <li key={d.id}>
                <Button
                  appearance="subtle"
                  className={styles.row}
                  title={format(s.goToCell, { cell: cellOf(d.id) })}
                  onClick={() => props.onGoTo({ cell: cellOf(d.id), item: d.id, column: "review" })}
                  data-item={d.id}
                >
                  <span>
                    {format(s.differenceItem, {
                      item: d.id === SAME_MATTER_ID ? s.sameMatterShort : format(s.itemName, { no: d.id }),
                      self: shown(d.self, s, lang),
                      review: shown(d.review, s, lang),
                    })}
                    {notes[d.id] && (
                      <Caption1 block className={styles.note}>
                        {notes[d.id]}
                      </Caption1>
                    )}
                  </span>
                  {d.delta !== null && (
                    <span className={styles.delta}>
                      {format(s.differenceDelta, { delta: signed(d.delta) })}
                    </span>
                  )}
                </Button>
              </li>
            ))}
          </ul>
          <Caption1>{s.differencesHint}</Caption1>
        </>
      )}
    </section>
  );
}
