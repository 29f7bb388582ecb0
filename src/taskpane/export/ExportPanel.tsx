import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import {
  exportDecision,
  type ExportDecision,
  type ExportProblem,
  type ExportProblemKind,
} from "../../export/decision";
import { toCsv } from "../../export/csv";
import { format, type Strings } from "../../i18n/strings";
import { isScorecard, readScorecard, type ReadScorecard } from "../../sheet";
import type { WorkbookPort } from "../../workbook";
import { NotAScorecardError, describeError } from "../shared/errors";
import { csvBlob, exportFileName, saveFile, xlsxBlob, type DownloadFormat } from "./files";
import { loadCompliantXlsx, type CompliantXlsx } from "./loader";
import { CellList } from "../shared/CellList";
import { useTexts } from "../shared/i18n";
import { useMessages } from "../shared/messages";
import { refusedList } from "../shared/refused";
import type { GoTo } from "../shared/pane";
import type { RefusedEntry } from "../shared/session";

export interface ExportPanelProps {
  readonly port: WorkbookPort;
  /** The scorecard shown: the session's latest read of its sheet. */
  readonly read: ReadScorecard;
  /** Writes the form's queued edits; resolves false when that failed (already reported). */
  readonly flush: () => Promise<boolean>;
  /** Selects a cell of the scorecard in the sheet (a problem row was chosen). */
  readonly onGoTo: GoTo;
  /**
   * Office mode: Excel prints the sheet itself to PDF, and the pane offers to activate it first. File mode: the
   * .xlsx is downloaded, then printed in Excel.
   */
  readonly office: boolean;
  /** The host is WPS 表格, whose menus print the PDF (Office mode otherwise names Excel's). */
  readonly wps?: boolean;
  /** The ExcelJS renderer of the compliant copy; loaded lazily by default. */
  readonly loadXlsx?: () => Promise<CompliantXlsx>;
  /** Inputs refused on this scorecard and still standing: a download asks before leaving them out. */
  readonly refused?: readonly RefusedEntry[];
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  block: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "flex-start" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  hint: { color: tokens.colorNeutralForeground2 },
});

const KIND_KEYS: Readonly<Record<ExportProblemKind, keyof Strings>> = {
  "invalid-entry": "kindInvalid",
  integrity: "kindIntegrity",
  unscored: "kindEmpty",
  "not-submitted": "kindNotSubmitted",
};

const KIND_COLORS: Readonly<Record<ExportProblemKind, BadgeProps["color"]>> = {
  "invalid-entry": "danger",
  integrity: "severe",
  unscored: "warning",
  "not-submitted": "warning",
};

/** The title cell: selecting it activates the scorecard's sheet without touching an entry. */
const TITLE_CELL = "A1";

type Action = DownloadFormat | "pdf";

function ProblemRows(props: {
  problems: readonly ExportProblem[];
  onGoTo: GoTo;
  testId: string;
  /** Office mode: the rows show and select cells. */
  cells: boolean;
}): React.JSX.Element {
  const { s, lang } = useTexts();
  const rows = props.problems.map((p, i) => ({
    key: `${p.kind}:${p.code}:${p.cell}:${i}`,
    cell: p.cell,
    kind: p.kind,
    badge: s[KIND_KEYS[p.kind]],
    color: KIND_COLORS[p.kind],
    text: p.message[lang],
  }));
  return (
    <CellList
      rows={rows}
      onSelect={(_, key) => {
        const problem = props.problems[Number(key.slice(key.lastIndexOf(":") + 1))];
        if (problem) props.onGoTo(problem);
      }}
      testId={props.testId}
      cells={props.cells}
    />
  );
}

/**
 * The 导出 tab: whether the scorecard may be exported (exportDecision, as `scorecard export`), every problem
 * standing in the way with a link to its cell, the explicit 导出为草稿 choice, and the formats: .xlsx (the
 * compliant copy drawn by the ExcelJS renderer), CSV, and PDF printed by Excel. Every export first writes the
 * queued edits and reads the sheet afresh, so what is exported is what is in the sheet.
 */
export function ExportPanel(props: ExportPanelProps): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  const messages = useMessages();
  const [draft, setDraft] = React.useState(false);
  const [busy, setBusy] = React.useState<Action | null>(null);
  const [read, setRead] = React.useState(props.read);
  React.useEffect(() => setRead(props.read), [props.read]);
  const decision = React.useMemo(() => exportDecision(read, { draft }), [read, draft]);
  const ids = React.useId();

  /** Writes what is queued, reads the sheet again and decides; null when the export may not go ahead. */
  const prepare = async (): Promise<{
    read: ReadScorecard;
    decision: ExportDecision & { ok: true };
  } | null> => {
    if (!(await props.flush())) return null;
    let fresh: ReadScorecard;
    try {
      const [grid] = await props.port.readGrids([read.sheet]);
      if (!grid || !isScorecard(grid)) throw new NotAScorecardError(read.sheet);
      fresh = readScorecard(grid);
    } catch (error) {
      messages.report(error, "read");
      return null;
    }
    setRead(fresh);
    const now = exportDecision(fresh, { draft });
    if (!now.ok) {
      const unscored = now.problems.filter((p) => p.kind === "unscored").length;
      messages.show({
        intent: "warning",
        title: s.exportRefusedTitle,
        body:
          now.reason === "incomplete"
            ? format(s.exportIncompleteBody, { sheet: fresh.sheet, n: unscored })
            : now.reason === "not-submitted"
              ? format(s.exportNotSubmittedBody, { sheet: fresh.sheet })
              : format(s.exportRefusedBody, { sheet: fresh.sheet, n: now.problems.length }),
      });
      return null;
    }
    return { read: fresh, decision: now };
  };

  const run = async (action: Action, work: () => Promise<void>): Promise<void> => {
    if (busy) return;
    setBusy(action);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };

  const download = (kind: DownloadFormat, anyway = false): Promise<void> => {
    const refused = props.refused ?? [];
    if (refused.length > 0 && !anyway) {
      messages.show({
        intent: "warning",
        title: format(s.refusedCount, { n: refused.length }),
        body: format(s.refusedAskBody, { list: refusedList(refused, s, lang) }),
        actions: [
          { label: s.refusedExportAnyway, run: () => void download(kind, true) },
          { label: s.cancel, run: () => undefined },
        ],
      });
      return Promise.resolve();
    }
    return run(kind, async () => {
      const ready = await prepare();
      if (!ready) return;
      const isDraft = ready.decision.draft;
      const name = exportFileName(ready.read, kind, isDraft);
      try {
        const blob =
          kind === "xlsx"
            ? xlsxBlob(await (await (props.loadXlsx ?? loadCompliantXlsx)())(ready.read, { draft: isDraft }))
            : csvBlob(toCsv(ready.read, lang, { draft: isDraft }));
        saveFile(blob, name);
      } catch (error) {
        console.error(error);
        messages.show({ ...describeError(error, "save-file", s), title: s.exportFailedTitle });
        return;
      }
      messages.show({
        intent: "success",
        title: s.exportedTitle,
        body: format(isDraft ? s.exportedDraftBody : s.exportedBody, { name }),
      });
    });
  };

  const activate = (): Promise<void> =>
    run("pdf", async () => {
      const ready = await prepare();
      if (!ready) return;
      try {
        await props.port.select(ready.read.sheet, TITLE_CELL);
      } catch (error) {
        messages.report(error, "select");
        return;
      }
      messages.show({
        intent: "success",
        title: s.exportActivatedTitle,
        body: format(s.exportActivatedBody, { sheet: ready.read.sheet }),
      });
    });

  // Not exportable: the buttons say so instead of refusing after a click (the reason is the status above).
  const blocked = busy !== null || !decision.ok;
  const unscored = decision.ok ? 0 : decision.problems.filter((p) => p.kind === "unscored").length;
  const status = decision.ok
    ? decision.draft
      ? s.exportReadyDraft
      : s.exportReady
    : decision.reason === "incomplete"
      ? format(s.exportRefusedIncomplete, { n: unscored })
      : decision.reason === "not-submitted"
        ? s.exportRefusedNotSubmitted
        : format(s.exportRefusedProblems, { n: decision.problems.length });

  return (
    <section className={styles.root} aria-labelledby={`${ids}-title`} aria-busy={busy !== null}>
      <div className={styles.block}>
        <Subtitle2 as="h2" id={`${ids}-title`}>
          {s.exportHeading}
        </Subtitle2>
        <Body1>{s.exportIntro}</Body1>
      </div>

      <div className={styles.block}>
        <Body1 role="status" id={`${ids}-status`} data-testid="export-status" data-ok={decision.ok}>
          {status}
        </Body1>
        {/* The choice before the list: an incomplete scorecard lists every unscored item. */}
        <Checkbox
          checked={draft}
          onChange={(_, data) => setDraft(data.checked === true)}
          label={s.exportDraftLabel}
          aria-describedby={`${ids}-draft-hint`}
        />
        <Caption1 id={`${ids}-draft-hint`} className={styles.hint}>
          {s.exportDraftHint}
        </Caption1>
        {!decision.ok && (
          <ProblemRows
            problems={decision.problems}
            onGoTo={props.onGoTo}
            testId="export-problems"
            cells={props.office}
          />
        )}
        {decision.warnings.length > 0 && (
          <>
            <Caption1>{format(s.exportNotes, { n: decision.warnings.length })}</Caption1>
            <ProblemRows
              problems={decision.warnings}
              onGoTo={props.onGoTo}
              testId="export-notes"
              cells={props.office}
            />
          </>
        )}
      </div>

      <div className={styles.block}>
        <Subtitle2 as="h3">{s.exportFormatsHeading}</Subtitle2>
        <div className={styles.buttons}>
          <Button
            appearance="primary"
            disabled={blocked}
            aria-describedby={`${ids}-status`}
            onClick={() => void download("xlsx")}
          >
            {s.exportXlsx}
          </Button>
          <Button disabled={blocked} aria-describedby={`${ids}-status`} onClick={() => void download("csv")}>
            {s.exportCsv}
          </Button>
          {busy !== null && <Spinner size="tiny" label={s.exportWorking} />}
        </div>
        <Caption1 className={styles.hint}>
          {!props.office ? s.exportFormatsHintFile : props.wps ? s.exportFormatsHintWps : s.exportFormatsHint}
        </Caption1>
      </div>

      <div className={styles.block}>
        <Subtitle2 as="h3">{s.exportPdfHeading}</Subtitle2>
        {!props.office ? (
          // A plain browser prints the page's own copy of the official layout (print/PrintSheet), or the download.
          <>
            <Button onClick={() => window.print()} data-testid="print">
              {s.exportPrint}
            </Button>
            <Caption1 className={styles.hint}>{s.exportPrintHint}</Caption1>
            <Body1>{s.exportPdfFileMode}</Body1>
          </>
        ) : (
          <>
            <Body1>{props.wps ? s.exportPdfIntroWps : s.exportPdfIntro}</Body1>
            <ul className={styles.steps} data-testid="pdf-steps">
              {props.wps ? (
                <li>{s.exportPdfWps}</li>
              ) : (
                <>
                  <li>{s.exportPdfWindows}</li>
                  <li>{s.exportPdfMac}</li>
                  <li>{s.exportPdfWeb}</li>
                </>
              )}
            </ul>
          </>
        )}
        {!props.office ? null : draft ? (
          <Caption1 className={styles.hint}>{props.wps ? s.exportPdfDraftWps : s.exportPdfDraft}</Caption1>
        ) : (
          <>
            <Button disabled={busy !== null} onClick={() => void activate()}>
              {s.exportPdfActivate}
            </Button>
            <Caption1 className={styles.hint}>{s.exportPdfActivateHint}</Caption1>
          </>
        )}
      </div>
    </section>
  );
}
