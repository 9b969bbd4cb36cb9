import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("records");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staff = callerWith(services, tokens.A.township_staff);
const reviewer = callerWith(services, tokens.A.county_reviewer);

describe("township records", () => {
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

  it("edits an incident and keeps the audit fields current", async () => {
    const i = await staff.incidents.create({
      townshipId,
      requestId: "req-incident-1",
      occurredAt: "2026-10-03T22:00:00+08:00",
      kind: "criminal",
      severity: "ordinary",
      summary: "盗窃电动车",
    });
    const edited = await staff.incidents.update({
      townshipId,
      id: i.id,
      expectedVersion: 1,
      severity: "major",
    });
    expect(edited).toMatchObject({ version: 2, severity: "major", summary: "盗窃电动车" });
    await expect(
      staff.incidents.update({ townshipId, id: i.id, expectedVersion: 1, summary: "旧版本上的修改" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
