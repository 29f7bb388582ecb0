// The offline page's start screen as plain HTML (issue 22 §7: usable on a slow office PC before the pane's code
// has been compiled and run): the pane's own texts and layout, 新建 and 打开… working at once. What the clerk does
// here — 新建, a file chosen or dropped — goes through window.__scorecardEarlyStart to the pane, kept until it
// starts (src/taskpane/file/early.ts); the pane then draws over this screen. The file input sits outside #root,
// so that a file picker opened here still delivers its file once the pane has replaced the screen.
const path = require("path");
const { require: tsxRequire } = require("tsx/cjs/api");

const HERE = path.join(__dirname, "offlineStart.cjs");
/** The pane's texts (TypeScript): through jest's own transform in a test (tsx's hook clashes with it), else tsx. */
function typescript(file) {
  try {
    return require(file);
  } catch {
    return tsxRequire(file, HERE);
  }
}
const { STRINGS } = typescript("../src/i18n/strings.ts");
const { FILE_WORDS } = typescript("../src/i18n/fileWords.ts");

const KEYS = [
  "appTitle",
  "fileHeading",
  "fileIntro",
  "newWorkbook",
  "openWorkbook",
  "dropHint",
  "dropZoneLabel",
  "fileInputLabel",
  "loadingEngine",
];

/** The texts of both languages, the browser's own words laid over the pane's, as the pane shows them. */
const texts = (lang) => Object.fromEntries(KEYS.map((k) => [k, FILE_WORDS[lang][k] ?? STRINGS[lang][k]]));

const escape = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

// Fluent UI's web light theme, by value: the pane replaces this screen with the same one drawn by Fluent.
const STYLE = `
.early-start { display: flex; flex-direction: column; gap: 12px; padding: 12px; min-height: 100vh; box-sizing: border-box;
  font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif;
  color: #242424; background: #fff; font-size: 14px; line-height: 20px; }
.early-start h1 { font-size: 20px; line-height: 28px; font-weight: 600; margin: 0.67em 0; }
.early-start h2 { font-size: 16px; line-height: 22px; font-weight: 600; margin: 0.83em 0; }
.early-start p { margin: 0; }
.early-start .buttons { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.early-start button { font: inherit; font-weight: 600; min-height: 32px; min-width: 96px; padding: 5px 12px; border-radius: 4px;
  border: 1px solid #d1d1d1; background: #fff; color: #242424; cursor: pointer; }
.early-start button.primary { background: #0f6cbd; border-color: transparent; color: #fff; }
.early-start button:focus-visible { outline: 2px solid #000; outline-offset: 1px; }
.early-start .drop { padding: 24px; border: 2px dashed #d1d1d1; border-radius: 8px; text-align: center; color: #424242; }
@media (max-width: 599px) { .early-start button { min-height: 44px; } }`;

// ES5, no helpers: it runs before anything else on the page.
const SCRIPT = `(function () {
  var screen = document.getElementById("early-start");
  if (!screen) return;
  var all = JSON.parse(screen.getAttribute("data-texts"));
  var en = /^en\\b/i.test(navigator.language || "");
  var t = en ? all.en : all.zh;
  if (en) {
    document.documentElement.lang = "en-US";
    var fields = screen.querySelectorAll("[data-text]");
    for (var i = 0; i < fields.length; i++) fields[i].textContent = t[fields[i].getAttribute("data-text")];
    var labelled = document.querySelectorAll("[data-label]");
    for (var j = 0; j < labelled.length; j++) labelled[j].setAttribute("aria-label", t[labelled[j].getAttribute("data-label")]);
  }
  var early = { action: null, handler: null, stop: function () {} };
  window.__scorecardEarlyStart = early;
  var status = screen.querySelector("[data-status]");
  var take = function (action) {
    if (early.handler) return early.handler(action);
    early.action = action;
    status.textContent = t.loadingEngine;
  };
  var input = document.getElementById("early-file");
  screen.querySelector("[data-early=new]").onclick = function () { take({ kind: "new" }); };
  screen.querySelector("[data-early=open]").onclick = function () { input.click(); };
  input.onchange = function () { if (input.files && input.files[0]) take({ kind: "open", file: input.files[0] }); };
  var over = function (e) { if (e.dataTransfer) { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; } };
  var drop = function (e) {
    e.preventDefault();
    var file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) take({ kind: "open", file: file });
  };
  document.addEventListener("dragover", over);
  document.addEventListener("drop", drop);
  early.stop = function () {
    document.removeEventListener("dragover", over);
    document.removeEventListener("drop", drop);
  };
})();`;

/**
 * The page's #root holding the start screen, its file input beside it, and its script (Chinese first; English
 * where the browser is).
 */
function startScreenHtml() {
  const zh = texts("zh");
  const data = escape(JSON.stringify({ zh, en: texts("en") }));
  const text = (key) => `data-text="${key}">${escape(zh[key])}`;
  return [
    `<style>${STYLE}</style>`,
    `<input type="file" hidden id="early-file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-label="fileInputLabel" aria-label="${escape(zh.fileInputLabel)}">`,
    `<div id="root">`,
    `<main class="early-start" id="early-start" data-texts="${data}">`,
    `<h1 ${text("appTitle")}</h1>`,
    `<h2 ${text("fileHeading")}</h2>`,
    `<p ${text("fileIntro")}</p>`,
    `<div class="buttons">`,
    `<button type="button" class="primary" data-early="new" ${text("newWorkbook")}</button>`,
    `<button type="button" data-early="open" ${text("openWorkbook")}</button>`,
    `<span role="status" data-status></span>`,
    `</div>`,
    `<div class="drop" role="region" data-label="dropZoneLabel" aria-label="${escape(zh.dropZoneLabel)}" ${text("dropHint")}</div>`,
    `</main>`,
    `</div>`,
    `<script>${SCRIPT}</script>`,
  ].join("\n");
}

module.exports = { startScreenHtml };
