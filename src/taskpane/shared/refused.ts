import { format, type Strings } from "../../i18n/strings";
import type { Lang } from "../../i18n/types";
import type { RefusedEntry } from "./session";

/** The refused inputs named for a question before saving or exporting: 第23项自评“5”、… */
export function refusedList(refused: readonly RefusedEntry[], s: Strings, lang: Lang): string {
  return refused
    .map((r) =>
      format(s.refusedItem, {
        no: r.id,
        column: r.field === "self" ? s.columnSelf : s.columnReview,
        text: r.text,
      }),
    )
    .join(lang === "en" ? "; " : "、");
}
