import { DAY_MS } from "@pingan/domain";
import { describe, expect, it } from "vitest";
import { lightFor } from "../supervision/lights";
import { countyWorld } from "../testing/county-world";

const { services, tenants, as } = await countyWorld("supervision", "2026-10-01T02:00:00Z");
const reviewer = as.reviewer;
const staff = as.staff;
const townshipAdmin = as.townshipAdmin;
const townshipId = tenants.A.townshipId;

describe("supervision", () => {
  it("lights a dispute green, yellow with a third of its time left, and red once overdue", () => {
    const week = 7 * DAY_MS;
    expect(lightFor(week, week)).toBe("green");
    expect(lightFor(week / 3 + 1, week)).toBe("green");
    expect(lightFor(week / 3, week)).toBe("yellow");
    expect(lightFor(0, week)).toBe("yellow");
    expect(lightFor(-1, week)).toBe("red");
  });

  it("lists overdue and soon-due open disputes by the scheme's deadlines, most urgent first", async () => {
    const report = async (requestId: string, level: "blue" | "yellow" | "red", reportedAt: string) =>
      staff.disputes.create({
        townshipId,
        requestId,
        level,
        category: "邻里纠纷",
        partiesBrief: "甲乙",
        reportedAt,
      });
    services.setNow("2026-10-20T02:00:00Z");
    const overdue = await report("sup-overdue", "blue", "2026-10-10T09:00:00+08:00"); // 7 days: due 10-17
    const soon = await report("sup-soon", "yellow", "2026-10-08T09:00:00+08:00"); // 15 days: due 10-23
    const fresh = await report("sup-fresh", "red", "2026-10-18T09:00:00+08:00"); // 30 days: due 11-17
    const closed = await report("sup-closed", "blue", "2026-10-01T09:00:00+08:00");
    await staff.disputes.close({
      townshipId,
      id: closed.id,
      expectedVersion: closed.version,
      closedAt: "2026-10-19T09:00:00+08:00",
      outcome: "resolved",
    });

    const county = await reviewer.supervision.disputes({});
    expect(county.counts).toEqual({ red: 1, yellow: 1, green: 1 });
    expect(county.disputes.map((d) => [d.id, d.light])).toEqual([
      [overdue.id, "red"],
      [soon.id, "yellow"],
    ]);
    const all = await townshipAdmin.supervision.townshipDisputes({ townshipId, includeGreen: true });
    expect(all.disputes.map((d) => d.id)).toEqual([overdue.id, soon.id, fresh.id]);
    expect(
      (await reviewer.supervision.disputes({ townshipId: tenants.A.siblingTownshipId })).disputes,
    ).toEqual([]);
  });

  it("names the townships that have not submitted, and says when the deadline has passed", async () => {
    services.setNow("2026-10-03T02:00:00Z");
    await townshipAdmin.submissions.submit({ townshipId, month: "2026-09", expectedVersion: 0 });
    const before = await reviewer.supervision.lateSubmissions({ month: "2026-09" });
    expect(before).toMatchObject({ deadlinePassed: false, deadline: "2026-10-05T16:00:00.000Z" });
    expect(before.townships.map((t) => t.townshipId)).toEqual([tenants.A.siblingTownshipId]);
    services.setNow("2026-10-06T02:00:00Z");
    expect((await reviewer.supervision.lateSubmissions({ month: "2026-09" })).deadlinePassed).toBe(true);
  });
});
