export type Lang = "zh" | "en";

/** A user-facing text in both languages; pick with `text(message, lang)`. */
export interface Message {
  readonly zh: string;
  readonly en: string;
}

export const text = (message: Message, lang: Lang): string => message[lang];
