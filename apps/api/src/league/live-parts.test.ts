import { computeLeagueTable } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import { requireScheme } from "../schemes/scheme-store";
import { countyWorld } from "../testing/county-world";
import { staffCaller } from "../testing/harness";
import { loadCountyData } from "./county-scoring";
import { liveSettings, partLoads } from "./live-scores";

/**
 * A write re-reads only what it changed: the records of its own kind, of its own township, over the
 * window the re-scored months read (what was loaded is kept per township, kind and window, keyed on
 * that kind's counters). And the next read sees every write exactly as a fresh scoring does.
 */

const { services, db, tenants, countyId, as } = await countyWorld("live-parts", "2026-09-01T02:00:00Z");
const { admin, reviewer, townshipAdmin } = as;
const staffOf = (townshipId: string) => staffCaller(services, countyId, townshipId);
const ids = { a: tenants.A.townshipId, b: tenants.A.siblingTownshipId };
const staff = { a: await staffOf(ids.a), b: await staffOf(ids.b) };
services.setNow("2026-10-20T02:00:00Z");
// DynamoDB Local's indexes are consistent: keep what is loaded whatever the time since its last write, so
// the counts below do not depend on how long the test takes.
liveSettings.indexSettleMs = 0;

let serial = 0;
const rid = () => `parts-req-${String(++serial).padStart(4, "0")}`;

/** The live month table, checked against a fresh scoring of every record, field by field. */
async function liveMonth(period = "2026-10") {
  const { scheme } = await requireScheme(db, countyId, 2026);
  const fresh = computeLeagueTable(
    scheme,
    await loadCountyData(db, countyId, period, scheme, { fresh: true }),
    period,
    { asOf: services.now().getTime() },
  );
  const live = await reviewer.league.compute({ period });
  expect(live.table).toEqual(fresh);
  return live.table;
}

/** The `<township>:<kind>` record loads `step` made, sorted (a kind loaded twice shows twice). */
async function loadsOf(step: () => Promise<unknown>): Promise<string[]> {
  const before = new Map(partLoads);
  await step();
  const out: string[] = [];
  for (const [k, n] of partLoads) for (let i = before.get(k) ?? 0; i < n; i++) out.push(k);
  return out.sort();
}

const KINDS = ["dispute", "event", "incident", "keyPerson", "petition", "submission", "visit"];
const of = (townshipId: string, ...kinds: string[]) => kinds.map((k) => `${townshipId}:${k}`).sort();
const rowOf = (table: Awaited<ReturnType<typeof liveMonth>>, townshipId: string) =>
  table.rows.find((r) => r.townshipId === townshipId);

describe("live tables re-read only the kind of record written", () => {
  it("reload one kind of one township per write, and the next read sees each write", async () => {
    await liveMonth();
    // Nothing written: nothing read again.
    expect(await loadsOf(() => liveMonth())).toEqual([]);

    // The first write in October: its township's October window is read for the first time, every kind.
    const meeting = await loadsOf(async () => {
      await staff.a.events.create({
        townshipId: ids.a,
        requestId: rid(),
        kind: "monthly_meeting",
        occurredAt: "2026-10-08T09:00:00+08:00",
        count: 2,
      });
      await liveMonth();
    });
    expect(meeting).toEqual(of(ids.a, ...KINDS));

    // From then on each write re-reads its own kind of its own township only.
    expect(
      await loadsOf(async () => {
        await staff.a.disputes.create({
          townshipId: ids.a,
          requestId: rid(),
          level: "blue",
          category: "邻里",
          partiesBrief: "甲乙",
          reportedAt: "2026-10-15T09:00:00+08:00",
        });
        await liveMonth();
      }),
    ).toEqual(of(ids.a, "dispute"));
    expect(
      await loadsOf(async () => {
        await staff.a.petitions.create({
          townshipId: ids.a,
          requestId: rid(),
          subject: "补偿",
          petitionerBrief: "某",
          receivedAt: "2026-10-03T09:00:00+08:00",
          skipLevel: true,
          collective: false,
        });
        await liveMonth();
      }),
    ).toEqual(of(ids.a, "petition"));
    const beforeIncident = rowOf(await liveMonth(), ids.a);
    let incident: { id: string; version: number } | undefined;
    expect(
      await loadsOf(async () => {
        incident = await staff.a.incidents.create({
          townshipId: ids.a,
          requestId: rid(),
          occurredAt: "2026-10-05T09:00:00+08:00",
          kind: "criminal",
          severity: "major",
          summary: "案情",
        });
        await liveMonth();
      }),
    ).toEqual(of(ids.a, "incident"));
    const withIncident = rowOf(await liveMonth(), ids.a);
    // The next read saw it (a major criminal case costs the township).
    expect(withIncident).not.toEqual(beforeIncident);

    // A write in another township re-reads nothing of this one.
    const other = await loadsOf(async () => {
      await staff.b.events.create({
        townshipId: ids.b,
        requestId: rid(),
        kind: "monthly_meeting",
        occurredAt: "2026-10-09T09:00:00+08:00",
      });
      await liveMonth();
    });
    expect(other).toEqual(of(ids.b, ...KINDS));
    expect(
      await loadsOf(async () => {
        await staff.b.events.create({
          townshipId: ids.b,
          requestId: rid(),
          kind: "monthly_meeting",
          occurredAt: "2026-10-10T09:00:00+08:00",
        });
        await liveMonth();
      }),
    ).toEqual(of(ids.b, "event"));

    // The key-person register: every month of the township is scored again (September with October, in
    // the window first read at the start), re-reading the register and only the kinds written since.
    const person = await staff.a.keyPersons.create({
      townshipId: ids.a,
      requestId: rid(),
      alias: "张某",
      category: "mental_health",
      registeredAt: "2026-07-10T09:00:00+08:00",
    });
    expect(await loadsOf(() => liveMonth())).toEqual(
      of(ids.a, "dispute", "event", "incident", "keyPerson", "petition"),
    );
    // A visit in October: the visits, and the register the October window last read before it changed.
    expect(
      await loadsOf(async () => {
        await staff.a.keyPersons.addVisit({
          townshipId: ids.a,
          requestId: rid(),
          keyPersonId: person.id,
          at: "2026-10-12T09:00:00+08:00",
        });
        await liveMonth();
      }),
    ).toEqual(of(ids.a, "keyPerson", "visit"));

    // A confirmed adjustment of September (双人复核): September and October are scored again.
    services.setNow("2026-10-03T02:00:00Z"); // September is open for submission until 10-05
    const submitted = await townshipAdmin.submissions.submit({
      townshipId: ids.a,
      month: "2026-09",
      expectedVersion: 0,
    });
    const adjusted = await reviewer.submissions.enterAdjustment({
      townshipId: ids.a,
      month: "2026-09",
      expectedVersion: submitted.version,
      indicator: "I01",
      event: "commended_province",
      count: 1,
      reason: "省级表彰",
    });
    await admin.submissions.confirmEntry({
      townshipId: ids.a,
      month: "2026-09",
      expectedVersion: adjusted.version,
      entryId: adjusted.adjustments[0]?.id as string,
    });
    services.setNow("2026-10-20T02:00:00Z");
    expect(await loadsOf(() => liveMonth())).toEqual(of(ids.a, "submission", "visit"));

    // A record deleted: the next read no longer counts it.
    expect(
      await loadsOf(async () => {
        const { id, version } = incident as { id: string; version: number };
        await staff.a.incidents.remove({
          townshipId: ids.a,
          id,
          expectedVersion: version,
          reason: "重复录入",
        });
        await liveMonth();
      }),
    ).toEqual(of(ids.a, "incident"));
    const removed = rowOf(await liveMonth(), ids.a);
    expect(removed?.vetoed).toBe(false);
    expect(withIncident?.total === removed?.total && withIncident?.vetoed === removed?.vetoed).toBe(false);
  }, 300_000);
});
