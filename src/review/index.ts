export * from "./submission";
export * from "./changeLog";
export * from "./blockers";
export * from "./transitions";
export * from "./scan";
export * from "./resultSheet";
export * from "./workbookRollup";
export * from "./workbookSample";
