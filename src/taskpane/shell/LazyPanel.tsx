import * as React from "react";
import { Body1, Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { errorDetail } from "./errors";
import { useTexts } from "./i18n";
import { useMessages } from "./messages";

const useStyles = makeStyles({
  failed: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    alignItems: "flex-start",
  },
});

export interface LazyPanelProps<P> {
  /** Stable (module-level) loader of the panel component. */
  readonly load: () => Promise<React.ComponentType<P>>;
  /** The panel when its chunk is already loaded (prefetched): shown at once, with no spinner in between. */
  readonly ready?: () => React.ComponentType<P> | undefined;
  readonly loadingLabel: string;
  readonly failedTitle: string;
  readonly panelProps: P;
}

/**
 * A tab as the pane's first bundle knows it: a spinner while the panel's own chunk loads on first use (unless it
 * was prefetched), then the panel. A failed load is reported in the message bar and can be retried.
 */
export function LazyPanel<P extends object>({
  load,
  ready,
  loadingLabel,
  failedTitle,
  panelProps,
}: LazyPanelProps<P>): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const messages = useMessages();
  const messagesRef = React.useRef(messages);
  messagesRef.current = messages;
  const [Panel, setPanel] = React.useState<React.ComponentType<P> | null>(() => ready?.() ?? null);
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
