import { gzipSync } from "node:zlib";
import { type Data, emptyData } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import {
  gzipInputs,
  INPUT_CHUNK_BYTES,
  readInputChunks,
  splitChunks,
  writeInputChunks,
} from "./league-input-chunks";
import { publishedInputs } from "./league-tables";
import { checkItems, type ItemOf } from "./read";
import { createTestDb } from "./testing/test-db";

const db = await createTestDb("input-chunks");
const wctx = { actor: { id: "system", role: "system" }, now: new Date("2027-01-02T02:00:00.000Z") };

/** Months of a year and the year before it (what a year table is scored from, rank change included). */
const months = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

/**
 * A county of `townships` townships with `perMonth` records a township a month over `monthList`: disputes,
 * petitions, incidents, visits to a key-person register and routine events, with ids as long as the API's.
 */
function generatedCounty(townships: number, perMonth: number, monthList: string[]): Data {
  const id = (kind: string, t: number, n: number) =>
    `${kind}-${String(t).padStart(3, "0")}-${String(n).padStart(7, "0")}-0000-000000000000`;
  const at = (month: string, n: number) =>
    `${month}-${String(1 + (n % 28)).padStart(2, "0")}T${String(n % 24).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}:00.000Z`;
  const data = emptyData({ id: "big-county", name: "大县" });
  for (let t = 0; t < townships; t++) {
    const townshipId = id("t", t, 0);
    data.townships.push({
      id: townshipId,
      name: `第${t}镇`,
      code: `3301020${String(t).padStart(2, "0")}`,
      population: 30_000,
    });
    for (let k = 0; k < 100; k++)
      data.keyPersons.push({
        id: id("kp", t, k),
        townshipId,
        category: "mental_health",
        registeredAt: "2020-01-01T00:00:00.000Z",
      });
    let n = 0;
    for (const month of monthList) {
      for (let r = 0; r < perMonth; r++, n++) {
        const when = at(month, n);
        const kind = r % 10;
        if (kind < 3)
          data.disputes.push({
            id: id("d", t, n),
            townshipId,
            level: (["blue", "yellow", "red"] as const)[n % 3] as "blue",
            reportedAt: when,
            attempts: 2,
            closedAt: when,
            outcome: "resolved",
            attemptLevels: ["blue", "yellow"],
          });
        else if (kind < 4)
          data.petitions.push({
            id: id("p", t, n),
            townshipId,
            receivedAt: when,
            firstHandledAt: when,
            closedAt: when,
            settled: true,
          });
        else if (kind < 5 && r % 20 === 4)
          data.incidents.push({
            id: id("i", t, n),
            townshipId,
            occurredAt: when,
            kind: "public_order",
            severity: "ordinary",
          });
        else if (kind < 8)
          data.visits.push({ id: id("v", t, n), townshipId, keyPersonId: id("kp", t, n % 100), at: when });
        else
          data.events.push({
            id: id("e", t, n),
            townshipId,
            kind: "monthly_meeting",
            occurredAt: when,
            count: 1,
          });
      }
    }
  }
  return data;
}

describe("published inputs in chunks", () => {
  it("splits bytes into pieces of at most the chunk size and joins them back in order", () => {
    const bytes = Buffer.from(Array.from({ length: 10_001 }, (_, i) => i % 251));
    const pieces = splitChunks(bytes, 1000);
    expect(pieces.map((p) => p.length)).toEqual([...Array(10).fill(1000), 1]);
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
    expect(splitChunks(Buffer.alloc(0))).toHaveLength(1);
  });

  it("stores and reads back a year of a county of 40 townships × 500 records a month, every chunk under an item's limit", async () => {
    const data = generatedCounty(40, 500, [...months(2025), ...months(2026)]);
    const records =
      (data.disputes?.length ?? 0) +
      (data.petitions?.length ?? 0) +
      (data.incidents?.length ?? 0) +
      (data.visits?.length ?? 0) +
      (data.events?.length ?? 0);
    expect(records).toBe(40 * 500 * 24);
    const gz = gzipInputs(data);
    const chunks = await writeInputChunks(db, wctx, "big-county", gz);
    expect(chunks.length).toBe(Math.ceil(gz.length / INPUT_CHUNK_BYTES));
    expect(chunks.length).toBeGreaterThan(1);

    // Each chunk is one item under DynamoDB's 400 KB (attribute names and values counted).
    const { data: items } = await db.entities.leagueInputChunk.query
      .byDigest({ countyId: "big-county" })
      .go({ pages: "all" });
    const stored = checkItems(db, "leagueInputChunk", items);
    expect(stored).toHaveLength(chunks.length);
    for (const item of stored) expect(Buffer.byteLength(JSON.stringify(item)) + 200).toBeLessThan(400 * 1024);

    // Read back through a published table that lists the chunks, as the API reads a version.
    const table = {
      countyId: "big-county",
      period: "2026",
      tableVersion: 1,
      schemeId: "big-county-2026",
      schemeVersion: 1,
      body: { rows: [] },
      inputs: {
        digest: "d",
        asOf: wctx.now.getTime(),
        schemeId: "big-county-2026",
        schemeVersion: 1,
        chunks,
      },
      version: 1,
      createdAt: wctx.now.toISOString(),
      createdBy: "system",
      updatedAt: wctx.now.toISOString(),
      updatedBy: "system",
    } as ItemOf<"leagueTable">;
    const read = await publishedInputs(db, table);
    expect(read.data?.townships).toHaveLength(40);
    expect(JSON.stringify(read.data)).toBe(JSON.stringify(data));

    // Writing the same inputs again (a retried publish) writes nothing new and answers the same digests.
    expect(await writeInputChunks(db, wctx, "big-county", gz)).toEqual(chunks);
    const again = await db.entities.leagueInputChunk.query
      .byDigest({ countyId: "big-county" })
      .go({ pages: "all" });
    expect(again.data).toHaveLength(chunks.length);
  }, 180_000);

  it("reads a county's chunks only under that county, and refuses a chunk whose bytes do not match", async () => {
    const gz = gzipSync(JSON.stringify({ hello: "县" }));
    const [digest] = await writeInputChunks(db, wctx, "county-a", gz);
    expect((await readInputChunks(db, "county-a", [digest as string])).equals(gz)).toBe(true);
    await expect(readInputChunks(db, "county-b", [digest as string])).rejects.toThrow(/missing/);
    await db.entities.leagueInputChunk
      .put({
        countyId: "county-a",
        digest: digest as string,
        bytes: Buffer.from("other").toString("base64"),
        version: 1,
        createdAt: "x",
        createdBy: "x",
        updatedAt: "x",
        updatedBy: "x",
      })
      .go();
    await expect(readInputChunks(db, "county-a", [digest as string])).rejects.toThrow(/does not match/);
  });

  it("still reads a version stored the old way (its inputs whole in the leagueInputs item)", async () => {
    const data = generatedCounty(2, 5, ["2026-09", "2026-10"]);
    const stamp = { version: 1, createdAt: "x", createdBy: "x", updatedAt: "x", updatedBy: "x" };
    await db.entities.leagueInputs
      .create({
        countyId: "old-county",
        period: "2026-10",
        tableVersion: 1,
        digest: "d",
        dataGzip: gzipInputs(data).toString("base64"),
        ...stamp,
      })
      .go();
    const table = {
      countyId: "old-county",
      period: "2026-10",
      tableVersion: 1,
      schemeId: "s",
      schemeVersion: 1,
      body: { rows: [] },
      inputs: { digest: "d", asOf: 1, schemeId: "s", schemeVersion: 1 },
      ...stamp,
    } as ItemOf<"leagueTable">;
    expect((await publishedInputs(db, table)).data).toEqual(data);
  });
});
