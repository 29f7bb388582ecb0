import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { format } from "../../i18n/strings";
import { useTexts } from "../shared/i18n";
import type { ScorecardView } from "../shared/session";

/**
 * A scorecard whose self-assessment no longer matches the hash recorded at submission, whoever changed it and
 * with whatever software: shown above every tab, not only in the problems list.
 */
export function ReviewBanner(props: { view: ScorecardView | null }): React.JSX.Element | null {
  const { s, lang } = useTexts();
  const edited = props.view?.read.findings.find((f) => f.code === "edited-after-submit");
  if (!edited) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="edited-after-submit">
      <MessageBarBody>
        <MessageBarTitle>{s.editedTitle}</MessageBarTitle>
        {format(s.editedBody, { message: edited.message[lang] })}
      </MessageBarBody>
    </MessageBar>
  );
}
