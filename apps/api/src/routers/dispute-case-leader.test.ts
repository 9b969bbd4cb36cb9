import { describe, expect, it } from "vitest";
import {
  callerWith,
  createTestServices,
  inviteStaff,
  refusedAt,
  seedTwoTenants,
  uniquePhone,
} from "../testing/harness";

/** A dispute escalated to red becomes a hard case with a 包案领导, as one filed red does (issue 14). */
const services = await createTestServices("dispute-case-leader");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const adminA = callerWith(services, tokens.A.township_admin);
const staffA = callerWith(services, tokens.A.township_staff);
const reviewerA = callerWith(services, tokens.A.county_reviewer);
const adminB = callerWith(services, tokens.B.township_admin);

let seq = 0;
const req = () => `req-case-leader-${++seq}`;
const invite = (name: string) => inviteStaff(adminA, townshipId, name);

// Township A: 领导甲 holds 东村's 片, 领导乙 is another leader, 干部丙 is staff but no leader.
const villageLeader = await invite("领导甲");
const otherLeader = await invite("领导乙");
const cadre = await invite("干部丙");
for (const userId of [villageLeader, otherLeader])
  await adminA.organisation.setLeader({ townshipId, userId, leader: true });
const east = await adminA.organisation.createVillage({
  townshipId,
  requestId: req(),
  name: "东村",
  cadreId: cadre,
  leaderId: villageLeader,
});
const eastGrid = await adminA.organisation.createGrid({
  townshipId,
  requestId: req(),
  villageId: east.id,
  name: "东村一网格",
});
// Township B's leader: a real user and leader, but not of township A.
const leaderB = (
  await adminB.staff.invite({
    townshipId: tenants.B.townshipId,
    name: "乙镇领导",
    phone: uniquePhone(),
    initialPassword: "Initial-Pass1",
  })
).userId;
await adminB.organisation.setLeader({ townshipId: tenants.B.townshipId, userId: leaderB, leader: true });

type Dispute = Awaited<ReturnType<typeof staffA.disputes.get>>;
const report = (extra: Record<string, unknown> = {}) =>
  staffA.disputes.create({
    townshipId,
    requestId: req(),
    level: "yellow",
    category: "土地纠纷",
    partiesBrief: "张某与李某",
    reportedAt: "2026-10-02T09:00:00+08:00",
    gridId: eastGrid.id,
    ...extra,
  });
/** Escalates to red (confirming the 三三调处 shortfall: these disputes have no attempts). */
const toRed = (d: Dispute, extra: Record<string, unknown> = {}) =>
  staffA.disputes.escalate({
    townshipId,
    id: d.id,
    expectedVersion: d.version,
    at: "2026-10-10T10:00:00+08:00",
    level: "red",
    reason: "村级调处不成，上交镇综治中心",
    confirmShortfall: true,
    shortfallReason: "矛盾激化",
    ...extra,
  });

describe("escalating a dispute to red names its 包案领导", () => {
  it("takes the village's 包片领导 when none is named, and records it on the step", async () => {
    const d = await report();
    expect(d.caseLeaderId).toBeUndefined();
    const red = await toRed(d);
    expect(red).toMatchObject({ level: "red", caseLeaderId: villageLeader, version: d.version + 1 });
    expect(red.escalations).toEqual([
      expect.objectContaining({ from: "yellow", to: "red", caseLeaderId: villageLeader }),
    ]);
    expect(await staffA.disputes.get({ townshipId, id: d.id })).toMatchObject({
      caseLeaderId: villageLeader,
    });
  });

  it("takes the leader named, and keeps one the dispute already has when none is named", async () => {
    const named = await toRed(await report(), { caseLeaderId: otherLeader });
    expect(named.caseLeaderId).toBe(otherLeader);
    expect(named.escalations?.[0]?.caseLeaderId).toBe(otherLeader);

    // A blue dispute filed with a 包案领导 keeps that one on its way up to red.
    const kept = await report({ level: "blue", caseLeaderId: otherLeader });
    const yellow = await staffA.disputes.escalate({
      townshipId,
      id: kept.id,
      expectedVersion: kept.version,
      at: "2026-10-05T10:00:00+08:00",
      level: "yellow",
      reason: "上交村调委会",
      confirmShortfall: true,
      shortfallReason: "当事人要求",
    });
    expect(yellow.escalations?.[0]?.caseLeaderId).toBeUndefined();
    const red = await toRed(yellow);
    expect(red.caseLeaderId).toBe(otherLeader);
  });

  it("escalating below red names nobody, and a dispute filed nowhere goes red without one", async () => {
    const blue = await report({ level: "blue" });
    const yellow = await staffA.disputes.escalate({
      townshipId,
      id: blue.id,
      expectedVersion: blue.version,
      at: "2026-10-05T10:00:00+08:00",
      level: "yellow",
      reason: "上交村调委会",
      confirmShortfall: true,
      shortfallReason: "当事人要求",
    });
    expect(yellow.caseLeaderId).toBeUndefined();
    const unfiled = await toRed(await report({ gridId: undefined }));
    expect(unfiled).toMatchObject({ level: "red" });
    expect(unfiled.caseLeaderId).toBeUndefined();
  });

  it("names the 包片领导 when an edit sets a dispute without attempts to red, and keeps a named one", async () => {
    const d = await report();
    const red = await staffA.disputes.update({
      townshipId,
      id: d.id,
      expectedVersion: d.version,
      level: "red",
    });
    expect(red).toMatchObject({ level: "red", caseLeaderId: villageLeader });
    const named = await report({ caseLeaderId: otherLeader });
    const kept = await staffA.disputes.update({
      townshipId,
      id: named.id,
      expectedVersion: named.version,
      level: "red",
    });
    expect(kept.caseLeaderId).toBe(otherLeader);
    // Below red nothing is named.
    const blue = await report();
    const edited = await staffA.disputes.update({
      townshipId,
      id: blue.id,
      expectedVersion: blue.version,
      level: "blue",
    });
    expect(edited.caseLeaderId).toBeUndefined();
  });

  it("refuses a 包案领导 who is no township leader, or not of this township, and leaves the dispute as it was", async () => {
    const d = await report();
    await expect(toRed(d, { caseLeaderId: cadre })).rejects.toMatchObject(
      refusedAt("caseLeaderId", "「包案领导」须为本乡镇的镇领导"),
    );
    await expect(toRed(d, { caseLeaderId: leaderB })).rejects.toMatchObject(
      refusedAt("caseLeaderId", "「包案领导」须为本乡镇在岗的工作人员"),
    );
    await expect(toRed(d, { caseLeaderId: "no-such-user" })).rejects.toMatchObject(
      refusedAt("caseLeaderId", "「包案领导」须为本乡镇在岗的工作人员"),
    );
    expect(await staffA.disputes.get({ townshipId, id: d.id })).toMatchObject({
      level: "yellow",
      version: d.version,
    });
    expect((await staffA.disputes.get({ townshipId, id: d.id })).caseLeaderId).toBeUndefined();
  });

  it("is version-checked: an escalation at a version since changed is a conflict", async () => {
    const d = await report();
    await staffA.disputes.update({ townshipId, id: d.id, expectedVersion: d.version, summary: "补充情况" });
    await expect(toRed(d)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("the county's breakdown counts the escalated case under its 包案领导", async () => {
    const openRedOf = async (userId: string) =>
      (await reviewerA.organisation.breakdown({ townshipId, month: "2026-10" })).byCaseLeader.find(
        (r) => r.userId === userId,
      )?.openRedDisputes ?? 0;
    const before = await openRedOf(villageLeader);
    const red = await toRed(await report());
    expect(red.caseLeaderId).toBe(villageLeader);
    expect(await openRedOf(villageLeader)).toBe(before + 1);
    const row = (await reviewerA.organisation.breakdown({ townshipId, month: "2026-10" })).byCaseLeader.find(
      (r) => r.userId === villageLeader,
    );
    expect(row?.name).toBe("领导甲");
    // Closed within the month: no longer held open at its end.
    await staffA.disputes.close({
      townshipId,
      id: red.id,
      expectedVersion: red.version,
      closedAt: "2026-10-20T10:00:00+08:00",
      outcome: "resolved",
    });
    expect(await openRedOf(villageLeader)).toBe(before);
  });
});
