import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from "@fluentui/react-components";
import { useTexts } from "./i18n";

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

/** Provides the prompt and draws its dialog; `onKept` runs after a password was entered. */
export function PasswordProvider(props: {
  store?: PasswordStore;
  onKept?: () => void;
  children: React.ReactNode;
}): React.JSX.Element {
  const { s } = useTexts();
  const [open, setOpen] = React.useState(false);
  const [password, setPassword] = React.useState("");
  const ask = React.useCallback(() => {
    setPassword("");
    setOpen(true);
  }, []);
  const { store, onKept } = props;
  const keep = (): void => {
    store?.set(password);
    setOpen(false);
    onKept?.();
  };
  return (
    <AskContext.Provider value={store ? ask : null}>
      {props.children}
      {store && (
        <Dialog open={open} modalType="alert" onOpenChange={(_, data) => setOpen(data.open)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{s.passwordTitle}</DialogTitle>
              <DialogContent>
                <p>{s.passwordBody}</p>
                <Field label={s.passwordLabel}>
                  <Input
                    type="password"
                    value={password}
                    onChange={(_, data) => setPassword(data.value)}
                    onKeyDown={(e) => e.key === "Enter" && keep()}
                  />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={keep} disabled={password === ""}>
                  {s.passwordSave}
                </Button>
                <Button onClick={() => setOpen(false)}>{s.passwordCancel}</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </AskContext.Provider>
  );
}
