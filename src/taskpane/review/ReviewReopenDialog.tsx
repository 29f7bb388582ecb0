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
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useTexts } from "../shared/i18n";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/**
 * 退回修改 asks who and why before anything is changed; both are required and go into 变更记录.
 * `onConfirm` resolves true when the scorecard was returned (the dialog then closes).
 */
export function ReviewReopenDialog(props: {
  open: boolean;
  operator: string;
  busy: boolean;
  onConfirm: (operator: string, reason: string) => Promise<boolean>;
  onClose: () => void;
}): React.JSX.Element {
  const styles = useStyles();
  const { s } = useTexts();
  const [operator, setOperator] = React.useState(props.operator);
  const [reason, setReason] = React.useState("");
  const [tried, setTried] = React.useState(false);
  React.useEffect(() => {
    if (!props.open) return;
    setOperator(props.operator);
    setReason("");
    setTried(false);
  }, [props.open, props.operator]);
  const missingOperator = tried && operator.trim() === "";
  const missingReason = tried && reason.trim() === "";

  const confirm = async (): Promise<void> => {
    setTried(true);
    if (operator.trim() === "" || reason.trim() === "") return;
    if (await props.onConfirm(operator.trim(), reason.trim())) props.onClose();
  };

  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{s.reopenTitle}</DialogTitle>
          <DialogContent className={styles.content}>
            {s.reopenBody}
            <Field
              label={s.operatorLabel}
              required
              validationMessage={missingOperator ? s.blockerOperator : undefined}
            >
              <Input value={operator} onChange={(_, data) => setOperator(data.value)} />
            </Field>
            <Field
              label={s.reasonLabel}
              required
              validationMessage={missingReason ? s.blockerReason : undefined}
            >
              <Textarea value={reason} onChange={(_, data) => setReason(data.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={props.busy} onClick={() => void confirm()}>
              {s.actionReopen}
            </Button>
            <Button disabled={props.busy} onClick={props.onClose}>
              {s.cancel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
