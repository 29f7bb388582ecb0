import * as React from "react";
import { Button, Caption1, Spinner, Subtitle1, makeStyles, tokens } from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import type { GridValue, ScoreColumnName } from "../../sheet";
import type { FormTarget } from "../fill/FormView";
import { NoScorecard } from "../insert/NoScorecard";
import { Overview } from "../overview/Overview";
import { problemGroups, problemsOf, type Problem } from "../problems/problems";
import { ReviewBanner } from "../review/ReviewBanner";
import { loadScan, useWorkbookScan } from "../review/useWorkbookScan";
import { pageWantsWorkbookCheck } from "../review/url";
import type { ErrorContext } from "../shared/errors";
import { useTexts } from "../shared/i18n";
import { prefetch } from "../shared/lazyChunk";
import { useMessages } from "../shared/messages";
import type { GoTo, PaneProps, PaneTab } from "../shared/pane";
import type { EntryField, ScorecardSession } from "../shared/session";
import { useScorecard } from "../shared/useScorecard";
import { ColumnSwitch } from "./ColumnSwitch";
import { PaneTabs, type PaneTabItem } from "./PaneTabs";
import { PrintView } from "./PrintView";
import {
  ExportTab,
  FormTab,
  InsertTab,
  ProblemsTab,
  ReviewTab,
  RollupTab,
  loadFormView,
  loadInsertPanel,
  loadProblemsList,
  loadReviewPanel,
} from "./panels";

const useStyles = makeStyles({
  pane: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  controls: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  status: { color: tokens.colorNeutralForeground2 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  panel: { paddingTop: tokens.spacingVerticalS, minWidth: 0 },
  // A 320 px pane holds the six tabs only on two rows: they wrap rather than scroll sideways.
  tabs: { flexWrap: "wrap" },
});

/** The tabs of the roll-up of a workbook of several scorecards. */
const WORKBOOK_TABS: readonly PaneTab[] = ["overview", "review", "insert"];

/** The pane over one workbook: header, column switch, 重新检查, and the overview / problems / form / insert tabs. */
export function Pane(props: PaneProps): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const messages = useMessages();
  const sessionRef = React.useRef<ScorecardSession | null>(null);
  const onError = React.useCallback(
    (error: unknown, context: ErrorContext) => {
      const session = sessionRef.current;
      const actions =
        context === "write" && session
          ? [
              { label: s.retry, run: () => void session.flush() },
              { label: s.discardChanges, run: () => session.discard() },
            ]
          : undefined;
      messages.report(error, context, actions);
    },
    [messages, s],
  );
  const { snapshot, session } = useScorecard(props.port, onError, props.timing, props.refused);
  const onRefused = props.onRefused;
  React.useEffect(() => onRefused?.(snapshot.refused), [onRefused, snapshot.refused]);
  sessionRef.current = session;
  const [column, setColumn] = React.useState<ScoreColumnName>("self");
  // taskpane.html?check=workbook (the ribbon's 检查整个工作簿) opens 审核 and checks the workbook at once.
  const [autoCheck] = React.useState(() => !props.toolbar && pageWantsWorkbookCheck());
  const [chosenTab, setTab] = React.useState<PaneTab>(
    autoCheck ? "review" : (props.initialTab ?? "overview"),
  );
  const ids = React.useId();
  const view = snapshot.view;
  const fileMode = props.toolbar !== undefined;
  const scorecards = snapshot.scorecardSheets.length;
  /**
   * The roll-up of all scorecards rather than one of them: chosen (全部评分表), and where a file of several
   * scorecards is first opened; in Excel also whenever the active sheet is none of them (a 汇总).
   */
  const [wholeWorkbook, setWholeWorkbook] = React.useState<boolean | null>(null);
  React.useEffect(() => {
    if (snapshot.status === "ready" && wholeWorkbook === null) setWholeWorkbook(fileMode && scorecards > 1);
  }, [snapshot.status, wholeWorkbook, fileMode, scorecards]);
  const shownSheet = view?.sheet ?? null;
  const lastSheet = React.useRef(shownSheet);
  React.useEffect(() => {
    // Another scorecard activated in Excel is shown: the pane follows the sheet.
    if (lastSheet.current !== null && shownSheet !== null && shownSheet !== lastSheet.current)
      setWholeWorkbook(false);
    lastSheet.current = shownSheet;
  }, [shownSheet]);
  // Until the effect above settles it, what it will settle on: no frame of one scorecard's overview first.
  const whole = wholeWorkbook ?? (snapshot.status === "ready" && fileMode && scorecards > 1);
  const rollup = scorecards > 1 && (whole || !view);
  const [rollupVersion, setRollupVersion] = React.useState(0);
  const tab = rollup && !WORKBOOK_TABS.includes(chosenTab) ? "overview" : chosenTab;

  // 填写 stays mounted once opened, hidden on the other tabs: its open sections and refused values survive a
  // tab switch; the page's scroll position is kept for it by hand, since the other tabs are shorter.
  const [formSeen, setFormSeen] = React.useState(false);
  const [formOpen, setFormOpen] = React.useState<string[] | null>(null);
  const [target, setTarget] = React.useState<FormTarget | undefined>(undefined);
  const formScroll = React.useRef(0);
  const showTab = React.useCallback(
    (next: PaneTab) => {
      if (tab === "form" && next !== "form") formScroll.current = window.scrollY;
      if (next === "form") setFormSeen(true);
      setTab(next);
    },
    [tab],
  );
  /** Set when a problem opens 填写: the form then scrolls to the problem's entry, not to where it was. */
  const jumping = React.useRef(false);
  React.useLayoutEffect(() => {
    if (tab !== "form") return;
    if (!jumping.current) window.scrollTo?.(0, formScroll.current);
    jumping.current = false;
  }, [tab]);

  // The other everyday tabs come in their own chunks, fetched only once the pane is on screen (审核 and 导出 load
  // when first opened). Over a roll-up the next step is the reviewer's: 审核 and its whole-workbook check.
  React.useEffect(
    () =>
      rollup
        ? prefetch([loadReviewPanel, loadScan])
        : prefetch([loadProblemsList, loadFormView, loadInsertPanel]),
    [rollup],
  );

  const problems = React.useMemo(
    () => (view ? problemsOf(view.read, view.scores[column], column, lang, s, view.refused[column]) : []),
    [view, column, lang, s],
  );
  const rubric = view?.read.rubric;
  const groups = React.useMemo(() => (rubric ? problemGroups(rubric, lang, s) : []), [rubric, lang, s]);
  const onEdit = React.useCallback(
    (field: EntryField, id: string, value: GridValue, typed?: string) =>
      session?.edit(field, id, value, typed) ?? null,
    [session],
  );
  const onForget = React.useCallback(
    (field: ScoreColumnName, id: string) => session?.forget(field, id),
    [session],
  );
  const onSelect = React.useCallback((cell: string) => void session?.select(cell), [session]);
  /**
   * A problem row leads to its item. In file mode (no sheet to show) 填写 opens at its entry. In Excel its cell is
   * selected, as the user works in the sheet, and 填写 — another tab, so never the open one at that moment — is
   * set at the entry too: opening 填写 then shows it expanded, scrolled to and focused.
   */
  const goTo: GoTo = (place) => {
    if (!fileMode) onSelect(place.cell);
    const item = place.item;
    if (item === undefined || !view?.read.entryRows.has(item)) return;
    if (place.column) setColumn(place.column);
    jumping.current = true;
    setTarget((t) => ({ item, seq: (t?.seq ?? 0) + 1 }));
    if (fileMode) showTab("form");
  };
  const onProblem = (problem: Problem): void => goTo(problem);
  const flush = React.useCallback(() => session?.flush() ?? Promise.resolve(true), [session]);
  const scan = useWorkbookScan(props.port, {
    onError: (error) => messages.report(error, "read"),
    flush,
    autoStart: autoCheck,
  });

  const tabId = (t: PaneTab): string => `${ids}-tab-${t}`;
  // Reminders (evidence) are counted apart: filling in items must not make the problem count grow.
  const reminders = problems.filter((p) => p.kind === "evidence").length;
  const problemsLabel =
    reminders > 0
      ? format(s.tabProblemsReminders, { n: problems.length - reminders, m: reminders })
      : format(s.tabProblems, { n: problems.length });
  const allTabs: PaneTabItem<PaneTab>[] = [
    { value: "overview", id: tabId("overview"), label: s.tabOverview },
    { value: "problems", id: tabId("problems"), label: problemsLabel },
    { value: "form", id: tabId("form"), label: s.tabForm },
    { value: "review", id: tabId("review"), label: s.tabReview },
    { value: "insert", id: tabId("insert"), label: s.tabInsert },
    { value: "export", id: tabId("export"), label: s.tabExport },
  ];
  // The roll-up is about the workbook: the tabs about one scorecard wait until one is opened.
  const tabs = rollup ? allTabs.filter((t) => WORKBOOK_TABS.includes(t.value)) : allTabs;
  const openScorecard = (sheet: string, then: PaneTab = "overview"): void =>
    void session?.open(sheet).then((opened) => {
      if (!opened) return;
      setWholeWorkbook(false);
      showTab(then);
    });
  let body: React.ReactNode;
  if (snapshot.status === "loading" || !session) body = <Spinner size="small" label={s.loading} />;
  else if (tab === "insert") body = <InsertTab session={session} onDone={() => showTab("overview")} />;
  else if (tab === "review")
    body = (
      <ReviewTab
        port={props.port}
        session={session}
        view={view}
        scan={scan}
        onGoTo={goTo}
        onOpenSheet={fileMode ? (sheet) => openScorecard(sheet, "problems") : undefined}
        fileMode={props.toolbar !== undefined}
        scorecards={snapshot.scorecardSheets.length}
      />
    );
  else if (rollup) body = <RollupTab port={props.port} onOpen={openScorecard} version={rollupVersion} />;
  else if (!view)
    body = (
      <NoScorecard
        sheets={snapshot.scorecardSheets}
        onInsert={() => showTab("insert")}
        onOpen={(sheet) => void session.open(sheet)}
      />
    );
  else if (tab === "overview") body = <Overview view={view} column={column} />;
  else if (tab === "problems")
    body = <ProblemsTab problems={problems} groups={groups} onChoose={onProblem} opensForm={fileMode} />;
  else if (tab === "export")
    body = (
      // File mode is the pane under FilePanel's toolbar; in Office mode Excel prints the sheet to PDF itself.
      <ExportTab
        port={props.port}
        read={view.read}
        flush={flush}
        onGoTo={goTo}
        office={!props.toolbar}
        wps={props.wps}
        refused={[...view.refused.self.values(), ...view.refused.review.values()]}
      />
    );
  else body = null;
  const form =
    view && session && !rollup && (formSeen || tab === "form") ? (
      <div hidden={tab !== "form"}>
        <FormTab
          view={view}
          column={column}
          onEdit={onEdit}
          onForget={onForget}
          open={formOpen ?? [view.read.rubric.categories[0].id]}
          onOpen={setFormOpen}
          target={target}
          shown={tab === "form"}
        />
      </div>
    ) : null;

  return (
    <main className={styles.pane}>
      <header className={styles.header}>
        <Subtitle1 as="h1">{s.appTitle}</Subtitle1>
        {props.toolbar?.({ flush, sheet: view?.sheet ?? null, refused: snapshot.refused })}
        {rollup && (
          <Caption1 data-testid="sheet-caption">{format(s.workbookCaption, { n: scorecards })}</Caption1>
        )}
        {view && !rollup && (
          <Caption1 data-testid="sheet-caption">
            {format(s.sheetCaption, {
              station: view.read.meta.station,
              year: view.read.meta.year,
              sheet: view.sheet,
            })}
          </Caption1>
        )}
        <div className={styles.controls}>
          {rollup ? <span /> : <ColumnSwitch value={column} onChange={setColumn} />}
          <div className={styles.buttons}>
            {scorecards > 1 && !rollup && (
              <Button
                onClick={() => {
                  setWholeWorkbook(true);
                  showTab("overview");
                }}
              >
                {format(s.rollupBack, { n: scorecards })}
              </Button>
            )}
            <Button
              title={s.recheckHint}
              disabled={!session}
              onClick={() => {
                setRollupVersion((v) => v + 1);
                void session?.refresh();
              }}
            >
              {s.recheck}
            </Button>
          </div>
        </div>
        <Caption1 className={styles.status} role="status" data-testid="write-status">
          {snapshot.writing > 0
            ? format(s.writing, { n: snapshot.writing + snapshot.queued })
            : snapshot.queued > 0
              ? format(s.unwritten, { n: snapshot.queued })
              : ""}
        </Caption1>
      </header>
      <ReviewBanner view={rollup ? null : view} />
      <PrintView view={rollup ? null : view} />
      <PaneTabs tabs={tabs} selected={tab} onSelect={showTab} label={s.tabsLabel} className={styles.tabs} />
      <div role="tabpanel" aria-labelledby={tabId(tab)} className={styles.panel}>
        {body}
        {form}
      </div>
    </main>
  );
}
