import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

const services = await createTestServices("disputes");
const { tenants, tokens } = await seedTwoTenants(services);
const townshipId = tenants.A.townshipId;
const staff = callerWith(services, tokens.A.township_staff);
const admin = callerWith(services, tokens.A.township_admin);

let serial = 0;
const report = (overrides: Record<string, unknown> = {}) =>
  staff.disputes.create({
    townshipId,
    requestId: `req-disputes-${++serial}`,
    level: "blue",
    category: "邻里纠纷",
    partiesBrief: "张某与李某",
    reportedAt: "2026-11-02T09:00:00+08:00",
    ...overrides,
  });

describe("disputes", () => {
  it("records mediation attempts and closes with an outcome, versioning each change", async () => {
    const d = await report();
    const tried = await staff.disputes.addAttempt({
      townshipId,
      id: d.id,
      expectedVersion: d.version,
      at: "2026-11-03T10:00:00+08:00",
      level: "blue",
      mediator: "网格员甲",
      result: "partial",
    });
    expect(tried.attempts).toHaveLength(1);
    expect(tried.attempts[0]).toMatchObject({ mediator: "网格员甲", at: "2026-11-03T02:00:00.000Z" });
    const closed = await staff.disputes.close({
      townshipId,
      id: d.id,
      expectedVersion: tried.version,
      closedAt: "2026-11-05T10:00:00+08:00",
      outcome: "resolved",
    });
    expect(closed).toMatchObject({ version: 3, outcome: "resolved", closedAt: "2026-11-05T02:00:00.000Z" });
    await expect(
      staff.disputes.addAttempt({
        townshipId,
        id: d.id,
        expectedVersion: closed.version,
        at: "2026-11-06T10:00:00+08:00",
        level: "blue",
        mediator: "网格员甲",
        result: "success",
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("refuses to close a dispute before it was reported", async () => {
    const d = await report();
    await expect(
      staff.disputes.close({
        townshipId,
        id: d.id,
        expectedVersion: d.version,
        closedAt: "2026-11-01T09:00:00+08:00",
        outcome: "failed",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets exactly one of two parallel edits win; the other gets CONFLICT and nothing is lost", async () => {
    const d = await report();
    const [a, b] = await Promise.allSettled([
      staff.disputes.update({ townshipId, id: d.id, expectedVersion: d.version, category: "土地纠纷" }),
      admin.disputes.update({ townshipId, id: d.id, expectedVersion: d.version, partiesBrief: "王某与赵某" }),
    ]);
    const outcomes = [a, b].map((o) => o?.status);
    expect(outcomes.sort()).toEqual(["fulfilled", "rejected"]);
    const loser = [a, b].find((o) => o?.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: "CONFLICT", message: "数据已被他人修改，请刷新后重试" });
    const stored = await staff.disputes.get({ townshipId, id: d.id });
    expect(stored.version).toBe(2);
    expect(stored.category === "土地纠纷" || stored.partiesBrief === "王某与赵某").toBe(true);
  });

  it("returns the original dispute when a create is retried with the same request id", async () => {
    const input = {
      townshipId,
      requestId: "req-retried-create",
      level: "red" as const,
      category: "土地纠纷",
      partiesBrief: "两村",
      reportedAt: "2026-11-04T09:00:00+08:00",
    };
    const results = await Promise.all([
      staff.disputes.create(input),
      staff.disputes.create(input),
      staff.disputes.create(input),
    ]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const later = await staff.disputes.create(input);
    expect(later.id).toBe(results[0]?.id);
    const { items } = await staff.disputes.list({ townshipId, level: "red", limit: 100 });
    expect(items.filter((i) => i.partiesBrief === "两村")).toHaveLength(1);
  });

  it("lists by time range and status, pages with a cursor, and hides soft-deleted ones", async () => {
    const ids: string[] = [];
    for (let day = 10; day < 15; day++) {
      ids.push((await report({ reportedAt: `2026-09-${day}T09:00:00+08:00`, level: "yellow" })).id);
    }
    const first = await staff.disputes.list({
      townshipId,
      level: "yellow",
      from: "2026-09-01T00:00:00+08:00",
      to: "2026-10-01T00:00:00+08:00",
      limit: 3,
    });
    expect(first.items.map((i) => i.id)).toEqual([ids[4], ids[3], ids[2]]);
    const second = await staff.disputes.list({
      townshipId,
      level: "yellow",
      from: "2026-09-01T00:00:00+08:00",
      to: "2026-10-01T00:00:00+08:00",
      limit: 3,
      cursor: first.cursor,
    });
    expect(second.items.map((i) => i.id)).toEqual([ids[1], ids[0]]);
    const gone = await staff.disputes.get({ townshipId, id: ids[0] as string });
    await staff.disputes.remove({
      townshipId,
      id: gone.id,
      expectedVersion: gone.version,
      reason: "重复录入",
    });
    const after = await staff.disputes.list({ townshipId, level: "yellow", limit: 100 });
    expect(after.items.map((i) => i.id)).not.toContain(ids[0]);
    await expect(staff.disputes.get({ townshipId, id: ids[0] as string })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const open = await staff.disputes.list({ townshipId, status: "closed", limit: 100 });
    expect(open.items.every((i) => i.closedAt)).toBe(true);
  });
});
