import * as React from "react";
import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { LANG_TAGS, type Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";
import type { WorkbookPort } from "../../workbook";
import type { PaneMode } from "./environment";
import { startTabOf } from "./host";
import { FilePanel } from "../file/FilePanel";
import { TextsProvider } from "../shared/i18n";
import { PHONE } from "../shared/media";
import { MessagesProvider, PaneMessageBar } from "../shared/messages";
import { PasswordProvider, type PasswordStore } from "../shared/passwords";
import { prefetch } from "../shared/lazyChunk";
import { LazyPane, loadPane } from "./panels";
import type { Timing } from "../shared/session";
import { loadXlsxEngine, type XlsxEngine } from "../file/xlsxLoader";

export interface AppProps {
  readonly lang: Lang;
  readonly mode: PaneMode;
  /** The workbook in Office and WPS mode. */
  readonly port?: WorkbookPort;
  /** File mode's ExcelJS engine; loaded lazily by default. */
  readonly loadEngine?: () => Promise<XlsxEngine>;
  readonly timing?: Partial<Timing>;
  /** The sheet password typed in this pane, which the Office adapter reads (Office mode). */
  readonly passwords?: PasswordStore;
}

/** Name of the performance mark set when the pane first rendered (read by bench/pane.ts). */
export const FIRST_RENDER_MARK = "pane-first-render";

/**
 * The browser's own words (src/i18n/fileWords) in file mode, fetched with the first screen: they word the pane
 * over a file, which comes after it, and Excel never needs them.
 */
function useFileWords(fileMode: boolean): Readonly<Record<Lang, Partial<Strings>>> | null {
  const [words, setWords] = React.useState<Readonly<Record<Lang, Partial<Strings>>> | null>(null);
  React.useEffect(() => {
    if (!fileMode) return;
    let live = true;
    import(/* webpackChunkName: "file-words" */ "../../i18n/fileWords").then(
      (m) => live && setWords(m.FILE_WORDS),
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, [fileMode]);
  return words;
}

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

export function App(props: AppProps): React.JSX.Element {
  const styles = useStyles();
  const fileWords = useFileWords(props.mode === "file");
  React.useEffect(() => {
    if (typeof performance !== "undefined" && typeof performance.mark === "function")
      performance.mark(FIRST_RENDER_MARK);
    // The pane over a workbook, once the first screen is up: in file mode the start screen needs none of it.
    return prefetch([loadPane]);
  }, []);
  return (
    <FluentProvider theme={webLightTheme} className={styles.root} lang={LANG_TAGS[props.lang]}>
      <TextsProvider lang={props.lang} words={fileWords?.[props.lang]}>
        <PasswordProvider store={props.passwords}>
          <MessagesProvider>
            <PaneMessageBar className={styles.messages} />
            {props.mode !== "file" && props.port ? (
              <LazyPane
                port={props.port}
                wps={props.mode === "wps"}
                timing={props.timing}
                initialTab={startTabOf(window.location.search)}
              />
            ) : (
              <FilePanel
                Pane={LazyPane}
                loadEngine={props.loadEngine ?? loadXlsxEngine}
                timing={props.timing}
              />
            )}
          </MessagesProvider>
        </PasswordProvider>
      </TextsProvider>
    </FluentProvider>
  );
}
