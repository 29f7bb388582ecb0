import * as React from "react";
import { lazyChunk, prefetch } from "./lazyChunk";
import type { PasswordDialogProps } from "./PasswordDialog";

const loadPasswordDialog = lazyChunk(() =>
  import(/* webpackChunkName: "password" */ "./PasswordDialog").then((m) => m.PasswordDialog),
);

/**
 * The sheet protection password the user typed in this pane, for the Office adapter's redraws. Kept in memory
 * only: in Excel nothing is kept outside the workbook.
 */
export class PasswordStore {
  private value: string | undefined;
  readonly get = (): string | undefined => this.value;
  set(password: string): void {
    this.value = password === "" ? undefined : password;
  }
}

const AskContext = React.createContext<(() => void) | null>(null);

/** Opens the password dialog, where the pane has a store (Office mode); null elsewhere. */
export const usePasswordPrompt = (): (() => void) | null => React.useContext(AskContext);

/**
 * Provides the prompt and draws its dialog; `onKept` runs after a password was entered. The dialog's chunk is
 * fetched once the pane has rendered, or when the prompt is first used; a failed load is logged and the prompt
 * simply tried again next time (the message bar that offers the prompt lives inside this provider).
 */
export function PasswordProvider(props: {
  store?: PasswordStore;
  onKept?: () => void;
  children: React.ReactNode;
}): React.JSX.Element {
  const [open, setOpen] = React.useState(false);
  const [password, setPassword] = React.useState("");
  const [Dialog, setDialog] = React.useState<React.ComponentType<PasswordDialogProps> | null>(
    () => loadPasswordDialog.ready() ?? null,
  );
  const { store, onKept } = props;
  const load = React.useCallback(
    () =>
      loadPasswordDialog().then(
        (component) => setDialog(() => component),
        (error: unknown) => {
          console.error(error);
          setOpen(false);
        },
      ),
    [],
  );
  React.useEffect(() => (store ? prefetch([load]) : undefined), [store, load]);
  const ask = React.useCallback(() => {
    setPassword("");
    setOpen(true);
    void load();
  }, [load]);
  const keep = (): void => {
    store?.set(password);
    setOpen(false);
    onKept?.();
  };
  return (
    <AskContext.Provider value={store ? ask : null}>
      {props.children}
      {store && Dialog && (
        <Dialog
          open={open}
          password={password}
          onPassword={setPassword}
          onKeep={keep}
          onClose={() => setOpen(false)}
        />
      )}
    </AskContext.Provider>
  );
}
