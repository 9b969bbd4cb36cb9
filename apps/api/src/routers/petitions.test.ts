import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("petitions");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staff = callerWith(services, tokens.A.township_staff);
const reviewer = callerWith(services, tokens.A.county_reviewer);

describe("petitions", () => {
  it("closes a petition as settled and lists it among the closed ones", async () => {
    const p = await staff.petitions.create({
      townshipId,
      requestId: "req-petition-1",
      subject: "拖欠工资",
      petitionerBrief: "务工人员十人",
      receivedAt: "2026-10-08T09:00:00+08:00",
      collective: true,
      firstHandledAt: "2026-10-09T09:00:00+08:00",
    });
    expect(p).toMatchObject({
      skipLevel: false,
      collective: true,
      firstHandledAt: "2026-10-09T01:00:00.000Z",
    });
    await staff.petitions.close({
      townshipId,
      id: p.id,
      expectedVersion: p.version,
      closedAt: "2026-10-20T09:00:00+08:00",
      settled: true,
    });
    const closed = await reviewer.petitions.list({ townshipId, status: "closed" });
    expect(closed.items.map((i) => i.id)).toEqual([p.id]);
    expect((await reviewer.petitions.list({ townshipId, status: "open" })).items).toEqual([]);
  });

  it("refuses a petition first handled before it was received", async () => {
    await expect(
      staff.petitions.create({
        townshipId,
        requestId: "req-petition-2",
        subject: "宅基地",
        petitionerBrief: "孙某",
        receivedAt: "2026-10-08T09:00:00+08:00",
        firstHandledAt: "2026-10-07T09:00:00+08:00",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
