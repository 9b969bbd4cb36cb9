/** What the API benchmarks share: a table and services on a DynamoDB Local, and a tRPC client over HTTP. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDynamoClient } from "@pingan/data";
import { ensureTable } from "@pingan/data/local";
import { createServices, type Services } from "../src/services";

/**
 * The bench's bundle store: a directory of its own, shared with the API servers it spawns (they inherit
 * the environment), so published bundles never land in the repository's .data/.
 */
export const BENCH_BUNDLE_DIR =
  process.env.BUNDLE_DIR || mkdtempSync(join(tmpdir(), "pingan-bench-bundles-"));
process.env.BUNDLE_DIR = BENCH_BUNDLE_DIR;

/** The table `tableName` on the DynamoDB Local at `endpoint`, and the API's services over it. */
export async function benchServices(endpoint: string, tableName: string): Promise<Services> {
  const raw = createDynamoClient({ endpoint });
  await ensureTable(raw, tableName);
  raw.destroy();
  return createServices({
    tableName,
    dynamoEndpoint: endpoint,
    tokenSecret: "bench-secret",
    port: 0,
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlSeconds: 3600,
    bundleDir: BENCH_BUNDLE_DIR,
  } as Parameters<typeof createServices>[0]);
}

/** Waits until `url` answers OK (a server starting up), at most `timeoutMs`. */
export async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the API did not start: ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One tRPC call over HTTP (no batching); throws with the error body on anything but a result. */
export async function trpc<T>(
  base: string,
  method: "GET" | "POST",
  path: string,
  input: unknown,
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const url =
    method === "GET"
      ? `${base}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `${base}/trpc/${path}`;
  const response = await fetch(url, {
    method,
    headers,
    body: method === "POST" ? JSON.stringify(input) : undefined,
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!response.ok || !body.result)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** Signs in and returns the access token. */
export async function signIn(base: string, login: string, password: string): Promise<string> {
  return (await trpc<{ accessToken: string }>(base, "POST", "auth.signIn", { login, password })).accessToken;
}
