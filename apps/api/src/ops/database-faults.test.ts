import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AWS_TIMEOUTS, createDb, createDocumentClient, createDynamoClient } from "@pingan/data";
import { ensureTable, type LocalDynamo, startDynamoLocal } from "@pingan/data/local";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { loadConfig } from "../config";
import { createServices } from "../services";
import { TEST_PASSWORD, uniquePhone } from "../testing/harness";
import { provisionUser } from "../testing/provisioning";
import { dynamoLocalPid } from "./local-instance";

/**
 * A database of our own (not the run's shared one: we pause and kill it), on disk so that a restart keeps
 * the table, and the API's services with the timeouts the deployed client has (AWS_TIMEOUTS).
 */
const dataDir = mkdtempSync(join(tmpdir(), "pingan-faults-"));
// Java starts slowly on a loaded machine (a whole test run shares it): wait longer than the default.
const START_TIMEOUT_MS = 120_000;
let local: LocalDynamo = await startDynamoLocal({ dataDir, timeoutMs: START_TIMEOUT_MS });
const port = local.port;
const tableName = "faults";
const raw = createDynamoClient({ endpoint: local.endpoint });
await ensureTable(raw, tableName);
raw.destroy();

const config = await loadConfig({
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: local.endpoint,
  TOKEN_SECRET: "faults-secret",
});
const services = createServices(config, {
  db: createDb({
    client: createDocumentClient({ endpoint: local.endpoint, timeouts: AWS_TIMEOUTS }),
    tableName,
  }),
  passwordCostLog2: 10,
});
const app = createApp({ services });

const phone = uniquePhone();
await provisionUser(services, {
  name: "复核员",
  phone,
  password: TEST_PASSWORD,
  role: "county_reviewer",
  countyId: "c-faults",
});

afterAll(async () => {
  await local.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn() {
  const response = await app.request("/trpc/auth.signIn", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: phone, password: TEST_PASSWORD }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: a tRPC answer read as the JSON it is
  return { status: response.status, body: (await response.json()) as any };
}

const me = async (token: string) =>
  (await app.request("/trpc/auth.me", { headers: { authorization: `Bearer ${token}` } })).status;

/**
 * The status `call` answers once the database is back: polled, because the first requests to a JVM that
 * just resumed or started may still time out on a loaded machine. No restart and no new client in between.
 */
async function recovered(call: () => Promise<number>): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await call();
    if (status === 200 || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Runs `call`, returning its result and how long it took. */
async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

/** The bound the client's timeouts promise: every attempt times out, plus the standard backoff (≤ 20 s cap, ~0.1–0.4 s here). */
const BOUND_MS = AWS_TIMEOUTS.maxAttempts * (AWS_TIMEOUTS.requestMs + AWS_TIMEOUTS.connectionMs) + 2000;

describe("a hung or stopped database", () => {
  it("answers 503 with a Chinese message within the bound while paused, and recovers by itself", async () => {
    const before = await signIn();
    expect(before.status).toBe(200);
    const token = before.body.result.data.accessToken as string;
    expect(await me(token)).toBe(200);

    const pid = dynamoLocalPid(port);
    process.kill(pid, "SIGSTOP");
    try {
      const paused = await timed(signIn);
      const pausedRead = await timed(() => me(token));
      // Still paused while both answered: nothing waited for the database to come back.
      expect(paused.value.status).toBe(503);
      expect(paused.value.body.error.message).toBe("数据服务暂时不可用，请稍后重试");
      expect(paused.value.body.error.data.appCode).toBe("SERVICE.UNAVAILABLE");
      expect(paused.ms).toBeLessThan(BOUND_MS);
      expect(pausedRead.value).toBe(503);
      expect(pausedRead.ms).toBeLessThan(BOUND_MS);
    } finally {
      process.kill(pid, "SIGCONT");
    }

    // No restart, no new client: requests simply work again.
    expect(await recovered(() => me(token))).toBe(200);
    const after = await signIn();
    expect(after.status).toBe(200);
    expect(await me(after.body.result.data.accessToken)).toBe(200);
  }, 120_000);

  it("answers 503 quickly while the database is down, and recovers once it is back on its port", async () => {
    const { body } = await signIn();
    const token = body.result.data.accessToken as string;
    await local.stop();

    const down = await timed(signIn);
    expect(down.value.status).toBe(503);
    expect(down.value.body.error.data.appCode).toBe("SERVICE.UNAVAILABLE");
    // Refused connections fail at once; only the retries' backoff adds up.
    expect(down.ms).toBeLessThan(BOUND_MS);
    expect(await me(token)).toBe(503);

    local = await startDynamoLocal({ port, dataDir, timeoutMs: START_TIMEOUT_MS });
    expect(await recovered(() => me(token))).toBe(200);
    expect((await signIn()).status).toBe(200);
  }, 240_000);
});
