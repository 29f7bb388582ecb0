import * as React from "react";
import {
  Field,
  Input,
  Radio,
  RadioGroup,
  SpinButton,
  Switch,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import type { Item, Tier } from "../../rubric";
import { NO, YES, judgeScore, judgeYesNo, type Judgement } from "../../scoring";
import type { GridValue, ScoreColumnName } from "../../sheet";
import { useTexts } from "../shared/i18n";
import { PHONE } from "../shared/media";
import type { EntryField, Refused } from "../shared/session";
import { parseTyped } from "../shared/typed";

/**
 * Queues an edit; returns the session's judgement (null when nothing was queued). `typed` is the text as the user
 * typed it, kept when the value is refused.
 */
export type EditHandler = (
  field: EntryField,
  id: string,
  value: GridValue,
  typed?: string,
) => Judgement | null;

/** Gives up a refused input (Esc). */
export type ForgetHandler = (field: ScoreColumnName, id: string) => void;

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  score: {
    maxWidth: "160px",
    // On a phone the arrows are touch targets: 44 px each, either side of the number, instead of 24 × 16 stacked.
    [PHONE]: {
      maxWidth: "220px",
      width: "100%",
      gridTemplateColumns: "44px 1fr 44px",
      gridTemplateRows: "44px",
      columnGap: 0,
    },
  },
  scoreInput: { [PHONE]: { gridColumnStart: 2, gridRowStart: 1, gridRowEnd: 2, textAlign: "center" } },
  increment: {
    [PHONE]: { gridColumnStart: 3, gridRowStart: 1, gridRowEnd: 2, height: "44px", width: "44px" },
  },
  decrement: {
    [PHONE]: { gridColumnStart: 1, gridRowStart: 1, gridRowEnd: 2, height: "44px", width: "44px" },
  },
  // A locked column (submitted) is read, not greyed out: its values stay legible (contrast above 4.5:1).
  locked: { color: tokens.colorNeutralForeground2 },
  // The same for the labels of disabled radios and switches, which Fluent greys from the input's :disabled state
  // (input:disabled ~ label): a rule one element more specific wins.
  lockedChoices: {
    "& input:disabled ~ .fui-Radio__label": { color: tokens.colorNeutralForeground2 },
    "& input:disabled ~ .fui-Switch__label": { color: tokens.colorNeutralForeground2 },
  },
});

const shown = (value: GridValue): string => (value === null ? "" : String(value));

interface ScoreItemProps {
  readonly item: Item;
  readonly column: ScoreColumnName;
  readonly value: GridValue;
  readonly evidence: string;
  /** The reviewer's remark (备注); the field shows only when given (the 复核 column). */
  readonly notes?: string;
  /** The column is locked by the submission state: the score shows but cannot be changed here. */
  readonly locked?: boolean;
  /** A value typed here and refused: kept in the box, in red, with its message, until corrected or given up. */
  readonly refused?: Refused;
  readonly onEdit: EditHandler;
  readonly onForget: ForgetHandler;
}

/** The reviewer's remark on an entry, written to 备注 in the session's batches. */
function NotesField(props: {
  id: string;
  no: string;
  value: string;
  onEdit: EditHandler;
}): React.JSX.Element {
  const { s } = useTexts();
  return (
    <Field label={format(s.notesLabel, { no: props.no })}>
      <Input value={props.value} onChange={(_, data) => props.onEdit("notes", props.id, data.value)} />
    </Field>
  );
}

/**
 * One scored item: its text and maximum, a score input allowing only valid values, the evidence text, and in
 * the 复核 column the reviewer's remark.
 */
export const ScoreItem = React.memo(function ScoreItem(props: ScoreItemProps): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const { item, column, value, onEdit, refused } = props;
  const judgement = judgeScore(item, value);
  const message = refused
    ? refused.judgement.message[lang]
    : judgement.status === "invalid"
      ? judgement.message[lang]
      : undefined;

  const commit = (raw: GridValue, text: string): void => void onEdit(column, item.id, raw, text);

  const award = item.award;
  const hint =
    award.kind === "all-or-nothing"
      ? format(s.allOrNothingHint, { max: item.max })
      : award.kind === "tiers"
        ? undefined
        : format(s.pointsHint, { max: item.max });
  const label = format(s.itemLabel, { no: item.no, text: item.text });
  const scoreName = format(s.itemScoreName, { no: item.no });

  return (
    <div className={styles.item} data-item={item.id}>
      <Field
        label={label}
        hint={hint}
        validationMessage={message}
        validationState={message ? "error" : "none"}
      >
        {award.kind === "tiers" ? (
          <TierPicker
            tiers={award.tiers}
            value={value}
            disabled={props.locked}
            onPick={(v) => commit(v, shown(v))}
          />
        ) : (
          <SpinButton
            className={styles.score}
            min={0}
            max={item.max}
            step={award.kind === "all-or-nothing" ? item.max : 0.5}
            disabled={props.locked}
            // The numeric keyboard on a phone; the value is still parsed as typed (full-width digits too).
            inputMode="decimal"
            input={{ className: mergeClasses(styles.scoreInput, props.locked && styles.locked) }}
            value={typeof value === "number" && judgement.status === "valid" ? value : null}
            displayValue={refused?.text ?? shown(value)}
            incrementButton={{
              "aria-label": format(s.spinIncrease, { name: scoreName }),
              className: styles.increment,
            }}
            decrementButton={{
              "aria-label": format(s.spinDecrease, { name: scoreName }),
              className: styles.decrement,
            }}
            onKeyDown={(e) => {
              // Esc gives up a refused value: the box shows the entry again.
              if (e.key === "Escape" && refused) props.onForget(column, item.id);
            }}
            onChange={(_, data) => {
              if (typeof data.value === "number") commit(data.value, String(data.value));
              else commit(parseTyped(data.displayValue), data.displayValue ?? "");
            }}
          />
        )}
      </Field>
      <Field label={format(s.evidenceLabel, { no: item.no })}>
        <Input value={props.evidence} onChange={(_, data) => onEdit("evidence", item.id, data.value)} />
      </Field>
      {props.notes !== undefined && (
        <NotesField id={item.id} no={String(item.no)} value={props.notes} onEdit={onEdit} />
      )}
    </div>
  );
});

/** The tier picker of items 71 and 72: not filled, no bonus, or one of the levels with its clause. */
function TierPicker(props: {
  tiers: readonly Tier[];
  value: GridValue;
  disabled?: boolean;
  onPick: (value: number | null) => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const options = [
    { value: "", label: s.tierEmpty },
    { value: "0", label: s.tierNone },
    ...props.tiers.map((t) => ({
      value: String(t.points),
      label: format(s.tierOption, {
        level: lang === "en" ? t.levelEn : t.level,
        points: t.points,
        clause: lang === "en" ? t.labelEn : t.label,
      }),
    })),
  ];
  const current = shown(props.value);
  return (
    <RadioGroup
      value={options.some((o) => o.value === current) ? current : undefined}
      disabled={props.disabled}
      className={props.disabled ? styles.lockedChoices : undefined}
      onChange={(_, data) => props.onPick(data.value ? Number(data.value) : null)}
    >
      {options.map((o) => (
        <Radio key={o.value} value={o.value} label={o.label} />
      ))}
    </RadioGroup>
  );
}

interface YesNoItemProps {
  readonly id: string;
  readonly column: ScoreColumnName;
  readonly label: string;
  readonly value: GridValue;
  /** The reviewer's remark (备注); the field shows only when given (the 复核 column). */
  readonly notes?: string;
  /** The column is locked by the submission state. */
  readonly locked?: boolean;
  readonly onEdit: EditHandler;
}

/** A 是/否 switch (veto conditions, the same-matter row); an empty cell reads as 否. */
export const YesNoItem = React.memo(function YesNoItem(props: YesNoItemProps): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const judgement = judgeYesNo(props.id, props.value);
  const message = judgement.status === "invalid" ? format(s.notYesNo, { raw: judgement.raw }) : undefined;
  const checked = props.value === YES;
  return (
    <div className={styles.item} data-item={props.id}>
      <Field validationMessage={message} validationState={message ? "error" : "none"}>
        <Switch
          checked={checked}
          disabled={props.locked}
          className={props.locked ? styles.lockedChoices : undefined}
          label={format(s.switchLabel, { label: props.label, state: checked ? s.yes : s.no })}
          onChange={(_, data) => props.onEdit(props.column, props.id, data.checked ? YES : NO)}
        />
      </Field>
      {props.notes !== undefined && (
        <NotesField id={props.id} no={props.id} value={props.notes} onEdit={props.onEdit} />
      )}
    </div>
  );
});
