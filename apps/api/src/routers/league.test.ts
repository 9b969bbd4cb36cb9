import {
  checkItems,
  getItem,
  latestPublished,
  publishedInputs,
  stampNew,
  tx,
  writeTransaction,
} from "@pingan/data";
import { computeLeagueTable } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { inputsDigest } from "../league/county-scoring";
import { requireScheme } from "../schemes/scheme-store";
import { countyWorld } from "../testing/county-world";
import { callerWith } from "../testing/harness";

const { services, db, tenants, tokens, countyId, as } = await countyWorld("league", "2026-10-02T02:00:00Z");
const { admin, reviewer, staff, public: publicApi } = as;
await staff.events.create({
  townshipId: tenants.A.townshipId,
  requestId: "league-meeting-9",
  kind: "monthly_meeting",
  occurredAt: "2026-09-10T09:00:00+08:00",
});

async function auditActions(scope: string) {
  const { data } = await db.entities.audit.query.byScope({ scope }).go({ pages: "all" });
  return checkItems(db, "audit", data).map((a) => a.action);
}

describe("league tables", () => {
  it("publishes a finished month as a snapshot anyone can read, and reproduces it from what it stored", async () => {
    services.setNow("2026-10-03T02:00:00Z");
    await expect(publicApi.public.leagueTable({ countyId, period: "2026-09" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(admin.league.publish({ period: "2026-10" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const live = await reviewer.league.compute({ period: "2026-09" });
    const published = await admin.league.publish({ period: "2026-09" });
    expect(published).toMatchObject({ version: 1, schemeVersion: 1 });
    expect(published.table).toEqual(live.table);

    const read = await publicApi.public.leagueTable({ countyId, period: "2026-09" });
    expect(read.table).toEqual(live.table);
    expect((await publicApi.public.periods({ countyId })).published.map((p) => p.period)).toEqual([
      "2026-09",
    ]);

    const item = await latestPublished(db, countyId, "2026-09");
    const { inputs, data } = await publishedInputs(db, item as NonNullable<typeof item>);
    const { scheme } = await requireScheme(db, countyId, 2026, inputs.schemeVersion);
    // The public reads the scheme's name and its indicators' names and full marks, and nothing else of it.
    expect(Object.keys(read.scheme ?? {}).sort()).toEqual(["indicators", "name"]);
    expect(read.scheme?.name).toBe(scheme.name);
    expect(read.scheme?.indicators.map((i) => [i.code, i.name, i.maxScore])).toEqual(
      scheme.indicators.map((i) => [i.code, i.name, i.maxScore]),
    );
    for (const i of read.scheme?.indicators ?? [])
      expect(Object.keys(i).every((k) => ["code", "name", "maxScore", "metric"].includes(k))).toBe(true);
    expect(data).toBeDefined();
    if (!data) return;
    expect(inputsDigest(scheme, data, "2026-09", inputs.asOf ?? undefined)).toBe(inputs.digest);
    expect(computeLeagueTable(scheme, data, "2026-09", { asOf: inputs.asOf ?? undefined })).toEqual(
      read.table,
    );

    const history = await staff.league.rankHistory({ townshipId: tenants.A.townshipId });
    expect(history).toEqual([
      expect.objectContaining({ period: "2026-09", version: 1, rank: 1, townships: 2 }),
    ]);
  });

  it("publishes a correction as a new version with its reason and keeps the old one readable", async () => {
    services.setNow("2026-10-04T02:00:00Z");
    await expect(admin.league.publish({ period: "2026-09" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("更正理由"),
    });
    await staff.events.create({
      townshipId: tenants.A.townshipId,
      requestId: "league-late-report",
      // A kind the township records (迟报漏报 is the close's own): 4 × 0.5 points.
      kind: "grid_report_overdue",
      occurredAt: "2026-09-20T09:00:00+08:00",
      count: 4,
    });
    const corrected = await admin.league.publish({ period: "2026-09", reason: "补录迟报扣分" });
    expect(corrected).toMatchObject({ version: 2, reason: "补录迟报扣分" });
    const v1 = await publicApi.public.leagueTable({ countyId, period: "2026-09", version: 1 });
    const latest = await publicApi.public.leagueTable({ countyId, period: "2026-09" });
    expect(latest.version).toBe(2);
    const totalOf = (t: typeof v1, id: string) => t.table.rows.find((r) => r.townshipId === id)?.total ?? 0;
    expect(totalOf(v1, tenants.A.townshipId) - totalOf(latest, tenants.A.townshipId)).toBeCloseTo(2, 2);
    expect(await auditActions(`C#${countyId}`)).toEqual(
      expect.arrayContaining(["leagueTable.publish", "leagueTable.correct"]),
    );
    // Rank history shows each period once, at its newest version.
    const history = await staff.league.rankHistory({ townshipId: tenants.A.townshipId });
    expect(history.map((h) => [h.period, h.version])).toEqual([["2026-09", 2]]);
  });

  it("leaves nothing behind when a publish fails halfway through its transaction", async () => {
    services.setNow("2026-11-02T02:00:00Z");
    // Someone already holds one township's row of version 1: that item's condition fails mid-transaction.
    const wctx = { actor: { id: "x", role: "system" }, now: services.now() };
    await writeTransaction(db, [
      tx.create(
        db,
        "leagueRank",
        stampNew(wctx, {
          townshipId: tenants.A.siblingTownshipId,
          countyId,
          period: "2026-10",
          tableVersion: 1,
          rank: 9,
          total: 1,
          grade: "x",
          vetoed: false,
          rankChange: 0,
          townships: 1,
        }),
      ),
    ]);
    const auditBefore = await auditActions(`C#${countyId}`);
    await expect(admin.league.publish({ period: "2026-10" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await latestPublished(db, countyId, "2026-10")).toBeUndefined();
    expect(
      await getItem(db, "leagueInputs", { countyId, period: "2026-10", tableVersion: 1 }),
    ).toBeUndefined();
    const { data } = await db.entities.leagueRank.query
      .byPeriod({ townshipId: tenants.A.townshipId, period: "2026-10" })
      .go({ pages: "all" });
    expect(data).toEqual([]);
    expect(await auditActions(`C#${countyId}`)).toEqual(auditBefore);
    await expect(publicApi.public.leagueTable({ countyId, period: "2026-10" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("publishes exactly one first version when two admins publish at once", async () => {
    services.setNow("2026-10-05T02:00:00Z");
    const results = await Promise.allSettled([
      admin.league.publish({ period: "2026-Q3" }),
      admin.league.publish({ period: "2026-Q3" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await publicApi.public.leagueTable({ countyId, period: "2026-Q3" })).version).toBe(1);
  });

  it("serves a published table over HTTP to a visitor without a token", async () => {
    const input = encodeURIComponent(JSON.stringify({ countyId, period: "2026-09" }));
    const response = await createApp({ services }).request(`/trpc/public.leagueTable?input=${input}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      result: { data: { version: number; table: { rows: unknown[] } } };
    };
    expect(body.result.data).toMatchObject({ version: 2 });
    expect(body.result.data.table.rows).toHaveLength(2);
    const live = await createApp({ services }).request(`/trpc/league.compute?input=${input}`);
    expect(live.status).toBe(401);
  });

  it("shows the public only published tables of the county asked for", async () => {
    await expect(
      publicApi.public.leagueTable({ countyId: tenants.B.countyId, period: "2026-09" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await publicApi.public.periods({ countyId: tenants.B.countyId })).published).toEqual([]);
    await expect(
      callerWith(services, tokens.B.county_admin).league.get({ period: "2026-09" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
