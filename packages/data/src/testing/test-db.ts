import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createDocumentClient, createDynamoClient } from "../client";
import { createDb, type Db } from "../db";
import { ensureTable } from "../local/create-table";
import "./provided-context";

/**
 * A fresh table on the test run's DynamoDB Local, one per test file (call it once in the file), so
 * files run in parallel without seeing each other's items.
 */
export async function createTestDb(label = "test"): Promise<Db> {
  const endpoint = inject("dynamoEndpoint");
  if (!endpoint) throw new Error("no DynamoDB Local: the root vitest global setup did not start one");
  const tableName = `${label}-${randomUUID().slice(0, 8)}`;
  const raw = createDynamoClient({ endpoint });
  await ensureTable(raw, tableName);
  raw.destroy();
  return createDb({ client: createDocumentClient({ endpoint }), tableName });
}
