/**
 * taskpane.html?check=workbook opens the 审核 tab and checks the whole workbook at once (the ribbon's
 * 检查整个工作簿 button points there).
 */
export function wantsWorkbookCheck(search: string): boolean {
  return new URLSearchParams(search).get("check") === "workbook";
}

/** The current page's wish, read once; false outside a browser. */
export const pageWantsWorkbookCheck = (): boolean =>
  typeof window !== "undefined" && wantsWorkbookCheck(window.location.search);
