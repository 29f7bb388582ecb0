import * as React from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { useTexts } from "./i18n";

/** A list of rows that each select a cell (problems, export refusals, self/review differences). */
export const useCellListStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    alignSelf: "stretch",
  },
  row: {
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "left",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
    fontWeight: tokens.fontWeightRegular,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  text: { flexGrow: 1 },
  badge: { flexShrink: 0 },
});

export interface CellListRow {
  readonly key: string;
  /** A1 address the row selects. */
  readonly cell: string;
  /** Exposed as data-kind for tests and styling. */
  readonly kind: string;
  readonly badge: string;
  readonly color: BadgeProps["color"];
  readonly text: string;
}

/**
 * Problems as buttons: a kind badge, the message and the cell; a click selects the cell in the sheet. In the
 * browser, where there is no sheet to look at, the cells are not shown (`cells` false): the text names the item.
 */
export function CellList(props: {
  rows: readonly CellListRow[];
  /** A row was chosen (click or Enter): its cell and its key. */
  onSelect: (cell: string, key: string) => void;
  testId: string;
  cells?: boolean;
}): React.JSX.Element {
  const cells = props.cells ?? true;
  const styles = useCellListStyles();
  const { s } = useTexts();
  return (
    <ul className={styles.list} data-testid={props.testId}>
      {props.rows.map((r) => (
        <li key={r.key}>
          <Button
            appearance="subtle"
            className={styles.row}
            title={cells ? format(s.goToCell, { cell: r.cell }) : undefined}
            onClick={() => props.onSelect(r.cell, r.key)}
            data-kind={r.kind}
          >
            <Badge className={styles.badge} appearance="tint" color={r.color}>
              {r.badge}
            </Badge>
            <Body1 className={styles.text}>{r.text}</Body1>
            {cells && <Caption1>{r.cell}</Caption1>}
          </Button>
        </li>
      ))}
    </ul>
  );
}
