import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("incidents");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staff = callerWith(services, tokens.A.township_staff);

describe("incidents", () => {
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
