import * as React from "react";
import { FILE_WORDS } from "../../i18n/fileWords";
import { STRINGS, type Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";

export interface Texts {
  readonly lang: Lang;
  readonly s: Strings;
}

const TextsContext = React.createContext<Texts>({ lang: "zh", s: STRINGS.zh });

/** The pane's texts; in file mode (a plain browser) with the page's own words over Excel's (src/i18n/fileWords). */
export function TextsProvider(props: {
  lang: Lang;
  fileMode?: boolean;
  children: React.ReactNode;
}): React.JSX.Element {
  const { lang, fileMode } = props;
  const value = React.useMemo(
    () => ({ lang, s: fileMode ? { ...STRINGS[lang], ...FILE_WORDS[lang] } : STRINGS[lang] }),
    [lang, fileMode],
  );
  return <TextsContext.Provider value={value}>{props.children}</TextsContext.Provider>;
}

/** The pane's texts in the current language, and the language itself for rubric texts (name / nameEn). */
export const useTexts = (): Texts => React.useContext(TextsContext);
