import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { findFreePort, startDynamoLocal } from "@pingan/data/local";
import autocannon from "autocannon";
import { DEMO_COUNTY_ID, DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "../src/dev/demo-seed";
import type { createServices } from "../src/services";
import { benchServices, signIn, trpc, waitFor } from "./support";

/**
 * `npm run bench:api`: the local server on DynamoDB Local, driven by autocannon. Reads a published
 * league table (and, in the same run, the raw DynamoDB query that read needs), a township's dashboard
 * (the live preview), and creates records with 50 concurrent clients, then counts what was stored.
 */

// `--scale real`: the real-volume county instead (bench/real.ts); it exits when done.
const scaleAt = process.argv.indexOf("--scale");
if (scaleAt >= 0 && process.argv[scaleAt + 1] === "real") {
  const { benchReal } = await import("./real");
  await benchReal();
}

const READ_CONNECTIONS = 10;
const READ_SECONDS = 10;
/** The ratio's alternating phases: this many of each side, each this long. */
const PHASES = 5;
const PHASE_MS = 2_000;
const CREATE_CONNECTIONS = 50;
const CREATES = 2_000;
const PERIOD = "2026-10";
const TABLE = "bench";
const root = fileURLToPath(new URL("../../..", import.meta.url));

const local = await startDynamoLocal();
let server: ChildProcess | undefined;
const stopAll = async () => {
  server?.kill("SIGTERM");
  await local.stop();
};
process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

try {
  const services = await benchServices(local.endpoint, TABLE);
  const seedStart = Date.now();
  await seedDemo(services);
  log(`seeded 「示范县」 (12 townships, a year of records) in ${Date.now() - seedStart} ms`);

  const port = await findFreePort();
  server = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./server.ts", import.meta.url))],
    {
      cwd: root,
      env: {
        ...process.env,
        TABLE_NAME: TABLE,
        DYNAMODB_ENDPOINT: local.endpoint,
        TOKEN_SECRET: "bench-secret",
        PORT: String(port),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/health`, 30_000);

  const login = (role: string) => DEMO_LOGINS.find((l) => l.role === role)?.phone as string;
  const countyToken = await signIn(base, login("county_admin"), DEMO_PASSWORD);
  const staffToken = await signIn(base, login("township_staff"), DEMO_PASSWORD);
  const me = await trpc<{ township: { id: string } }>(base, "GET", "auth.me", undefined, staffToken);
  const townshipId = me.township.id;
  await trpc(base, "POST", "league.publish", { period: PERIOD }, countyToken);
  log(`published ${PERIOD}; township ${townshipId}`);

  // 1. The public league-table read, and the raw DynamoDB query it needs, at the same concurrency.
  const leaguePath = `/trpc/public.leagueTable?input=${encodeURIComponent(JSON.stringify({ countyId: DEMO_COUNTY_ID, period: PERIOD }))}`;
  await run({ url: base + leaguePath, connections: READ_CONNECTIONS, duration: 2 }); // warm-up
  // Throughput and latency as a load tool sees them.
  const league = await run({ url: base + leaguePath, connections: READ_CONNECTIONS, duration: READ_SECONDS });
  // The ratio: the same closed-loop harness drives the API read and its raw query, each with
  // READ_CONNECTIONS workers, in alternating short phases so both meet the same machine (2 cores shared
  // with DynamoDB Local's JVM) and neither's load queues behind the other's in the one database.
  const { api: leagueRatioRun, raw: rawRead } = await alternatingPhases(
    base + leaguePath,
    services.db.client,
    READ_CONNECTIONS,
  );
  // One client, alternating an API read and the raw query: the API's own overhead per request.
  const { api: leagueSerial, raw: rawSerial } = await alternate(base + leaguePath, services.db.client, 400);
  const bytes = (await (await fetch(base + leaguePath)).arrayBuffer()).byteLength;

  // 2. A township's dashboard: the live preview of its month.
  const previewPath = `/trpc/submissions.preview?input=${encodeURIComponent(JSON.stringify({ townshipId, month: "2026-11" }))}`;
  const dashboard = await run({
    url: base + previewPath,
    connections: READ_CONNECTIONS,
    duration: READ_SECONDS,
    headers: { authorization: `Bearer ${staffToken}` },
  });

  // 3. Creating records: 50 clients, each request with its own client request id.
  let serial = 0;
  const runId = Date.now().toString(36);
  const creates = await run({
    url: `${base}/trpc/events.create`,
    connections: CREATE_CONNECTIONS,
    amount: CREATES,
    method: "POST",
    headers: { authorization: `Bearer ${staffToken}`, "content-type": "application/json" },
    requests: [
      {
        method: "POST",
        setupRequest: (req: Record<string, unknown>) => {
          serial += 1;
          return {
            ...req,
            body: JSON.stringify({
              townshipId,
              requestId: `bench-${runId}-${serial}`,
              kind: "bench_drill",
              occurredAt: "2026-11-20T09:00:00+08:00",
            }),
          };
        },
      },
    ],
  });
  const { data: stored } = await services.db.entities.event.query
    .byOccurred({ townshipId })
    .where((attr, op) => op.eq(attr.kind, "bench_drill"))
    .go({ pages: "all" });

  const ms = (x: number) => Math.round(x * 100) / 100;
  const report = {
    leagueTableRead: summary(league),
    rawDynamoQuery: {
      p50: ms(rawRead.p50),
      p99: ms(rawRead.p99),
      mean: ms(rawRead.mean),
      rps: Math.round(rawRead.rps),
    },
    leagueToRawRatio: {
      method: `${READ_CONNECTIONS} workers each, ${PHASES} alternating phases of ${PHASE_MS} ms`,
      leagueP50: ms(leagueRatioRun.p50),
      rawP50: ms(rawRead.p50),
      p50: ms(leagueRatioRun.p50 / rawRead.p50),
      mean: ms(leagueRatioRun.mean / rawRead.mean),
      goal: 1.5,
    },
    oneClient: {
      leagueTableRead: { p50: ms(leagueSerial.p50), p99: ms(leagueSerial.p99), mean: ms(leagueSerial.mean) },
      rawDynamoQuery: { p50: ms(rawSerial.p50), p99: ms(rawSerial.p99), mean: ms(rawSerial.mean) },
      ratio: { p50: ms(leagueSerial.p50 / rawSerial.p50), mean: ms(leagueSerial.mean / rawSerial.mean) },
    },
    leagueTableResponseBytes: bytes,
    townshipDashboard: summary(dashboard),
    createRecords: {
      ...summary(creates),
      requested: CREATES,
      answered2xx: creates["2xx"],
      stored: stored.length,
      equal: stored.length === CREATES,
    },
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync(`${root}/bench-out`, { recursive: true });
  writeFileSync(`${root}/bench-out/api.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\nleague read p50 ${report.leagueTableRead.p50} ms p99 ${report.leagueTableRead.p99} ms ${report.leagueTableRead.rps} req/s | ` +
      `raw query p50 ${report.rawDynamoQuery.p50} ms | ratio ${report.leagueToRawRatio.p50} (goal ≤ 1.5); ` +
      `one client: ${report.oneClient.leagueTableRead.p50} vs ${report.oneClient.rawDynamoQuery.p50} ms, ratio ${report.oneClient.ratio.p50}\n` +
      `dashboard p50 ${report.townshipDashboard.p50} ms p99 ${report.townshipDashboard.p99} ms ${report.townshipDashboard.rps} req/s\n` +
      `creates p50 ${report.createRecords.p50} ms p99 ${report.createRecords.p99} ms ${report.createRecords.rps} req/s | ` +
      `stored ${stored.length} of ${CREATES} requested`,
  );
  await stopAll();
  process.exit(report.createRecords.equal ? 0 : 1);
} catch (error) {
  console.error(error);
  await stopAll();
  process.exit(1);
}

function log(message: string) {
  console.error(`[bench:api] ${message}`);
}

type Result = autocannon.Result & { "2xx": number };

function run(options: autocannon.Options): Promise<Result> {
  return autocannon(options) as Promise<Result>;
}

function summary(r: Result) {
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.mean,
    rps: Math.round(r.requests.average),
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

type Client = ReturnType<typeof createServices>["db"]["client"];

/** The league-table read's only DynamoDB request, sent directly: the newest version of the period. */
function rawCommand() {
  return new QueryCommand({
    TableName: TABLE,
    KeyConditionExpression: "#pk = :pk and begins_with(#sk, :sk)",
    ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
    ExpressionAttributeValues: { ":pk": `C#${DEMO_COUNTY_ID}`, ":sk": `LT#${PERIOD}#` },
    ScanIndexForward: false,
    Limit: 1,
  });
}

function stats(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

/** One client: an API read, then the raw query, `n` times over, each timed with the same clock. */
async function alternate(url: string, client: Client, n: number) {
  const api: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    let start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`league read failed: ${response.status}`);
    if (i >= 20) api.push(performance.now() - start);
    start = performance.now();
    await client.send(rawCommand());
    if (i >= 20) raw.push(performance.now() - start);
  }
  return { api: stats(api), raw: stats(raw) };
}

/** `connections` workers repeating `request` for `durationMs`; each request's latency. */
async function closedLoop(connections: number, durationMs: number, request: () => Promise<void>) {
  const latencies: number[] = [];
  const end = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const start = performance.now();
        await request();
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

/** The API read and its raw query under the same harness, phase by phase, pooled per side. */
async function alternatingPhases(url: string, client: Client, connections: number) {
  const apiRead = async () => {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`league read failed: ${response.status}`);
  };
  const rawRead = async () => {
    const { Items } = await client.send(rawCommand());
    if (!Items?.length) throw new Error("the published table is missing");
  };
  const api: number[] = [];
  const raw: number[] = [];
  for (let phase = 0; phase < PHASES; phase++) {
    api.push(...(await closedLoop(connections, PHASE_MS, apiRead)));
    raw.push(...(await closedLoop(connections, PHASE_MS, rawRead)));
  }
  const seconds = (PHASES * PHASE_MS) / 1000;
  return {
    api: { ...stats(api), rps: api.length / seconds },
    raw: { ...stats(raw), rps: raw.length / seconds },
  };
}
