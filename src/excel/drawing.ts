/*
 * Drawing a plan into a sheet: OfficePort loads this only to insert, repair or roll up, so that the pane's first
 * load in Excel (the overview) does without it.
 */
export { queuePlan } from "./render";
export { queueGridPlan } from "./gridRender";
