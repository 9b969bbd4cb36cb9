import type { TestProject } from "vitest/node";
import { startDynamoLocal } from "./packages/data/src/local/index";
import "./packages/data/src/testing/provided-context";

/** Projects whose tests never touch DynamoDB; a run of only these does not start Java. */
const WITHOUT_DYNAMO = new Set(["domain", "cli", "admin", "infra"]);

/** Starts ONE DynamoDB Local for the whole run; each test file then uses its own table. */
export default async function setup(project: TestProject) {
  const needed = project.vitest.projects.some((p) => !WITHOUT_DYNAMO.has(p.name));
  if (!needed) {
    project.provide("dynamoEndpoint", "");
    return;
  }
  const local = await startDynamoLocal();
  project.provide("dynamoEndpoint", local.endpoint);
  return () => local.stop();
}
