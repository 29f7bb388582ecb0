import { STRINGS, type Strings } from "../i18n/strings";

/*
 * Runs before anything else in the old Internet Explorer webview (Office 2013/2016 on older Windows), so it
 * sticks to ES5 syntax and plain DOM calls: no arrow functions, classes, template literals or React.
 */

/** The globals the pane needs; anything missing marks the old Internet Explorer webview. */
const REQUIRED_GLOBALS = ["Promise", "fetch", "Map", "Set", "Symbol", "WeakMap", "Proxy"];

/**
 * The newest syntax the pane's chunks use (they are ES2022, checked by test/build.test.ts): class fields and
 * static blocks, private methods and `#x in`, `??=`, optional chaining, the regexp `d` flag. An engine that cannot
 * compile this (EdgeHTML, the WKWebView of older macOS) would fail on the chunks with a blank pane.
 */
const NEWEST_SYNTAX =
  "class A { static s = 1; #p = 2; static { A.s ??= 3; } #m() { return this.#p; } static has(o) { return #p in o; } } return /a/d.exec('a')?.indices;";

/**
 * True where the pane cannot run and the upgrade message is shown instead: the Internet Explorer webview
 * (Trident/MSIE, or a missing modern global), EdgeHTML (`Edge/` in the user agent; Chromium Edge says `Edg/`),
 * and any engine that cannot compile the chunks' syntax.
 */
export function isLegacyWebview(win: object): boolean {
  const globals = win as Record<string, unknown>;
  const nav = globals.navigator as { userAgent?: unknown } | undefined;
  const ua = nav && typeof nav.userAgent === "string" ? nav.userAgent : "";
  if (/Trident\/|MSIE |Edge\/\d/.test(ua)) return true;
  for (let i = 0; i < REQUIRED_GLOBALS.length; i++) {
    if (typeof globals[REQUIRED_GLOBALS[i]] !== "function") return true;
  }
  const compile = globals.Function;
  if (typeof compile !== "function") return false;
  try {
    // Compiled, never called: only whether the engine parses it matters.
    (compile as (code: string) => unknown)(NEWEST_SYNTAX);
  } catch {
    return true;
  }
  return false;
}

function block(doc: Document, tag: string, text: string): HTMLElement {
  const el = doc.createElement(tag);
  el.appendChild(doc.createTextNode(text));
  return el;
}

function section(doc: Document, s: Strings, lang: string): HTMLElement {
  const div = doc.createElement("div");
  div.setAttribute("lang", lang);
  div.appendChild(block(doc, "h1", s.legacyTitle));
  div.appendChild(block(doc, "p", s.legacyBody));
  const list = doc.createElement("ul");
  list.appendChild(block(doc, "li", s.legacyWindows));
  list.appendChild(block(doc, "li", s.legacyMac));
  list.appendChild(block(doc, "li", s.legacyWeb));
  div.appendChild(list);
  return div;
}

/** Replaces the container's content with the "use a newer Office" message, in Chinese and English. */
export function showLegacyMessage(container: HTMLElement): void {
  const doc = container.ownerDocument;
  while (container.firstChild) container.removeChild(container.firstChild);
  const box = doc.createElement("div");
  box.setAttribute("role", "alert");
  box.setAttribute(
    "style",
    "font-family: 'Microsoft YaHei', 'Segoe UI', sans-serif; padding: 12px; line-height: 1.5",
  );
  box.appendChild(section(doc, STRINGS.zh, "zh-CN"));
  box.appendChild(doc.createElement("hr"));
  box.appendChild(section(doc, STRINGS.en, "en-US"));
  container.appendChild(box);
}

/** Plain message for when the pane's code itself could not be loaded (e.g. the network dropped). */
export function showLoadFailure(container: HTMLElement, error: unknown): void {
  const doc = container.ownerDocument;
  const detail = error instanceof Error ? error.message : String(error);
  while (container.firstChild) container.removeChild(container.firstChild);
  const box = doc.createElement("div");
  box.setAttribute("role", "alert");
  box.setAttribute(
    "style",
    "font-family: 'Microsoft YaHei', 'Segoe UI', sans-serif; padding: 12px; line-height: 1.5",
  );
  const langs: (keyof typeof STRINGS)[] = ["zh", "en"];
  for (let i = 0; i < langs.length; i++) {
    const s = STRINGS[langs[i]];
    box.appendChild(block(doc, "h1", s.loadFailedTitle));
    box.appendChild(block(doc, "p", s.loadFailedBody.replace("{detail}", detail)));
  }
  container.appendChild(box);
}
