import { describe, expect, it } from "vitest";
import { MAX_ENTRIES, MAX_PENDING_ENTRIES } from "../submissions/review";
import {
  anonymous,
  callerWith,
  createTestServices,
  seedTwoTenants,
  TEST_PASSWORD,
  uniquePhone,
} from "../testing/harness";
import { provisionUser } from "../testing/provisioning";

// Issue 16: ~122 pending adjustments with long reasons overflowed the submission's audit entry (400 KB)
// and confirming, returning and approving then failed with 500. What reviewers can add is capped with a
// 4xx naming the field, and at the cap every transition still works.
const services = await createTestServices("submission-caps");
services.setNow("2026-08-28T02:00:00Z");
services.accessTokenTtlSeconds = 365 * 24 * 3600;
const { tenants, tokens } = await seedTwoTenants(services);
const countyAdmin = callerWith(services, tokens.A.county_admin);
const first = callerWith(services, tokens.A.county_reviewer);
const secondPhone = uniquePhone();
await provisionUser(services, {
  name: "第二复核员",
  phone: secondPhone,
  password: TEST_PASSWORD,
  role: "county_reviewer",
  countyId: tenants.A.countyId,
});
const second = callerWith(
  services,
  (await anonymous(services).auth.signIn({ login: secondPhone, password: TEST_PASSWORD })).accessToken,
);
await countyAdmin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
const townshipAdmin = callerWith(services, tokens.A.township_admin);
const townshipId = tenants.A.townshipId;
const month = "2026-08";
const LONG_REASON = "因该乡镇在本月开展专项治理工作成效突出受到表彰".repeat(25).slice(0, 500);

const current = () => first.submissions.get({ townshipId, month });
const enter = async (n: number) => {
  for (let i = 0; i < n; i++)
    await first.submissions.enterAdjustment({
      townshipId,
      month,
      expectedVersion: (await current()).version,
      indicator: "I01",
      event: "commended_city",
      count: 1,
      reason: LONG_REASON,
    });
};
const confirmAll = async () => {
  for (const e of (await current()).adjustments.filter((a) => !a.confirmedBy))
    await second.submissions.confirmEntry({
      townshipId,
      month,
      expectedVersion: (await current()).version,
      entryId: e.id,
    });
};
const oneMore = async () =>
  first.submissions.enterAdjustment({
    townshipId,
    month,
    expectedVersion: (await current()).version,
    indicator: "I01",
    event: "commended_city",
    count: 1,
    reason: LONG_REASON,
  });

describe("reviewer entries per submission are capped", () => {
  it("refuses a reason over 500 characters with a 400 naming the field", async () => {
    await townshipAdmin.submissions.submit({ townshipId, month, expectedVersion: 0 });
    await expect(
      first.submissions.enterAdjustment({
        townshipId,
        month,
        expectedVersion: (await current()).version,
        indicator: "I01",
        event: "commended_city",
        count: 1,
        reason: `${LONG_REASON}多`,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("理由") });
  });

  it("answers a 4xx past the pending and the total cap, and still confirms, returns and approves at the cap", {
    timeout: 240_000,
  }, async () => {
    await enter(MAX_PENDING_ENTRIES);
    await expect(oneMore()).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("「待复核条目」"),
    });
    await confirmAll();
    await enter(MAX_ENTRIES - MAX_PENDING_ENTRIES);
    await expect(oneMore()).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("待复核"),
    });
    await confirmAll();
    expect((await current()).adjustments).toHaveLength(MAX_ENTRIES);
    await expect(oneMore()).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("「人工评分和调整」"),
    });

    // Every transition still fits in one item at the cap.
    await first.submissions.returnToTownship({
      townshipId,
      month,
      expectedVersion: (await current()).version,
      reason: LONG_REASON,
    });
    await townshipAdmin.submissions.submit({ townshipId, month, expectedVersion: (await current()).version });
    const approved = await first.submissions.approve({
      townshipId,
      month,
      expectedVersion: (await current()).version,
    });
    expect(approved.status).toBe("approved");

    // The audit entries keep what changed: none carries the whole list of entries.
    const trail = await services.db.entities.audit.query
      .byScope({ scope: `T#${townshipId}` })
      .go({ pages: "all" });
    const sizes = trail.data
      .filter((e) => e.entityType === "submission")
      .map((e) => JSON.stringify(e).length);
    expect(sizes.length).toBeGreaterThan(2 * MAX_ENTRIES);
    expect(Math.max(...sizes)).toBeLessThan(8_000);
  });
});
