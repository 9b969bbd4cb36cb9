import { checkItems } from "@pingan/data";
import { describe, expect, it } from "vitest";
import { closeMonth, lateReportId } from "../monthly-close/close-month";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

/**
 * Under the model scheme a new county starts from, recording nothing must not beat doing the work: a
 * township that closed three disputes with one success (the two failures tried three times each) outranks one that recorded nothing and never
 * submitted; that one's month is locked with an automatic 迟报漏报, once, and reviewers see it as
 * 本月无任何记录.
 */
const services = await createTestServices("empty-month");
services.accessTokenTtlSeconds = 365 * 24 * 3600;
services.refreshTokenTtlSeconds = 365 * 24 * 3600;
services.setNow("2026-09-01T02:00:00Z");
const { tenants, tokens } = await seedTwoTenants(services);
const { db } = services;
const admin = callerWith(services, tokens.A.county_admin);
const worker = callerWith(services, tokens.A.township_admin);
const worked = tenants.A.townshipId;
const empty = tenants.A.siblingTownshipId;
await admin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });

async function lateEvents(townshipId: string) {
  const { data } = await db.entities.event.query.byId({ townshipId }).go({ pages: "all" });
  return checkItems(db, "event", data).filter((e) => e.kind === "late_report" && !e.deletedAt);
}

describe("an empty month under the model scheme", () => {
  it("does not outrank a worked one, and reviewers see it as 本月无任何记录", async () => {
    services.setNow("2026-09-25T02:00:00Z");
    const outcomes = ["resolved", "failed", "failed"] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const d = await worker.disputes.create({
        townshipId: worked,
        requestId: `empty-month-dispute-${i}`,
        level: "blue",
        category: "邻里纠纷",
        partiesBrief: "张某与李某",
        reportedAt: `2026-09-0${i + 2}T09:00:00+08:00`,
      });
      // A failed dispute was tried three times at its level first (三三调处), as the model scheme scores.
      let version = d.version;
      for (const day of outcome === "failed" ? [1, 2, 3] : []) {
        const tried = await worker.disputes.addAttempt({
          townshipId: worked,
          id: d.id,
          expectedVersion: version,
          at: `2026-09-0${i + 2}T1${day}:00:00+08:00`,
          mediator: "网格员",
          result: "failed",
        });
        version = tried.version;
      }
      await worker.disputes.close({
        townshipId: worked,
        id: d.id,
        expectedVersion: version,
        closedAt: `2026-09-0${i + 4}T17:00:00+08:00`,
        outcome,
      });
    }
    await worker.submissions.submit({ townshipId: worked, month: "2026-09", expectedVersion: 0 });

    services.setNow("2026-10-02T02:00:00Z");
    const { table } = await admin.league.compute({ period: "2026-09" });
    const row = (id: string) => table.rows.find((r) => r.townshipId === id);
    expect(row(worked)?.rank).toBe(1);
    expect(row(empty)?.rank).toBe(2);
    expect(row(worked)?.total ?? 0).toBeGreaterThan(row(empty)?.total ?? 0);
    // No dispute closed and no petition closed: those rates give nothing, as the scheme says.
    const indicator = (code: string) => row(empty)?.indicators.find((i) => i.code === code);
    for (const code of ["I02", "I03", "I04", "I09", "I12"]) expect(indicator(code)?.score).toBe(0);
    // No dispute failed or went up: nothing broke 三三调处, for both (the worked one tried three times).
    expect(indicator("I11")?.score).toBe(5);
    expect(row(worked)?.indicators.find((i) => i.code === "I11")?.score).toBe(5);
    // No incident is good news: full marks.
    expect(indicator("I05")?.score).toBe(15);

    const queue = await admin.submissions.list({ month: "2026-09" });
    expect(queue.find((r) => r.townshipId === empty)?.noRecords).toBe(true);
    expect(queue.find((r) => r.townshipId === worked)?.noRecords).toBe(false);
  });

  it("locks a month never submitted with one automatic 迟报漏报, however often the close runs", async () => {
    const before = (await admin.league.compute({ period: "2026-09" })).table.rows.find(
      (r) => r.townshipId === empty,
    );
    const after = new Date("2026-10-06T17:00:00Z");
    services.setNow(after.toISOString());
    const first = await closeMonth(services, after);
    expect(first.find((c) => c.countyId === tenants.A.countyId)?.lockedNow).toEqual([empty]);
    await closeMonth(services, after);
    await closeMonth(services, new Date("2026-10-07T17:00:00Z"));

    const events = await lateEvents(empty);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: lateReportId("2026-09"),
      count: 1,
      createdBy: "system:monthly-close",
    });
    expect(events[0]?.occurredAt.startsWith("2026-09-30T15:59:59")).toBe(true);
    expect(await lateEvents(worked)).toHaveLength(0);

    // The model scheme's I01 deducts 1 point for it (its routine base is already 0 in an empty month).
    const now = (await admin.league.compute({ period: "2026-09" })).table.rows.find(
      (r) => r.townshipId === empty,
    );
    const i01 = (r: typeof now) => r?.indicators.find((i) => i.code === "I01");
    expect(i01(before)?.deductions).toBe(0);
    expect(i01(now)?.deductions).toBe(1);
    expect(i01(now)?.notes.join("")).toContain("迟报漏报");
    // The system's own entry is not the township's record: still 本月无任何记录.
    const queue = await admin.submissions.list({ month: "2026-09" });
    expect(queue.find((r) => r.townshipId === empty)).toMatchObject({ noRecords: true, locked: true });
  });

  it("waives the automatic 迟报漏报 only when a second reviewer confirms the first one's reason", async () => {
    const reviewer = callerWith(services, tokens.A.county_reviewer);
    const late = await admin.submissions.lateReport({ townshipId: empty, month: "2026-09" });
    expect(late).toMatchObject({ waived: false, waiver: null });
    await expect(
      reviewer.submissions.requestLateWaiver({
        townshipId: empty,
        month: "2026-09",
        expectedVersion: late?.version ?? 0,
        reason: "",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const asked = await reviewer.submissions.requestLateWaiver({
      townshipId: empty,
      month: "2026-09",
      expectedVersion: late?.version ?? 0,
      reason: "县平台故障，乡镇无法按时报送",
    });
    expect(asked.waiver).toMatchObject({ reason: "县平台故障，乡镇无法按时报送" });
    // Not yet confirmed: it still deducts; the one who asked cannot confirm it.
    const i01 = async () =>
      (await admin.league.compute({ period: "2026-09" })).table.rows
        .find((r) => r.townshipId === empty)
        ?.indicators.find((i) => i.code === "I01")?.deductions;
    expect(await i01()).toBe(1);
    await expect(
      reviewer.submissions.confirmLateWaiver({
        townshipId: empty,
        month: "2026-09",
        expectedVersion: asked.version,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A township or another county cannot touch it.
    await expect(
      callerWith(services, tokens.B.county_admin).submissions.confirmLateWaiver({
        townshipId: empty,
        month: "2026-09",
        expectedVersion: asked.version,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const done = await admin.submissions.confirmLateWaiver({
      townshipId: empty,
      month: "2026-09",
      expectedVersion: asked.version,
    });
    expect(done.waived).toBe(true);
    expect(await i01()).toBe(0);
    expect(await lateEvents(empty)).toHaveLength(0);
    // The close running again does not record it anew: the month stays locked, once.
    await closeMonth(services, new Date("2026-10-08T17:00:00Z"));
    expect(await lateEvents(empty)).toHaveLength(0);
  });
});
