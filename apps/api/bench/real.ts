import { type ChildProcess, spawn } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Db,
  type ItemOf,
  modelScheme2026,
  stampNew,
  tx,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import { findFreePort, startDynamoLocal } from "@pingan/data/local";
import { type Data, generateCounty } from "@pingan/domain";
import type { Services } from "../src/services";
import { provisionCounty, provisionTownship, provisionUser } from "../src/testing/provisioning";
import { benchServices, signIn, trpc, waitFor } from "./support";

/**
 * `npm run bench:api -- --scale real`: a real-volume county (20 townships, about 300 records a township a
 * month, January 2025 – October 2026: 2026 to date plus the year before it, which rank change needs),
 * written with batched writes into an in-memory DynamoDB Local; the API in its own process; medians over
 * `CALLS` calls of the tRPC procedures the admin app calls. The last line printed is one JSON object.
 * `--townships N` and `--per-month N` change the volume (the monthly close at 5× real volume uses them).
 */

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const TOWNSHIPS = arg("townships", 20);
const PER_MONTH = arg("per-month", 300);
const CALLS = arg("calls", 25);
const COUNTY_ID = "bench-real";
const TABLE = "bench-real";
const PASSWORD = "Bench@2026";
const ADMIN_PHONE = "13900000001";
const REVIEWER_PHONE = "13900000002";
const STAFF_PHONE = "13900000003";
const MONTH = "2026-10";
const root = fileURLToPath(new URL("../../..", import.meta.url));

function log(message: string) {
  console.error(`[bench:api real] ${message}`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.floor(s.length / 2)] as number) * 100) / 100;
};

export async function benchReal() {
  // A loaded machine can take longer than the default 30 s to start Java.
  const local = await startDynamoLocal({ timeoutMs: 180_000 });
  let server: ChildProcess | undefined;
  const stopAll = async () => {
    server?.kill("SIGTERM");
    await local.stop();
  };
  try {
    const services = await benchServices(local.endpoint, TABLE);

    const seedStart = Date.now();
    const records = await seedRealCounty(services);
    const seedMs = Date.now() - seedStart;
    log(`seeded ${records} records in ${TOWNSHIPS} townships in ${seedMs} ms`);

    // The monthly close of October, in this process as the scheduled Lambda runs it, on nothing kept yet:
    // previews, reminders, locks, and scoring (storing) every township-month of 2025–2026.
    const { closeMonth } = await import("../src/monthly-close/close-month");
    let start = performance.now();
    await closeMonth(services, new Date("2026-11-02T01:00:00Z"));
    const monthlyCloseMs = Math.round(performance.now() - start);
    log(`monthly close of ${MONTH} (cold): ${monthlyCloseMs} ms`);

    const port = await findFreePort();
    server = spawn(
      process.execPath,
      [
        // BENCH_CPU_PROF=<dir>: a CPU profile of the API process (written when the bench stops it).
        ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        "--import",
        "tsx",
        fileURLToPath(new URL("./server.ts", import.meta.url)),
      ],
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
    await waitFor(`${base}/health`, 60_000);
    const admin = await signIn(base, ADMIN_PHONE, PASSWORD);
    const reviewer = await signIn(base, REVIEWER_PHONE, PASSWORD);
    const staff = await signIn(base, STAFF_PHONE, PASSWORD);
    const me = await trpc<{ township: { id: string } }>(base, "GET", "auth.me", undefined, staff);
    const townshipId = me.township.id;

    // Publishing a month (a fresh load and scoring of every record of the month and the one before).
    start = performance.now();
    await trpc(base, "POST", "league.publish", { period: MONTH }, admin);
    const publishMonthMs = Math.round(performance.now() - start);
    log(`published ${MONTH} in ${publishMonthMs} ms`);

    // The published read and the raw DynamoDB read of the same item, alternating, one client.
    const publishedPath = `public.leagueTable`;
    const published: number[] = [];
    const rawReads: number[] = [];
    const client = services.db.client;
    for (let i = 0; i < CALLS + 5; i++) {
      start = performance.now();
      await trpc(base, "GET", publishedPath, { countyId: COUNTY_ID, period: MONTH });
      if (i >= 5) published.push(performance.now() - start);
      start = performance.now();
      const { Items } = await client.send(rawPublishedQuery());
      if (!Items?.length) throw new Error("the published table is missing");
      if (i >= 5) rawReads.push(performance.now() - start);
    }

    // Live tables: the first call of each (this API process has nothing in memory; the close stored the
    // township-month scores), then CALLS calls.
    const live = async (period: string) => {
      const t0 = performance.now();
      await trpc(base, "GET", "league.compute", { period }, reviewer);
      const coldMs = Math.round(performance.now() - t0);
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const t = performance.now();
        await trpc(base, "GET", "league.compute", { period }, reviewer);
        times.push(performance.now() - t);
      }
      log(`live ${period}: first ${coldMs} ms, p50 ${median(times)} ms`);
      return { coldMs, p50: median(times) };
    };
    const liveMonth = await live(MONTH);
    const liveQuarter = await live("2026-Q3");
    const liveYear = await live("2026");

    // One record written in one township just before each read of the month.
    const afterWrite: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      await trpc(
        base,
        "POST",
        "events.create",
        {
          townshipId,
          requestId: `bench-real-${Date.now().toString(36)}-${i}`,
          kind: "legal_education",
          occurredAt: "2026-10-20T09:00:00+08:00",
        },
        staff,
      );
      const t = performance.now();
      await trpc(base, "GET", "league.compute", { period: MONTH }, reviewer);
      afterWrite.push(performance.now() - t);
    }
    log(`live ${MONTH} after a write: p50 ${median(afterWrite)} ms`);

    // A township's own dashboard ("my score") and its trend.
    const dashboard: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      await trpc(base, "GET", "submissions.preview", { townshipId, month: MONTH }, staff);
      dashboard.push(performance.now() - t);
    }
    log(`my score p50 ${median(dashboard)} ms`);

    const publishedReadP50Ms = median(published);
    const rawGetP50Ms = median(rawReads);
    const report = {
      machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GB, DynamoDB Local in memory`,
      townships: TOWNSHIPS,
      records,
      seedMs,
      calls: CALLS,
      publishedReadP50Ms,
      rawGetP50Ms,
      liveMonthP50Ms: liveMonth.p50,
      liveQuarterP50Ms: liveQuarter.p50,
      liveYearP50Ms: liveYear.p50,
      liveMonthAfterWriteP50Ms: median(afterWrite),
      liveMonthColdMs: liveMonth.coldMs,
      liveQuarterColdMs: liveQuarter.coldMs,
      liveYearColdMs: liveYear.coldMs,
      myScoreP50Ms: median(dashboard),
      publishMonthMs,
      monthlyCloseMs,
      ratios: {
        liveMonthToPublished: round(liveMonth.p50 / publishedReadP50Ms),
        liveYearToPublished: round(liveYear.p50 / publishedReadP50Ms),
        liveMonthAfterWriteToPublished: round(median(afterWrite) / publishedReadP50Ms),
        publishedToRaw: round(publishedReadP50Ms / rawGetP50Ms),
      },
    };
    await stopAll();
    console.log(JSON.stringify(report));
    process.exit(0);
  } catch (error) {
    console.error(error);
    await stopAll();
    process.exit(1);
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

function rawPublishedQuery() {
  return new QueryCommand({
    TableName: TABLE,
    KeyConditionExpression: "#pk = :pk and begins_with(#sk, :sk)",
    ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
    ExpressionAttributeValues: { ":pk": `C#${COUNTY_ID}`, ":sk": `LT#${MONTH}#` },
    ScanIndexForward: false,
    Limit: 1,
  });
}

/**
 * The county, its townships and people, the 2026 scheme, and 22 months of records from the domain's
 * generator (2025 and January–October 2026), written with batched writes (25 items a request).
 */
export async function seedRealCounty(services: Services): Promise<number> {
  const { db } = services;
  const now = new Date("2026-11-01T00:00:00Z");
  const wctx: WriteContext = { actor: { id: "bench", role: "platform_admin" }, now };
  const y2026 = generateCounty({
    seed: 2026,
    townships: TOWNSHIPS,
    year: 2026,
    months: 10,
    recordsPerTownshipMonth: PER_MONTH,
    countyId: COUNTY_ID,
  });
  const y2025 = generateCounty({
    seed: 2025,
    townships: TOWNSHIPS,
    year: 2025,
    months: 12,
    recordsPerTownshipMonth: PER_MONTH,
    countyId: COUNTY_ID,
  });
  await provisionCounty(services, { id: COUNTY_ID, name: "实量县", code: "510722" });
  for (const t of y2026.townships)
    await provisionTownship(services, COUNTY_ID, {
      id: t.id,
      name: t.name,
      code: t.code,
      population: t.population,
      villages: 10,
      grids: 30,
    });
  const first = y2026.townships[0]?.id as string;
  for (const [phone, role, townshipId] of [
    [ADMIN_PHONE, "county_admin", undefined],
    [REVIEWER_PHONE, "county_reviewer", undefined],
    [STAFF_PHONE, "township_staff", first],
  ] as const)
    await provisionUser(services, {
      name: role,
      phone,
      password: PASSWORD,
      role,
      countyId: COUNTY_ID,
      ...(townshipId ? { townshipId } : {}),
    });
  const scheme = stampNew(wctx, {
    countyId: COUNTY_ID,
    year: 2026,
    schemeVersion: 1,
    name: modelScheme2026.name,
    body: { ...modelScheme2026, id: `${COUNTY_ID}-2026`, countyId: COUNTY_ID, year: 2026, version: 1 },
  }) as ItemOf<"scheme">;
  await writeTransaction(db, [tx.create(db, "scheme", scheme)]);

  // The register is 2026's (people registered up to two years before); 2025's visits go to the same
  // people, matched by their place in each township's list.
  const people = (d: Data) => {
    const byTownship = new Map<string, string[]>();
    for (const k of d.keyPersons ?? [])
      byTownship.set(k.townshipId, [...(byTownship.get(k.townshipId) ?? []), k.id]);
    return byTownship;
  };
  const now26 = people(y2026);
  const then25 = people(y2025);
  const personOf = new Map<string, string>();
  for (const [t, ids] of then25)
    for (const [i, id] of ids.entries()) personOf.set(id, (now26.get(t) ?? [])[i] ?? id);

  let count = 0;
  for (const [prefix, d] of [
    ["y26-", y2026],
    ["y25-", y2025],
  ] as const) {
    const stamp = <T extends object>(x: T) => stampNew(wctx, x);
    const id = (x: string) => `${prefix}${x}`;
    count += await batchPut(
      db,
      "dispute",
      (d.disputes ?? []).map((x) =>
        stamp({
          townshipId: x.townshipId,
          id: id(x.id),
          level: x.level,
          category: "邻里",
          partiesBrief: "当事人",
          reportedAt: x.reportedAt,
          attempts: Array.from({ length: x.attempts }, (_, i) => ({
            id: `${id(x.id)}-a${i}`,
            at: x.reportedAt,
            level: x.level,
            mediator: "调解员",
            result: "failed" as const,
            recordedBy: "bench",
          })),
          ...(x.closedAt ? { closedAt: x.closedAt, outcome: x.outcome } : {}),
        }),
      ),
    );
    count += await batchPut(
      db,
      "petition",
      (d.petitions ?? []).map((x) =>
        stamp({
          townshipId: x.townshipId,
          id: id(x.id),
          subject: "事项",
          petitionerBrief: "信访人",
          receivedAt: x.receivedAt,
          skipLevel: x.skipLevel ?? false,
          collective: x.collective ?? false,
          ...(x.firstHandledAt ? { firstHandledAt: x.firstHandledAt } : {}),
          ...(x.closedAt ? { closedAt: x.closedAt, settled: x.settled ?? false } : {}),
        }),
      ),
    );
    count += await batchPut(
      db,
      "incident",
      (d.incidents ?? []).map((x) =>
        stamp({
          townshipId: x.townshipId,
          id: id(x.id),
          occurredAt: x.occurredAt,
          kind: x.kind,
          severity: x.severity,
          summary: "案情",
        }),
      ),
    );
    if (prefix === "y26-")
      count += await batchPut(
        db,
        "keyPerson",
        (d.keyPersons ?? []).map((x) =>
          stamp({
            townshipId: x.townshipId,
            id: x.id,
            alias: "某",
            category: x.category as "mental_health",
            registeredAt: x.registeredAt,
            ...(x.deregisteredAt ? { deregisteredAt: x.deregisteredAt } : {}),
          }),
        ),
      );
    count += await batchPut(
      db,
      "visit",
      (d.visits ?? []).map((x) =>
        stamp({
          townshipId: x.townshipId,
          id: id(x.id),
          keyPersonId: prefix === "y26-" ? x.keyPersonId : (personOf.get(x.keyPersonId) ?? x.keyPersonId),
          at: x.at,
        }),
      ),
    );
    count += await batchPut(
      db,
      "event",
      (d.events ?? []).map((x) =>
        stamp({
          townshipId: x.townshipId,
          id: id(x.id),
          kind: x.kind,
          occurredAt: x.occurredAt,
          count: x.count ?? 1,
        }),
      ),
    );
    log(`wrote ${prefix.slice(0, 3)}: ${count} records so far`);
  }
  return count;
}

/** ElectroDB batch puts (BatchWriteItem, 25 items a request, unprocessed items retried), a few at once. */
async function batchPut(
  db: Db,
  entity: "dispute" | "petition" | "incident" | "keyPerson" | "visit" | "event",
  items: object[],
) {
  const e = db.entities[entity] as unknown as {
    put: (x: object[]) => { go: (o: object) => Promise<{ unprocessed: unknown[] }> };
  };
  for (let i = 0; i < items.length; i += 2_500) {
    const { unprocessed } = await e.put(items.slice(i, i + 2_500)).go({ concurrency: 4 });
    if (unprocessed.length) throw new Error(`${unprocessed.length} ${entity} items were not written`);
  }
  return items.length;
}
