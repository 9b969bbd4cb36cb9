export * from "./auth";
export * from "./fields";
export { type FlatErrors, flattenIssues } from "./flatten";
export * from "./imports";
export { fieldError, inputError } from "./messages";
export * from "./onboarding";
export * from "./organisation";
export * from "./records";
export * from "./vocabulary";
