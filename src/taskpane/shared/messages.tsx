import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import {
  adapterErrorKind,
  describeError,
  type ErrorContext,
  type MessageAction,
  type PaneMessage,
} from "./errors";
import { useTexts } from "./i18n";
import { usePasswordPrompt } from "./passwords";

export interface Messages {
  readonly message: PaneMessage | null;
  show(message: PaneMessage): void;
  clear(): void;
  /** Shows an error in the message bar (and the console); nothing the pane catches goes unreported. */
  report(error: unknown, context: ErrorContext, actions?: readonly MessageAction[]): void;
}

const MessagesContext = React.createContext<Messages | null>(null);

/** How long a success message stays. */
export const SUCCESS_SHOWN_MS = 5000;

export function MessagesProvider(props: { children: React.ReactNode }): React.JSX.Element {
  const { s } = useTexts();
  const [message, setMessage] = React.useState<PaneMessage | null>(null);
  const askPassword = usePasswordPrompt();
  // A success only confirms what the user just did: it goes by itself. Errors and warnings stay until dismissed.
  React.useEffect(() => {
    if (message?.intent !== "success") return;
    const timer = setTimeout(() => setMessage((now) => (now === message ? null : now)), SUCCESS_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message]);
  const value = React.useMemo<Messages>(
    () => ({
      message,
      show: setMessage,
      clear: () => setMessage(null),
      report: (error, context, actions) => {
        console.error(error);
        // A wrong or missing sheet password: the message itself offers to ask for it.
        const ask =
          askPassword && adapterErrorKind(error) === "bad-password"
            ? [{ label: s.enterPassword, run: askPassword }]
            : [];
        setMessage({ ...describeError(error, context, s), actions: [...ask, ...(actions ?? [])] });
      },
    }),
    [message, s, askPassword],
  );
  return <MessagesContext.Provider value={value}>{props.children}</MessagesContext.Provider>;
}

/** The single message bar of the pane. */
export function useMessages(): Messages {
  const messages = React.useContext(MessagesContext);
  if (!messages) throw new Error("useMessages outside MessagesProvider");
  return messages;
}

export function PaneMessageBar(props: { className?: string }): React.JSX.Element | null {
  const { s } = useTexts();
  const { message, clear } = useMessages();
  if (!message) return null;
  const { intent, title, body, detail, actions = [] } = message;
  return (
    <div className={props.className}>
      <MessageBar
        intent={intent}
        layout="multiline"
        politeness={intent === "error" || intent === "warning" ? "assertive" : "polite"}
        data-testid="message-bar"
      >
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {body}
          {detail && (
            <details data-testid="message-detail">
              <summary>{s.details}</summary>
              <code lang="en">{detail}</code>
            </details>
          )}
        </MessageBarBody>
        <MessageBarActions
          containerAction={
            <Button appearance="transparent" aria-label={s.dismiss} onClick={clear}>
              ×
            </Button>
          }
        >
          {actions.map((a) => (
            <Button
              key={a.label}
              onClick={() => {
                clear();
                a.run();
              }}
            >
              {a.label}
            </Button>
          ))}
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
