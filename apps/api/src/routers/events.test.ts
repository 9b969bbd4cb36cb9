import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("events");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staff = callerWith(services, tokens.A.township_staff);
const reviewer = callerWith(services, tokens.A.county_reviewer);

describe("events", () => {
  it("lists events by kind within a month (UTC+08:00 boundaries)", async () => {
    const record = (kind: string, occurredAt: string, n: number) =>
      staff.events.create({ townshipId, requestId: `req-event-${n}`, kind, occurredAt });
    await record("legal_education", "2026-10-31T23:59:00+08:00", 1);
    await record("legal_education", "2026-11-01T00:00:00+08:00", 2);
    await record("monthly_meeting", "2026-10-15T09:00:00+08:00", 3);
    const october = await reviewer.events.list({
      townshipId,
      kind: "legal_education",
      from: "2026-10-01T00:00:00+08:00",
      to: "2026-11-01T00:00:00+08:00",
    });
    expect(october.items.map((e) => e.occurredAt)).toEqual(["2026-10-31T15:59:00.000Z"]);
  });
});
