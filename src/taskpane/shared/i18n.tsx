import * as React from "react";
import { STRINGS, type Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";

export interface Texts {
  readonly lang: Lang;
  readonly s: Strings;
}

const TextsContext = React.createContext<Texts>({ lang: "zh", s: STRINGS.zh });

export function TextsProvider(props: { lang: Lang; children: React.ReactNode }): React.JSX.Element {
  const value = React.useMemo(() => ({ lang: props.lang, s: STRINGS[props.lang] }), [props.lang]);
  return <TextsContext.Provider value={value}>{props.children}</TextsContext.Provider>;
}

/** The pane's texts in the current language, and the language itself for rubric texts (name / nameEn). */
export const useTexts = (): Texts => React.useContext(TextsContext);
