/*
 * ribbon.js, loaded by the add-in's index.html: WPS calls the ribbon's callbacks as globals of that page.
 */
import { ribbonCallbacks, type WpsRibbonHost } from "./ribbon";

const page = window as unknown as Window & { wps?: WpsRibbonHost } & Record<string, unknown>;
if (page.wps) Object.assign(page, ribbonCallbacks(page.wps, page.location.href));
