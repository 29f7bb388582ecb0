export * from "./submission";
export * from "./status";
export * from "./changeLog";
export * from "./transitions";
export * from "./scan";
export * from "./resultSheet";
export * from "./workbookRollup";
export * from "./workbookSample";
