export * from "./auth";
export * from "./fields";
export { type FlatErrors, flattenIssues } from "./flatten";
export * from "./imports";
export * from "./notices";
export { fieldError, inputError } from "./messages";
export * from "./onboarding";
export * from "./records";
export * from "./vocabulary";
