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
import { FillBar } from "./FillBar";
import { FillTable } from "./FillTable";
import { ScoreItem, YesNoItem, type EditHandler, type ForgetHandler } from "./FormItems";
import { fillSections, filledCount, nextUnscored } from "./sections";
import { groupOf } from "../shared/groups";
import { useTexts } from "../shared/i18n";
import { STATE_KEYS } from "../shared/labels";
import { WIDE, useMediaQuery } from "../shared/media";
import type { ScorecardView } from "../shared/session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  header: { display: "flex", justifyContent: "space-between", width: "100%", gap: tokens.spacingHorizontalS },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, paddingBottom: "12px" },
  // A header is a touch target on a phone: 44 px high at least.
  sectionHeader: { "& button": { minHeight: "44px" } },
});

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
  /** The open section (one at a time); kept by the pane so that it survives switching tabs. */
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
  /** The entry last focused: its section is the current one, and the jump goes on from it. */
  const [focused, setFocused] = React.useState<string | null>(null);
  const bringIntoView = React.useCallback(
    (request: FormTarget) => {
      const section = groupOf(rubric, request.item);
      if (!open.includes(section)) setOpen([section]);
      setPending(request);
    },
    [rubric, open, setOpen],
  );
  React.useEffect(() => {
    if (target) bringIntoView(target);
    // Only a new request (seq) moves the form; later renders of the same target do not.
  }, [target?.seq]);
  const shown = props.shown ?? true;
  React.useEffect(() => {
    if (!pending || !shown) return;
    // A section just opened draws its entries a moment later (the accordion's motion): look again until then.
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const find = (): void => {
      const entry = root.current?.querySelector(`[data-item="${pending.item}"]`);
      if (!entry) {
        if (++tries < 40) timer = setTimeout(find, 25);
        return;
      }
      setPending(null);
      entry.scrollIntoView?.({ block: "center" });
      // The table's cell of the column being filled, else the form's control.
      (
        entry.querySelector<HTMLElement>(`[data-col="${column}"]`) ??
        entry.querySelector<HTMLElement>(FOCUSABLE)
      )?.focus();
    };
    find();
    return () => clearTimeout(timer);
  }, [pending, open, shown, column]);
  const columnName = column === "self" ? s.columnSelf : s.columnReview;
  const { state } = view.read.meta;
  const locked = column === "self" ? selfLocked(state) : reviewLocked(state);

  const sections = fillSections(rubric, score, lang);
  // A wide screen has room for the official table; a pane or a phone keeps the form.
  const wide = useMediaQuery(WIDE);
  const current =
    sections.find((x) => focused !== null && x.ids.includes(focused)) ??
    sections.find((x) => open.includes(x.id));
  const next = nextUnscored(rubric, score, focused ?? undefined);
  const jumps = React.useRef(0);
  const onNext = (): void => {
    if (next !== null) bringIntoView({ item: next, seq: ++jumps.current });
  };
  /** Opening a section closes the other: its header is brought back into view if that moved it away. */
  const onToggle = (openItems: string[]): void => {
    setOpen(openItems);
    const opened = openItems.find((id) => !open.includes(id));
    if (opened)
      requestAnimationFrame(() =>
        root.current?.querySelector(`[data-section="${opened}"]`)?.scrollIntoView?.({ block: "nearest" }),
      );
  };

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
  const yesNo = (id: string, label: string): React.JSX.Element => (
    <YesNoItem
      key={id}
      id={id}
      column={column}
      label={label}
      value={value(id)}
      notes={id === SAME_MATTER_ID ? undefined : notes(id)}
      locked={locked}
      onEdit={onEdit}
    />
  );
  const entry = (id: string): React.ReactNode => {
    const scored = rubric.itemById.get(id);
    if (scored) return item(scored);
    if (id === SAME_MATTER_ID) return yesNo(id, s.sameMatterLabel);
    const c = rubric.veto.conditions.find((x) => x.key === id);
    return c ? yesNo(id, format(s.vetoLabel, { key: c.key, text: lang === "en" ? c.textEn : c.text })) : null;
  };

  return (
    <section
      className={styles.root}
      aria-labelledby="form-title"
      ref={root}
      onFocus={(e) => {
        const id = (e.target as HTMLElement).closest("[data-item]")?.getAttribute("data-item");
        if (id) setFocused(id);
      }}
    >
      <Subtitle2 as="h2" id="form-title">
        {s.formHeading}
      </Subtitle2>
      <Caption1>{format(s.formColumnNote, { column: columnName })}</Caption1>
      {locked && (
        <Caption1 data-testid="column-locked">
          {format(s.columnLocked, { column: columnName, state: s[STATE_KEYS[state]] })}
        </Caption1>
      )}
      {wide ? (
        <FillTable view={view} sections={sections} onEdit={onEdit} onForget={props.onForget} />
      ) : (
        <Accordion collapsible openItems={open} onToggle={(_, data) => onToggle(data.openItems.map(String))}>
          {sections.map((section) => (
            <AccordionItem key={section.id} value={section.id} data-section={section.id}>
              <AccordionHeader as="h3" expandIconPosition="end" className={styles.sectionHeader}>
                <span className={styles.header}>
                  <span>{section.name}</span>
                  {section.max !== undefined && (
                    <span>{format(s.subtotal, { score: section.score ?? 0, max: section.max })}</span>
                  )}
                </span>
              </AccordionHeader>
              <AccordionPanel className={styles.panel}>
                {open.includes(section.id) && section.ids.map(entry)}
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      )}
      <FillBar
        score={score}
        passLine={rubric.passLine}
        section={current}
        filled={current && filledCount(current, score)}
        refused={view.refused[column].size}
        next={next}
        onNext={onNext}
      />
    </section>
  );
}
