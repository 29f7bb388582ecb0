import * as React from "react";
import { createRoot } from "react-dom/client";
import { LANG_TAGS, STRINGS } from "../../i18n/strings";
import type { WorkbookPort } from "../../workbook";
import { App } from "./App";
import { loadPane } from "./panels";
import { detectEnvironment, type PaneMode } from "./environment";
import { PasswordStore } from "../shared/passwords";

/**
 * The adapter over the host's workbook, loaded only there: Office.js in Excel, the ET object model in WPS 表格.
 * File mode's first load does without either.
 */
async function portFor(mode: PaneMode, passwords: PasswordStore): Promise<WorkbookPort | undefined> {
  if (mode === "office")
    return new (await import(/* webpackChunkName: "excel" */ "../../excel")).OfficePort({
      passwordFor: passwords.get,
    });
  if (mode === "wps")
    return (
      (await import(/* webpackChunkName: "wps" */ "../../wps/host")).connectWps(window, passwords.get) ??
      undefined
    );
  return undefined;
}

/** Starts the pane once its host is known: Office mode over Excel, WPS mode over WPS 表格, else file mode. */
export async function start(container: HTMLElement): Promise<void> {
  const env = await detectEnvironment();
  document.documentElement.lang = LANG_TAGS[env.lang];
  // The page's title in the pane's language only (the HTML carries both until now).
  document.title = STRINGS[env.lang].appTitle;
  // Sheet passwords are the host's: a file in the browser is never protected against the page's own writes.
  const passwords = env.mode === "file" ? undefined : new PasswordStore();
  // Excel and WPS show the pane over the workbook at once: fetch it while the adapter loads.
  if (passwords) void loadPane().catch(() => undefined);
  const port = passwords ? await portFor(env.mode, passwords) : undefined;
  const root = createRoot(container);
  if (port && env.mode !== "file")
    return root.render(<App lang={env.lang} mode={env.mode} port={port} passwords={passwords} />);
  // The browser's file mode (or a host whose workbook could not be reached): its own chunk, which Excel never
  // fetches. The offline page carries it with the first screen's scripts.
  const { FileApp } = await import(/* webpackChunkName: "file" */ "./FileApp");
  root.render(<FileApp lang={env.lang} />);
}
