import * as React from "react";
import { Body1, Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { errorDetail } from "../shared/errors";
import { useTexts } from "../shared/i18n";
import { useMessages } from "../shared/messages";

const useStyles = makeStyles({
  failed: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    alignItems: "flex-start",
  },
});

export interface LazyPanelProps<P> {
  /**
   * Stable (module-level) loader of the panel component; a lazyChunk's `ready` gives the panel when its chunk is
   * already loaded (prefetched), shown at once with no spinner in between.
   */
  readonly load: (() => Promise<React.ComponentType<P>>) & {
    readonly ready?: () => React.ComponentType<P> | undefined;
  };
  readonly loadingLabel: string;
  /** Defaults to the pane's “could not load” title. */
  readonly failedTitle?: string;
  readonly panelProps: P;
}

/**
 * A tab as the pane's first bundle knows it: a spinner while the panel's own chunk loads on first use (unless it
 * was prefetched), then the panel. A failed load is reported in the message bar and can be retried.
 */
export function LazyPanel<P extends object>({
  load,
  loadingLabel,
  failedTitle: title,
  panelProps,
}: LazyPanelProps<P>): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const failedTitle = title ?? s.loadFailedTitle;
  const messages = useMessages();
  const messagesRef = React.useRef(messages);
  messagesRef.current = messages;
  const [Panel, setPanel] = React.useState<React.ComponentType<P> | null>(() => load.ready?.() ?? null);
  const [failed, setFailed] = React.useState(false);
  const [attempt, setAttempt] = React.useState(0);

  const shown = Panel !== null;
  React.useEffect(() => {
    if (shown) return;
    let live = true;
    load().then(
      (component) => {
        if (live) setPanel(() => component);
      },
      (error: unknown) => {
        console.error(error);
        if (!live) return;
        setFailed(true);
        messagesRef.current.show({
          intent: "error",
          title: failedTitle,
          body: s.loadFailedHint,
          detail: errorDetail(error),
        });
      },
    );
    return () => {
      live = false;
    };
  }, [shown, attempt, load, failedTitle, s]);

  if (Panel) return <Panel {...panelProps} />;
  if (failed)
    return (
      <div className={styles.failed}>
        <Body1>{failedTitle}</Body1>
        <Button
          onClick={() => {
            setFailed(false);
            setAttempt((n) => n + 1);
          }}
        >
          {s.retry}
        </Button>
      </div>
    );
  return <Spinner size="small" label={loadingLabel} />;
}
