import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { serve } from "@hono/node-server";
import { latestPublished, latestPublishedHead, publishedVersion } from "@pingan/data";
import { findFreePort, startDynamoLocal } from "@pingan/data/local";
import { createApp } from "../src/app";
import { publishedView, publishLeagueTable } from "../src/league/publication";
import { readPublicVersion } from "../src/league/visibility";
import { seedRealCounty } from "./real";
import { benchServices, trpc } from "./support";

/**
 * `tsx apps/api/bench/published-profile.ts [--per-month 20] [--calls 200]`: where the published read's time
 * goes, step by step, against the raw DynamoDB query of the same item (the real bench's ratio). A small
 * real-volume-shaped county (20 townships; the published item's size depends on townships and indicators,
 * not on records), published once; the API in this process over HTTP. For iterating; the figures that
 * count come from `npm run bench:api -- --scale real`.
 */
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CALLS = arg("calls", 200);
const COUNTY_ID = "bench-real";
const MONTH = "2026-10";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.floor(s.length / 2)] as number) * 1000) / 1000;
};

async function time(label: string, fn: () => Promise<unknown>, results: Record<string, number>) {
  const xs: number[] = [];
  for (let i = 0; i < CALLS + 10; i++) {
    const t = performance.now();
    await fn();
    if (i >= 10) xs.push(performance.now() - t);
  }
  results[label] = median(xs);
}

const local = await startDynamoLocal({ timeoutMs: 180_000 });
try {
  const services = await benchServices(local.endpoint, "bench-real");
  await seedRealCounty(services);
  const now = new Date("2026-11-02T01:00:00Z");
  await publishLeagueTable(
    services.db,
    { actor: { id: "bench", role: "county_admin" }, now },
    { countyId: COUNTY_ID, period: MONTH, bundles: services.bundleStore },
  );
  const port = await findFreePort();
  const server = serve({ fetch: createApp({ services }).fetch, port });
  const base = `http://127.0.0.1:${port}`;
  const raw = new QueryCommand({
    TableName: "bench-real",
    KeyConditionExpression: "#pk = :pk and begins_with(#sk, :sk)",
    ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
    ExpressionAttributeValues: { ":pk": `C#${COUNTY_ID}`, ":sk": `LT#${MONTH}#` },
    ScanIndexForward: false,
    Limit: 1,
  });
  const { db } = services;
  const item = await latestPublished(db, COUNTY_ID, MONTH);
  if (!item) throw new Error("not published");
  const view = await readPublicVersion(db, COUNTY_ID, MONTH);
  const results: Record<string, number> = {};
  // Each step on its own, one after the other.
  for (let round = 0; round < 1; round++) {
    await time("raw query", () => db.client.send(raw), results);
    await time("latestPublished", () => latestPublished(db, COUNTY_ID, MONTH), results);
    await time("latestPublishedHead", () => latestPublishedHead(db, COUNTY_ID, MONTH), results);
    await time("publishedVersion (ElectroDB)", () => publishedVersion(db, COUNTY_ID, MONTH, 1), results);
    await time("publishedView (zod)", async () => publishedView(item), results);
    await time("JSON.stringify(view)", async () => JSON.stringify(view), results);
    await time("readPublicVersion", () => readPublicVersion(db, COUNTY_ID, MONTH), results);
    await time(
      "HTTP public.leagueTable",
      () => trpc(base, "GET", "public.leagueTable", { countyId: COUNTY_ID, period: MONTH }),
      results,
    );
    await time("HTTP /health", () => fetch(`${base}/health`).then((r) => r.json()), results);
    console.log(JSON.stringify({ round, ...results }, null, 1));
  }
  // The three that matter, interleaved call by call (as the real bench alternates), so load hits each alike.
  const series: Record<string, number[]> = { raw: [], readPublicVersion: [], http: [] };
  const steps: [string, () => Promise<unknown>][] = [
    ["raw", () => db.client.send(raw)],
    ["readPublicVersion", () => readPublicVersion(db, COUNTY_ID, MONTH)],
    ["http", () => trpc(base, "GET", "public.leagueTable", { countyId: COUNTY_ID, period: MONTH })],
  ];
  for (let i = 0; i < CALLS; i++)
    for (const [name, step] of steps) {
      const t = performance.now();
      await step();
      series[name]?.push(performance.now() - t);
    }
  console.log(
    JSON.stringify(
      Object.fromEntries(Object.entries(series).map(([k, xs]) => [`${k} (interleaved)`, median(xs)])),
    ),
  );
  console.log(
    `item JSON ${JSON.stringify(item).length} bytes, view JSON ${JSON.stringify(view).length} bytes`,
  );
  server.close();
} finally {
  await local.stop();
}
process.exit(0);
