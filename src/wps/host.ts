import type { EtApiEvent, EtApplication, EtHost } from "./et";
import { WpsPort } from "./wpsPort";

interface WpsGlobal {
  EtApplication(): EtApplication;
  readonly ApiEvent?: EtApiEvent;
}

/**
 * The ET object model of a WPS 加载项 page: `wps.EtApplication()`, and its events from `wps.ApiEvent` (or, in
 * builds that put them there, `Application.ApiEvent`, as the wpsjs samples use them). Null outside WPS 表格.
 */
export function wpsHostOf(win: object): EtHost | null {
  const wps = (win as { wps?: Partial<WpsGlobal> }).wps;
  if (!wps || typeof wps.EtApplication !== "function") return null;
  const app = wps.EtApplication();
  const events = wps.ApiEvent ?? (app as EtApplication & { readonly ApiEvent?: EtApiEvent }).ApiEvent;
  return events ? { app, events } : null;
}

/** The pane's port in WPS, or null when the page is not in WPS 表格. */
export function connectWps(win: object, passwordFor: (sheet: string) => string | undefined): WpsPort | null {
  const host = wpsHostOf(win);
  return host ? new WpsPort(host, { passwordFor }) : null;
}
