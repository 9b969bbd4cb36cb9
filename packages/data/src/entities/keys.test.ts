import { describe, expect, it } from "vitest";
import { createTestDb } from "../testing/test-db";

const db = await createTestDb("keys");

describe("entity keys", () => {
  it("puts township-owned records under the township's partition", async () => {
    const params = db.entities.dispute
      .create({
        townshipId: "t1",
        id: "d1",
        level: "blue",
        category: "邻里",
        partiesBrief: "甲乙",
        reportedAt: "2026-10-05T01:00:00.000Z",
        attempts: [],
        version: 1,
        createdAt: "x",
        createdBy: "u",
        updatedAt: "x",
        updatedBy: "u",
      })
      .params();
    expect(params.Item.pk).toBe("T#t1");
    expect(params.Item.sk).toBe("DSP#d1");
    expect(params.Item.gsi1pk).toBe("T#t1#DSP");
    expect(params.Item.gsi1sk).toBe("2026-10-05T01:00:00.000Z#d1");
    expect(params.Item.gsi2sk).toBe("OPEN#d1");
  });

  it("answers a time range on the township's index without the other months", async () => {
    const base = {
      townshipId: "t2",
      level: "blue" as const,
      category: "c",
      partiesBrief: "p",
      attempts: [],
      version: 1,
      createdAt: "x",
      createdBy: "u",
      updatedAt: "x",
      updatedBy: "u",
    };
    await db.entities.dispute.create({ ...base, id: "a", reportedAt: "2026-09-30T15:59:59.999Z" }).go();
    await db.entities.dispute.create({ ...base, id: "b", reportedAt: "2026-09-30T16:00:00.000Z" }).go();
    await db.entities.dispute
      .create({
        ...base,
        id: "c",
        reportedAt: "2026-10-31T15:59:59.999Z",
        closedAt: "2026-11-01T00:00:00.000Z",
        outcome: "resolved",
      })
      .go();
    await db.entities.dispute.create({ ...base, id: "d", reportedAt: "2026-10-31T16:00:00.000Z" }).go();
    const { data } = await db.entities.dispute.query
      .byReported({ townshipId: "t2" })
      .between({ reportedAt: "2026-09-30T16:00:00.000Z" }, { reportedAt: "2026-10-31T16:00:00.000Z" })
      .go({ pages: "all" });
    expect(data.map((d) => d.id)).toEqual(["b", "c"]);
    const closed = await db.entities.dispute.query
      .byClosed({ townshipId: "t2" })
      .lt({ closedKey: "OPEN" })
      .go();
    expect(closed.data.map((d) => d.id)).toEqual(["c"]);
    const params = db.entities.county.query.all({}).params();
    expect(params).toMatchObject({ IndexName: "gsi1" });
  });
});
