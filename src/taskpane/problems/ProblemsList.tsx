import * as React from "react";
import {
  Caption1,
  Field,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { format, type Strings } from "../../i18n/strings";
import { CellList } from "../shared/CellList";
import { useTexts } from "../shared/i18n";
import type { ProblemGroup } from "../shared/groups";
import type { Problem, ProblemKind } from "./problems";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // Long category names (en-US) must not widen a 320 px pane: the select shrinks and cuts its text.
  select: { width: "100%", minWidth: 0 },
  selectBox: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
});

const KIND_KEYS: Readonly<Record<ProblemKind, keyof Strings>> = {
  invalid: "kindInvalid",
  integrity: "kindIntegrity",
  empty: "kindEmpty",
  evidence: "kindEvidence",
  shortfall: "kindShortfall",
};

const KIND_COLORS: Readonly<Record<ProblemKind, BadgeProps["color"]>> = {
  invalid: "danger",
  integrity: "severe",
  empty: "warning",
  evidence: "warning",
  shortfall: "informative",
};

const ALL = "all";
/** The filter choice that shows only the items scored without evidence, across categories. */
const NO_EVIDENCE = "kind:evidence";

/** Invalid entries, integrity findings, empty items, missing evidence and shortfalls; choosing one selects its cell. */
export function ProblemsList(props: {
  problems: readonly Problem[];
  groups: readonly { id: ProblemGroup; name: string }[];
  /** A row was chosen (click or Enter). */
  onChoose: (problem: Problem) => void;
  /** File mode: a row opens its item in 填写 (there is no sheet to select in). */
  opensForm: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const [filter, setFilter] = React.useState<string>(ALL);
  const shown =
    filter === ALL
      ? props.problems
      : props.problems.filter((p) => (filter === NO_EVIDENCE ? p.kind === "evidence" : p.group === filter));
  return (
    <section className={styles.root} aria-labelledby="problems-title">
      <Subtitle2 as="h2" id="problems-title">
        {s.problemsHeading}
      </Subtitle2>
      <Field label={s.filterLabel}>
        <Select
          className={styles.select}
          select={{ className: styles.selectBox }}
          value={filter}
          onChange={(_, data) => setFilter(data.value)}
        >
          <option value={ALL}>{s.filterAll}</option>
          {props.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
          <option value={NO_EVIDENCE}>{s.filterEvidence}</option>
        </Select>
      </Field>
      <Caption1 role="status" data-testid="problem-count">
        {shown.length === 0
          ? props.problems.length === 0
            ? s.noProblems
            : s.noProblemsInFilter
          : `${format(s.problemCount, { n: shown.length })} · ${props.opensForm ? s.problemsHintFile : s.problemsHint}`}
      </Caption1>
      {shown.length > 0 && (
        <CellList
          testId="problems"
          onSelect={(_, key) => {
            const problem = shown.find((p) => p.key === key);
            if (problem) props.onChoose(problem);
          }}
          rows={shown.map((p) => ({
            key: p.key,
            cell: p.cell,
            kind: p.kind,
            badge: s[KIND_KEYS[p.kind]],
            color: KIND_COLORS[p.kind],
            text: p.text,
          }))}
        />
      )}
    </section>
  );
}
