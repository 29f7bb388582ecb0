import * as React from "react";
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";
import type { ScoreColumnName } from "../../sheet";
import { useTexts } from "../shared/i18n";
import { PHONE } from "../shared/media";

// The column switch drawn with native radio buttons: Fluent's RadioGroup and Field would bring their packages
// into the first load in Excel (issue 22 §7: 150 KB gzip to the overview), for two choices.
const useStyles = makeStyles({
  group: { border: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "2px" },
  legend: { ...typographyStyles.body1, padding: 0, color: tokens.colorNeutralForeground1 },
  options: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalL },
  option: {
    ...typographyStyles.body1,
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minHeight: "32px",
    cursor: "pointer",
    color: tokens.colorNeutralForeground1,
    [PHONE]: { minHeight: "44px" },
  },
  input: {
    width: "16px",
    height: "16px",
    margin: 0,
    accentColor: tokens.colorCompoundBrandBackground,
    cursor: "pointer",
  },
});

const COLUMNS: readonly ScoreColumnName[] = ["self", "review"];

/** 得分列: which score column the overview, the problems and the form show. */
export function ColumnSwitch(props: {
  value: ScoreColumnName;
  onChange: (column: ScoreColumnName) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const name = React.useId();
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>{s.columnLabel}</legend>
      <div className={styles.options}>
        {COLUMNS.map((column) => (
          <label key={column} className={styles.option} htmlFor={`${name}-${column}`}>
            <input
              id={`${name}-${column}`}
              type="radio"
              className={styles.input}
              name={name}
              value={column}
              checked={props.value === column}
              onChange={() => props.onChange(column)}
            />
            {column === "self" ? s.columnSelf : s.columnReview}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
