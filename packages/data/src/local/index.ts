export { createTableInput, ensureTable } from "./create-table";
export { type LocalDynamo, type StartOptions, startDynamoLocal } from "./dynamodb-local";
export { findFreePort } from "./free-port";
