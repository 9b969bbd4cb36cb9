import { QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import {
  kindLastWrite,
  kindToken,
  liveVersionItems,
  readLiveSummaries,
  readLiveVersions,
} from "./live-versions";
import { createTestDb } from "./testing/test-db";
import { createRecord, stampNew, tx, updateRecord, type WriteContext, writeTransaction } from "./write";

const db = await createTestDb("live-versions");
const ctx: WriteContext = {
  actor: { id: "seed", role: "platform_admin" },
  now: new Date("2026-11-20T00:00:00Z"),
};
const countyId = "c-live";
await writeTransaction(db, [
  tx.create(db, "county", stampNew(ctx, { id: countyId, name: "测试县", code: "130102" })),
  ...["la", "lb"].map((id, i) =>
    tx.create(
      db,
      "township",
      stampNew(ctx, {
        id,
        countyId,
        name: `${id}镇`,
        code: `13010200${i + 1}`,
        population: 10000,
        villages: 5,
        grids: 10,
        status: "active" as const,
      }),
    ),
  ),
]);

const counter = async (month: string, townshipId: string) =>
  (await readLiveVersions(db, ["la", "lb"], "2026-01", "2026-12")).months.get(`LV#${month}#${townshipId}`)
    ?.v ?? 0;

describe("live-table versions", () => {
  it("are bumped in each record write's transaction, and concurrent writes to one township-month all land", async () => {
    const n = 30;
    const ids = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const id = `ev-${i}`;
        await createRecord(db, ctx, {
          entity: "event",
          item: {
            townshipId: "la",
            id,
            kind: "grid_patrol",
            occurredAt: "2026-10-10T01:00:00.000Z",
            count: 1,
          },
          key: (x) => ({ townshipId: x.townshipId, id: x.id }),
          entityId: id,
          scope: "T#la",
          requestId: `live-request-${i}`,
        });
        return id;
      }),
    );
    const { data } = await db.entities.event.query.byId({ townshipId: "la" }).go({ pages: "all" });
    expect(data.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(await counter("2026-10", "la")).toBe(n);
    // Another township's counter, and another month's, are untouched.
    expect(await counter("2026-10", "lb")).toBe(0);
    expect(await counter("2026-09", "la")).toBe(0);
  }, 30_000);

  it("count the months a record leaves as well as those it enters, and the key-person register", async () => {
    const { item } = await createRecord(db, ctx, {
      entity: "dispute",
      item: {
        townshipId: "lb",
        id: "d-1",
        level: "blue",
        category: "c",
        partiesBrief: "p",
        reportedAt: "2026-08-30T00:00:00.000Z",
        attempts: [],
        closedAt: "2026-09-02T00:00:00.000Z",
        outcome: "resolved",
      },
      key: (x) => ({ townshipId: x.townshipId, id: x.id }),
      entityId: "d-1",
      scope: "T#lb",
    });
    expect([await counter("2026-08", "lb"), await counter("2026-09", "lb")]).toEqual([1, 1]);
    await updateRecord(db, ctx, {
      entity: "dispute",
      key: { townshipId: "lb", id: "d-1" },
      entityId: "d-1",
      scope: "T#lb",
      expectedVersion: item.version,
      action: "dispute.close",
      change: (d) => ({ ...d, closedAt: "2026-10-03T00:00:00.000Z" }),
    });
    // September (the month it left) and October (the month it entered) both moved, August too.
    expect([
      await counter("2026-08", "lb"),
      await counter("2026-09", "lb"),
      await counter("2026-10", "lb"),
    ]).toEqual([2, 2, 1]);

    await createRecord(db, ctx, {
      entity: "keyPerson",
      item: {
        townshipId: "lb",
        id: "k-1",
        alias: "某",
        category: "mental_health",
        registeredAt: "2026-01-05T00:00:00.000Z",
      },
      key: (x) => ({ townshipId: x.townshipId, id: x.id }),
      entityId: "k-1",
      scope: "T#lb",
    });
    const versions = await readLiveVersions(db, ["la", "lb"], "2026-01", "2026-12");
    expect(versions.register.get("lb")?.v).toBe(1);
    expect(versions.register.get("la")).toBeUndefined();
    // Each township's counters are in its own partition: a township's credentials write nothing of its county's.
    const own = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :lv)",
        ExpressionAttributeValues: { ":pk": "T#lb", ":lv": "LV" },
      }),
    );
    expect(own.Items?.map((i) => i.sk).sort()).toContain("LVK");
    const county = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :lv)",
        ExpressionAttributeValues: { ":pk": `C#${countyId}`, ":lv": "LV" },
      }),
    );
    expect(county.Items).toEqual([]);
  }, 30_000);

  it("count each kind of record on its own, and writes of no stated kind against every kind", async () => {
    const read = async () => readLiveVersions(db, ["la", "lb"], "2026-01", "2026-12");
    const write = async (entity: "event" | "keyPerson", id: string, item: Record<string, unknown>) =>
      createRecord(db, ctx, {
        entity,
        item: { townshipId: "la", id, ...item } as never,
        key: (x: { townshipId: string; id: string }) => ({ townshipId: x.townshipId, id: x.id }),
        entityId: id,
        scope: "T#la",
      });
    const summary = async () => (await readLiveSummaries(db, ["la", "lb"])).get("la") ?? 0;
    const before = await summary();
    await write("event", "ev-kinds", {
      kind: "grid_patrol",
      occurredAt: "2026-03-10T01:00:00.000Z",
      count: 1,
    });
    await write("keyPerson", "k-kinds", {
      alias: "某",
      category: "mental_health",
      registeredAt: "2026-01-05T00:00:00.000Z",
    });
    // The township's summary moved once a transaction.
    expect(await summary()).toBe(before + 2);
    let versions = await read();
    const march = versions.months.get("LV#2026-03#la");
    // An event is counted as an event, nothing else; a key person on the register, as a key person.
    expect([march?.v, march?.kinds.event?.n, march?.untyped]).toEqual([1, 1, 0]);
    expect(kindToken(march, "event")).toBe("1.0");
    expect(kindToken(march, "dispute")).toBe("0.0");
    expect(kindLastWrite(march, "dispute")).toBe(0);
    expect(kindLastWrite(march, "event")).toBe(march?.at);
    expect(versions.register.get("la")?.kinds).toEqual({ keyPerson: { n: 1, at: expect.any(Number) } });

    // Two kinds in one transaction move `v` by two; a change of no stated kind (a coarse fallback, or a
    // writer from before kinds were counted) moves `v` only, so every kind's token moves with it.
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: liveVersionItems(db, [
          { townshipId: "la", months: ["2026-03"], register: false, kind: "visit" },
          { townshipId: "la", months: ["2026-03"], register: false, kind: "submission" },
        ]),
      }),
    );
    versions = await read();
    const both = versions.months.get("LV#2026-03#la");
    expect([both?.v, both?.kinds.visit?.n, both?.kinds.submission?.n, both?.untyped]).toEqual([3, 1, 1, 0]);
    expect(kindToken(both, "event")).toBe("1.0");
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: liveVersionItems(db, [{ townshipId: "la", months: ["2026-03"], register: false }]),
      }),
    );
    versions = await read();
    expect(await summary()).toBe(before + 4);
    const untyped = versions.months.get("LV#2026-03#la");
    expect([untyped?.v, untyped?.untyped]).toEqual([4, 1]);
    expect(kindToken(untyped, "event")).toBe("1.1");
    expect(kindToken(untyped, "dispute")).toBe("0.1");
    // Its time is only known as the counter's own: every kind may have changed then.
    expect(kindLastWrite(untyped, "dispute")).toBe(untyped?.at);

    // The summary rides on the register's item: a township's register-only fallback (an import chunk of
    // 99 records) still needs one counter item, and a month write one more than its months.
    const sks = (changes: Parameters<typeof liveVersionItems>[1]) =>
      liveVersionItems(db, changes).map((u) => u.Update.Key.sk);
    expect(sks([{ townshipId: "la", months: [], register: true, kind: "event" }])).toEqual(["LVK"]);
    expect(sks([{ townshipId: "la", months: ["2026-03"], register: false, kind: "event" }])).toEqual([
      "LV#2026-03",
      "LVK",
    ]);
  }, 30_000);
});
