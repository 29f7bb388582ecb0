import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  row: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  track: {
    height: "4px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground6,
    overflow: "hidden",
  },
  fill: {
    height: "100%",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
  },
  full: { backgroundColor: tokens.colorPaletteGreenBackground3 },
});

/**
 * A labelled score bar drawn in plain elements: Fluent's ProgressBar (and its Field) would add their motion code
 * to the pane's first load for what is a static bar.
 */
export function ScoreBar(props: {
  label: string;
  value: number;
  max: number;
  "data-testid"?: string;
}): React.JSX.Element {
  const styles = useStyles();
  const id = React.useId();
  const ratio = props.max > 0 ? Math.min(1, Math.max(0, props.value / props.max)) : 0;
  return (
    <div className={styles.row} data-testid={props["data-testid"]}>
      <label id={id}>{props.label}</label>
      <div
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={props.max}
        aria-valuenow={props.value}
        className={styles.track}
      >
        <div
          className={ratio >= 1 ? `${styles.fill} ${styles.full}` : styles.fill}
          style={{ width: `${ratio * 100}%` }}
        />
      </div>
    </div>
  );
}
