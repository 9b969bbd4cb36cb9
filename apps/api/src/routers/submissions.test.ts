import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  anonymous,
  callerWith,
  createTestServices,
  seedTwoTenants,
  TEST_PASSWORD,
  uniquePhone,
} from "../testing/harness";
import { provisionUser } from "../testing/provisioning";

const services = await createTestServices("submissions");
services.setNow("2026-10-20T02:00:00Z");
services.accessTokenTtlSeconds = 365 * 24 * 3600;
services.refreshTokenTtlSeconds = 365 * 24 * 3600;
const { tenants, tokens } = await seedTwoTenants(services);
const countyAdmin = callerWith(services, tokens.A.county_admin);
const reviewer = callerWith(services, tokens.A.county_reviewer);
const townshipAdmin = callerWith(services, tokens.A.township_admin);
const staff = callerWith(services, tokens.A.township_staff);
const townshipId = tenants.A.townshipId;

const reviewerPhones = [uniquePhone(), uniquePhone(), uniquePhone(), uniquePhone()];
for (const [i, phone] of reviewerPhones.entries()) {
  await provisionUser(services, {
    name: `复核员${i}`,
    phone,
    password: TEST_PASSWORD,
    role: "county_reviewer",
    countyId: tenants.A.countyId,
  });
}
const reviewers = await Promise.all(
  reviewerPhones.map(async (login) =>
    callerWith(
      services,
      (await anonymous(services).auth.signIn({ login, password: TEST_PASSWORD })).accessToken,
    ),
  ),
);
await countyAdmin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
// County A's people have been in post since 2025: the tests below go back in time to make entries, and a
// second reviewer must already have been a county user when the entry was made (submissions/review.ts).
const { data: countyPeople } = await services.db.entities.membership.query
  .byScope({ scope: `C#${tenants.A.countyId}` })
  .go({ pages: "all" });
for (const m of countyPeople)
  await services.db.entities.user.patch({ id: m.userId }).set({ createdAt: "2025-01-01T00:00:00.000Z" }).go();

const appCode = (error: unknown) =>
  error instanceof TRPCError && error.cause instanceof AppError ? error.cause.code : undefined;

async function submitted(month: string) {
  services.setNow(`${month}-28T02:00:00Z`);
  return townshipAdmin.submissions.submit({ townshipId, month, expectedVersion: 0 });
}

describe("monthly submissions", () => {
  it("lets exactly one of several reviewers editing the same version win, and loses nothing on retry", async () => {
    const s = await submitted("2026-06");
    const tries = reviewers.map((r, i) =>
      r.submissions.enterAdjustment({
        townshipId,
        month: "2026-06",
        expectedVersion: s.version,
        indicator: "I01",
        event: "commended_city",
        count: 1,
        reason: `表彰${i}`,
      }),
    );
    const results = await Promise.allSettled(tries);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const losers = results.flatMap((r, i) => (r.status === "rejected" ? [i] : []));
    for (const i of losers) {
      expect((results[i] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    }
    // Each loser refreshes and tries again.
    for (const i of losers) {
      const current = await reviewer.submissions.get({ townshipId, month: "2026-06" });
      await reviewers[i]?.submissions.enterAdjustment({
        townshipId,
        month: "2026-06",
        expectedVersion: current.version,
        indicator: "I01",
        event: "commended_city",
        count: 1,
        reason: `表彰${i}`,
      });
    }
    const final = await reviewer.submissions.get({ townshipId, month: "2026-06" });
    expect(final.adjustments.map((a) => a.reason).sort()).toEqual(["表彰0", "表彰1", "表彰2", "表彰3"]);
    expect(final.version).toBe(s.version + reviewers.length);
  });

  it("counts a manual score and an adjustment only after a second, different reviewer confirms them", async () => {
    const s = await submitted("2026-07");
    const withScore = await reviewers[0]?.submissions.enterManualScore({
      townshipId,
      month: "2026-07",
      expectedVersion: s.version,
      indicator: "I10",
      score: 6,
      reason: "台账抽查",
    });
    const withBoth = await reviewers[0]?.submissions.enterAdjustment({
      townshipId,
      month: "2026-07",
      expectedVersion: withScore?.version ?? 0,
      indicator: "I01",
      event: "commended_province",
      count: 1,
      reason: "省级表彰",
    });
    const before = await townshipAdmin.submissions.preview({ townshipId, month: "2026-07" });
    expect(before.indicators.find((i) => i.code === "I10")?.score).toBe(0);
    expect(before.indicators.find((i) => i.code === "I01")?.bonus).toBe(0);

    const self = await reviewers[0]?.submissions
      .confirmEntry({
        townshipId,
        month: "2026-07",
        expectedVersion: withBoth?.version ?? 0,
        entryId: withBoth?.manualScores[0]?.id ?? "",
      })
      .catch((e: unknown) => e);
    expect(appCode(self)).toBe("REVIEW.SAME_REVIEWER");

    let version = withBoth?.version ?? 0;
    for (const entry of [...(withBoth?.manualScores ?? []), ...(withBoth?.adjustments ?? [])]) {
      version = (
        await reviewers[1]?.submissions.confirmEntry({
          townshipId,
          month: "2026-07",
          expectedVersion: version,
          entryId: entry.id,
        })
      )?.version as number;
    }
    const after = await townshipAdmin.submissions.preview({ townshipId, month: "2026-07" });
    expect(after.indicators.find((i) => i.code === "I10")?.score).toBe(6);
    expect(after.indicators.find((i) => i.code === "I01")?.bonus).toBe(2);
    expect(after.indicators.find((i) => i.code === "I01")?.notes.join("")).toContain("省级表彰 1 起");
  });

  it("refuses to approve while an entry awaits its second reviewer, then approves", async () => {
    const s = await submitted("2026-05");
    const entered = await reviewer.submissions.enterManualScore({
      townshipId,
      month: "2026-05",
      expectedVersion: s.version,
      indicator: "I10",
      score: 5,
      reason: "复核",
    });
    await expect(
      reviewer.submissions.approve({ townshipId, month: "2026-05", expectedVersion: entered.version }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("复核") });
    // A second entry the other reviewer disagrees with is discarded, with a reason.
    const extra = await reviewer.submissions.enterAdjustment({
      townshipId,
      month: "2026-05",
      expectedVersion: entered.version,
      indicator: "I01",
      event: "commended_city",
      count: 1,
      reason: "市级表彰",
    });
    const discarded = await countyAdmin.submissions.discardEntry({
      townshipId,
      month: "2026-05",
      expectedVersion: extra.version,
      entryId: extra.adjustments[0]?.id ?? "",
      reason: "表彰文件不在本月",
    });
    expect(discarded.adjustments).toEqual([]);
    const confirmed = await countyAdmin.submissions.confirmEntry({
      townshipId,
      month: "2026-05",
      expectedVersion: discarded.version,
      entryId: entered.manualScores[0]?.id ?? "",
    });
    const approved = await reviewer.submissions.approve({
      townshipId,
      month: "2026-05",
      expectedVersion: confirmed.version,
    });
    expect(approved.status).toBe("approved");
  });

  it("refuses manual scores outside the indicator's range, naming the field in Chinese", async () => {
    const s = await submitted("2026-04");
    await expect(
      reviewer.submissions.enterManualScore({
        townshipId,
        month: "2026-04",
        expectedVersion: s.version,
        indicator: "I10",
        score: 99,
        reason: "x",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("「分数」") });
    await expect(
      reviewer.submissions.enterManualScore({
        townshipId,
        month: "2026-04",
        expectedVersion: s.version,
        indicator: "I02",
        score: 1,
        reason: "x",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("不是人工评分指标") });
  });

  it("locks a month never submitted once the deadline has passed, but lets a returned month be resubmitted", async () => {
    services.setNow("2026-09-06T00:00:00Z"); // 2026-09-06 08:00 CST: the 5th has ended
    const late = await townshipAdmin.submissions
      .submit({ townshipId, month: "2026-08", expectedVersion: 0 })
      .catch((e: unknown) => e);
    expect(late).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(appCode(late)).toBe("SUBMISSION.LOCKED");
    // The deadline is told as the last day that counts, in China time, not as a UTC instant.
    expect((late as Error).message).toContain("2026年9月5日24时");
    expect((await townshipAdmin.submissions.get({ townshipId, month: "2026-08" })).locked).toBe(true);

    const s = await submitted("2026-03");
    services.setNow("2026-04-10T02:00:00Z");
    const returned = await reviewer.submissions.returnToTownship({
      townshipId,
      month: "2026-03",
      expectedVersion: s.version,
      reason: "纠纷台账缺调解记录",
    });
    expect((await townshipAdmin.submissions.get({ townshipId, month: "2026-03" })).returnReason).toBe(
      "纠纷台账缺调解记录",
    );
    const again = await townshipAdmin.submissions.submit({
      townshipId,
      month: "2026-03",
      expectedVersion: returned.version,
    });
    expect(again.status).toBe("submitted");
  });

  it("lets the county admin move the deadline day, which counties.mine and each month's deadline then show", async () => {
    services.setNow("2026-10-20T02:00:00Z");
    const before = await countyAdmin.counties.mine();
    expect(before.submissionDeadlineDay).toBe(5);
    const set = await countyAdmin.submissions.setDeadlineDay({ day: 10, expectedVersion: before.version });
    expect(set.day).toBe(10);
    expect((await reviewer.counties.mine()).submissionDeadlineDay).toBe(10);
    // October is due by the end of 10 November, China time.
    const october = await townshipAdmin.submissions.get({ townshipId, month: "2026-10" });
    expect(october.deadline).toBe("2026-11-10T16:00:00.000Z");
    await expect(
      countyAdmin.submissions.setDeadlineDay({ day: 29, expectedVersion: set.version }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("截止日") });
    await countyAdmin.submissions.setDeadlineDay({ day: 5, expectedVersion: set.version });
  });

  it("previews the month live with rank, points to the next rank and the records behind each indicator", async () => {
    services.setNow("2026-09-20T02:00:00Z");
    const meeting = await staff.events.create({
      townshipId,
      requestId: "preview-meeting",
      kind: "monthly_meeting",
      occurredAt: "2026-09-03T09:00:00+08:00",
    });
    const preview = await staff.submissions.preview({ townshipId, month: "2026-09" });
    expect(preview).toMatchObject({ townships: 2, rank: 1, schemeVersion: 1 });
    // Each rate says what it measures, since a township cannot read the scheme: 万人发案率 is per 10,000.
    const kinds = new Map(
      preview.indicators.map((i) => [i.code, "metricKind" in i ? i.metricKind : undefined]),
    );
    expect([...kinds.values()]).toContain("incident.rate_per_10k");
    expect(kinds.get("I01")).toBeUndefined();
    expect(preview.indicators.find((i) => i.code === "I01")?.records).toEqual([
      { kind: "event", id: meeting.id },
    ]);
    const sibling = await reviewer.submissions.preview({
      townshipId: tenants.A.siblingTownshipId,
      month: "2026-09",
    });
    expect(sibling.rank).toBe(2);
    expect(sibling.toNextRank).toBeCloseTo(preview.total - sibling.total, 2);

    const trend = await staff.submissions.trend({ townshipId, year: 2026 });
    expect(trend.map((m) => m.month)).toEqual(
      ["01", "02", "03", "04", "05", "06", "07", "08", "09"].map((m) => `2026-${m}`),
    );
    expect(trend.find((m) => m.month === "2026-09")).toMatchObject({ rank: 1, total: preview.total });
    // Months before the township joined and recorded anything are not scored: no fake full marks. Earlier
    // tests in this file record some months, so find where this township's trend starts.
    const start = trend.findIndex((m) => m.total !== null);
    expect(start).toBeGreaterThan(1);
    expect(trend.slice(0, start).every((m) => m.total === null && m.rank === null)).toBe(true);
    expect(trend.slice(start).every((m) => typeof m.total === "number")).toBe(true);
    // A record entered afterwards for an earlier month starts the trend at that month.
    const earlier = trend[start - 1]?.month as string;
    await staff.events.create({
      townshipId,
      requestId: "trend-backfill",
      kind: "monthly_meeting",
      occurredAt: `${earlier}-15T09:00:00+08:00`,
    });
    const backfilled = await staff.submissions.trend({ townshipId, year: 2026 });
    expect(backfilled[start - 2]?.total).toBeNull();
    expect(backfilled[start - 1]?.total).toEqual(expect.any(Number));
  });

  it("answers a confirmed score above a maximum a later scheme lowered with a state error, not a 500", async () => {
    services.setNow("2025-12-28T02:00:00Z");
    const first = await countyAdmin.schemes.startFromModel({ year: 2025, expectedVersion: 0 });
    const s = await townshipAdmin.submissions.submit({ townshipId, month: "2025-12", expectedVersion: 0 });
    const entered = await reviewer.submissions.enterManualScore({
      townshipId,
      month: "2025-12",
      expectedVersion: s.version,
      indicator: "I10",
      score: 7,
      reason: "年终检查",
    });
    await countyAdmin.submissions.confirmEntry({
      townshipId,
      month: "2025-12",
      expectedVersion: entered.version,
      entryId: entered.manualScores[0]?.id ?? "",
    });
    const lowered = first.scheme.indicators.map((i) => (i.code === "I10" ? { ...i, maxScore: 5 } : i));
    await countyAdmin.schemes.save({
      year: 2025,
      expectedVersion: 1,
      scheme: { ...first.scheme, indicators: lowered },
    });
    await expect(townshipAdmin.submissions.preview({ townshipId, month: "2025-12" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("重新录入"),
    });
  });
});

describe("双人复核 by one person", () => {
  it("refuses a second reviewer whose account is newer than the entry, and announces new county users", async () => {
    const s = await submitted("2026-02");
    const entered = await countyAdmin.submissions.enterManualScore({
      townshipId,
      month: "2026-02",
      expectedVersion: s.version,
      indicator: "I10",
      score: 8,
      reason: "台账抽查",
    });
    // The county admin creates a reviewer of its own after the entry and signs in as it.
    services.setNow("2026-02-28T03:00:00Z");
    const phone = uniquePhone();
    await countyAdmin.counties.addUser({
      name: "临时复核员",
      phone,
      role: "county_reviewer",
      initialPassword: "Initial-Pass1",
    });
    const { accessToken } = await anonymous(services).auth.signIn({
      login: phone,
      password: "Initial-Pass1",
    });
    const puppet = callerWith(services, accessToken);
    await puppet.auth.changePassword({ currentPassword: "Initial-Pass1", newPassword: "Lantern-River-82" });
    const refused = await puppet.submissions
      .confirmEntry({
        townshipId,
        month: "2026-02",
        expectedVersion: entered.version,
        entryId: entered.manualScores[0]?.id ?? "",
      })
      .catch((e: unknown) => e);
    expect(appCode(refused)).toBe("REVIEW.REVIEWER_TOO_NEW");
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("录入前已在岗") });
    // The entry still waits: the month cannot be approved on the puppet's word.
    const still = await reviewer.submissions.get({ townshipId, month: "2026-02" });
    expect(still.manualScores[0]?.confirmedBy).toBeUndefined();
    // A reviewer in post before the entry confirms it.
    const confirmed = await reviewer.submissions.confirmEntry({
      townshipId,
      month: "2026-02",
      expectedVersion: still.version,
      entryId: entered.manualScores[0]?.id ?? "",
    });
    expect(confirmed.manualScores[0]?.confirmedBy).toBeTruthy();
    // Entries made after the new reviewer joined it may confirm.
    const later = await countyAdmin.submissions.enterManualScore({
      townshipId,
      month: "2026-02",
      expectedVersion: confirmed.version,
      indicator: "I10",
      score: 7,
      reason: "复查",
    });
    const pending = later.manualScores.find((e) => !e.confirmedBy);
    await expect(
      puppet.submissions.confirmEntry({
        townshipId,
        month: "2026-02",
        expectedVersion: later.version,
        entryId: pending?.id ?? "",
      }),
    ).resolves.toBeTruthy();

    // The county's other users read the addition in the county trail; the admin's list flags the date.
    const trail = await reviewer.audit.county({ limit: 50 });
    expect(
      trail.items.find((e) => e.action === "county.addReviewer" && e.after?.name === "临时复核员"),
    ).toMatchObject({
      actorRole: "county_admin",
      reason: "新增复核员：临时复核员（县级审核员），2026-02-28 起可复核此后录入的人工评分和调整",
    });
    const listed = (await countyAdmin.counties.listUsers()).find((u) => u.phone === phone);
    expect(listed?.since).toBe("2026-02-28T03:00:00.000Z");
  });
});
