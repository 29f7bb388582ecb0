import * as React from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { format, type Strings } from "../i18n/strings";
import { useCellListStyles } from "./cellListStyles";
import { useTexts } from "./i18n";
import type { Problem, ProblemGroup, ProblemKind } from "./problems";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

const KIND_KEYS: Readonly<Record<ProblemKind, keyof Strings>> = {
  invalid: "kindInvalid",
  integrity: "kindIntegrity",
  empty: "kindEmpty",
  shortfall: "kindShortfall",
};

const KIND_COLORS: Readonly<Record<ProblemKind, BadgeProps["color"]>> = {
  invalid: "danger",
  integrity: "severe",
  empty: "warning",
  shortfall: "informative",
};

const ALL = "all";

/** Invalid entries, integrity findings, empty items and shortfalls; choosing one selects its cell. */
export function ProblemsList(props: {
  problems: readonly Problem[];
  groups: readonly { id: ProblemGroup; name: string }[];
  onSelect: (cell: string) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const cell = useCellListStyles();
  const { s } = useTexts();
  const [filter, setFilter] = React.useState<string>(ALL);
  const shown = filter === ALL ? props.problems : props.problems.filter((p) => p.group === filter);
  return (
    <section className={styles.root} aria-labelledby="problems-title">
      <Subtitle2 as="h2" id="problems-title">
        {s.problemsHeading}
      </Subtitle2>
      <Field label={s.filterLabel}>
        <Select value={filter} onChange={(_, data) => setFilter(data.value)}>
          <option value={ALL}>{s.filterAll}</option>
          {props.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </Select>
      </Field>
      <Caption1 role="status" data-testid="problem-count">
        {shown.length === 0
          ? props.problems.length === 0
            ? s.noProblems
            : s.noProblemsInFilter
          : `${format(s.problemCount, { n: shown.length })} · ${s.problemsHint}`}
      </Caption1>
      {shown.length > 0 && (
        <ul className={cell.list} data-testid="problems">
          {shown.map((p) => (
            <li key={p.key}>
              <Button
                appearance="subtle"
                className={cell.row}
                title={format(s.goToCell, { cell: p.cell })}
                onClick={() => props.onSelect(p.cell)}
                data-kind={p.kind}
              >
                <Badge className={cell.badge} appearance="tint" color={KIND_COLORS[p.kind]}>
                  {s[KIND_KEYS[p.kind]]}
                </Badge>
                <Body1 className={cell.text}>{p.text}</Body1>
                <Caption1>{p.cell}</Caption1>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
