import { makeStyles, tokens } from "@fluentui/react-components";

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
