import * as React from "react";
import { createRoot } from "react-dom/client";
import { OfficePort } from "../../excel";
import { LANG_TAGS, STRINGS } from "../../i18n/strings";
import { App } from "./App";
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
  const port = passwords ? new OfficePort({ passwordFor: passwords.get }) : undefined;
  createRoot(container).render(<App lang={env.lang} mode={env.mode} port={port} passwords={passwords} />);
}
