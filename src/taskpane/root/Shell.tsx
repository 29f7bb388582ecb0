import * as React from "react";
import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { LANG_TAGS, type Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";
import { TextsProvider } from "../shared/i18n";
import { PHONE } from "../shared/media";
import { MessagesProvider, PaneMessageBar } from "../shared/messages";
import { PasswordProvider, type PasswordStore } from "../shared/passwords";
import { prefetch } from "../shared/lazyChunk";
import { loadPane } from "./panels";

/** Name of the performance mark set when the pane first rendered (read by bench/pane.ts). */
export const FIRST_RENDER_MARK = "pane-first-render";

/** Fluent's controls by their documented class names, and the pane's own tabs. */
const TOUCH_TARGETS = [
  ".fui-Button",
  ".fui-Link",
  "[role=tab]",
  ".fui-Input",
  ".fui-Select__select",
  ".fui-Radio",
  ".fui-Checkbox",
  ".fui-Switch",
  ".fui-AccordionHeader__button",
];

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    // On a phone every control is a touch target of 44 px at least (WCAG 2.5.5).
    [PHONE]: Object.fromEntries(TOUCH_TARGETS.map((selector) => [`& ${selector}`, { minHeight: "44px" }])),
  },
  messages: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export interface ShellProps {
  readonly lang: Lang;
  /** Words laid over the pane's texts (the browser's own, in file mode). */
  readonly words?: Partial<Strings>;
  /** The sheet password typed in this pane, which the host adapters read (Excel, WPS). */
  readonly passwords?: PasswordStore;
  readonly children: React.ReactNode;
}

/**
 * What every mode's pane stands in: the theme, the texts, the password and message providers, and the one message
 * bar every error ends up in. Once it is on screen the pane over a workbook is fetched.
 */
export function Shell(props: ShellProps): React.JSX.Element {
  const styles = useStyles();
  React.useEffect(() => {
    if (typeof performance !== "undefined" && typeof performance.mark === "function")
      performance.mark(FIRST_RENDER_MARK);
    // The pane over a workbook, once the first screen is up: in file mode the start screen needs none of it.
    return prefetch([loadPane]);
  }, []);
  return (
    <FluentProvider theme={webLightTheme} className={styles.root} lang={LANG_TAGS[props.lang]}>
      <TextsProvider lang={props.lang} words={props.words}>
        <PasswordProvider store={props.passwords}>
          <MessagesProvider>
            <PaneMessageBar className={styles.messages} />
            {props.children}
          </MessagesProvider>
        </PasswordProvider>
      </TextsProvider>
    </FluentProvider>
  );
}
