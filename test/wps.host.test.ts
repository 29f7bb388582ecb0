/*
 * The WPS side of the pane's start: finding WPS 表格's object model in the page (window.wps), choosing the pane's
 * mode, and the ribbon's callbacks opening one task pane (wps.CreateTaskPane, then Navigate) per button.
 */
import { detectEnvironment } from "../src/taskpane/root/environment";
import { isWpsPage, startTabOf } from "../src/taskpane/root/host";
import { WpsPort } from "../src/wps";
import { connectWps, wpsHostOf } from "../src/wps/host";
import { ribbonCallbacks, type WpsRibbonHost, type WpsTaskPane } from "../src/wps/ribbon";
import { FakeEt } from "./support/fakeEt";

const BASE = "file:///C:/Users/clerk/AppData/Roaming/kingsoft/wps/jsaddons/scorecard_0.1.0/index.html";

function wpsWindow(): { win: Record<string, unknown>; fake: FakeEt } {
  const fake = new FakeEt();
  fake.addSheet("Sheet1");
  const win: Record<string, unknown> = { navigator: { language: "zh-CN" } };
  fake.install(win);
  return { win, fake };
}

describe("host detection", () => {
  it("finds WPS 表格 by window.wps.EtApplication, without waiting for Office", async () => {
    const { win } = wpsWindow();
    expect(isWpsPage(win)).toBe(true);
    expect(isWpsPage({ wps: {} })).toBe(false);
    expect(isWpsPage({})).toBe(false);
    // An Office global that never becomes ready must not hold the WPS page up.
    win.Office = { onReady: () => new Promise(() => undefined) };
    expect(await detectEnvironment(win as unknown as Window)).toEqual({ mode: "wps", lang: "zh" });
  });

  it("takes events from wps.ApiEvent, else Application.ApiEvent; no host without them", () => {
    const { win, fake } = wpsWindow();
    const host = wpsHostOf(win);
    // Compared by identity: the fake's objects record every property a deep comparison would probe.
    expect(host?.app === fake.application && host?.events === fake.apiEvent).toBe(true);
    const wps = win.wps as Record<string, unknown>;
    delete wps.ApiEvent;
    expect(wpsHostOf(win)?.events === fake.apiEvent).toBe(true); // through Application.ApiEvent
    expect(connectWps(win, () => undefined)).toBeInstanceOf(WpsPort);
    expect(wpsHostOf({})).toBeNull();
    expect(fake.problems).toEqual([]);
  });

  it("opens the pane on the tab its URL asks for", () => {
    expect(startTabOf("?tab=insert")).toBe("insert");
    expect(startTabOf("?check=workbook")).toBeUndefined();
    expect(startTabOf("")).toBeUndefined();
  });
});

describe("the ribbon's callbacks", () => {
  function wpsRibbon() {
    const storage = new Map<string, string>();
    const panes: (WpsTaskPane & { url: string; visible: boolean })[] = [];
    const wps: WpsRibbonHost = {
      CreateTaskPane(url) {
        const pane = {
          ID: panes.length + 1,
          url,
          visible: false,
          set Visible(v: boolean) {
            this.visible = v;
          },
          get Visible() {
            return this.visible;
          },
          Navigate(next: string) {
            this.url = next;
          },
        };
        panes.push(pane);
        return pane;
      },
      GetTaskPane(id) {
        const pane = panes[id - 1];
        if (!pane) throw new Error("no such task pane");
        return pane;
      },
      PluginStorage: {
        getItem: (key) => storage.get(key),
        setItem: (key, value) => void storage.set(key, String(value)),
      },
    };
    return { wps, panes, storage };
  }

  it("打开窗格 creates one task pane and shows it; the other buttons reuse it at their page", () => {
    const { wps, panes } = wpsRibbon();
    const ribbon = ribbonCallbacks(wps, BASE);
    expect(ribbon.OnAddinLoad()).toBe(true);
    ribbon.OnAction({ Id: "btnOpenPane" });
    expect(panes).toHaveLength(1);
    expect(panes[0]).toMatchObject({ visible: true, url: BASE.replace("index.html", "taskpane.html") });
    ribbon.OnAction({ Id: "btnInsertScorecard" });
    expect(panes).toHaveLength(1);
    expect(panes[0].url).toBe(BASE.replace("index.html", "taskpane.html?tab=insert"));
    ribbon.OnAction({ Id: "btnCheckWorkbook" });
    expect(panes[0].url).toBe(BASE.replace("index.html", "taskpane.html?check=workbook"));
    ribbon.OnAction({ Id: "somethingElse" });
    expect(panes).toHaveLength(1);
  });

  it("creates a new pane when the stored one is gone (closed with its window)", () => {
    const { wps, panes, storage } = wpsRibbon();
    storage.set("scorecardTaskPaneId", "7");
    ribbonCallbacks(wps, BASE).OnAction({ Id: "btnOpenPane" });
    expect(panes).toHaveLength(1);
    expect(storage.get("scorecardTaskPaneId")).toBe("1");
  });

  it("gives each button its icon from the add-in's folder", () => {
    const ribbon = ribbonCallbacks(wpsRibbon().wps, BASE);
    expect(ribbon.GetImage({ Id: "btnCheckWorkbook" })).toBe(
      BASE.replace("index.html", "assets/check-32.png"),
    );
    expect(ribbon.GetImage({ Id: "nope" })).toBe("");
  });
});
