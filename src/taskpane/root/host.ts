/**
 * Which program the pane runs in (issue 23): Excel (Office.js), WPS 表格 (a WPS 加载项 page, whose object model
 * WPS puts in `window.wps`), or a plain browser (the .xlsx file mode). Read structurally, without loading either
 * adapter; kept apart from the Office check so that a WPS page never waits for office.js.
 */

/** A WPS 加载项 page of WPS 表格: `window.wps.EtApplication` (typings: npm wps-jsapi, `wps.EtApplication()`). */
export function isWpsPage(win: object): boolean {
  const wps = (win as { wps?: { EtApplication?: unknown } }).wps;
  return typeof wps === "object" && wps !== null && typeof wps.EtApplication === "function";
}

/** Tabs a page URL may open the pane on: the WPS ribbon's 插入评分表 opens taskpane.html?tab=insert. */
export type StartTab = "insert";

/** The tab asked for in the page's query string, if any. */
export function startTabOf(search: string): StartTab | undefined {
  return new URLSearchParams(search).get("tab") === "insert" ? "insert" : undefined;
}
