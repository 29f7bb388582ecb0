export * from "./submission";
