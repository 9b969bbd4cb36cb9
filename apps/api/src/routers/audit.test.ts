import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("audit");
const { tenants, tokens } = await seedTwoTenants(services);
const admin = callerWith(services, tokens.A.county_admin);
const reviewer = callerWith(services, tokens.A.county_reviewer);
const staff = callerWith(services, tokens.A.township_staff);

describe("audit trails", () => {
  it("pages through the county's trail, newest first, without repeating or skipping an entry", async () => {
    await admin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
    await admin.onboarding.rotateJoinCode();
    await admin.onboarding.rotateJoinCode();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof reviewer.audit.county>> = await reviewer.audit.county({
        cursor,
        limit: 2,
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.cursor;
    } while (cursor);
    const all = await reviewer.audit.county({ limit: 100 });
    expect(seen).toEqual(all.items.map((e) => e.id));
    expect(all.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["scheme.save", "county.rotateJoinCode", "township.create", "county.create"]),
    );
    const times = all.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("shows a township's changes with before and after, only to that township and its county", async () => {
    const created = await staff.events.create({
      townshipId: tenants.A.townshipId,
      requestId: "audit-event-1",
      kind: "monthly_meeting",
      occurredAt: "2026-11-03T09:00:00+08:00",
    });
    const own = await callerWith(services, tokens.A.township_admin).audit.township({
      townshipId: tenants.A.townshipId,
    });
    expect(own.items.find((e) => e.entityId === created.id)).toMatchObject({
      action: "event.create",
      entityId: created.id,
      after: expect.objectContaining({ kind: "monthly_meeting" }),
    });
    const sibling = await reviewer.audit.township({ townshipId: tenants.A.siblingTownshipId });
    expect(sibling.items.map((e) => e.entityId)).not.toContain(created.id);
    await expect(
      callerWith(services, tokens.B.county_admin).audit.township({ townshipId: tenants.A.townshipId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      (await callerWith(services, tokens.B.county_admin).audit.county({})).items.map((e) => e.entityId),
    ).not.toContain(created.id);
  });

  it("answers a made-up cursor with a 400, not a 500", async () => {
    await expect(reviewer.audit.county({ cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
