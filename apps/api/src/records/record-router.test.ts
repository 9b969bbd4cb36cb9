import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("record-router");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staff = callerWith(services, tokens.A.township_staff);
const otherStaff = callerWith(services, tokens.B.township_staff);

/** A valid new record of each type, and one field an edit changes. */
const types = {
  disputes: {
    fields: {
      level: "blue",
      category: "邻里纠纷",
      partiesBrief: "张某与李某",
      reportedAt: "2026-11-02T01:00:00.000Z",
    },
    edit: { category: "婚姻家庭纠纷" },
  },
  petitions: {
    fields: { subject: "征地补偿", petitionerBrief: "王某", receivedAt: "2026-11-02T01:00:00.000Z" },
    edit: { subject: "宅基地纠纷" },
  },
  incidents: {
    fields: {
      occurredAt: "2026-11-02T01:00:00.000Z",
      kind: "criminal",
      severity: "ordinary",
      summary: "盗窃电动车",
    },
    edit: { summary: "盗窃电动车一辆" },
  },
  keyPersons: {
    fields: { alias: "甲", category: "mental_health", registeredAt: "2026-11-02T01:00:00.000Z" },
    edit: { alias: "乙" },
  },
  events: {
    fields: { kind: "monthly_meeting", occurredAt: "2026-11-02T01:00:00.000Z" },
    edit: { kind: "township_screening" },
  },
} as const;

type Name = keyof typeof types;
type Loose = Record<
  "create" | "update" | "remove" | "get" | "list",
  (input: Record<string, unknown>) => Promise<Record<string, unknown>>
>;
const procedures = (caller: typeof staff, name: Name) => caller[name] as unknown as Loose;

describe.each(Object.keys(types) as Name[])("the %s router's shared procedures", (name) => {
  const { fields, edit } = types[name];
  const mine = procedures(staff, name);

  it("creates once per request id, edits at the version seen, and hides a removed record from get and list", async () => {
    const requestId = `req-${name}-shared`;
    const created = await mine.create({ townshipId, requestId, ...fields });
    const retried = await mine.create({ townshipId, requestId, ...fields });
    expect(retried.id).toBe(created.id);

    const edited = await mine.update({ townshipId, id: created.id, expectedVersion: 1, ...edit });
    expect(edited).toMatchObject({ ...edit, version: 2 });
    await expect(
      mine.update({ townshipId, id: created.id, expectedVersion: 1, ...edit }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const listed = (await mine.list({ townshipId })) as unknown as { items: { id: string }[] };
    expect(listed.items.map((r) => r.id)).toContain(created.id);

    await mine.remove({ townshipId, id: created.id, expectedVersion: 2, reason: "录入错误" });
    await expect(mine.get({ townshipId, id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const after = (await mine.list({ townshipId })) as unknown as { items: { id: string }[] };
    expect(after.items.map((r) => r.id)).not.toContain(created.id);
  });

  it("never reaches another township's record, even with its id", async () => {
    const created = await mine.create({ townshipId, requestId: `req-${name}-tenant`, ...fields });
    const theirs = procedures(otherStaff, name);
    await expect(theirs.get({ townshipId: tenants.B.townshipId, id: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      theirs.update({ townshipId: tenants.B.townshipId, id: created.id, expectedVersion: 1, ...edit }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
