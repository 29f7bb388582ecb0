/*
 * The WPS ribbon's callbacks (ribbon.xml names them): the 评分表 group's buttons open the pane — the same page
 * as in Excel — in a WPS task pane, at the 插入 tab, or checking the whole workbook. WPS calls them on the add-in's
 * index.html page (its entry page), which stays loaded while WPS runs. Typings: npm wps-jsapi, `wps.CreateTaskPane`,
 * `wps.GetTaskPane`, `wps.PluginStorage` (held against them in test/wps.typings.check.ts).
 */

/** The parts of a WPS task pane the ribbon uses. */
export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
  Navigate(url: string): void;
}

/** The parts of `window.wps` the ribbon uses. */
export interface WpsRibbonHost {
  CreateTaskPane(url: string, title: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane | null | undefined;
  readonly PluginStorage: {
    getItem(key: string): string | null | undefined;
    setItem(key: string, value: string | number | boolean): void;
  };
}

/** The control WPS passes to onAction / getImage. */
export interface RibbonControl {
  readonly Id: string;
}

/** Button ids of ribbon.xml, and what each opens. */
export const RIBBON_BUTTONS = {
  btnOpenPane: "taskpane.html",
  btnInsertScorecard: "taskpane.html?tab=insert",
  btnCheckWorkbook: "taskpane.html?check=workbook",
} as const;

export type RibbonButton = keyof typeof RIBBON_BUTTONS;

const ICONS: Readonly<Record<RibbonButton, string>> = {
  btnOpenPane: "assets/icon-32.png",
  btnInsertScorecard: "assets/icon-32.png",
  btnCheckWorkbook: "assets/check-32.png",
};

/** The task pane's id, kept across the add-in's pages (PluginStorage) so that one pane is reused. */
const PANE_KEY = "scorecardTaskPaneId";
const PANE_TITLE = "评分表";

const isButton = (id: string): id is RibbonButton => Object.prototype.hasOwnProperty.call(RIBBON_BUTTONS, id);

/**
 * The ribbon's callbacks over a WPS host; `base` is the add-in's folder URL (the entry page's). One task pane
 * is created and then navigated to each button's page, so a second click never opens a second pane.
 */
export function ribbonCallbacks(wps: WpsRibbonHost, base: string) {
  const urlOf = (page: string): string => new URL(page, base).href;
  const existingPane = (): WpsTaskPane | null => {
    const id = Number(wps.PluginStorage.getItem(PANE_KEY));
    if (!Number.isFinite(id) || id <= 0) return null;
    try {
      return wps.GetTaskPane(id) ?? null;
    } catch {
      return null; // closed with its document
    }
  };
  return {
    OnAddinLoad: (): boolean => true,
    OnAction(control: RibbonControl): void {
      if (!isButton(control.Id)) return;
      const url = urlOf(RIBBON_BUTTONS[control.Id]);
      let pane = existingPane();
      if (pane) pane.Navigate(url);
      else {
        pane = wps.CreateTaskPane(url, PANE_TITLE);
        wps.PluginStorage.setItem(PANE_KEY, pane.ID);
      }
      pane.Visible = true;
    },
    GetImage(control: RibbonControl): string {
      return isButton(control.Id) ? urlOf(ICONS[control.Id]) : "";
    },
  };
}
