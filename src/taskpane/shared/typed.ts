import type { GridValue } from "../../sheet";

/** What the user typed into a score box, as the engine would read it: a number, text, or empty. */
export function parseTyped(text: string | undefined): GridValue {
  const t = (text ?? "").normalize("NFKC").trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}
