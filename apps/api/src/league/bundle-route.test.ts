import { gunzipSync } from "node:zlib";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { withFiles } from "@pingan/cli/src/io";
import { runCli } from "@pingan/cli/src/run";
import {
  checkItems,
  type Db,
  getItem,
  latestPublished,
  publishedBundleOf,
  publishedVersion,
} from "@pingan/data";
import type { LambdaEvent } from "hono/aws-lambda";
import { describe, expect, inject, it } from "vitest";
import { createApp } from "../app";
import { anonymous, callerWith, createTestServices, seedTwoTenants, TEST_PASSWORD } from "../testing/harness";
import { provisionCounty, provisionTownship, provisionUser } from "../testing/provisioning";
import { readBundle, type VerificationBundle } from "./bundle-route";
import { publishLeagueTable } from "./publication";

/**
 * The verification bundle (scoring.md §9) at real volume: a county of 20 townships with 300 records a
 * township a month publishes a month through DynamoDB Local; its bundle, fetched through the HTTP
 * application, is re-scored by the command line's own `verify --bundle`.
 */

const services = await createTestServices("bundle");
services.setNow("2026-11-03T02:00:00.000Z");
services.accessTokenTtlSeconds = 365 * 24 * 3600;
services.refreshTokenTtlSeconds = 365 * 24 * 3600;
const { db } = services;
const seeded = await seedTwoTenants(services);
const { tenants, tokens } = seeded;
const app = createApp({ services });

/** Free text, names and phones the records and accounts hold: none of it may reach a bundle. */
const SECRETS = {
  partiesBrief: "当事人王秘密与邻居",
  summary: "纠纷摘要机密内容",
  mediator: "调解员李保密",
  attemptNote: "调解记录不公开",
  closingNote: "结案说明内部",
  subject: "信访事项隐私",
  petitionerBrief: "信访人孙隐私",
  incidentSummary: "案件经过保密",
  alias: "重点人员赵化名",
  keyPersonNote: "重点人员备注",
  visitNote: "走访记录备注",
  eventNote: "工作事项备注",
  adjustmentReason: "加分理由内部说明",
  manualReason: "手工评分理由",
  adminName: "县管理员钱实名",
  adminPhone: "13700001111",
  reviewerName: "县审核员周实名",
  reviewerPhone: "13700002222",
};

const TOWNSHIPS = 20;
const PER_MONTH = 300;
const bigCounty = await provisionCounty(services, { name: "真实规模县", code: "330110" });
const countyId = bigCounty.id;
const townships = await Promise.all(
  Array.from({ length: TOWNSHIPS }, (_, i) =>
    provisionTownship(services, countyId, {
      name: `第${String(i + 1).padStart(2, "0")}镇`,
      code: `330110${String(i + 1).padStart(3, "0")}`,
      population: 20_000 + 1_000 * i,
      villages: 12,
      grids: 40,
    }),
  ),
);
const signIn = async (name: string, phone: string, role: "county_admin" | "county_reviewer") => {
  await provisionUser(services, { name, phone, password: TEST_PASSWORD, role, countyId });
  return callerWith(
    services,
    (await anonymous(services).auth.signIn({ login: phone, password: TEST_PASSWORD })).accessToken,
  );
};
const admin = await signIn(SECRETS.adminName, SECRETS.adminPhone, "county_admin");
await signIn(SECRETS.reviewerName, SECRETS.reviewerPhone, "county_reviewer");
await admin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });

const stamp = {
  version: 1,
  createdAt: "2026-11-01T00:00:00.000Z",
  createdBy: "seed",
  updatedAt: "2026-11-01T00:00:00.000Z",
  updatedBy: "seed",
};

/** Writes items in batches of 25 (the way a real-volume seed must: one by one is far too slow). */
async function putAll(
  entity: { put: (items: object[]) => { go: (o: object) => Promise<unknown> } },
  items: object[],
) {
  for (let at = 0; at < items.length; at += 2_000) {
    const result = (await entity.put(items.slice(at, at + 2_000)).go({ concurrency: 4 })) as {
      unprocessed: unknown[];
    };
    expect(result.unprocessed).toEqual([]);
  }
}

/** 300 records a township a month for September and October 2026, each with free text beside its scored fields. */
async function seedRealVolume(db: Db) {
  const disputes: object[] = [];
  const petitions: object[] = [];
  const incidents: object[] = [];
  const keyPersons: object[] = [];
  const visits: object[] = [];
  const events: object[] = [];
  for (const [t, township] of townships.entries()) {
    const townshipId = township.id;
    for (let k = 0; k < 60; k++)
      keyPersons.push({
        townshipId,
        id: `kp-${t}-${k}`,
        alias: SECRETS.alias,
        category: "mental_health",
        registeredAt: "2026-01-05T02:00:00.000Z",
        note: SECRETS.keyPersonNote,
        ...stamp,
      });
    for (const month of ["2026-09", "2026-10"]) {
      for (let n = 0; n < PER_MONTH; n++) {
        const day = String(1 + (n % 27)).padStart(2, "0");
        const at = `${month}-${day}T${String(1 + (n % 12)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}:00.000Z`;
        const next = `${month}-${String(2 + (n % 27)).padStart(2, "0")}T03:00:00.000Z`;
        const id = `${month}-${t}-${n}`;
        const kind = n % 20;
        if (kind < 6) {
          // A township's share of unresolved disputes grows with its index, so the table has a spread.
          const outcome = (n + t) % 23 === 0 ? "failed" : (n * (t + 1)) % 31 === 0 ? "escalated" : "resolved";
          disputes.push({
            townshipId,
            id: `d-${id}`,
            level: (["blue", "yellow", "red"] as const)[n % 3],
            category: "邻里纠纷",
            partiesBrief: SECRETS.partiesBrief,
            summary: SECRETS.summary,
            reportedAt: at,
            attempts: [
              {
                id: `a1-${id}`,
                at,
                level: "blue",
                mediator: SECRETS.mediator,
                result: "partial",
                note: SECRETS.attemptNote,
                recordedBy: "seed",
              },
              {
                id: `a2-${id}`,
                at: next,
                level: "yellow",
                mediator: SECRETS.mediator,
                result: outcome === "resolved" ? "success" : "failed",
                recordedBy: "seed",
              },
            ],
            closedAt: next,
            outcome,
            closingNote: SECRETS.closingNote,
            ...stamp,
          });
        } else if (kind < 8) {
          petitions.push({
            townshipId,
            id: `p-${id}`,
            subject: SECRETS.subject,
            petitionerBrief: SECRETS.petitionerBrief,
            receivedAt: at,
            skipLevel: (n + t) % 40 === 0,
            collective: false,
            firstHandledAt: next,
            closedAt: next,
            settled: (n + t) % 9 !== 0,
            closingNote: SECRETS.closingNote,
            ...stamp,
          });
        } else if (kind === 8) {
          incidents.push({
            townshipId,
            id: `i-${id}`,
            occurredAt: at,
            kind: n % 3 === 0 ? "criminal" : "public_order",
            severity: "ordinary",
            summary: SECRETS.incidentSummary,
            ...stamp,
          });
        } else if (kind < 16) {
          visits.push({
            townshipId,
            id: `v-${id}`,
            keyPersonId: `kp-${t}-${n % 60}`,
            at,
            note: SECRETS.visitNote,
            ...stamp,
          });
        } else {
          const kinds = ["monthly_meeting", "township_screening", "legal_education", "legal_education"];
          events.push({
            townshipId,
            id: `e-${id}`,
            kind: kinds[n % 4],
            occurredAt: at,
            count: 1,
            note: SECRETS.eventNote,
            ...stamp,
          });
        }
      }
    }
  }
  await putAll(db.entities.keyPerson as never, keyPersons);
  await Promise.all([
    putAll(db.entities.dispute as never, disputes),
    putAll(db.entities.petition as never, petitions),
    putAll(db.entities.incident as never, incidents),
    putAll(db.entities.visit as never, visits),
    putAll(db.entities.event as never, events),
  ]);
  // A reviewer's confirmed manual score and adjustment for one township's October (双人复核 done), and
  // an unconfirmed one that must not count.
  const entry = (
    id: string,
    indicator: string,
    value: number,
    reason: string,
    confirmed: boolean,
    event?: string,
  ) => ({
    id,
    indicator,
    value,
    reason,
    ...(event ? { event } : {}),
    enteredBy: "reviewer-1",
    enteredAt: "2026-11-02T01:00:00.000Z",
    ...(confirmed ? { confirmedBy: "reviewer-2", confirmedAt: "2026-11-02T02:00:00.000Z" } : {}),
  });
  await db.entities.submission
    .create({
      townshipId: townships[0]?.id as string,
      countyId,
      month: "2026-10",
      status: "approved",
      manualScores: [entry("m1", "I10", 7, SECRETS.manualReason, true)],
      adjustments: [
        entry("adj1", "I01", 1, SECRETS.adjustmentReason, true, "commended_city"),
        entry("adj2", "I01", 3, SECRETS.adjustmentReason, false, "commended_province"),
      ],
      ...stamp,
    })
    .go();
  return disputes.length + petitions.length + incidents.length + visits.length + events.length;
}

const records = await seedRealVolume(db);

const bundleUrl = (county: string, period: string, version: number | string) =>
  `/published/${county}/${period}/${version}/bundle.json`;

async function fetchBundle(county: string, period: string, version: number | string) {
  const response = await app.request(bundleUrl(county, period, version));
  return { response, text: await response.text() };
}

const verify = (text: string) =>
  runCli(["verify", "--bundle", "bundle.json"], withFiles({ "bundle.json": text }));

describe("the verification bundle at real volume", () => {
  it("publishes a month of 20 townships × 300 records and serves a bundle the command line verifies", async () => {
    expect(records).toBe(TOWNSHIPS * PER_MONTH * 2);
    const published = await admin.league.publish({ period: "2026-10" });
    expect(published.version).toBe(1);

    const { response, text } = await fetchBundle(countyId, "2026-10", 1);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toContain("application/json");
    const bundle = JSON.parse(text) as VerificationBundle;
    expect(bundle).toMatchObject({
      format: "pingan-verify/1",
      countyId,
      period: "2026-10",
      version: 1,
      publishedAt: published.publishedAt,
    });
    // Scored as of the instant it was published, which the bundle names.
    expect(Date.parse(bundle.publishedAt)).toBe(services.now().getTime());
    expect(bundle.asOf).toBeUndefined();
    expect(bundle.scheme.version).toBe(published.schemeVersion);
    expect(bundle.table).toEqual(published.table);
    expect(bundle.data.townships).toHaveLength(TOWNSHIPS);
    // September is there for rank change: every record of both months.
    const count = (["disputes", "petitions", "incidents", "visits"] as const).reduce(
      (n, k) => n + (bundle.data[k]?.length ?? 0),
      0,
    );
    expect(count + (bundle.data.events ?? []).filter((e) => !e.id.startsWith("adj-")).length).toBe(records);
    // The reviewers' confirmed entries as they entered scoring, and not the unconfirmed one.
    expect(bundle.data.manualScores).toEqual([
      { townshipId: townships[0]?.id, period: "2026-10", indicator: "I10", score: 7 },
    ]);
    expect(bundle.data.events?.filter((e) => e.id.startsWith("adj-"))).toEqual([
      expect.objectContaining({ id: "adj-adj1", kind: "commended_city", count: 1 }),
    ]);

    const result = await verify(text);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("核验一致");
    expect(result.stdout).toContain(`${TOWNSHIPS} 个乡镇`);
    expect(result.code).toBe(0);

    // The same bundle gzipped for a client that accepts it (Lambda answers at most 6 MB).
    const gz = await app.request(bundleUrl(countyId, "2026-10", 1), {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8")).toBe(text);
  }, 120_000);

  it("carries no person's name, phone or free text", async () => {
    const { text } = await fetchBundle(countyId, "2026-10", 1);
    for (const [what, secret] of Object.entries(SECRETS)) expect(text.includes(secret), what).toBe(false);
    // Nor the attributes that hold them, nor who entered what.
    for (const field of [
      "partiesBrief",
      "summary",
      "mediator",
      "note",
      "alias",
      "reason",
      "subject",
      "petitionerBrief",
      "closingNote",
      "enteredBy",
      "confirmedBy",
      "createdBy",
      "phone",
    ])
      expect(text.includes(`"${field}"`), field).toBe(false);
  });

  it("fails verification when one record is changed, naming the township and the field", async () => {
    const { text } = await fetchBundle(countyId, "2026-10", 1);
    const bundle = JSON.parse(text) as VerificationBundle;
    const township = townships[3] as (typeof townships)[number];
    const dispute = bundle.data.disputes?.find(
      (d) => d.townshipId === township.id && d.reportedAt.startsWith("2026-10") && d.outcome === "resolved",
    );
    expect(dispute).toBeDefined();
    if (dispute) dispute.outcome = "failed";
    const result = await verify(JSON.stringify(bundle));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("核验不一致");
    // The resolution rate of that township's disputes (I02) is what changed.
    expect(result.stdout).toContain(`乡镇 ${township.name}（${township.id}）「I02.metric」`);
    // No other township's row differs (rank may move, but only the changed township's indicators).
    const lines = result.stdout.split("\n").filter((l) => l.includes("「I"));
    expect(lines.every((l) => l.includes(township.id))).toBe(true);
  });

  it("gives a correction its own bundle and keeps the first version's bundle as it was", async () => {
    const before = await fetchBundle(countyId, "2026-10", 1);
    services.setNow("2026-11-04T02:00:00.000Z");
    await db.entities.incident
      .create({
        townshipId: townships[5]?.id as string,
        id: "late-major",
        occurredAt: "2026-10-20T02:00:00.000Z",
        kind: "criminal",
        severity: "major",
        summary: SECRETS.incidentSummary,
        ...stamp,
      })
      .go();
    const corrected = await admin.league.publish({ period: "2026-10", reason: "补录重大刑事案件" });
    expect(corrected.version).toBe(2);
    const v2 = await fetchBundle(countyId, "2026-10", 2);
    expect(v2.response.status).toBe(200);
    const bundle2 = JSON.parse(v2.text) as VerificationBundle;
    expect(bundle2.version).toBe(2);
    expect(bundle2.data.incidents?.some((i) => i.id === "late-major")).toBe(true);
    expect(v2.text.includes("补录重大刑事案件")).toBe(false);
    expect((await verify(v2.text)).code).toBe(0);
    const after = await fetchBundle(countyId, "2026-10", 1);
    expect(after.text).toBe(before.text);
    expect((await verify(after.text)).code).toBe(0);
  }, 120_000);

  it("travels through the Lambda handler gzipped (base64, as API Gateway carries binary)", async () => {
    process.env.TABLE_NAME = db.tableName;
    process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
    process.env.TOKEN_SECRET = "bundle-lambda-test-secret";
    const { handler } = await import("../lambda");
    const path = bundleUrl(countyId, "2026-10", 1);
    const result = await handler({
      version: "2.0",
      routeKey: "$default",
      rawPath: path,
      rawQueryString: "",
      headers: { host: "api.example.com", "accept-encoding": "gzip, br" },
      requestContext: {
        accountId: "123456789012",
        apiId: "api-id",
        authentication: null,
        authorizer: {},
        domainName: "api.example.com",
        domainPrefix: "api",
        http: { method: "GET", path, protocol: "HTTP/1.1", sourceIp: "203.0.113.1", userAgent: "vitest" },
        requestId: "request-id",
        routeKey: "$default",
        stage: "$default",
        time: "03/Nov/2026:02:00:00 +0000",
        timeEpoch: 1_793_671_200_000,
      },
      body: null,
      isBase64Encoded: false,
    } satisfies LambdaEvent);
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    // Far below Lambda's 6 MB answer at this volume (a month of 20 × 300).
    expect(result.body.length).toBeLessThan(6 * 1024 * 1024);
    const bundle = JSON.parse(gunzipSync(Buffer.from(result.body, "base64")).toString("utf8"));
    expect(bundle).toMatchObject({ countyId, period: "2026-10", version: 1 });
  });

  it("answers 404 in Chinese for what was never published, and never a live table", async () => {
    // September has live records but was never published: no bundle.
    for (const [county, period, version] of [
      [countyId, "2026-09", 1],
      [countyId, "2026-10", 3],
      ["no-such-county", "2026-10", 1],
      [countyId, "2026-13", 1],
      [countyId, "2026-10", 0],
      [countyId, "2026-10", "x"],
    ] as const) {
      const { response, text } = await fetchBundle(county, period, version);
      expect(response.status, `${county}/${period}/${version}`).toBe(404);
      expect(JSON.parse(text).error.message).toBe("未找到该县该期该版本的已发布排名");
      expect(response.headers.get("cache-control")).not.toContain("immutable");
    }
  });

  it("serves a county's version only under that county's own URL", async () => {
    // County A publishes September; its bundle is not found under county B's id (nor B's under A's).
    services.setNow("2026-10-03T02:00:00.000Z");
    const adminA = callerWith(services, tokens.A.county_admin);
    await adminA.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
    await adminA.league.publish({ period: "2026-09" });
    const own = await fetchBundle(tenants.A.countyId, "2026-09", 1);
    expect(own.response.status).toBe(200);
    const bundle = JSON.parse(own.text) as VerificationBundle;
    expect(bundle.data.townships.map((t) => t.id).sort()).toEqual(
      [tenants.A.townshipId, tenants.A.siblingTownshipId].sort(),
    );
    expect(
      bundle.table.rows.every((r) =>
        [tenants.A.townshipId, tenants.A.siblingTownshipId].includes(r.townshipId),
      ),
    ).toBe(true);
    expect((await fetchBundle(tenants.B.countyId, "2026-09", 1)).response.status).toBe(404);
    // The big county's October under A's id is not there either.
    expect((await fetchBundle(tenants.A.countyId, "2026-10", 1)).response.status).toBe(404);
  });
});

describe("a crash between writing the chunks and the publishing transaction", () => {
  it("leaves no table, only chunks nothing refers to, which the retry reuses", async () => {
    services.setNow("2026-11-05T02:00:00.000Z");
    const countyA = tenants.A.countyId;
    // The same database, except that the transaction never reaches it (the process dies just before).
    const crashing: Db = {
      ...db,
      client: {
        send: (command: unknown) => {
          if (command instanceof TransactWriteCommand)
            return Promise.reject(new Error("crashed before the transaction"));
          return db.client.send(command as never);
        },
      } as unknown as Db["client"],
    };
    const wctx = { actor: { id: "admin-a", role: "county_admin" }, now: services.now() };
    const chunksOfA = async () => {
      const { data } = await db.entities.leagueInputChunk.query
        .byDigest({ countyId: countyA })
        .go({ pages: "all" });
      return checkItems(db, "leagueInputChunk", data)
        .map((c) => c.digest)
        .sort();
    };
    // October's inputs differ from anything county A published before (equal inputs share their chunks).
    await db.entities.event
      .create({
        townshipId: tenants.A.townshipId,
        id: "a-october-meeting",
        kind: "monthly_meeting",
        occurredAt: "2026-10-12T02:00:00.000Z",
        count: 1,
        ...stamp,
      })
      .go();
    const chunksBefore = await chunksOfA();
    await expect(
      publishLeagueTable(crashing, wctx, {
        countyId: countyA,
        period: "2026-10",
        bundles: services.bundleStore,
      }),
    ).rejects.toThrow("crashed before the transaction");
    expect(await latestPublished(db, countyA, "2026-10")).toBeUndefined();
    expect(
      await getItem(db, "leagueInputs", { countyId: countyA, period: "2026-10", tableVersion: 1 }),
    ).toBeUndefined();
    const { data: ranks } = await db.entities.leagueRank.query
      .byPeriod({ townshipId: tenants.A.townshipId, period: "2026-10" })
      .go({ pages: "all" });
    expect(ranks).toEqual([]);
    expect((await fetchBundle(countyA, "2026-10", 1)).response.status).toBe(404);
    const orphaned = (await chunksOfA()).filter((d) => !chunksBefore.includes(d));
    expect(orphaned.length).toBeGreaterThan(0);

    // The retry publishes the whole table, its inputs being the chunks already written.
    const item = await publishLeagueTable(db, wctx, {
      countyId: countyA,
      period: "2026-10",
      bundles: services.bundleStore,
    });
    expect((item.inputs as { chunks: string[] }).chunks.sort()).toEqual(orphaned);
    expect((await chunksOfA()).length).toBe(chunksBefore.length + orphaned.length);
    const { text } = await fetchBundle(countyA, "2026-10", 1);
    expect((await verify(text)).code).toBe(0);
  });
});

describe("the bundle store", () => {
  it("keeps each version's bundle at publishing under an immutable key, and serves it from there", async () => {
    const item = await publishedVersion(db, countyId, "2026-10", 1);
    const ref = item && publishedBundleOf(item);
    expect(ref?.key).toMatch(new RegExp(`^bundles/${countyId}/2026-10/v1-[0-9a-f]{64}\\.json$`));
    const stored = await services.bundleStore.get(ref?.key ?? "");
    expect(stored?.byteLength).toBe(ref?.gzipBytes);
    const { text } = await fetchBundle(countyId, "2026-10", 1);
    const storedText = gunzipSync(stored ?? new Uint8Array()).toString("utf8");
    expect(storedText).toBe(text);
    expect(Buffer.byteLength(storedText)).toBe(ref?.jsonBytes);
    // What publishing kept from the scored data is what the stored inputs rebuild, byte for byte.
    const rebuilt = await readBundle(db, countyId, "2026-10", 1);
    expect(rebuilt.ok && JSON.stringify(rebuilt.bundle)).toBe(storedText);
    // A correction has its own key; the first version's stays as it was.
    const v2 = await publishedVersion(db, countyId, "2026-10", 2);
    const ref2 = v2 && publishedBundleOf(v2);
    expect(ref2?.key).toMatch(/\/v2-/);
    expect(await services.bundleStore.get(ref?.key ?? "")).toEqual(stored);
  });

  it("redirects a bundle over the inline limit to its immutable /bundles path, which serves the same bytes", async () => {
    const inline = await fetchBundle(countyId, "2026-10", 1);
    const inlineGzip = await app.request(bundleUrl(countyId, "2026-10", 1), {
      headers: { "Accept-Encoding": "gzip" },
    });
    const ref = publishedBundleOf((await publishedVersion(db, countyId, "2026-10", 1)) as never);
    expect(ref && ref.gzipBytes > 50_000).toBe(true);
    const limit = services.bundleInlineMaxBytes;
    // The real-volume month is the "large" bundle here: the limit drops below it.
    services.bundleInlineMaxBytes = (ref?.gzipBytes ?? 0) - 1;
    try {
      const response = await app.request(bundleUrl(countyId, "2026-10", 1));
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/${ref?.key}`);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await response.text()).toBe("");

      const target = await app.request(response.headers.get("location") ?? "");
      expect(target.status).toBe(200);
      expect(target.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(target.headers.get("content-type")).toContain("application/json");
      const text = await target.text();
      expect(text).toBe(inline.text);
      expect((await verify(text)).code).toBe(0);
      const gz = await app.request(response.headers.get("location") ?? "", {
        headers: { "Accept-Encoding": "gzip" },
      });
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(Buffer.from(await gz.arrayBuffer())).toEqual(Buffer.from(await inlineGzip.arrayBuffer()));
    } finally {
      services.bundleInlineMaxBytes = limit;
    }
  });

  it("redirects to the public site's origin when it is configured, so a client of API Gateway can follow", async () => {
    const ref = publishedBundleOf((await publishedVersion(db, countyId, "2026-10", 1)) as never);
    const inline = await fetchBundle(countyId, "2026-10", 1);
    const limit = services.bundleInlineMaxBytes;
    services.bundleInlineMaxBytes = (ref?.gzipBytes ?? 0) - 1;
    services.publicSiteOrigin = "https://d1abc.cloudfront.net";
    try {
      const response = await app.request(bundleUrl(countyId, "2026-10", 1));
      expect(response.status).toBe(302);
      const location = response.headers.get("location") ?? "";
      expect(location).toBe(`https://d1abc.cloudfront.net/${ref?.key}`);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      // The path on that origin is the store's (served here as CloudFront serves it from the bucket).
      expect(await (await app.request(new URL(location).pathname)).text()).toBe(inline.text);
    } finally {
      services.bundleInlineMaxBytes = limit;
      delete services.publicSiteOrigin;
    }
  });

  it("keeps a large bundle of a version published before the store, then redirects to it", async () => {
    // A version as published before bundles were kept: no bundle on its item.
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: `C#${countyId}`, sk: "LT#2026-10#0002" },
        UpdateExpression: "REMOVE #b",
        ExpressionAttributeNames: { "#b": "bundle" },
      }),
    );
    const item = await publishedVersion(db, countyId, "2026-10", 2);
    expect(item && publishedBundleOf(item)).toBeUndefined();
    const inline = await fetchBundle(countyId, "2026-10", 2);
    expect(inline.response.status).toBe(200);
    const limit = services.bundleInlineMaxBytes;
    services.bundleInlineMaxBytes = 1000;
    try {
      const response = await app.request(bundleUrl(countyId, "2026-10", 2));
      expect(response.status).toBe(302);
      const location = response.headers.get("location") ?? "";
      expect(location).toMatch(new RegExp(`^/bundles/${countyId}/2026-10/v2-[0-9a-f]{64}\\.json$`));
      expect(await (await app.request(location)).text()).toBe(inline.text);
    } finally {
      services.bundleInlineMaxBytes = limit;
    }
  });

  it("answers 404 for a key it does not hold or that is not a bundle key", async () => {
    const ref = publishedBundleOf((await publishedVersion(db, countyId, "2026-10", 1)) as never);
    for (const path of [
      `/bundles/${countyId}/2026-10/v1-${"0".repeat(64)}.json`,
      `/${ref?.key.replace(countyId, tenants.B.countyId)}`,
      `/bundles/${countyId}/2026-10/v1-${"a".repeat(64)}.json/..%2F..%2Ftoken-secret`,
      `/bundles/${countyId}/2026-10/..%2F..%2F..%2Ftoken-secret`,
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain("未找到");
    }
    // A path leaving /bundles/ is no bundle path at all.
    expect((await app.request("/bundles/../token-secret")).status).toBe(404);
  });
});
