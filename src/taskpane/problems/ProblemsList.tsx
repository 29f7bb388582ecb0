import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { format, type Strings } from "../../i18n/strings";
import { CellList, type CellListRow } from "../shared/CellList";
import { useTexts } from "../shared/i18n";
import type { ProblemGroup } from "../shared/groups";
import type { Problem, ProblemKind } from "./problems";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // Long category names (en-US) must not widen a 320 px pane: the select shrinks and cuts its text.
  select: { width: "100%", minWidth: 0 },
  selectBox: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  groups: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: "2px",
  },
  group: { width: "100%", justifyContent: "flex-start", textAlign: "left", minHeight: "44px" },
  nested: { paddingLeft: tokens.spacingHorizontalL },
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

/** Problems need fixing; evidence reminders only ask for a document, so they come last and grouped. */
const isReminder = (p: Problem): boolean => p.kind === "evidence";

/**
 * The problems (invalid entries, integrity findings, empty items, shortfalls) first, then the evidence reminders,
 * one row per category that opens its items; choosing a row selects its cell, or opens the item in 填写.
 */
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
  const [expanded, setExpanded] = React.useState<ReadonlySet<string>>(new Set());
  const ids = React.useId();
  const shown =
    filter === ALL
      ? props.problems
      : props.problems.filter((p) => (filter === NO_EVIDENCE ? isReminder(p) : p.group === filter));
  const issues = shown.filter((p) => !isReminder(p));
  const reminders = shown.filter(isReminder);
  const toRow = (p: Problem): CellListRow => ({
    key: p.key,
    cell: p.cell,
    kind: p.kind,
    badge: s[KIND_KEYS[p.kind]],
    color: KIND_COLORS[p.kind],
    text: p.text,
  });
  const list = (rows: readonly Problem[], testId: string): React.JSX.Element => (
    <CellList
      testId={testId}
      cells={!props.opensForm}
      onSelect={(_, key) => {
        const problem = rows.find((p) => p.key === key);
        if (problem) props.onChoose(problem);
      }}
      rows={rows.map(toRow)}
    />
  );
  const byGroup = props.groups
    .map((g) => ({ ...g, rows: reminders.filter((p) => p.group === g.id) }))
    .filter((g) => g.rows.length > 0);
  const toggle = (id: string): void =>
    setExpanded((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });

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
          : `${format(s.problemCount, { n: issues.length })} · ${props.opensForm ? s.problemsHintFile : s.problemsHint}`}
      </Caption1>
      {issues.length > 0 && list(issues, "problems")}
      {/* The evidence filter asks for those items: shown flat, as the list. */}
      {filter === NO_EVIDENCE && reminders.length > 0 && list(reminders, "problems")}
      {filter !== NO_EVIDENCE && byGroup.length > 0 && (
        <section aria-labelledby={`${ids}-reminders`} className={styles.root} data-testid="reminders">
          <Subtitle2 as="h3" id={`${ids}-reminders`}>
            {format(s.remindersHeading, { n: reminders.length })}
          </Subtitle2>
          <ul className={styles.groups}>
            {byGroup.map((g) => {
              const open = expanded.has(g.id);
              return (
                <li key={g.id}>
                  <Button
                    appearance="subtle"
                    className={styles.group}
                    aria-expanded={open}
                    aria-controls={`${ids}-group-${g.id}`}
                    onClick={() => toggle(g.id)}
                  >
                    {format(s.evidenceGroup, { name: g.name, n: g.rows.length })}
                  </Button>
                  {open && (
                    <div id={`${ids}-group-${g.id}`} className={styles.nested}>
                      {list(g.rows, `reminders-${g.id}`)}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </section>
  );
}
