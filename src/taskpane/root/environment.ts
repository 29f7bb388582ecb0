import type { Lang } from "../../i18n/types";
import { langOf } from "../../i18n/strings";
import { isWpsPage } from "./host";

export type PaneMode = "office" | "wps" | "file";

export interface Environment {
  readonly mode: PaneMode;
  readonly lang: Lang;
}

/** The part of the Office global the pane looks at before it starts; read structurally. */
interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  readonly HostType?: { readonly Excel?: unknown };
  readonly context?: { readonly displayLanguage?: string };
}

function officeOf(win: object): OfficeLike | null {
  const office = (win as { Office?: Partial<OfficeLike> }).Office;
  return office && typeof office.onReady === "function" ? (office as OfficeLike) : null;
}

/**
 * Office mode inside Excel; WPS mode in a WPS 表格 add-in page; file mode in a plain browser, where Office.onReady reports host null (or office.js
 * did not load at all). The language follows Office's display language in Excel and the browser's elsewhere.
 */
export async function detectEnvironment(win: Window = window): Promise<Environment> {
  const office = officeOf(win);
  const browserLang = langOf(win.navigator?.language);
  // WPS 表格's add-in page (the WPS build loads no office.js); its language is its browser's.
  if (isWpsPage(win)) return { mode: "wps", lang: browserLang };
  if (!office) return { mode: "file", lang: browserLang };
  const info = await office.onReady();
  const excel = office.HostType?.Excel ?? "Excel";
  if (info.host !== null && info.host !== undefined && info.host === excel)
    return { mode: "office", lang: langOf(office.context?.displayLanguage) };
  return { mode: "file", lang: browserLang };
}
