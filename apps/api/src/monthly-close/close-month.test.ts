import { checkItems } from "@pingan/data";
import { describe, expect, it } from "vitest";
import { countyWorld } from "../testing/county-world";
import { closeMonth } from "./close-month";

const { services, tenants, as } = await countyWorld("close", "2026-10-02T02:00:00Z");
const { db } = services;
const townshipAdmin = as.townshipAdmin;

async function trail(scope: string) {
  const { data } = await db.entities.audit.query.byScope({ scope }).go({ pages: "all" });
  return checkItems(db, "audit", data);
}

describe("monthly close", () => {
  it("records previews and late townships, locks them after the deadline, and changes nothing when run again", async () => {
    await townshipAdmin.submissions.submit({
      townshipId: tenants.A.townshipId,
      month: "2026-09",
      expectedVersion: 0,
    });

    // On the 1st: previews and who has not submitted; nothing locked before the deadline.
    const first = await closeMonth(services, new Date("2026-10-02T03:00:00Z"));
    const a = first.find((c) => c.countyId === tenants.A.countyId);
    expect(a).toMatchObject({
      month: "2026-09",
      notSubmitted: [tenants.A.siblingTownshipId],
      lockedNow: [],
      recorded: "created",
    });
    const run = await db.entities.closeRun.get({ countyId: tenants.A.countyId, month: "2026-09" }).go();
    expect(run.data?.preview).toHaveLength(2);
    // County B has no scheme: still recorded, without a preview.
    expect(first.find((c) => c.countyId === tenants.B.countyId)?.notSubmitted).toHaveLength(2);

    // After the deadline: the late month is locked, once.
    const after = new Date("2026-10-06T17:00:00Z");
    const second = await closeMonth(services, after);
    expect(second.find((c) => c.countyId === tenants.A.countyId)).toMatchObject({
      lockedNow: [tenants.A.siblingTownshipId],
      recorded: "updated",
    });
    const trailsBefore = [
      ...(await trail(`C#${tenants.A.countyId}`)),
      ...(await trail(`T#${tenants.A.siblingTownshipId}`)),
    ].length;
    const third = await closeMonth(services, after);
    expect(third.every((c) => c.lockedNow.length === 0 && c.recorded === "unchanged")).toBe(true);
    const trailsAfter = [
      ...(await trail(`C#${tenants.A.countyId}`)),
      ...(await trail(`T#${tenants.A.siblingTownshipId}`)),
    ].length;
    expect(trailsAfter).toBe(trailsBefore);

    const sibling = await db.entities.submission
      .get({ townshipId: tenants.A.siblingTownshipId, month: "2026-09" })
      .go();
    expect(sibling.data).toMatchObject({ status: "draft", lockedAt: after.toISOString() });
  });

  it("runs from the Lambda entry with the scheduled time as its clock", async () => {
    process.env.TABLE_NAME = db.tableName;
    const { inject } = await import("vitest");
    process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
    process.env.TOKEN_SECRET = "close-test-secret";
    const { handler } = await import("./handler");
    const summary = await handler({ task: "deadline-check", scheduledTime: "2026-11-07T17:00:00Z" });
    expect(summary).toMatchObject({ task: "deadline-check", counties: 2, notSubmitted: 4, lockedNow: 4 });
  });

  it("fans a scheduled run out to one invocation per county, each of which closes only its county", async () => {
    const { runClose } = await import("./handler");
    const sent: unknown[] = [];
    const scheduledTime = "2026-12-01T17:00:00.000Z";
    const dispatched = await runClose(services, { task: "monthly-close", scheduledTime }, async (e) => {
      sent.push(e);
    });
    expect(dispatched).toMatchObject({ dispatched: 2 });
    expect(sent).toEqual(
      expect.arrayContaining(
        [tenants.A.countyId, tenants.B.countyId].map((countyId) => ({
          task: "monthly-close",
          scheduledTime,
          countyId,
        })),
      ),
    );
    expect(sent).toHaveLength(2);
    // Nothing was closed by the dispatching run itself.
    const november = (countyId: string) => db.entities.closeRun.get({ countyId, month: "2026-11" }).go();
    expect((await november(tenants.A.countyId)).data).toBeNull();

    // Each dispatched event closes its own county, and only that one.
    const one = await runClose(services, sent[0] as { countyId: string }, undefined);
    const closed = (sent[0] as { countyId: string }).countyId;
    const other = closed === tenants.A.countyId ? tenants.B.countyId : tenants.A.countyId;
    expect(one).toMatchObject({ countyId: closed, counties: 1, notSubmitted: 2 });
    expect((await november(closed)).data).toMatchObject({ month: "2026-11" });
    expect((await november(other)).data).toBeNull();
    // A county removed since the dispatch is nothing to close.
    expect(await runClose(services, { scheduledTime, countyId: "gone" }, undefined)).toMatchObject({
      counties: 0,
    });
  });
});
