import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { countyWorld } from "../testing/county-world";
import { callerWith } from "../testing/harness";

/**
 * The published read keeps the checked view of each published state (publication.ts `viewOfHead`) and asks
 * the table for the newest head on every request: what was kept must never hide a version published, a
 * correction, or a version made public a moment ago, nor show the public an internal one.
 */
const { services, tenants, tokens, countyId, as } = await countyWorld("pubread", "2026-10-02T02:00:00Z");
const { admin, reviewer, staff, public: publicApi } = as;
const townshipId = tenants.A.townshipId;
// A meeting in September gives the indicator points for the late reports below to take away.
await staff.events.create({
  townshipId,
  requestId: "pubread-meeting-9",
  kind: "monthly_meeting",
  occurredAt: "2026-09-10T09:00:00+08:00",
});
const totalOf = (t: { table: { rows: { townshipId: string; total: number }[] } }) =>
  t.table.rows.find((r) => r.townshipId === townshipId)?.total ?? Number.NaN;

describe("the published read, with kept views of published versions", () => {
  it("answers a correction on the very next read, to the public and to the county", async () => {
    services.setNow("2026-10-03T02:00:00Z");
    const v1 = await admin.league.publish({ period: "2026-09" });
    // Read twice: the second answer comes from what the first kept, and says the same.
    const first = await publicApi.public.leagueTable({ countyId, period: "2026-09" });
    const again = await publicApi.public.leagueTable({ countyId, period: "2026-09" });
    expect(first).toMatchObject({ version: 1, digest: v1.digest });
    expect(again).toEqual(first);
    expect((await reviewer.league.get({ period: "2026-09" })).version).toBe(1);

    await staff.events.create({
      townshipId,
      requestId: "pubread-late-report",
      // A kind the township records (迟报漏报 is the close's own): 4 × 0.5 points.
      kind: "grid_report_overdue",
      occurredAt: "2026-09-20T09:00:00+08:00",
      count: 4,
    });
    services.setNow("2026-10-04T02:00:00Z");
    const v2 = await admin.league.publish({ period: "2026-09", reason: "补录迟报扣分" });
    expect(v2.version).toBe(2);
    const latest = await publicApi.public.leagueTable({ countyId, period: "2026-09" });
    expect(latest).toMatchObject({ version: 2, reason: "补录迟报扣分", digest: v2.digest });
    expect(totalOf(first) - totalOf(latest)).toBeCloseTo(2, 2);
    expect(latest.table).toEqual(v2.table);
    expect((await reviewer.league.get({ period: "2026-09" })).version).toBe(2);
    // The first version stays readable by number, as it was.
    expect(await publicApi.public.leagueTable({ countyId, period: "2026-09", version: 1 })).toEqual(first);
    // Over HTTP too (what the public page and the bench call).
    const input = encodeURIComponent(JSON.stringify({ countyId, period: "2026-09" }));
    const response = await createApp({ services }).request(`/trpc/public.leagueTable?input=${input}`);
    const body = (await response.json()) as { result: { data: { version: number } } };
    expect(body.result.data.version).toBe(2);
  });

  it("keeps an internal correction from the public until it is made public, then shows it at once", async () => {
    await staff.events.create({
      townshipId,
      requestId: "pubread-late-report-2",
      kind: "grid_report_overdue",
      occurredAt: "2026-09-21T09:00:00+08:00",
    });
    services.setNow("2026-10-05T02:00:00Z");
    const v3 = await admin.league.publish({ period: "2026-09", reason: "内部复核", internal: true });
    expect(v3).toMatchObject({ version: 3, visibility: "internal" });
    // The public stays on version 2; the county sees version 3, marked internal.
    expect((await publicApi.public.leagueTable({ countyId, period: "2026-09" })).version).toBe(2);
    await expect(
      publicApi.public.leagueTable({ countyId, period: "2026-09", version: 3 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await reviewer.league.get({ period: "2026-09" })).toMatchObject({
      version: 3,
      visibility: "internal",
    });

    await admin.league.makePublic({ period: "2026-09", version: 3 });
    const shown = await publicApi.public.leagueTable({ countyId, period: "2026-09" });
    expect(shown).toMatchObject({ version: 3, visibility: "public", digest: v3.digest });
    expect(await publicApi.public.leagueTable({ countyId, period: "2026-09", version: 3 })).toEqual(shown);
    // The county's own kept view of version 3 (internal) is not what it reads now.
    expect(await reviewer.league.get({ period: "2026-09" })).toMatchObject({
      version: 3,
      visibility: "public",
    });
  });

  it("never answers another county's table from what it kept", async () => {
    const outsider = callerWith(services, tokens.B.county_reviewer);
    // County B has published nothing: its reviewer's read of the same period is NOT_FOUND, not A's table.
    await expect(outsider.league.get({ period: "2026-09" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      publicApi.public.leagueTable({ countyId: tenants.B.countyId, period: "2026-09" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await reviewer.league.get({ period: "2026-09" })).countyId).toBe(countyId);
  });
});
