/*
 * Bootstrap of the task pane. It is kept tiny and free of React so that it still runs in the old Internet
 * Explorer webview, where it explains which Office versions to use instead. Everywhere else it loads the pane
 * (React, Fluent UI) as a separate chunk.
 */
import { isLegacyWebview, showLegacyMessage, showLoadFailure } from "./legacy";

const root = document.getElementById("root");
if (root) {
  if (isLegacyWebview(window)) {
    showLegacyMessage(root);
  } else {
    import(/* webpackChunkName: "pane" */ "./root/main")
      .then(function (pane) {
        return pane.start(root);
      })
      .catch(function (error: unknown) {
        console.error(error);
        showLoadFailure(root, error);
      });
  }
}
