export * from "./auth";
export * from "./fields";
export { type FlatErrors, flattenIssues } from "./flatten";
export * from "./imports";
export { fieldError, inputError } from "./messages";
export * from "./notices";
export * from "./onboarding";
export * from "./records";
export * from "./vocabulary";
