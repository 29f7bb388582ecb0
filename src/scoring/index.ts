export * from "./judge";
export * from "./score";
export { compareColumns, scoreScorecard, type Difference, type ScorecardScore } from "./compare";
