import * as React from "react";
import type { Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";
import { FilePanel } from "../file/FilePanel";
import { loadXlsxEngine, type XlsxEngine } from "../file/xlsxLoader";
import type { Timing } from "../shared/session";
import { LazyPane } from "./panels";
import { Shell } from "./Shell";

export interface FileAppProps {
  readonly lang: Lang;
  /** The ExcelJS engine; loaded lazily by default. */
  readonly loadEngine?: () => Promise<XlsxEngine>;
  readonly timing?: Partial<Timing>;
}

/**
 * The browser's own words (src/i18n/fileWords), fetched with the first screen: they word the pane over a file,
 * which comes after it.
 */
function useFileWords(): Readonly<Record<Lang, Partial<Strings>>> | null {
  const [words, setWords] = React.useState<Readonly<Record<Lang, Partial<Strings>>> | null>(null);
  React.useEffect(() => {
    let live = true;
    import(/* webpackChunkName: "file-words" */ "../../i18n/fileWords").then(
      (m) => live && setWords(m.FILE_WORDS),
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, []);
  return words;
}

/** The pane in a browser (file mode): 新建 / 打开… an .xlsx file, then the pane over it. */
export function FileApp(props: FileAppProps): React.JSX.Element {
  const words = useFileWords();
  return (
    <Shell lang={props.lang} words={words?.[props.lang]}>
      <FilePanel Pane={LazyPane} loadEngine={props.loadEngine ?? loadXlsxEngine} timing={props.timing} />
    </Shell>
  );
}
