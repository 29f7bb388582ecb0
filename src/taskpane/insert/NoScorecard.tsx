import * as React from "react";
import { Body1, Button, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { useTexts } from "../shared/i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "flex-start" },
  list: {
    margin: 0,
    paddingLeft: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: "4px",
  },
});

/** Shown when the active sheet is not a scorecard: insert one, or open one the workbook already has. */
export function NoScorecard(props: {
  sheets: readonly string[];
  onInsert: () => void;
  onOpen: (sheet: string) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  return (
    <section className={styles.root} aria-labelledby="no-scorecard-title">
      <Subtitle2 as="h2" id="no-scorecard-title">
        {s.noScorecardTitle}
      </Subtitle2>
      <Body1>{s.noScorecardBody}</Body1>
      <Button appearance="primary" onClick={props.onInsert}>
        {s.goInsert}
      </Button>
      {props.sheets.length > 0 && (
        <>
          <Subtitle2 as="h3">{s.existingScorecards}</Subtitle2>
          <ul className={styles.list}>
            {props.sheets.map((sheet) => (
              <li key={sheet}>
                <Button appearance="subtle" onClick={() => props.onOpen(sheet)}>
                  {format(s.openSheet, { sheet })}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
