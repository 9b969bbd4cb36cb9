import { getItem } from "@pingan/data";
import { describe, expect, it } from "vitest";
import { anonymous, callerWith, createTestServices, seedTwoTenants, uniquePhone } from "../testing/harness";
import { provisionTownship } from "../testing/provisioning";

/**
 * scoring.md §11 through the API: a township is scored and ranked only from the first month it belongs
 * to the assessment (`memberFrom`, set when the county approves it), quarters average its member months
 * only, and a published period never gains a township, not even by a correction.
 */
const services = await createTestServices("member-months");
services.accessTokenTtlSeconds = 365 * 24 * 3600;
services.refreshTokenTtlSeconds = 365 * 24 * 3600;
services.setNow("2026-07-02T02:00:00Z");
const { tenants, tokens } = await seedTwoTenants(services);
const countyId = tenants.A.countyId;
const admin = callerWith(services, tokens.A.county_admin);
const staff = callerWith(services, tokens.A.township_staff);
await admin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
for (const m of ["04", "05", "06", "07", "08", "09"])
  await staff.events.create({
    townshipId: tenants.A.townshipId,
    requestId: `member-meeting-${m}`,
    kind: "monthly_meeting",
    occurredAt: `2026-${m}-10T09:00:00+08:00`,
  });

async function registerAndApprove(code: string, memberFrom?: string) {
  const { joinCode } = await admin.onboarding.rotateJoinCode();
  const phone = uniquePhone();
  const { townshipId } = await anonymous(services).onboarding.registerTownship({
    joinCode,
    township: { name: `新镇${code.slice(-2)}`, code, population: 18000, villages: 8, grids: 20 },
    admin: { name: "新镇管理员", phone, password: "Passw0rd!new" },
  });
  const pending = await admin.onboarding.listTownships({ status: "pending" });
  const version = pending.find((t) => t.id === townshipId)?.version ?? 0;
  return {
    townshipId,
    version,
    approve: (m = memberFrom) =>
      admin.onboarding.approveTownship({
        townshipId,
        expectedVersion: version,
        ...(m ? { memberFrom: m } : {}),
      }),
  };
}

const ids = (t: { table: { rows: { townshipId: string }[] } }) => t.table.rows.map((r) => r.townshipId);

describe("a township is scored only for the months it belongs", () => {
  let joinerId = "";

  it("joins from the month chosen on approval, never from a published month", async () => {
    services.setNow("2026-07-03T02:00:00Z");
    await admin.league.publish({ period: "2026-06" });
    const choices = await admin.onboarding.memberFromChoices();
    expect(choices).toEqual({
      joiningMonth: "2026-07",
      nextFullMonth: "2026-08",
      firstUnpublishedMonth: "2026-07",
    });

    const joiner = await registerAndApprove("110101031");
    // June is published: a township approved now cannot reach back into it.
    await expect(joiner.approve("2026-06")).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("参评起始月"),
    });
    const approved = await joiner.approve();
    expect(approved).toMatchObject({ status: "active", memberFrom: "2026-07" });
    joinerId = joiner.townshipId;
    const stored = await getItem(services.db, "township", { id: joinerId });
    expect(stored?.memberFrom).toBe("2026-07");
  });

  it("is absent from the months before it and its quarter averages its member months only", async () => {
    services.setNow("2026-10-08T02:00:00Z");
    const june = await admin.league.compute({ period: "2026-06" });
    expect(ids(june)).not.toContain(joinerId);
    expect(ids(june)).toHaveLength(2);
    const q2 = await admin.league.compute({ period: "2026-Q2" });
    expect(ids(q2)).not.toContain(joinerId);

    const months = await Promise.all(
      ["2026-07", "2026-08", "2026-09"].map((period) => admin.league.compute({ period })),
    );
    for (const m of months) expect(ids(m)).toContain(joinerId);
    const q3 = await admin.league.compute({ period: "2026-Q3" });
    const row = q3.table.rows.find((r) => r.townshipId === joinerId);
    const totals = months.map(
      (m) => m.table.rows.find((r) => r.townshipId === joinerId)?.total ?? Number.NaN,
    );
    expect(row?.total).toBeCloseTo(totals.reduce((a, b) => a + b, 0) / 3, 2);
    // Not in Q2's table: no rank change against it.
    expect(row?.rankChange).toBe(0);

    // The review queue of a month before it joined does not ask it for anything.
    const juneQueue = await admin.submissions.list({ month: "2026-06" });
    expect(juneQueue.map((r) => r.townshipId)).not.toContain(joinerId);
    expect((await admin.submissions.list({ month: "2026-07" })).map((r) => r.townshipId)).toContain(joinerId);
  });

  it("scores a township approved with the next full month from that month on, and the county may move it", async () => {
    services.setNow("2026-10-08T03:00:00Z");
    const next = await registerAndApprove("110101032");
    const approved = await next.approve("2026-11");
    expect(approved.memberFrom).toBe("2026-11");
    expect(ids(await admin.league.compute({ period: "2026-10" }))).not.toContain(next.townshipId);
    const moved = await admin.onboarding.setMemberFrom({
      townshipId: next.townshipId,
      expectedVersion: approved.version,
      memberFrom: "2026-10",
    });
    expect(moved.memberFrom).toBe("2026-10");
    expect(ids(await admin.league.compute({ period: "2026-10" }))).toContain(next.townshipId);
    // Not into a published month.
    await expect(
      admin.onboarding.setMemberFrom({
        townshipId: next.townshipId,
        expectedVersion: moved.version,
        memberFrom: "2026-06",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("已发布") });
    // Stale version: refused, nothing overwritten.
    await expect(
      admin.onboarding.setMemberFrom({
        townshipId: next.townshipId,
        expectedVersion: approved.version,
        memberFrom: "2026-12",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // A township of another county: forbidden.
    const other = callerWith(services, tokens.B.county_admin);
    await expect(
      other.onboarding.setMemberFrom({
        townshipId: next.townshipId,
        expectedVersion: moved.version,
        memberFrom: "2026-12",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("never gains a township in a correction, and refuses a correction identical to the version before", async () => {
    services.setNow("2026-10-08T04:00:00Z");
    // A township recorded without a first month (as before memberFrom existed) appears in live tables...
    const legacy = await provisionTownship(services, countyId, {
      name: "旧镇",
      code: "110101033",
      population: 12000,
      villages: 5,
      grids: 12,
    });
    expect(ids(await admin.league.compute({ period: "2026-06" }))).toContain(legacy.id);
    // ...but a correction of June re-scores June's own townships only.
    await staff.events.create({
      townshipId: tenants.A.townshipId,
      requestId: "member-late-06",
      kind: "grid_report_overdue",
      occurredAt: "2026-06-20T09:00:00+08:00",
    });
    const corrected = await admin.league.publish({ period: "2026-06", reason: "补录迟报扣分" });
    expect(corrected.version).toBe(2);
    expect(ids(corrected).sort()).toEqual([tenants.A.townshipId, tenants.A.siblingTownshipId].sort());

    // Nothing changed since version 2: a third version would say the same, so it is refused.
    await expect(admin.league.publish({ period: "2026-06", reason: "再次核对" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("与第2版完全相同"),
    });
    expect((await admin.league.published()).filter((p) => p.period === "2026-06")).toHaveLength(2);
  });
});
