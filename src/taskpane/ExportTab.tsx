import * as React from "react";
import { Body1, Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { format } from "../i18n/strings";
import { errorDetail } from "./errors";
import type { ExportPanelModule, ExportPanelProps } from "./ExportPanel";
import { loadExportPanel } from "./exportLoader";
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

/**
 * The 导出 tab as the pane's first bundle knows it: a spinner while the panel's own chunk loads on first use,
 * then the panel. A failed load is reported in the message bar and can be retried.
 */
export function ExportTab(props: ExportPanelProps): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const messages = useMessages();
  const reportRef = React.useRef(messages);
  reportRef.current = messages;
  const [loaded, setLoaded] = React.useState<ExportPanelModule | null>(null);
  const [failed, setFailed] = React.useState(false);
  const [attempt, setAttempt] = React.useState(0);

  React.useEffect(() => {
    let live = true;
    loadExportPanel().then(
      (module) => {
        if (live) setLoaded(module);
      },
      (error: unknown) => {
        console.error(error);
        if (!live) return;
        setFailed(true);
        reportRef.current.show({
          intent: "error",
          title: s.exportLoadFailedTitle,
          body: format(s.loadFailedBody, { detail: errorDetail(error) }),
        });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, s]);

  if (loaded) return <loaded.ExportPanel {...props} />;
  if (failed)
    return (
      <div className={styles.failed}>
        <Body1>{s.exportLoadFailedTitle}</Body1>
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
  return <Spinner size="small" label={s.exportLoading} />;
}
