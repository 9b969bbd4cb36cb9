import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";
import { publishTenantMetrics } from "./metrics";
import { configureTenantLimits, TenantLimiter } from "./tenant-limits";

describe("TenantLimiter", () => {
  it("lets a burst through, refills at the rate, and keeps a refused township off its county's bucket", () => {
    let now = 0;
    const limiter = new TenantLimiter(
      { county: { perSecond: 2, burst: 4 }, township: { perSecond: 1, burst: 2 } },
      () => now,
    );
    const t1 = { countyId: "c", townshipId: "t1" };
    const t2 = { countyId: "c", townshipId: "t2" };
    expect([1, 2, 3, 4, 5].map(() => limiter.admit(t1))).toEqual([true, true, false, false, false]);
    // t1's refusals took nothing from the county: t2 still gets its burst.
    expect([limiter.admit(t2), limiter.admit(t2), limiter.admit(t2)]).toEqual([true, true, false]);
    // The county's 4 are spent: a county user waits too, until it refills.
    expect(limiter.admit({ countyId: "c" })).toBe(false);
    now = 1000;
    expect(limiter.admit({ countyId: "c" })).toBe(true);
    expect(limiter.admit(t1)).toBe(true);
    expect(limiter.admit({ countyId: "other" })).toBe(true);
  });
});

const services = await createTestServices("tenant-limits");
configureTenantLimits(
  services,
  // Refills too slowly to matter within the test (one token per 100 s): the counts below are exact.
  new TenantLimiter({ county: { perSecond: 0.01, burst: 20 }, township: { perSecond: 0.01, burst: 10 } }),
);
const seeded = await seedTwoTenants(services);
const { tenants, tokens } = seeded;
const lines: string[] = [];
publishTenantMetrics((line) => lines.push(line));
afterAll(() => publishTenantMetrics(false));

type Emf = {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
  county: string;
  procedure: string;
  Requests: number;
  Errors: number;
  Throttled: number;
  Latency: number;
  ConsumedCapacity: number;
};

describe("a tenant flooding the API", () => {
  it("gets 429s while another county's and its own county's calls still succeed", async () => {
    const flooder = callerWith(services, tokens.A.township_staff);
    const flood = await Promise.allSettled(
      Array.from({ length: 30 }, () => flooder.disputes.list({ townshipId: tenants.A.townshipId })),
    );
    const refused = flood.filter((r) => r.status === "rejected");
    expect(flood.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(refused).toHaveLength(20);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        message: "本单位当前请求过于频繁，请稍候几秒再试",
        cause: { code: "TENANT.RATE_LIMITED" },
      });

    // Another county is untouched, and so is the flooding township's own county (its refusals took
    // nothing from the county's bucket).
    const other = callerWith(services, tokens.B.township_staff);
    const otherCalls = await Promise.all(
      Array.from({ length: 8 }, () => other.disputes.list({ townshipId: tenants.B.townshipId })),
    );
    expect(otherCalls).toHaveLength(8);
    const county = callerWith(services, tokens.A.county_reviewer);
    await expect(county.disputes.list({ townshipId: tenants.A.siblingTownshipId })).resolves.toBeDefined();

    // Over HTTP the refusal is a 429 with the stable code.
    const response = await createApp({ services }).request(
      `/trpc/disputes.list?input=${encodeURIComponent(JSON.stringify({ townshipId: tenants.A.townshipId }))}`,
      { headers: { authorization: `Bearer ${tokens.A.township_staff}` } },
    );
    expect(response.status).toBe(429);
    expect(((await response.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe(
      "TENANT.RATE_LIMITED",
    );
  });

  it("is visible per county in the metrics: requests, throttles, latency and consumed capacity", () => {
    const emf = lines.map((l) => JSON.parse(l) as Emf);
    const ofA = emf.filter((m) => m.county === tenants.A.countyId && m.procedure === "disputes.list");
    const ofB = emf.filter((m) => m.county === tenants.B.countyId && m.procedure === "disputes.list");
    expect(ofA.length).toBeGreaterThanOrEqual(31);
    expect(ofA.reduce((n, m) => n + m.Throttled, 0)).toBe(21);
    expect(ofB).toHaveLength(8);
    expect(ofB.every((m) => m.Throttled === 0 && m.Errors === 0 && m.ConsumedCapacity > 0)).toBe(true);
    const directive = ofB[0]?._aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe("PinganAssessment");
    expect(directive?.Dimensions[0]).toContain("county");
  });
});
