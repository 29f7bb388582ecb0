/*
 * src/wps/et.ts against the published WPS JSAPI typings (npm `wps-jsapi`, namespace Et, generated from the
 * object model): every member the adapter uses must be declared there, so a misspelled member — which WPS would
 * silently ignore — fails `tsc`. The typings give methods' results as trailing `RHS` out-parameters of void
 * methods and type Value2 and UsedRange as numbers, so only names are held against them; the shapes in et.ts
 * follow the object model's documentation.
 */
/// <reference types="wps-jsapi" />
import type {
  EtApplication,
  EtBorders,
  EtFont,
  EtFormatCondition,
  EtFormatConditions,
  EtHyperlink,
  EtHyperlinks,
  EtInterior,
  EtPageSetup,
  EtRange,
  EtSheets,
  EtValidation,
  EtWindow,
  EtWorkbook,
  EtWorksheet,
} from "../src/wps/et";
import type { WpsRibbonHost, WpsTaskPane } from "../src/wps/ribbon";

/** Members of ours the typings do not declare: must be none. */
type Undeclared<Ours, Theirs> = Exclude<keyof Ours, keyof Theirs>;
type None<T extends never> = T;

export type EtMembersDeclared = [
  None<Undeclared<EtApplication, Et.EtApplication>>,
  None<Undeclared<EtWorkbook, Et.EtWorkbook>>,
  None<Undeclared<EtSheets, Et.EtSheets>>,
  None<Undeclared<EtWorksheet, Et.EtWorksheet>>,
  None<Undeclared<EtRange, Et.EtRange>>,
  None<Undeclared<EtFont, Et.EtFont>>,
  None<Undeclared<EtInterior, Et.EtInterior>>,
  None<Undeclared<EtBorders, Et.EtBorders>>,
  None<Undeclared<EtValidation, Et.EtValidation>>,
  None<Undeclared<EtFormatConditions, Et.EtFormatConditions>>,
  None<Undeclared<EtFormatCondition, Et.EtFormatCondition>>,
  None<Undeclared<EtPageSetup, Et.EtPageSetup>>,
  None<Undeclared<EtHyperlinks, Et.EtHyperlinks>>,
  None<Undeclared<EtHyperlink, Et.EtHyperlink>>,
  None<Undeclared<EtWindow, Et.EtWindow>>,
  // The ribbon's use of `window.wps` and its task panes.
  None<Undeclared<WpsRibbonHost, typeof wps>>,
  None<Undeclared<WpsRibbonHost["PluginStorage"], typeof wps.PluginStorage>>,
  None<Undeclared<WpsTaskPane, wps.CustomTaskpane>>,
];

/** The events the adapter listens to, each matching one of the typings' ApiEvent overloads (never called). */
export function eventsDeclared(listen: typeof wps.ApiEvent.AddApiEventListener): void {
  listen("SheetChange", () => undefined);
  listen("SheetSelectionChange", () => undefined);
  listen("SheetActivate", () => undefined);
}
