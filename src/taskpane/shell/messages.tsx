import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { describeError, type ErrorContext, type MessageAction, type PaneMessage } from "./errors";
import { useTexts } from "./i18n";

export interface Messages {
  readonly message: PaneMessage | null;
  show(message: PaneMessage): void;
  clear(): void;
  /** Shows an error in the message bar (and the console); nothing the pane catches goes unreported. */
  report(error: unknown, context: ErrorContext, actions?: readonly MessageAction[]): void;
}

const MessagesContext = React.createContext<Messages | null>(null);

export function MessagesProvider(props: { children: React.ReactNode }): React.JSX.Element {
  const { s } = useTexts();
  const [message, setMessage] = React.useState<PaneMessage | null>(null);
  const value = React.useMemo<Messages>(
    () => ({
      message,
      show: setMessage,
      clear: () => setMessage(null),
      report: (error, context, actions) => {
        console.error(error);
        setMessage({ ...describeError(error, context, s), actions });
      },
    }),
    [message, s],
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
  const { intent, title, body, actions = [] } = message;
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
