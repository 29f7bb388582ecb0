import * as React from "react";
import { Body1, Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { format } from "../i18n/strings";
import { errorDetail } from "./errors";
import { useTexts } from "./i18n";
import { useMessages } from "./messages";
import type { ReviewPanelProps } from "./ReviewPanel";
import { loadReviewPanel, type ReviewPanelModule } from "./reviewLoader";

const useStyles = makeStyles({
  failed: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    alignItems: "flex-start",
  },
});

/** The 审核 tab as the first bundle knows it: a spinner while the panel's chunk loads, then the panel. */
export function ReviewTab(props: ReviewPanelProps): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const messages = useMessages();
  const messagesRef = React.useRef(messages);
  messagesRef.current = messages;
  const [loaded, setLoaded] = React.useState<ReviewPanelModule | null>(null);
  const [failed, setFailed] = React.useState(false);
  const [attempt, setAttempt] = React.useState(0);

  React.useEffect(() => {
    let live = true;
    loadReviewPanel().then(
      (module) => {
        if (live) setLoaded(module);
      },
      (error: unknown) => {
        console.error(error);
        if (!live) return;
        setFailed(true);
        messagesRef.current.show({
          intent: "error",
          title: s.reviewLoadFailedTitle,
          body: format(s.loadFailedBody, { detail: errorDetail(error) }),
        });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, s]);

  if (loaded) return <loaded.ReviewPanel {...props} />;
  if (failed)
    return (
      <div className={styles.failed}>
        <Body1>{s.reviewLoadFailedTitle}</Body1>
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
  return <Spinner size="small" label={s.reviewLoading} />;
}
