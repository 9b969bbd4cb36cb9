import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("dispute-escalation");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staff = callerWith(services, tokens.A.township_staff);
const adminA = callerWith(services, tokens.A.township_admin);
const countyAdminA = callerWith(services, tokens.A.county_admin);
const reviewerA = callerWith(services, tokens.A.county_reviewer);
const staffB = callerWith(services, tokens.B.township_staff);

let serial = 0;
type Dispute = Awaited<ReturnType<typeof staff.disputes.get>>;
const report = (overrides: Record<string, unknown> = {}) =>
  staff.disputes.create({
    townshipId,
    requestId: `req-escalation-${++serial}`,
    level: "blue",
    category: "邻里纠纷",
    partiesBrief: "张某与李某",
    reportedAt: "2026-10-02T09:00:00+08:00",
    ...overrides,
  });
/** Records `n` attempts at the dispute's level, on consecutive days of October 2026 from `day`. */
async function attempts(d: Dispute, n: number, day = 3): Promise<Dispute> {
  let current = d;
  for (let i = 0; i < n; i++)
    current = await staff.disputes.addAttempt({
      townshipId,
      id: current.id,
      expectedVersion: current.version,
      at: `2026-10-${String(day + i).padStart(2, "0")}T10:00:00+08:00`,
      mediator: "网格员甲",
      result: "failed",
    });
  return current;
}
const escalate = (d: Dispute, extra: Record<string, unknown> = {}) =>
  staff.disputes.escalate({
    townshipId,
    id: d.id,
    expectedVersion: d.version,
    at: "2026-10-20T10:00:00+08:00",
    level: "yellow",
    reason: "网格调处不成，上交村调委会",
    ...extra,
  });

describe("escalation is a step of the dispute's timeline (issue 14)", () => {
  it("escalates after three attempts: the level goes up, the step is kept and audited, later attempts take the new level", async () => {
    const tried = await attempts(await report(), 3);
    expect(tried.attempts.map((a) => a.level)).toEqual(["blue", "blue", "blue"]);
    const up = await escalate(tried);
    expect(up).toMatchObject({ level: "yellow", version: tried.version + 1 });
    expect(up.escalations).toEqual([
      expect.objectContaining({ from: "blue", to: "yellow", reason: "网格调处不成，上交村调委会" }),
    ]);
    expect(up.shortfalls ?? []).toEqual([]);
    await expect(attempts(up, 1, 19)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "「调解时间」不能早于纠纷上交升级的时间",
    });
    const more = await attempts(up, 3, 21);
    expect(more.attempts.map((a) => a.level)).toEqual(["blue", "blue", "blue", "yellow", "yellow", "yellow"]);
    const closed = await staff.disputes.close({
      townshipId,
      id: more.id,
      expectedVersion: more.version,
      closedAt: "2026-10-28T10:00:00+08:00",
      outcome: "failed",
    });
    expect(closed).toMatchObject({ outcome: "failed" });
    expect(closed.shortfalls ?? []).toEqual([]);

    const audit = await adminA.audit.township({ townshipId, limit: 100 });
    const step = audit.items.find((e) => e.action === "dispute.escalate" && e.entityId === up.id);
    expect(step?.reason).toBe("网格调处不成，上交村调委会");
  });

  it("refuses going down or staying, an attempt at another level, and a plain update of a mediated dispute's level", async () => {
    const tried = await attempts(await report(), 1);
    await expect(escalate(tried, { level: "blue" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "「上交层级」应高于纠纷当前层级（蓝色）",
    });
    await expect(
      staff.disputes.addAttempt({
        townshipId,
        id: tried.id,
        expectedVersion: tried.version,
        at: "2026-10-09T10:00:00+08:00",
        level: "yellow",
        mediator: "村调委会",
        result: "partial",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("「调解层级」") });
    await expect(
      staff.disputes.update({ townshipId, id: tried.id, expectedVersion: tried.version, level: "red" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("「调解层级」") });
    // Without attempts the level is still a plain correction.
    const fresh = await report();
    const corrected = await staff.disputes.update({
      townshipId,
      id: fresh.id,
      expectedVersion: fresh.version,
      level: "yellow",
    });
    expect(corrected.level).toBe("yellow");
    expect(corrected.escalations ?? []).toEqual([]);
  });

  it("asks to confirm a 三三调处 shortfall, then keeps it for the county's breakdown of the month", async () => {
    const tried = await attempts(await report({ category: "宅基地纠纷" }), 1);
    await expect(escalate(tried)).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message:
        "三三调处：「调解层级」蓝色层级仅调解 1 次，少于每级至少 3 次的要求；如确需上交，请确认并填写原因",
    });
    await expect(escalate(tried, { confirmShortfall: true })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "请填写「调解次数不足的原因」",
    });
    const stored = await staff.disputes.get({ townshipId, id: tried.id });
    expect(stored).toMatchObject({ level: "blue", version: tried.version });

    const up = await escalate(tried, { confirmShortfall: true, shortfallReason: "当事人拒绝再次调解" });
    expect(up.level).toBe("yellow");
    expect(up.shortfalls).toEqual([
      expect.objectContaining({
        step: "escalate",
        level: "blue",
        attempts: 1,
        minAttempts: 3,
        reason: "当事人拒绝再次调解",
      }),
    ]);

    // Closing as failed at yellow with no attempt there: the same check; resolved needs none.
    const closeAs = (d: Dispute, outcome: "failed" | "resolved", extra: Record<string, unknown> = {}) =>
      staff.disputes.close({
        townshipId,
        id: d.id,
        expectedVersion: d.version,
        closedAt: "2026-10-25T10:00:00+08:00",
        outcome,
        ...extra,
      });
    await expect(closeAs(up, "failed")).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("黄色层级仅调解 0 次"),
    });
    const closed = await closeAs(up, "failed", { confirmShortfall: true, shortfallReason: "转诉讼" });
    expect(closed.shortfalls?.map((s) => [s.step, s.level, s.attempts])).toEqual([
      ["escalate", "blue", 1],
      ["close", "yellow", 0],
    ]);
    const resolved = await closeAs(await attempts(await report(), 1), "resolved");
    expect(resolved.shortfalls ?? []).toEqual([]);

    // The county sees both confirmed shortfalls of October with their dispute; September has none.
    const october = await reviewerA.organisation.breakdown({ townshipId, month: "2026-10" });
    const mine = october.threeThreeShortfalls.records.filter((r) => r.disputeId === up.id);
    expect(mine.map((r) => [r.step, r.category, r.reason])).toEqual([
      ["escalate", "宅基地纠纷", "当事人拒绝再次调解"],
      ["close", "宅基地纠纷", "转诉讼"],
    ]);
    expect(october.threeThreeShortfalls.count).toBe(october.threeThreeShortfalls.records.length);
    const september = await reviewerA.organisation.breakdown({ townshipId, month: "2026-09" });
    expect(september.threeThreeShortfalls.count).toBe(0);
  });

  it("follows the county scheme's minimum attempts, and its deadlines in the breakdown's overdue counts", async () => {
    const overdue = async () =>
      (await reviewerA.organisation.breakdown({ townshipId, month: "2026-10" })).byVillage.reduce(
        (n, v) => n + v.overdueDisputes,
        0,
      );
    // Blue disputes reported on 10-02 and open at the month's end: past the default 7 days.
    expect(await overdue()).toBeGreaterThan(0);
    const model = await countyAdminA.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
    await countyAdminA.schemes.save({
      year: 2026,
      expectedVersion: model.version,
      scheme: { ...model.scheme, minAttempts: 1, deadlines: { blue: 40, yellow: 40, red: 40 } },
    });
    expect(await overdue()).toBe(0);
    const up = await escalate(await attempts(await report(), 1));
    expect(up.level).toBe("yellow");
    expect(up.shortfalls ?? []).toEqual([]);
  });

  it("another township cannot escalate the dispute, nor see it", async () => {
    const d = await report();
    await expect(
      staffB.disputes.escalate({
        townshipId,
        id: d.id,
        expectedVersion: d.version,
        at: "2026-10-20T10:00:00+08:00",
        level: "yellow",
        reason: "越权",
        confirmShortfall: true,
        shortfallReason: "越权",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      staffB.disputes.escalate({
        townshipId: tenants.B.townshipId,
        id: d.id,
        expectedVersion: d.version,
        at: "2026-10-20T10:00:00+08:00",
        level: "yellow",
        reason: "越权",
        confirmShortfall: true,
        shortfallReason: "越权",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stored = await staff.disputes.get({ townshipId, id: d.id });
    expect(stored).toMatchObject({ level: "blue", version: d.version });
  });
});
