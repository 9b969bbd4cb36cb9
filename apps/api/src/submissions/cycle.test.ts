import { describe, expect, it } from "vitest";
import { anonymous, callerWith, createTestServices, seedTwoTenants } from "../testing/harness";
import { dueMonth } from "./deadline";

const services = await createTestServices("cycle");
services.accessTokenTtlSeconds = 365 * 24 * 3600;
services.refreshTokenTtlSeconds = 365 * 24 * 3600;
const { tenants, tokens } = await seedTwoTenants(services);
const countyAdmin = callerWith(services, tokens.A.county_admin);
const townshipAdmin = callerWith(services, tokens.A.township_admin);
const countyB = callerWith(services, tokens.B.county_reviewer);

describe("the month due (「每月5日前提交上个月」)", () => {
  it("is the previous month until its deadline (China time), then the current month", () => {
    // 3 December: November is due (by 5 December 24:00 CST).
    expect(dueMonth(new Date("2026-12-03T02:00:00Z"))).toBe("2026-11");
    // The last instant of 5 December in China is still November's.
    expect(dueMonth(new Date("2026-12-05T15:59:59Z"))).toBe("2026-11");
    // 6 December 00:00 CST: November is closed, December is the month being worked.
    expect(dueMonth(new Date("2026-12-05T16:00:00Z"))).toBe("2026-12");
    // 1 January 07:00 CST is still 31 December 23:00 UTC: December of the year before is due.
    expect(dueMonth(new Date("2026-12-31T23:00:00Z"))).toBe("2026-12");
    expect(dueMonth(new Date("2027-01-02T01:00:00Z"))).toBe("2026-12");
    // A county with deadline day 10.
    expect(dueMonth(new Date("2026-12-08T02:00:00Z"), 10)).toBe("2026-11");
    expect(dueMonth(new Date("2026-12-08T02:00:00Z"), 5)).toBe("2026-12");
  });

  it("is answered by the server to a township and to its county alike, from the county's deadline day", async () => {
    services.setNow("2026-12-03T02:00:00Z");
    const forTownship = await townshipAdmin.submissions.cycle();
    const forCounty = await countyAdmin.submissions.cycle();
    expect(forTownship).toEqual(forCounty);
    expect(forTownship).toMatchObject({
      dueMonth: "2026-11",
      currentMonth: "2026-12",
      deadlineDay: 5,
      deadlineText: "2026年12月5日24时",
      deadline: "2026-12-05T16:00:00.000Z",
    });

    // On the 8th the month due is December, unless the county's day is the 10th.
    services.setNow("2026-12-08T02:00:00Z");
    expect((await townshipAdmin.submissions.cycle()).dueMonth).toBe("2026-12");
    const county = await countyAdmin.counties.mine();
    const set = await countyAdmin.submissions.setDeadlineDay({ day: 10, expectedVersion: county.version });
    expect((await townshipAdmin.submissions.cycle()).dueMonth).toBe("2026-11");
    expect((await countyAdmin.submissions.cycle()).deadlineText).toBe("2026年12月10日24时");
    // Another county keeps its own day.
    expect(await countyB.submissions.cycle()).toMatchObject({ dueMonth: "2026-12", deadlineDay: 5 });
    await countyAdmin.submissions.setDeadlineDay({ day: 5, expectedVersion: set.version });
  });

  it("lets a township submit the due month on the 3rd and the county's queue for that month shows it", async () => {
    services.setNow("2026-12-03T02:00:00Z");
    const { dueMonth: month } = await townshipAdmin.submissions.cycle();
    const draft = await townshipAdmin.submissions.get({ townshipId: tenants.A.townshipId, month });
    expect(draft).toMatchObject({ status: "draft", locked: false });
    await townshipAdmin.submissions.submit({
      townshipId: tenants.A.townshipId,
      month,
      expectedVersion: draft.version,
    });
    const queue = await countyAdmin.submissions.list({
      month: (await countyAdmin.submissions.cycle()).dueMonth,
    });
    expect(queue.find((r) => r.townshipId === tenants.A.townshipId)).toMatchObject({ status: "submitted" });
  });

  it("needs a signed-in caller", async () => {
    await expect(anonymous(services).submissions.cycle()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
