import { describe, expect, it } from "vitest";
import { loadScoringData } from "./scoring-data";
import { createTestDb } from "./testing/test-db";
import { createRecord, stampNew, tx, type WriteContext, writeTransaction } from "./write";

const db = await createTestDb("scoring-levels");
const ctx: WriteContext = {
  actor: { id: "seed", role: "platform_admin" },
  now: new Date("2026-11-20T00:00:00Z"),
};
const countyId = "c-levels";

await writeTransaction(db, [
  tx.create(db, "county", stampNew(ctx, { id: countyId, name: "层级县", code: "130102" })),
  tx.create(
    db,
    "township",
    stampNew(ctx, {
      id: "tl",
      countyId,
      name: "层级镇",
      code: "130102001",
      population: 10000,
      villages: 5,
      grids: 10,
      status: "active",
    }),
  ),
]);

const attempt = (id: string, at: string, level: "blue" | "yellow" | "red") => ({
  id,
  at,
  level,
  mediator: "调解员",
  result: "failed" as const,
  recordedBy: "seed",
});

async function dispute(id: string, attempts: ReturnType<typeof attempt>[]) {
  await createRecord(db, ctx, {
    entity: "dispute",
    item: {
      id,
      townshipId: "tl",
      level: "red",
      category: "邻里纠纷",
      partiesBrief: "甲乙",
      reportedAt: "2026-10-01T00:00:00.000Z",
      attempts,
      closedAt: "2026-10-20T00:00:00.000Z",
      outcome: "escalated",
    } as never,
    key: () => ({}) as never,
    entityId: id,
    scope: "T#tl",
  });
}

// Stored out of time order (an attempt recorded late), and one pair at the same instant.
await dispute("d-climb", [
  attempt("a1", "2026-10-02T00:00:00.000Z", "blue"),
  attempt("a3", "2026-10-09T00:00:00.000Z", "yellow"),
  attempt("a2", "2026-10-05T00:00:00.000Z", "blue"),
  attempt("a4", "2026-10-09T00:00:00.000Z", "red"),
]);
await dispute("d-none", []);

describe("stored disputes carry their attempts' levels to the engine (scoring.md §10.2)", () => {
  it("gives attemptLevels in the order the attempts were made, equal times in recorded order", async () => {
    const data = await loadScoringData(db, countyId, "2026-10");
    const climb = data.disputes?.find((d) => d.id === "d-climb");
    expect(climb?.attempts).toBe(4);
    expect(climb?.attemptLevels).toEqual(["blue", "blue", "yellow", "red"]);
  });

  it("leaves attemptLevels out for a dispute never mediated", async () => {
    const data = await loadScoringData(db, countyId, "2026-10");
    const none = data.disputes?.find((d) => d.id === "d-none");
    expect(none?.attempts).toBe(0);
    expect(none).not.toHaveProperty("attemptLevels");
  });
});
