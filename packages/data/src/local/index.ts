export { createTableInput, ensureTable } from "./create-table";
export { type LocalDynamo, type StartOptions, startDynamoLocal } from "./dynamodb-local";
export { assertPortFree, findFreePort, portTaken } from "./free-port";
