/*
 * taskpane.js of the WPS build: the runtime APIs older WPS builds' Chromium lacks come first (polyfills), then the
 * pane itself — the same pane as in Excel, which finds WPS's object model in `window.wps`. Every chunk of this
 * build is ES2017 syntax (scripts/build-wps.mjs), so there is no syntax probe to make here.
 */
import "./polyfills";
import { showLoadFailure } from "../taskpane/legacy";

const root = document.getElementById("root");
if (root)
  import(/* webpackChunkName: "pane" */ "../taskpane/root/main")
    .then((pane) => pane.start(root))
    .catch((error: unknown) => {
      console.error(error);
      showLoadFailure(root, error);
    });
