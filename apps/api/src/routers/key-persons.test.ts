import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("key-persons");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staff = callerWith(services, tokens.A.township_staff);
const reviewer = callerWith(services, tokens.A.county_reviewer);

describe("key persons and their visits", () => {
  it("visits only registered key persons of the township, not before registration", async () => {
    const person = await staff.keyPersons.create({
      townshipId,
      requestId: "req-kp-1",
      alias: "周某",
      category: "community_correction",
      registeredAt: "2026-03-01T09:00:00+08:00",
    });
    const visit = await staff.keyPersons.addVisit({
      townshipId,
      requestId: "req-visit-1",
      keyPersonId: person.id,
      at: "2026-10-12T15:00:00+08:00",
    });
    expect(visit.keyPersonId).toBe(person.id);
    await expect(
      staff.keyPersons.addVisit({
        townshipId,
        requestId: "req-visit-2",
        keyPersonId: person.id,
        at: "2026-02-01T09:00:00+08:00",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const visits = await reviewer.keyPersons.listVisits({ townshipId, keyPersonId: person.id });
    expect(visits.items.map((v) => v.id)).toEqual([visit.id]);
    const deregistered = await staff.keyPersons.deregister({
      townshipId,
      id: person.id,
      expectedVersion: person.version,
      deregisteredAt: "2026-11-01T09:00:00+08:00",
    });
    expect((await reviewer.keyPersons.list({ townshipId })).items.map((k) => k.id)).not.toContain(person.id);
    const all = await reviewer.keyPersons.list({ townshipId, includeDeregistered: true });
    expect(all.items.find((k) => k.id === person.id)?.deregisteredAt).toBe(deregistered.deregisteredAt);
  });
});
