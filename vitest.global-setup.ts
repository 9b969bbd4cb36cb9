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
  // Java starts in about 3 s on a quiet machine but took 25–55 s at a load average of 20–29 (several
  // test runs sharing two cores): wait long enough that a busy machine is not a failed run.
  const local = await startDynamoLocal({ timeoutMs: 180_000 });
  project.provide("dynamoEndpoint", local.endpoint);
  return () => local.stop();
}
