import * as React from "react";
import { Badge, Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import type { ColumnScore } from "../../scoring";
import { useTexts } from "../shared/i18n";
import { VERDICT_COLORS, VERDICT_KEYS } from "../shared/labels";
import type { FillSection } from "./sections";

const useStyles = makeStyles({
  // Stuck to the bottom of the window while the form scrolls: the total never leaves the screen, and on a phone
  // the jump is under the thumb.
  bar: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
    marginRight: `calc(-1 * ${tokens.spacingHorizontalM})`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    boxShadow: tokens.shadow4,
    "@media print": { display: "none" },
  },
  total: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS },
  number: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  refused: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  next: { marginLeft: "auto", minHeight: "44px" },
});

/**
 * What matters while filling, always in sight: the total and verdict, the points still needed, how much of the
 * current section is filled, refused inputs, and a jump to the next item without a score.
 */
export function FillBar(props: {
  score: ColumnScore;
  passLine: number;
  section: FillSection | undefined;
  filled: { filled: number; of: number } | undefined;
  refused: number;
  /** The next item without a score, or null when every item has one. */
  next: string | null;
  onNext: () => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const { score } = props;
  return (
    <div className={styles.bar} role="group" aria-label={s.fillBarLabel} data-testid="fill-bar">
      <span className={styles.total}>
        <Text>{s.total}</Text>
        <span className={styles.number} data-testid="fill-total" aria-live="polite">
          {score.total}
        </span>
        <Badge appearance="filled" color={VERDICT_COLORS[score.verdict]}>
          {s[VERDICT_KEYS[score.verdict]]}
        </Badge>
      </span>
      <Text data-testid="fill-needed">
        {score.vetoed
          ? s.verdictVeto
          : score.needed > 0
            ? format(s.fillBarNeeded, { n: score.needed, line: props.passLine })
            : format(s.reachedPass, { line: props.passLine })}
      </Text>
      {props.section && props.filled && (
        <Text data-testid="fill-section">
          {format(s.fillBarSection, {
            name: props.section.name,
            filled: props.filled.filled,
            of: props.filled.of,
          })}
        </Text>
      )}
      {props.refused > 0 && (
        <Text className={styles.refused} data-testid="fill-refused">
          {format(s.refusedCount, { n: props.refused })}
        </Text>
      )}
      <Button className={styles.next} disabled={props.next === null} onClick={props.onNext}>
        {props.next === null ? s.fillBarAllScored : format(s.fillBarNext, { no: props.next })}
      </Button>
    </div>
  );
}
