export * from "./port";
export { populate, type PopulateOptions, type PopulateResult } from "./populate";
export { SheetNameTakenError } from "./errors";
