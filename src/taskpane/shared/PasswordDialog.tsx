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

export interface PasswordDialogProps {
  readonly open: boolean;
  readonly password: string;
  readonly onPassword: (password: string) => void;
  readonly onKeep: () => void;
  readonly onClose: () => void;
}

/**
 * The sheet password prompt. Its own chunk (Fluent's Dialog brings focus trapping, portals and motion), loaded by
 * PasswordProvider after the first render or when first asked: the pane's first load does not carry it.
 */
export function PasswordDialog(props: PasswordDialogProps): React.JSX.Element {
  const { s } = useTexts();
  const { password, onKeep, onClose } = props;
  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{s.passwordTitle}</DialogTitle>
          <DialogContent>
            <p>{s.passwordBody}</p>
            <Field label={s.passwordLabel}>
              <Input
                type="password"
                value={password}
                onChange={(_, data) => props.onPassword(data.value)}
                onKeyDown={(e) => e.key === "Enter" && onKeep()}
              />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onKeep} disabled={password === ""}>
              {s.passwordSave}
            </Button>
            <Button onClick={onClose}>{s.passwordCancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
