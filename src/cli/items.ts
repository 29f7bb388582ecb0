import { cliReportText } from "../i18n/cliReport";
import type { Lang } from "../i18n/types";

/** "第1–12、15、20–22项": item numbers in order, three or more in a row as a range. */
export function itemList(items: readonly string[], lang: Lang): string {
  const r = cliReportText(lang);
  const numbers = [...new Set(items.map(Number))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && Number.isInteger(numbers[j]) && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(j - i >= 2 ? `${numbers[i]}–${numbers[j]}` : numbers.slice(i, j + 1).join(r.itemSeparator));
    i = j + 1;
  }
  return r.items(parts.join(r.itemSeparator));
}

/** Item keys that itemList can list: 1…74 and 75.1…. */
export const isNumbered = (item: string): boolean => /^\d+(\.\d+)?$/.test(item);
