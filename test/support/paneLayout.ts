/*
 * Just enough layout for Fluent's focus manager in jsdom.
 *
 * jsdom lays nothing out: every element's offsetParent is null and <body> measures 0 × 0. Tabster (the focus
 * manager under Fluent UI) reads both as "not rendered", so in jsdom a Fluent dialog finds no field to focus,
 * focuses its own surface before tabster has registered that surface as a modal, and the modal never becomes
 * active; 250 ms later tabster's hidden-update marks the inactive modal aria-hidden. A test that reaches for a
 * button in the dialog after that (any step slower than 250 ms, as on a loaded machine) cannot find it, however
 * long it waits. A browser lays the page out: the dialog focuses its first field, which makes it the active
 * modal and hides the rest of the page instead. This gives jsdom that much layout, nothing more:
 * - offsetParent is <body> for a connected element unless it or an ancestor is hidden (the `hidden` attribute or
 *   an inline display: none: the pane tests drop Griffel's CSS, so nothing else can hide an element);
 * - <body> measures the window.
 */

function shownOffsetParent(this: HTMLElement): Element | null {
  const doc = this.ownerDocument;
  if (!this.isConnected || this === doc.body || this === doc.documentElement) return null;
  for (let e: HTMLElement | null = this; e && e !== doc.body; e = e.parentElement)
    if (e.hidden || e.style.display === "none") return null;
  return doc.body;
}

function windowRect(this: HTMLElement): DOMRect {
  const view = this.ownerDocument.defaultView;
  const width = view?.innerWidth ?? 0;
  const height = view?.innerHeight ?? 0;
  const rect = { x: 0, y: 0, top: 0, left: 0, width, height, right: width, bottom: height };
  return { ...rect, toJSON: () => rect };
}

if (typeof HTMLElement !== "undefined") {
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get: shownOffsetParent,
  });
  Object.defineProperty(HTMLBodyElement.prototype, "getBoundingClientRect", {
    configurable: true,
    value: windowRect,
  });
}

export {};
