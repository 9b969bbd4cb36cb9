import { describe, expect, it } from "vitest";
import { DataError } from "./errors";
import { getItem } from "./read";
import { createTestDb } from "./testing/test-db";
import { createRecord, tx, updateRecord, type WriteContext, writeTransaction } from "./write";

const db = await createTestDb("write");
const ctx: WriteContext = {
  actor: { id: "u-staff", role: "township_staff" },
  now: new Date("2026-10-05T02:00:00Z"),
};

function newDispute(id: string, requestId?: string) {
  return createRecord(db, ctx, {
    entity: "dispute",
    item: {
      townshipId: "t-write",
      id,
      level: "blue",
      category: "邻里纠纷",
      partiesBrief: "张某与李某",
      reportedAt: "2026-10-05T01:00:00.000Z",
      attempts: [],
    },
    key: (d) => ({ townshipId: d.townshipId, id: d.id }),
    entityId: id,
    scope: "T#t-write",
    requestId,
  });
}

async function auditTrail() {
  const { data } = await db.entities.audit.query.byScope({ scope: "T#t-write" }).go({ pages: "all" });
  return data;
}

describe("write helpers", () => {
  it("writes a created record together with its audit entry", async () => {
    const { item, replayed } = await newDispute("d-audit");
    expect(replayed).toBe(false);
    expect(item.version).toBe(1);
    const trail = await auditTrail();
    expect(trail.find((a) => a.entityId === "d-audit")).toMatchObject({
      action: "dispute.create",
      actorId: "u-staff",
    });
  });

  it("returns the original record when a create is retried with the same request id", async () => {
    const first = await newDispute("d-first", "req-1");
    const retried = await newDispute("d-second", "req-1");
    expect(retried.replayed).toBe(true);
    expect(retried.item.id).toBe(first.item.id);
    expect(await getItem(db, "dispute", { townshipId: "t-write", id: "d-second" })).toBeUndefined();
  });

  it("makes no duplicate when the same request races itself", async () => {
    const results = await Promise.all([1, 2, 3, 4].map((n) => newDispute(`d-race-${n}`, "req-race")));
    const ids = new Set(results.map((r) => r.item.id));
    expect(ids.size).toBe(1);
    const { data } = await db.entities.dispute.query.byId({ townshipId: "t-write" }).go({ pages: "all" });
    expect(data.filter((d) => d.id.startsWith("d-race-"))).toHaveLength(1);
  });

  it("lets exactly one of two parallel edits of the same version win; the other gets CONFLICT", async () => {
    await newDispute("d-edit");
    const edit = (category: string) =>
      updateRecord(db, ctx, {
        entity: "dispute",
        key: { townshipId: "t-write", id: "d-edit" },
        entityId: "d-edit",
        scope: "T#t-write",
        expectedVersion: 1,
        action: "dispute.update",
        change: (d) => ({ ...d, category }),
      });
    const outcomes = await Promise.allSettled([edit("甲"), edit("乙")]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o) => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reason = (lost[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(DataError);
    expect(reason).toMatchObject({ code: "CONFLICT", messageZh: "数据已被他人修改，请刷新后重试" });
    const stored = await getItem(db, "dispute", { townshipId: "t-write", id: "d-edit" });
    expect(stored?.version).toBe(2);
    const update = (await auditTrail()).find((a) => a.entityId === "d-edit" && a.action === "dispute.update");
    expect(update?.before).toMatchObject({ version: 1 });
    expect(update?.after).toMatchObject({ version: 2, category: stored?.category });
  });

  it("refuses an edit based on an old version", async () => {
    await newDispute("d-stale");
    await expect(
      updateRecord(db, ctx, {
        entity: "dispute",
        key: { townshipId: "t-write", id: "d-stale" },
        entityId: "d-stale",
        scope: "T#t-write",
        expectedVersion: 7,
        action: "dispute.update",
        change: (d) => d,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("applies conditional updates and deletes built with ElectroDB in one transaction, or none of them", async () => {
    const login = "phone:13900000001";
    const sessionKey = { userId: "u-tx", id: "s-tx" };
    await writeTransaction(db, [
      tx.create(db, "loginClaim", { login, userId: "u-tx", createdAt: ctx.now.toISOString() }),
      tx.create(db, "session", {
        ...sessionKey,
        secretHash: "h1",
        expiresAt: 2_000_000_000,
        createdAt: ctx.now.toISOString(),
        version: 1,
      }),
    ]);
    const rotate = (from: number) =>
      tx.update(
        db.entities.session
          .patch(sessionKey)
          .set({ secretHash: `h${from + 1}`, version: from + 1 })
          .where((a, op) => op.eq(a.version, from)),
      );
    const release = (userId: string) =>
      tx.removeWhere(
        db.entities.loginClaim
          .delete({ login })
          .where((a, op) => `${op.notExists(a.login)} OR ${op.eq(a.userId, userId)}`),
        () => new DataError("NOT_FOUND", "not yours", "登录名不属于该账号"),
      );

    // Someone else's claim: the delete's condition fails, so the update is not applied either.
    await expect(writeTransaction(db, [rotate(1), release("u-other")])).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await getItem(db, "session", sessionKey)).toMatchObject({ version: 1, secretHash: "h1" });
    expect(await getItem(db, "loginClaim", { login })).toBeDefined();

    await writeTransaction(db, [rotate(1), release("u-tx")]);
    expect(await getItem(db, "session", sessionKey)).toMatchObject({ version: 2, secretHash: "h2" });
    expect(await getItem(db, "loginClaim", { login })).toBeUndefined();
    // A stale version is a conflict.
    await expect(writeTransaction(db, [rotate(1)])).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
