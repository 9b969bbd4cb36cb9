import { computeLeagueTable } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import { requireScheme } from "../schemes/scheme-store";
import { countyWorld } from "../testing/county-world";
import { staffCaller } from "../testing/harness";
import { provisionTownship } from "../testing/provisioning";
import { loadCountyData } from "./county-scoring";
import { clearMemoryScores } from "./live-scores";

/**
 * The live table ranks from kept township-month scores; after every write it must still be exactly the
 * table a fresh load of every record gives, field by field, for a month, a quarter and a year.
 */

// People join before anything is entered (a confirming reviewer must have been in post before the entry).
const { services, db, tenants, countyId, as } = await countyWorld("live-scores", "2026-09-01T02:00:00Z");
const { admin, reviewer, townshipAdmin } = as;

// A third township with its own staff, so writes land in several townships.
const third = await provisionTownship(services, countyId, {
  name: "丙镇",
  code: "110101003",
  population: 30000,
  villages: 8,
  grids: 20,
});
const staffOf = (townshipId: string) => staffCaller(services, countyId, townshipId);
const staff = {
  a: await staffOf(tenants.A.townshipId),
  b: await staffOf(tenants.A.siblingTownshipId),
  c: await staffOf(third.id),
};
const ids = { a: tenants.A.townshipId, b: tenants.A.siblingTownshipId, c: third.id };
services.setNow("2026-10-20T02:00:00Z");

let serial = 0;
const rid = () => `live-req-${String(++serial).padStart(4, "0")}`;

async function expectLiveEqualsFresh(periods = ["2026-10", "2026-Q3", "2026-Q4", "2026"]) {
  const asOf = services.now().getTime();
  const { scheme } = await requireScheme(db, countyId, 2026);
  for (const period of periods) {
    const fresh = computeLeagueTable(
      scheme,
      await loadCountyData(db, countyId, period, scheme, { fresh: true }),
      period,
      { asOf },
    );
    // Kept in this process, then from the table only (another instance), then scored again.
    const kept = await reviewer.league.compute({ period });
    expect(kept.table).toEqual(fresh);
    clearMemoryScores();
    const stored = await reviewer.league.compute({ period });
    expect(stored.table).toEqual(fresh);
  }
}

describe("live tables from kept township-month scores", () => {
  it("stay identical to a fresh scoring through writes in several townships", async () => {
    await expectLiveEqualsFresh();

    // Disputes: one open (its deadline passes later), one closed late in another month.
    const open = await staff.a.disputes.create({
      townshipId: ids.a,
      requestId: rid(),
      level: "blue",
      category: "邻里",
      partiesBrief: "甲乙",
      reportedAt: "2026-10-15T09:00:00+08:00",
    });
    const late = await staff.b.disputes.create({
      townshipId: ids.b,
      requestId: rid(),
      level: "blue",
      category: "土地",
      partiesBrief: "丙丁",
      reportedAt: "2026-09-20T09:00:00+08:00",
    });
    await expectLiveEqualsFresh();
    await staff.b.disputes.close({
      townshipId: ids.b,
      id: late.id,
      expectedVersion: late.version,
      closedAt: "2026-10-10T09:00:00+08:00",
      outcome: "resolved",
    });
    await staff.c.petitions.create({
      townshipId: ids.c,
      requestId: rid(),
      subject: "补偿",
      petitionerBrief: "某",
      receivedAt: "2026-08-03T09:00:00+08:00",
      skipLevel: true,
      collective: false,
    });
    await staff.c.incidents.create({
      townshipId: ids.c,
      requestId: rid(),
      occurredAt: "2026-10-05T09:00:00+08:00",
      kind: "criminal",
      severity: "major",
      summary: "案情",
    });
    await expectLiveEqualsFresh();

    // The key-person register: a person registered in July, visited in August, deregistered in October.
    const person = await staff.a.keyPersons.create({
      townshipId: ids.a,
      requestId: rid(),
      alias: "张某",
      category: "mental_health",
      registeredAt: "2026-07-10T09:00:00+08:00",
    });
    await staff.a.keyPersons.addVisit({
      townshipId: ids.a,
      requestId: rid(),
      keyPersonId: person.id,
      at: "2026-08-12T09:00:00+08:00",
    });
    await expectLiveEqualsFresh(["2026-08", "2026-Q3", "2026"]);
    await staff.a.keyPersons.deregister({
      townshipId: ids.a,
      id: person.id,
      expectedVersion: person.version,
      deregisteredAt: "2026-09-15T09:00:00+08:00",
    });
    await staff.b.events.create({
      townshipId: ids.b,
      requestId: rid(),
      kind: "monthly_meeting",
      occurredAt: "2026-10-08T09:00:00+08:00",
      count: 2,
    });
    await expectLiveEqualsFresh();

    // A reviewer's manual score and adjustment, confirmed by a second reviewer (双人复核).
    services.setNow("2026-10-03T02:00:00Z"); // September is open for submission until 10-05
    const s = await townshipAdmin.submissions.submit({
      townshipId: ids.a,
      month: "2026-09",
      expectedVersion: 0,
    });
    const withScore = await reviewer.submissions.enterManualScore({
      townshipId: ids.a,
      month: "2026-09",
      expectedVersion: s.version,
      indicator: "I10",
      score: 6,
      reason: "台账抽查",
    });
    const withBoth = await reviewer.submissions.enterAdjustment({
      townshipId: ids.a,
      month: "2026-09",
      expectedVersion: withScore.version,
      indicator: "I01",
      event: "commended_province",
      count: 1,
      reason: "省级表彰",
    });
    let version = withBoth.version;
    for (const entry of [...withBoth.manualScores, ...withBoth.adjustments])
      version = (
        await admin.submissions.confirmEntry({
          townshipId: ids.a,
          month: "2026-09",
          expectedVersion: version,
          entryId: entry.id,
        })
      ).version;
    await expectLiveEqualsFresh();
    services.setNow("2026-10-20T02:00:00Z");
    await expectLiveEqualsFresh();

    // A dispute deleted by mistake, and time passing the open dispute's deadline (7 days for blue).
    const again = await staff.b.disputes.get({ townshipId: ids.b, id: late.id });
    await staff.b.disputes.remove({
      townshipId: ids.b,
      id: late.id,
      expectedVersion: again.version,
      reason: "重复录入",
    });
    await expectLiveEqualsFresh(["2026-10"]);
    const before = (await reviewer.league.compute({ period: "2026-10" })).table.rows.find(
      (r) => r.townshipId === ids.a,
    );
    services.setNow("2026-10-23T02:00:00Z");
    await expectLiveEqualsFresh();
    const overdue = (await reviewer.league.compute({ period: "2026-10" })).table.rows.find(
      (r) => r.townshipId === ids.a,
    );
    // The open dispute (blue: 7 days from 10-15) became overdue on 10-22: the kept score did not outlive it.
    expect(open.level).toBe("blue");
    expect(before?.indicators.find((i) => i.code === "I03")?.deductions).toBe(0);
    expect(overdue?.indicators.find((i) => i.code === "I03")?.deductions).toBe(0.5);

    // A new scheme version re-scores everything; a population change re-scores that township.
    const { item } = await requireScheme(db, countyId, 2026);
    const body = { ...(item.body as Record<string, unknown>), bonusCap: 3 };
    await admin.schemes.save({ year: 2026, expectedVersion: 1, scheme: body as never });
    await expectLiveEqualsFresh(["2026-10", "2026"]);

    // A yearly duty: December's score depends on events anywhere in the year.
    const current = await requireScheme(db, countyId, 2026);
    const yearly = {
      ...(current.item.body as Record<string, unknown>),
      indicators: [
        ...current.scheme.indicators,
        {
          code: "I99",
          name: "年度责任书",
          maxScore: 2,
          base: { kind: "routine", required: [{ event: "responsibility_letter", perYear: 1 }] },
        },
      ],
    };
    await admin.schemes.save({ year: 2026, expectedVersion: 2, scheme: yearly as never });
    await expectLiveEqualsFresh(["2026-12"]);
    const before12 = await reviewer.league.compute({ period: "2026-12" });
    await staff.c.events.create({
      townshipId: ids.c,
      requestId: rid(),
      kind: "responsibility_letter",
      occurredAt: "2026-03-10T09:00:00+08:00",
    });
    await expectLiveEqualsFresh(["2026-12"]);
    const after12 = await reviewer.league.compute({ period: "2026-12" });
    const i99 = (t: typeof before12) =>
      t.table.rows.find((r) => r.townshipId === ids.c)?.indicators.find((i) => i.code === "I99")?.score;
    expect([i99(before12), i99(after12)]).toEqual([0, 2]);
  }, 300_000);
});
