import { computeLeagueTable, parseData, parseScheme } from "@pingan/domain";
import scheme2026 from "@pingan/domain/golden/scheme-2026.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { loadScoringData } from "./scoring-data";
import { createTestDb } from "./testing/test-db";
import { createRecord, stampNew, tx, type WriteContext, writeTransaction } from "./write";

const db = await createTestDb("scoring");
const ctx: WriteContext = {
  actor: { id: "seed", role: "platform_admin" },
  now: new Date("2026-11-20T00:00:00Z"),
};
const countyId = "c-score";

async function township(id: string, code: string, status: "active" | "pending" = "active") {
  await writeTransaction(db, [
    tx.create(
      db,
      "township",
      stampNew(ctx, {
        id,
        countyId,
        name: `${id}镇`,
        code,
        population: 10000,
        villages: 5,
        grids: 10,
        status,
      }),
    ),
  ]);
}

let serial = 0;
async function record<N extends "dispute" | "petition" | "incident" | "keyPerson" | "visit" | "event">(
  entity: N,
  fields: Record<string, unknown>,
): Promise<string> {
  const id = `${entity}-${++serial}`;
  await createRecord(db, ctx, {
    entity,
    item: { id, ...fields } as never,
    key: () => ({}) as never,
    entityId: id,
    scope: `T#${fields.townshipId}`,
  });
  return id;
}

await writeTransaction(db, [
  tx.create(db, "county", stampNew(ctx, { id: countyId, name: "测试县", code: "130101" })),
]);
await township("ta", "130101001");
await township("tb", "130101002");
await township("tp", "130101003", "pending");

const dispute = (townshipId: string, reportedAt: string, extra: Record<string, unknown> = {}) =>
  record("dispute", {
    townshipId,
    level: "blue",
    category: "c",
    partiesBrief: "p",
    reportedAt,
    attempts: [],
    ...extra,
  });

const closedInWindow = await dispute("ta", "2026-07-01T00:00:00.000Z", {
  closedAt: "2026-11-03T00:00:00.000Z",
  outcome: "resolved",
});
const oldOpen = await dispute("ta", "2026-07-02T00:00:00.000Z");
const openInLookback = await dispute("ta", "2026-09-15T00:00:00.000Z");
const reportedInWindow = await dispute("tb", "2026-10-20T00:00:00.000Z");
const deleted = await dispute("tb", "2026-10-21T00:00:00.000Z", { deletedAt: "2026-10-22T00:00:00.000Z" });
const inPending = await dispute("tp", "2026-10-20T00:00:00.000Z");
const oldIncident = await record("incident", {
  townshipId: "ta",
  occurredAt: "2026-09-01T00:00:00.000Z",
  kind: "criminal",
  severity: "major",
  summary: "s",
});
const incident = await record("incident", {
  townshipId: "ta",
  occurredAt: "2026-10-15T00:00:00.000Z",
  kind: "criminal",
  severity: "major",
  summary: "s",
});
const gonePerson = await record("keyPerson", {
  townshipId: "tb",
  alias: "甲某",
  category: "drug_rehab",
  registeredAt: "2025-01-01T00:00:00.000Z",
  deregisteredAt: "2026-03-01T00:00:00.000Z",
});
const person = await record("keyPerson", {
  townshipId: "tb",
  alias: "乙某",
  category: "mental_health",
  registeredAt: "2025-01-01T00:00:00.000Z",
});
const visit = await record("visit", {
  townshipId: "tb",
  keyPersonId: person,
  at: "2026-11-02T00:00:00.000Z",
});
// Someone deregistered before the window can never be due in it: neither they nor a visit to them is read.
const lateVisit = await record("visit", {
  townshipId: "tb",
  keyPersonId: gonePerson,
  at: "2026-10-02T00:00:00.000Z",
});
// Someone who leaves the register inside the window is read, with their visits.
const leavingPerson = await record("keyPerson", {
  townshipId: "tb",
  alias: "丁某",
  category: "drug_rehab",
  registeredAt: "2025-01-01T00:00:00.000Z",
  deregisteredAt: "2026-10-20T00:00:00.000Z",
});
const leavingVisit = await record("visit", {
  townshipId: "tb",
  keyPersonId: leavingPerson,
  at: "2026-10-05T00:00:00.000Z",
});
const deletedPerson = await record("keyPerson", {
  townshipId: "tb",
  alias: "丙某",
  category: "mental_health",
  registeredAt: "2025-01-01T00:00:00.000Z",
  deletedAt: "2026-10-01T00:00:00.000Z",
});
await record("visit", { townshipId: "tb", keyPersonId: deletedPerson, at: "2026-10-03T00:00:00.000Z" });
const event = await record("event", {
  townshipId: "ta",
  kind: "monthly_meeting",
  occurredAt: "2026-10-31T16:00:00.000Z",
  count: 1,
});
const petition = await record("petition", {
  townshipId: "ta",
  subject: "s",
  petitionerBrief: "p",
  receivedAt: "2026-06-01T00:00:00.000Z",
  skipLevel: true,
  collective: false,
  closedAt: "2026-10-02T00:00:00.000Z",
  settled: true,
});

describe("loadScoringData", () => {
  it("gathers the active townships' records of the period and the one before, and nothing else", async () => {
    const data = await loadScoringData(db, countyId, "2026-11");
    expect(data.townships.map((t) => t.id)).toEqual(["ta", "tb"]);
    expect(data.disputes?.map((d) => d.id).sort()).toEqual(
      [closedInWindow, openInLookback, reportedInWindow].sort(),
    );
    expect(data.disputes?.map((d) => d.id)).not.toContain(oldOpen);
    expect(data.disputes?.map((d) => d.id)).not.toContain(deleted);
    expect(data.disputes?.map((d) => d.id)).not.toContain(inPending);
    expect(data.incidents?.map((i) => i.id)).toEqual([incident]);
    expect(data.incidents?.map((i) => i.id)).not.toContain(oldIncident);
    expect(data.keyPersons?.map((k) => k.id).sort()).toEqual([leavingPerson, person].sort());
    expect(data.keyPersons?.map((k) => k.id)).not.toContain(deletedPerson);
    expect(data.keyPersons?.map((k) => k.id)).not.toContain(gonePerson);
    expect(data.visits?.map((v) => v.id).sort()).toEqual([visit, leavingVisit].sort());
    expect(data.visits?.map((v) => v.id)).not.toContain(lateVisit);
    expect(data.events?.map((e) => e.id)).toEqual([event]);
    expect(data.petitions).toEqual([
      {
        id: petition,
        townshipId: "ta",
        receivedAt: "2026-06-01T00:00:00.000Z",
        skipLevel: true,
        closedAt: "2026-10-02T00:00:00.000Z",
        settled: true,
      },
    ]);
  });

  it("produces data the scoring engine accepts and ranks", async () => {
    const data = await loadScoringData(db, countyId, "2026-11");
    const parsedData = parseData(data);
    expect(parsedData.ok).toBe(true);
    const parsedScheme = parseScheme({ ...scheme2026, countyId });
    expect(parsedScheme.ok).toBe(true);
    if (!parsedData.ok || !parsedScheme.ok) return;
    const table = computeLeagueTable(parsedScheme.value, parsedData.value, "2026-11");
    expect(table.rows.map((r) => r.townshipId).sort()).toEqual(["ta", "tb"]);
  });
});
