import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

// The clock of the test services: 2026-11-20 10:00 (UTC+08:00).
const services = await createTestServices("county-lights");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staffA = callerWith(services, tokens.A.township_staff);
const adminA = callerWith(services, tokens.A.township_admin);
const reviewerA = callerWith(services, tokens.A.county_reviewer);
const reviewerB = callerWith(services, tokens.B.county_reviewer);

// A petition received 30 October and not yet handled first: 首办 (7 days) is red, 办结 (60 days) green.
await staffA.petitions.create({
  townshipId,
  requestId: "county-lights-petition",
  subject: "征地补偿",
  petitionerBrief: "王某",
  receivedAt: "2026-10-30T10:00:00+08:00",
});
// A blue dispute reported 18 November: 5 of its 7 days left, green.
await staffA.disputes.create({
  townshipId,
  requestId: "county-lights-dispute",
  level: "blue",
  category: "邻里纠纷",
  partiesBrief: "张某与李某",
  reportedAt: "2026-11-18T09:00:00+08:00",
});

describe("the county's board of every township's lights", () => {
  it("gives each township the lights it sees on its own home page, counted by kind", async () => {
    const rows = await reviewerA.supervision.townships({});
    const row = rows.find((r) => r.townshipId === townshipId);
    const own = await adminA.supervision.townshipLights({ townshipId });
    expect(row?.counts).toEqual(own.counts);
    expect(row?.byKind.petition_first).toEqual({ red: 1, yellow: 0 });
    expect(row?.byKind.petition_close).toBeUndefined();
    expect(row?.byKind.dispute).toBeUndefined();
    expect(row?.items).toEqual([]);
    // Most red first: the township with a red light leads.
    expect(rows[0]?.townshipId).toBe(townshipId);

    const [one] = await reviewerA.supervision.townships({ townshipId });
    expect(one?.items).toEqual(own.items);
    expect(one?.items.map((i) => i.kind).sort()).toEqual(
      expect.arrayContaining(["dispute", "petition_close", "petition_first"]),
    );
  });

  it("shows another county nothing of this county's townships", async () => {
    const rows = await reviewerB.supervision.townships({});
    expect(rows.map((r) => r.townshipId)).not.toContain(townshipId);
    expect(await reviewerB.supervision.townships({ townshipId })).toEqual([]);
    await expect(staffA.supervision.townships({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
