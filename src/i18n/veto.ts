import type { Rubric } from "../rubric";
import type { Lang } from "./types";

/**
 * The veto items behind a 否决, as every report names them: "75.2 发生个人极端案事件的", several joined by "、"
 * ("; " in English). Keys the rubric does not know are left out.
 */
export function vetoText(rubric: Rubric, keys: readonly string[], lang: Lang = "zh"): string {
  return rubric.veto.conditions
    .filter((c) => keys.includes(c.key))
    .map((c) => `${c.key} ${lang === "en" ? c.textEn : c.text}`)
    .join(lang === "en" ? "; " : "、");
}
