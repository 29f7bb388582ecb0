import * as React from "react";
import { createRoot } from "react-dom/client";
import { LANG_TAGS, STRINGS } from "../../i18n/strings";
import { App } from "./App";
import { loadPane } from "./panels";
import { detectEnvironment } from "./environment";
import { PasswordStore } from "../shared/passwords";

/** Starts the pane once Office (or the plain browser) is ready: Office mode over Excel, else file mode. */
export async function start(container: HTMLElement): Promise<void> {
  const env = await detectEnvironment();
  document.documentElement.lang = LANG_TAGS[env.lang];
  // The page's title in the pane's language only (the HTML carries both until now).
  document.title = STRINGS[env.lang].appTitle;
  // Sheet passwords are Excel's: a file in the browser is never protected against the page's own writes.
  const passwords = env.mode === "office" ? new PasswordStore() : undefined;
  // The Office.js adapter only in Excel: file mode's first load does without it. The pane over the workbook is
  // fetched meanwhile, as Excel shows it at once.
  if (passwords) void loadPane().catch(() => undefined);
  const port = passwords
    ? new (await import(/* webpackChunkName: "excel" */ "../../excel")).OfficePort({
        passwordFor: passwords.get,
      })
    : undefined;
  createRoot(container).render(<App lang={env.lang} mode={env.mode} port={port} passwords={passwords} />);
}
