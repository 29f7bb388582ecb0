import * as React from "react";
import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { format, type Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";
import type { Item, Rubric } from "../../rubric";
import { NO, SAME_MATTER_ID, YES, judgeScore, judgeYesNo, type Judgement } from "../../scoring";
import type { GridValue, ScoreColumnName } from "../../sheet";
import { reviewLocked, selfLocked } from "../../review/submission";
import { useTexts } from "../shared/i18n";
import type { Refused, ScorecardView } from "../shared/session";
import { parseTyped } from "../shared/typed";
import type { EditHandler, ForgetHandler } from "./FormItems";
import type { FillSection } from "./sections";

const useStyles = makeStyles({
  table: {
    width: "100%",
    borderCollapse: "collapse",
    tableLayout: "fixed",
    "& th, & td": {
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
      verticalAlign: "middle",
    },
  },
  head: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "center",
  },
  group: {
    backgroundColor: tokens.colorBrandBackground2,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "left",
  },
  task: {
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground2,
    textAlign: "left",
  },
  center: { textAlign: "center" },
  cell: {
    width: "100%",
    boxSizing: "border-box",
    minHeight: "32px",
    padding: `0 ${tokens.spacingHorizontalXS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    fontFamily: "inherit",
    fontSize: "inherit",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    ":focus": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-1px",
    },
  },
  score: { textAlign: "center" },
  invalid: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  // Locked values are read, not greyed out: legible at 4.5:1 and more.
  locked: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground2 },
  message: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

type Styles = ReturnType<typeof useStyles>;

const shown = (value: GridValue): string => (value === null ? "" : String(value));

/** Moves to the score cell of the same column `step` rows away, as Enter and the arrows do in a sheet. */
function move(from: HTMLElement, step: number): void {
  const column = from.getAttribute("data-col");
  const table = from.closest("table");
  if (!column || !table) return;
  const cells = [...table.querySelectorAll<HTMLElement>(`[data-col="${column}"]`)];
  const next = cells[cells.indexOf(from) + step];
  if (!next) return;
  next.focus();
  if (next instanceof HTMLInputElement) next.select();
}

interface ScoreCellProps {
  readonly id: string;
  readonly item?: Item;
  readonly field: ScoreColumnName;
  readonly value: GridValue;
  readonly refused?: Refused;
  readonly invalid: boolean;
  readonly locked: boolean;
  readonly label: string;
  readonly describedBy?: string;
  readonly onEdit: EditHandler;
  readonly onForget: ForgetHandler;
  readonly styles: Styles;
}

/** A score typed as into a sheet's cell: committed when left (Tab, Enter, an arrow, a click elsewhere). */
function TypedScore(props: ScoreCellProps): React.JSX.Element {
  const { styles, field, id } = props;
  /** What is being typed; null while the cell shows the entry (or the refused input). */
  const [typing, setTyping] = React.useState<string | null>(null);
  const text = typing ?? props.refused?.text ?? shown(props.value);
  const commit = (): void => {
    if (typing === null) return;
    setTyping(null);
    if (typing === (props.refused?.text ?? shown(props.value))) return;
    props.onEdit(field, id, parseTyped(typing), typing);
  };
  return (
    <input
      type="text"
      inputMode="decimal"
      autoComplete="off"
      className={mergeClasses(
        styles.cell,
        styles.score,
        props.invalid && styles.invalid,
        props.locked && styles.locked,
      )}
      data-col={field}
      aria-label={props.label}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      readOnly={props.locked}
      value={text}
      onChange={(e) => setTyping(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        const step =
          e.key === "ArrowDown" || (e.key === "Enter" && !e.shiftKey)
            ? 1
            : e.key === "ArrowUp" || (e.key === "Enter" && e.shiftKey)
              ? -1
              : 0;
        if (step !== 0) {
          e.preventDefault();
          commit();
          move(e.currentTarget, step);
        } else if (e.key === "Escape") {
          if (typing !== null) setTyping(null);
          else if (props.refused) props.onForget(field, id);
        }
      }}
    />
  );
}

/** A choice from a list (the tiers of 71 and 72, 是/否): taken at once; Enter moves on as in a sheet. */
function ChosenScore(
  props: ScoreCellProps & { options: readonly { value: string; label: string }[] },
): React.JSX.Element {
  const { styles, field, id } = props;
  const current = shown(props.value);
  const known = props.options.some((o) => o.value === current);
  return (
    <select
      className={mergeClasses(styles.cell, props.invalid && styles.invalid, props.locked && styles.locked)}
      data-col={field}
      aria-label={props.label}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
      disabled={props.locked}
      value={known ? current : ""}
      onChange={(e) => {
        const v = e.target.value;
        props.onEdit(field, id, v === "" ? null : props.item ? Number(v) : v);
      }}
      onKeyDown={(e) => {
        if (e.key !== "Enter") return;
        e.preventDefault();
        move(e.currentTarget, e.shiftKey ? -1 : 1);
      }}
    >
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function tierOptions(item: Item, s: Strings, lang: Lang): { value: string; label: string }[] {
  if (item.award.kind !== "tiers") return [];
  return [
    { value: "", label: s.tierEmpty },
    { value: "0", label: s.tierNone },
    ...item.award.tiers.map((t) => ({
      value: String(t.points),
      label: format(s.tableTier, { level: lang === "en" ? t.levelEn : t.level, points: t.points }),
    })),
  ];
}

interface RowProps {
  readonly id: string;
  readonly rubric: Rubric;
  readonly self: GridValue;
  readonly review: GridValue;
  readonly refusedSelf?: Refused;
  readonly refusedReview?: Refused;
  readonly evidence: string;
  readonly notes: string;
  readonly selfLocked: boolean;
  readonly reviewLocked: boolean;
  readonly onEdit: EditHandler;
  readonly onForget: ForgetHandler;
}

/** One entry of the official table: 序号, 创建标准, 分值, both scores, 佐证材料, 备注; its messages below it. */
const EntryRow = React.memo(function EntryRow(props: RowProps): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const { id, rubric } = props;
  const item = rubric.itemById.get(id);
  const veto = rubric.veto.conditions.find((c) => c.key === id);
  const messageId = `entry-${id}-message`;
  const judge = (value: GridValue): Judgement => (item ? judgeScore(item, value) : judgeYesNo(id, value));
  const columns: {
    field: ScoreColumnName;
    value: GridValue;
    refused?: Refused;
    locked: boolean;
    name: string;
  }[] = [
    {
      field: "self",
      value: props.self,
      refused: props.refusedSelf,
      locked: props.selfLocked,
      name: s.columnSelf,
    },
    {
      field: "review",
      value: props.review,
      refused: props.refusedReview,
      locked: props.reviewLocked,
      name: s.columnReview,
    },
  ];
  const messages = columns.flatMap((c) => {
    const j = judge(c.value);
    if (c.refused) return [`${c.name}：${c.refused.judgement.message[lang]}`];
    if (j.status !== "invalid") return [];
    return [`${c.name}：${item ? j.message[lang] : format(s.notYesNo, { raw: j.raw })}`];
  });
  const no = item ? String(item.no) : id === SAME_MATTER_ID ? s.tableSameMatter : id;
  const standard = item
    ? item.text
    : id === SAME_MATTER_ID
      ? s.sameMatterLabel
      : lang === "en"
        ? (veto?.textEn ?? "")
        : (veto?.text ?? "");
  const yesNo = [
    { value: "", label: "" },
    { value: YES, label: s.yes },
    { value: NO, label: s.no },
  ];
  const cell = (c: (typeof columns)[number]): React.JSX.Element => {
    const shared: ScoreCellProps = {
      id,
      item,
      field: c.field,
      value: c.value,
      refused: c.refused,
      invalid: c.refused !== undefined || judge(c.value).status === "invalid",
      locked: c.locked,
      label: item
        ? format(s.tableScoreLabel, { no, column: c.name })
        : format(s.tableChoiceLabel, { name: no, column: c.name }),
      describedBy: messages.length > 0 ? messageId : undefined,
      onEdit: props.onEdit,
      onForget: props.onForget,
      styles,
    };
    if (!item) return <ChosenScore {...shared} options={yesNo} />;
    if (item.award.kind === "tiers") return <ChosenScore {...shared} options={tierOptions(item, s, lang)} />;
    return <TypedScore {...shared} />;
  };
  return (
    <>
      <tr data-item={id}>
        <td className={styles.center}>{no}</td>
        <td>{standard}</td>
        <td className={styles.center}>{item ? item.max : ""}</td>
        <td>{cell(columns[0])}</td>
        <td>{cell(columns[1])}</td>
        <td>
          {item && (
            <input
              type="text"
              className={styles.cell}
              aria-label={format(s.tableEvidenceLabel, { no })}
              value={props.evidence}
              onChange={(e) => props.onEdit("evidence", id, e.target.value)}
            />
          )}
        </td>
        <td>
          {id !== SAME_MATTER_ID && (
            <input
              type="text"
              className={styles.cell}
              aria-label={format(s.tableNotesLabel, { no })}
              value={props.notes}
              onChange={(e) => props.onEdit("notes", id, e.target.value)}
            />
          )}
        </td>
      </tr>
      {messages.length > 0 && (
        <tr>
          <td colSpan={7} id={messageId} className={styles.message}>
            {messages.join(lang === "en" ? "; " : "；")}
          </td>
        </tr>
      )}
    </>
  );
});

/**
 * 填写 on a wide screen: the official table — 序号 | 创建标准 | 分值 | 自评得分 | 复核得分 | 佐证材料 | 备注 — with the
 * categories as row groups, typed into like a sheet (Enter and the arrows move between score cells), judged and
 * refused exactly as the form does (the same session, the same messages).
 */
export function FillTable(props: {
  view: ScorecardView;
  sections: readonly FillSection[];
  onEdit: EditHandler;
  onForget: ForgetHandler;
}): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const { view } = props;
  const { rubric, meta } = view.read;
  const { entries } = view;
  const row = (id: string): React.JSX.Element => (
    <EntryRow
      key={id}
      id={id}
      rubric={rubric}
      self={entries.self[id] ?? null}
      review={entries.review[id] ?? null}
      refusedSelf={view.refused.self.get(id)}
      refusedReview={view.refused.review.get(id)}
      evidence={entries.evidence[id] ?? ""}
      notes={entries.notes[id] ?? ""}
      selfLocked={selfLocked(meta.state)}
      reviewLocked={reviewLocked(meta.state)}
      onEdit={props.onEdit}
      onForget={props.onForget}
    />
  );
  const body = (section: FillSection): React.ReactNode => {
    const category = rubric.categories.find((c) => c.id === section.id);
    if (!category) return section.ids.map(row);
    return category.tasks.map((task, t) => (
      <React.Fragment key={t}>
        {task.name && (
          <tr>
            <th colSpan={7} scope="rowgroup" className={styles.task}>
              {format(s.tableTask, { task: lang === "en" ? (task.nameEn ?? task.name) : task.name })}
            </th>
          </tr>
        )}
        {task.items.map((i) => row(i.id))}
      </React.Fragment>
    ));
  };
  return (
    <>
      <Caption1>{s.tableKeysHint}</Caption1>
      <table className={styles.table} aria-label={s.tableLabel} data-testid="fill-table">
        <colgroup>
          <col style={{ width: "4.5em" }} />
          <col />
          <col style={{ width: "4em" }} />
          <col style={{ width: "7em" }} />
          <col style={{ width: "7em" }} />
          <col style={{ width: "22%" }} />
          <col style={{ width: "14%" }} />
        </colgroup>
        <thead>
          <tr>
            {[
              s.tableColNo,
              s.tableColStandard,
              s.tableColMax,
              s.tableColSelf,
              s.tableColReview,
              s.tableColEvidence,
              s.tableColNotes,
            ].map((h) => (
              <th key={h} scope="col" className={styles.head}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        {props.sections.map((section) => (
          <tbody key={section.id} data-section={section.id}>
            <tr>
              <th colSpan={7} scope="rowgroup" className={styles.group}>
                {section.max !== undefined
                  ? `${section.name} · ${format(s.subtotal, { score: section.score ?? 0, max: section.max })}`
                  : section.name}
              </th>
            </tr>
            {body(section)}
          </tbody>
        ))}
      </table>
    </>
  );
}
