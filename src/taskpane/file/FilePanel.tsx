import * as React from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Spinner,
  Subtitle1,
  Subtitle2,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import type { SheetGrid } from "../../sheet";
import type { WorkbookPort } from "../../workbook";
import { describeError } from "../shared/errors";
import { useTexts } from "../shared/i18n";
import { refusedList } from "../shared/refused";
import { useMessages } from "../shared/messages";
import type { PaneProps, PaneToolbarContext } from "../shared/pane";
import type { RefusedEntry, Timing } from "../shared/session";
import type { Draft } from "./draftStore";
import { connectEarlyStart } from "./early";
import { UnwrittenEntries } from "./unwritten";
import { useDraft } from "./useDraft";
import type { XlsxDocument, XlsxEngine } from "./xlsxLoader";

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const useStyles = makeStyles({
  root: { minHeight: "100vh" },
  dragging: {
    outline: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    outlineOffset: "-6px",
  },
  start: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  },
  drop: {
    padding: tokens.spacingVerticalXXL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    textAlign: "center",
    color: tokens.colorNeutralForeground2,
  },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  fileBar: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

interface OpenDocument {
  readonly id: number;
  readonly file: XlsxDocument;
  /** The port the pane uses: the file's, noting every write and render as an unsaved change. */
  readonly port: WorkbookPort;
  /** Name of the opened file; null for a new workbook (named after its scorecard on saving). */
  readonly name: string | null;
  /** Brought back from the browser's copy (useDraft) rather than opened or created. */
  readonly restored: boolean;
  /** Refused inputs brought back with it. */
  readonly refused: readonly RefusedEntry[];
}

/**
 * Wraps a port so that every change to the workbook is noted (file mode's "unsaved" state), as is every write the
 * file did not take (`unwritten`), and the sheets read are kept until then: in the browser the file changes only
 * through this port, so the roll-up, the workbook check and the pane read a sheet once, not once each.
 */
export function trackChanges(
  port: WorkbookPort,
  onChange: () => void,
  unwritten?: UnwrittenEntries,
): WorkbookPort {
  // Requested name → grid; a name is asked for as the pane has it, so it is answered the same way every time.
  const grids = new Map<string, SheetGrid>();
  const changed = (): void => {
    grids.clear();
    onChange();
  };
  return {
    sheetNames: () => port.sheetNames(),
    readGrids: async (sheets) => {
      const names = sheets ?? (await port.sheetNames());
      const missing = names.filter((name) => !grids.has(name));
      if (missing.length > 0) {
        const read = await port.readGrids(missing);
        // A port may leave out a sheet that is gone: then each grid is filed under its own name.
        if (read.length === missing.length) missing.forEach((name, i) => grids.set(name, read[i]));
        else for (const grid of read) grids.set(grid.name, grid);
      }
      return names.flatMap((name) => grids.get(name) ?? []);
    },
    render: async (plan) => {
      const report = await port.render(plan);
      changed();
      return report;
    },
    write: async (sheet, writes) => {
      try {
        await port.write(sheet, writes);
      } catch (error) {
        unwritten?.failed(sheet, writes);
        throw error;
      }
      unwritten?.written(sheet, writes);
      changed();
    },
    renderGrid: async (plan, chart) => {
      const report = await port.renderGrid(plan, chart);
      changed();
      return report;
    },
    appendRows: async (sheet, header, rows) => {
      await port.appendRows(sheet, header, rows);
      changed();
    },
    activeSheet: () => port.activeSheet(),
    select: (sheet, cell) => port.select(sheet, cell),
    onChanged: (handler) => port.onChanged(handler),
    onActivated: (handler) => port.onActivated(handler),
  };
}

/** Offers the bytes as a download named `name`. */
export function download(bytes: Uint8Array | ArrayBuffer, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function readFile(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error(file.name));
    reader.readAsArrayBuffer(file);
  });
}

let nextId = 1;

/**
 * File mode, outside Office: new, open (file picker or drop), fill in with the same pane, and save as a
 * download. The ExcelJS engine is loaded on first use.
 */
export function FilePanel(props: {
  /** The pane over the open workbook, given by App so that file mode does not add a level to the import chain. */
  Pane: React.ComponentType<PaneProps>;
  loadEngine: () => Promise<XlsxEngine>;
  timing?: Partial<Timing>;
}): React.JSX.Element {
  const styles = useStyles();
  const { s, lang } = useTexts();
  // The texts as they are when a file has been read: the browser's own words may arrive meanwhile.
  const latestTexts = React.useRef(s);
  latestTexts.current = s;
  const messages = useMessages();
  const [doc, setDoc] = React.useState<OpenDocument | null>(null);
  const [dirty, setDirty] = React.useState(false);
  const [refused, setRefused] = React.useState<readonly RefusedEntry[]>([]);
  const [busy, setBusy] = React.useState(false);
  const [dragging, setDragging] = React.useState(false);
  const input = React.useRef<HTMLInputElement>(null);
  const engine = React.useRef<Promise<XlsxEngine> | null>(null);

  const loadEngine = (): Promise<XlsxEngine> => {
    engine.current ??= props.loadEngine().catch((error: unknown) => {
      engine.current = null;
      throw error;
    });
    return engine.current;
  };

  const [version, setVersion] = React.useState(0);
  const currentId = React.useRef(0);
  const show = (
    file: XlsxDocument,
    name: string | null,
    restored = false,
    standing: readonly RefusedEntry[] = [],
  ): void => {
    const id = nextId++;
    currentId.current = id;
    // A closing document may still write its last edits; only the open one counts as unsaved.
    const changed = (): void => {
      if (currentId.current !== id) return;
      setDirty(true);
      setVersion((v) => v + 1);
    };
    const unwritten = new UnwrittenEntries();
    setDoc({ id, file, port: trackChanges(file, changed, unwritten), name, restored, refused: standing });
    // A restored workbook is still unsaved: it was never downloaded.
    setDirty(restored);
    setRefused(standing);
    // A file is shown from its reading while its model is built (file/stagedFile.ts): only then is it known
    // whether saving drops some of it, or whether it cannot be worked on at all.
    file.ready?.then(
      () => {
        if (currentId.current !== id || !file.simplified) return;
        const now = latestTexts.current;
        messages.show({ intent: "warning", title: now.leanOpenedTitle, body: now.leanOpenedBody });
      },
      (error: unknown) => {
        if (currentId.current !== id) return;
        currentId.current = 0;
        setDoc(null);
        setDirty(false);
        setRefused([]);
        messages.report(error, "open-file");
        // What was typed meanwhile could not be written: the writes waiting for the model fail just after this,
        // and the pane's last edits as it closes; each time the message names them all, so nothing typed goes
        // in silence.
        const tell = async (): Promise<void> => {
          const now = latestTexts.current;
          const lost = await unwritten.describe(file, now);
          const why = describeError(error, "open-file", now);
          messages.show({ ...why, body: format(now.bodyThen, { body: why.body, then: lost }) });
        };
        const retell = (): void => void tell().catch((e: unknown) => console.error(e));
        unwritten.onFailed = retell;
        if (unwritten.size > 0) retell();
      },
    );
  };

  const restore = async (draft: Draft): Promise<void> => {
    setBusy(true);
    try {
      show(await (await loadEngine()).open(draft.bytes), draft.name, true, draft.refused ?? []);
    } catch (error) {
      messages.report(error, "open-file");
    } finally {
      setBusy(false);
    }
  };
  // Refused inputs are work the file does not hold: like unsaved changes, leaving asks and the browser keeps them.
  const unsaved = dirty || refused.length > 0;
  const draft = useDraft({
    file: doc?.file ?? null,
    name: doc?.name ?? null,
    dirty: unsaved,
    refused,
    version,
    onRestore: (d) => void restore(d),
  });

  /** Runs `action` at once, or after the user agrees to drop unsaved changes. */
  const guard = (action: () => void): void => {
    if (!doc || !unsaved) return action();
    messages.show({
      intent: "warning",
      title: s.discardTitle,
      body: s.discardBody,
      actions: [
        { label: s.discardContinue, run: action },
        { label: s.cancel, run: () => undefined },
      ],
    });
  };

  const create = async (): Promise<void> => {
    setBusy(true);
    try {
      show((await loadEngine()).create(), null);
      messages.clear();
    } catch (error) {
      messages.report(error, "open-file");
    } finally {
      setBusy(false);
    }
  };

  const open = async (file: File): Promise<void> => {
    if (!/\.xlsx$/i.test(file.name)) {
      messages.report(new Error(format(s.notXlsx, { name: file.name })), "open-file");
      return;
    }
    setBusy(true);
    try {
      const data = await readFile(file);
      const opened = await (await loadEngine()).open(data);
      messages.clear();
      show(opened, file.name);
    } catch (error) {
      messages.report(error, "open-file");
    } finally {
      setBusy(false);
    }
  };

  const save = async (context: PaneToolbarContext, anyway = false): Promise<void> => {
    if (!doc) return;
    if (context.refused.length > 0 && !anyway) {
      messages.show({
        intent: "warning",
        title: format(s.refusedCount, { n: context.refused.length }),
        body: format(s.refusedAskBody, { list: refusedList(context.refused, s, lang) }),
        actions: [
          { label: s.refusedSaveAnyway, run: () => void save(context, true) },
          { label: s.cancel, run: () => undefined },
        ],
      });
      return;
    }
    if (!(await context.flush())) return;
    const name = doc.name ?? (context.sheet ? `${context.sheet}.xlsx` : s.defaultFileName);
    try {
      download(await doc.file.toBuffer(), name);
      setDirty(false);
      // Refused inputs are still not in the file: the browser's copy keeps them until they are settled.
      if (context.refused.length === 0) draft.forget();
      messages.show({ intent: "success", title: s.savedTitle, body: format(s.savedBody, { name }) });
    } catch (error) {
      messages.report(error, "save-file");
    }
  };

  const fileInput = (
    <input
      ref={input}
      type="file"
      accept={`.xlsx,${XLSX_MIME}`}
      hidden
      aria-label={s.fileInputLabel}
      data-testid="file-input"
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = "";
        if (file) void open(file);
      }}
    />
  );
  /** The engine starts loading while the user picks a file: by the time one is chosen it is there. */
  const warmEngine = (): void => void loadEngine().catch(() => undefined);

  // What the clerk did on the offline page's HTML start screen before this panel was there, done now.
  const earlyStart = React.useRef({ create, open });
  earlyStart.current = { create, open };
  React.useEffect(
    () =>
      connectEarlyStart((early) => {
        if (early.kind === "new") void earlyStart.current.create();
        else void earlyStart.current.open(early.file);
      }),
    [],
  );
  const openButton = (size: "small" | "medium") => (
    <Button
      size={size}
      disabled={busy}
      onClick={() =>
        guard(() => {
          warmEngine();
          input.current?.click();
        })
      }
    >
      {s.openWorkbook}
    </Button>
  );

  const dropHandlers = {
    onDragOver: (e: React.DragEvent) => {
      if (!e.dataTransfer.types.includes("Files")) return;
      if (!dragging) warmEngine();
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      setDragging(true);
    },
    onDragLeave: (e: React.DragEvent) => {
      if (e.currentTarget === e.target) setDragging(false);
    },
    onDrop: (e: React.DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer.files[0];
      if (file) guard(() => void open(file));
    },
  };

  return (
    <div className={mergeClasses(styles.root, dragging && styles.dragging)} {...dropHandlers}>
      {fileInput}
      {doc ? (
        <props.Pane
          key={doc.id}
          port={doc.port}
          timing={props.timing}
          refused={doc.refused}
          onRefused={setRefused}
          // A new workbook has no scorecard yet: 新建 goes straight to the insert form.
          initialTab={doc.name === null && !doc.restored ? "insert" : undefined}
          toolbar={(context) => (
            <div className={styles.fileBar} role="group" aria-label={s.fileToolbarLabel}>
              <div className={styles.buttons}>
                <Caption1 data-testid="file-name">
                  {format(s.currentFile, {
                    name: doc.name ?? (context.sheet ? `${context.sheet}.xlsx` : s.defaultFileName),
                  })}
                </Caption1>
                {unsaved && (
                  <Badge appearance="tint" color="warning">
                    {s.unsaved}
                  </Badge>
                )}
              </div>
              <div className={styles.buttons}>
                <Button size="small" disabled={busy} onClick={() => guard(() => void create())}>
                  {s.newWorkbook}
                </Button>
                {openButton("small")}
                <Button size="small" appearance="primary" disabled={busy} onClick={() => void save(context)}>
                  {s.saveWorkbook}
                </Button>
              </div>
            </div>
          )}
        />
      ) : (
        <main className={styles.start}>
          <Subtitle1 as="h1">{s.appTitle}</Subtitle1>
          <Subtitle2 as="h2">{s.fileHeading}</Subtitle2>
          <Body1>{s.fileIntro}</Body1>
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={busy} onClick={() => void create()}>
              {s.newWorkbook}
            </Button>
            {openButton("medium")}
            {busy && <Spinner size="tiny" label={s.loadingEngine} />}
          </div>
          <div className={styles.drop} aria-label={s.dropZoneLabel} role="region">
            {s.dropHint}
          </div>
        </main>
      )}
    </div>
  );
}
