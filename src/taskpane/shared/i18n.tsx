import * as React from "react";
import { STRINGS, type Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";

export interface Texts {
  readonly lang: Lang;
  readonly s: Strings;
}

const TextsContext = React.createContext<Texts>({ lang: "zh", s: STRINGS.zh });

/** The pane's texts, with `words` laid over them (file mode's own words, src/i18n/fileWords). */
export function TextsProvider(props: {
  lang: Lang;
  words?: Partial<Strings>;
  children: React.ReactNode;
}): React.JSX.Element {
  const { lang, words } = props;
  const value = React.useMemo(
    () => ({ lang, s: words ? { ...STRINGS[lang], ...words } : STRINGS[lang] }),
    [lang, words],
  );
  return <TextsContext.Provider value={value}>{props.children}</TextsContext.Provider>;
}

/** The pane's texts in the current language, and the language itself for rubric texts (name / nameEn). */
export const useTexts = (): Texts => React.useContext(TextsContext);
