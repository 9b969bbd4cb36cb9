import { describe, expect, it } from "vitest";
import { capacityTally, isDatabaseUnavailable } from "./client";
import { getItem } from "./read";
import { createTestDb } from "./testing/test-db";
import { stampNew, tx, writeTransaction } from "./write";

const db = await createTestDb("client");
const wctx = { actor: { id: "t", role: "platform_admin" }, now: new Date("2026-11-20T00:00:00Z") };

describe("consumed capacity", () => {
  it("is summed over the calls of a unit of work, transactions and queries included", async () => {
    const tally = { units: 0 };
    await capacityTally.run(tally, async () => {
      await writeTransaction(db, [
        tx.create(db, "county", stampNew(wctx, { id: "cap-1", name: "容量县", code: "150101" })),
      ]);
      expect(await getItem(db, "county", { id: "cap-1" })).toBeDefined();
      await db.entities.county.query.all({}).go({ pages: "all" });
    });
    // One transactional put (2 WCU per KB), one consistent read (1 RCU), one query (≥ 0.5 RCU).
    expect(tally.units).toBeGreaterThanOrEqual(3);
  });

  it("is kept apart for concurrent units of work", async () => {
    const [a, b] = [{ units: 0 }, { units: 0 }];
    await Promise.all([
      capacityTally.run(a, () => getItem(db, "county", { id: "cap-1" })),
      capacityTally.run(b, async () => {
        await getItem(db, "county", { id: "cap-1" });
        await getItem(db, "county", { id: "cap-1" });
      }),
    ]);
    expect(b.units).toBe(2 * a.units);
  });
});

describe("isDatabaseUnavailable", () => {
  it("tells a hung, refused or throttled database from other failures, through wrappers", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { name: "TimeoutError" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: { code: "ECONNREFUSED" } }))).toBe(true);
    expect(
      isDatabaseUnavailable({
        name: "ProvisionedThroughputExceededException",
        $metadata: { httpStatusCode: 400 },
      }),
    ).toBe(true);
    expect(isDatabaseUnavailable({ name: "ValidationException", $metadata: { httpStatusCode: 400 } })).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError("undefined is not a function"))).toBe(false);
  });
});
