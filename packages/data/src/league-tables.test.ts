import { describe, expect, it } from "vitest";
import { latestPublished } from "./league-tables";
import { createTestDb } from "./testing/test-db";

const stamp = {
  version: 1,
  createdAt: "2026-11-02T00:00:00Z",
  createdBy: "t",
  updatedAt: "2026-11-02T00:00:00Z",
  updatedBy: "t",
};
const table = (tableVersion: number) => ({
  countyId: "county-1",
  period: "2026-10",
  tableVersion,
  schemeId: "s",
  schemeVersion: 1,
  body: { rows: [] },
  ...stamp,
});

describe("the newest published version", () => {
  it("is read from each database's own table, even for the same county and period", async () => {
    const [a, b] = await Promise.all([createTestDb("latest-a"), createTestDb("latest-b")]);
    await a.entities.leagueTable.create(table(1)).go();
    await b.entities.leagueTable.create(table(1)).go();
    await b.entities.leagueTable.create(table(2)).go();
    expect((await latestPublished(a, "county-1", "2026-10"))?.tableVersion).toBe(1);
    expect((await latestPublished(b, "county-1", "2026-10"))?.tableVersion).toBe(2);
    // A correction published later is what the next read finds.
    await a.entities.leagueTable.create(table(2)).go();
    expect((await latestPublished(a, "county-1", "2026-10"))?.tableVersion).toBe(2);
    expect(await latestPublished(a, "county-1", "2026-09")).toBeUndefined();
  });
});
