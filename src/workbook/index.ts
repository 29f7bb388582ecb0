export * from "./port";
export { populate, SheetNameTakenError, type PopulateOptions, type PopulateResult } from "./populate";
