import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import type { Item } from "../../rubric";
import { SAME_MATTER_ID } from "../../scoring";
import type { GridValue, ScoreColumnName } from "../../sheet";
import { reviewLocked, selfLocked } from "../../review/submission";
import { ScoreItem, YesNoItem, type EditHandler, type ForgetHandler } from "./FormItems";
import { groupOf } from "../shared/groups";
import { useTexts } from "../shared/i18n";
import { STATE_KEYS } from "../shared/labels";
import type { ScorecardView } from "../shared/session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  header: { display: "flex", justifyContent: "space-between", width: "100%", gap: tokens.spacingHorizontalS },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, paddingBottom: "12px" },
});

interface Section {
  readonly id: string;
  readonly name: string;
  readonly score?: number;
  readonly max?: number;
}

/** An entry to bring into view: its section is opened, it is scrolled to and its box focused. */
export interface FormTarget {
  readonly item: string;
  /** Counts requests, so that choosing the same problem twice scrolls to it again. */
  readonly seq: number;
}

const FOCUSABLE = "[role=spinbutton], input[type=radio]:checked, input[type=radio], [role=switch]";

/**
 * Items grouped by category, each with its text, maximum and an input that only takes valid values. Edits are
 * judged before they are queued; the session writes them in batches. Edits made in the sheet show up here.
 */
export function FormView(props: {
  view: ScorecardView;
  column: ScoreColumnName;
  onEdit: EditHandler;
  onForget: ForgetHandler;
  /** Which sections are open; kept by the pane so that it survives switching tabs. */
  open: readonly string[];
  onOpen: (open: string[]) => void;
  target?: FormTarget;
  /** Whether 填写 is the open tab: a target set while it is hidden is brought into view when it opens. */
  shown?: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  const root = React.useRef<HTMLElement>(null);
  const { s, lang } = useTexts();
  const { view, column, onEdit } = props;
  const { rubric } = view.read;
  const score = view.scores[column];
  const values = view.entries[column];
  const { open, onOpen: setOpen, target } = props;
  const [pending, setPending] = React.useState<FormTarget | null>(null);
  React.useEffect(() => {
    if (!target) return;
    const section = groupOf(rubric, target.item);
    if (!open.includes(section)) setOpen([...open, section]);
    setPending(target);
    // Only a new request (seq) moves the form; later renders of the same target do not.
  }, [target?.seq]);
  const shown = props.shown ?? true;
  React.useEffect(() => {
    if (!pending || !shown) return;
    const entry = root.current?.querySelector(`[data-item="${pending.item}"]`);
    if (!entry) return;
    setPending(null);
    entry.scrollIntoView?.({ block: "center" });
    entry.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, [pending, open, shown]);
  const columnName = column === "self" ? s.columnSelf : s.columnReview;
  const { state } = view.read.meta;
  const locked = column === "self" ? selfLocked(state) : reviewLocked(state);

  const sections: Section[] = [
    ...rubric.categories.map((c) => ({
      id: c.id,
      name: lang === "en" ? c.nameEn : c.name,
      score: score.categories.find((x) => x.id === c.id)?.score ?? 0,
      max: c.max,
    })),
    {
      id: "bonus",
      name: lang === "en" ? rubric.bonus.nameEn : rubric.bonus.name,
      score: score.bonus,
      max: rubric.bonus.cap,
    },
    { id: "veto", name: lang === "en" ? rubric.veto.nameEn : rubric.veto.name },
  ];
  const value = (id: string): GridValue => values[id] ?? null;
  /** Remarks are the reviewer's: their field shows in the 复核 column only. */
  const notes = (id: string): string | undefined =>
    column === "review" ? (view.entries.notes[id] ?? "") : undefined;
  const item = (i: Item): React.JSX.Element => (
    <ScoreItem
      key={i.id}
      item={i}
      column={column}
      value={value(i.id)}
      evidence={view.entries.evidence[i.id] ?? ""}
      notes={notes(i.id)}
      locked={locked}
      refused={view.refused[column].get(i.id)}
      onEdit={onEdit}
      onForget={props.onForget}
    />
  );
  const content = (id: string): React.ReactNode => {
    if (id === "veto")
      return rubric.veto.conditions.map((c) => (
        <YesNoItem
          key={c.key}
          id={c.key}
          column={column}
          label={format(s.vetoLabel, { key: c.key, text: lang === "en" ? c.textEn : c.text })}
          value={value(c.key)}
          notes={notes(c.key)}
          locked={locked}
          onEdit={onEdit}
        />
      ));
    if (id === "bonus") {
      const shared = rubric.bonus.items.filter((i) => rubric.bonus.sameMatterItems.includes(i.no));
      const others = rubric.bonus.items.filter((i) => !rubric.bonus.sameMatterItems.includes(i.no));
      return (
        <>
          {shared.map(item)}
          <YesNoItem
            id={SAME_MATTER_ID}
            column={column}
            label={s.sameMatterLabel}
            value={value(SAME_MATTER_ID)}
            locked={locked}
            onEdit={onEdit}
          />
          {others.map(item)}
        </>
      );
    }
    return rubric.categories.find((c) => c.id === id)?.items.map(item);
  };

  return (
    <section className={styles.root} aria-labelledby="form-title" ref={root}>
      <Subtitle2 as="h2" id="form-title">
        {s.formHeading}
      </Subtitle2>
      <Caption1>{format(s.formColumnNote, { column: columnName })}</Caption1>
      {locked && (
        <Caption1 data-testid="column-locked">
          {format(s.columnLocked, { column: columnName, state: s[STATE_KEYS[state]] })}
        </Caption1>
      )}
      <Accordion
        multiple
        collapsible
        openItems={open}
        onToggle={(_, data) => setOpen(data.openItems.map(String))}
      >
        {sections.map((section) => (
          <AccordionItem key={section.id} value={section.id}>
            <AccordionHeader as="h3" expandIconPosition="end">
              <span className={styles.header}>
                <span>{section.name}</span>
                {section.max !== undefined && (
                  <span>{format(s.subtotal, { score: section.score ?? 0, max: section.max })}</span>
                )}
              </span>
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>{content(section.id)}</AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}
