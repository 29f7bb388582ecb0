import { isLegacyWebview } from "../src/taskpane/legacy";

// User agents as Office's webviews send them.
const UA = {
  webview2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
  edgeHtml:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko",
  wkWebView: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
};

/** A window with every global the pane needs, this engine's Function, and the given user agent. */
const win = (userAgent: string, compile: unknown = Function) => ({
  navigator: { userAgent },
  Promise,
  fetch: () => undefined,
  Map,
  Set,
  Symbol,
  WeakMap,
  Proxy,
  Function: compile,
});

/** An engine that parses ES2019 at most: like EdgeHTML 18, or Safari 13/14 in an old WKWebView. */
const olderParser = (code: string): unknown => {
  if (/\?\.|\?\?=|#\w|static \{/.test(code)) throw new SyntaxError("Unexpected token");
  return () => undefined;
};

describe("the upgrade message instead of a blank pane", () => {
  it("lets WebView2 and a current WKWebView run the pane", () => {
    expect(isLegacyWebview(win(UA.webview2))).toBe(false);
    expect(isLegacyWebview(win(UA.wkWebView))).toBe(false);
  });

  it("stops EdgeHTML by its user agent, even where its parser would pass", () => {
    expect(isLegacyWebview(win(UA.edgeHtml))).toBe(true);
  });

  it("stops the Internet Explorer webview", () => {
    expect(isLegacyWebview(win(UA.ie11))).toBe(true);
  });

  it("stops an engine that cannot parse the chunks' ES2022 syntax, whatever its user agent says", () => {
    expect(isLegacyWebview(win(UA.wkWebView, olderParser))).toBe(true);
    expect(isLegacyWebview(win(UA.webview2, olderParser))).toBe(true);
  });
});
