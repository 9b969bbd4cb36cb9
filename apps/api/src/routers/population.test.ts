import { describe, expect, it } from "vitest";
import { callerWith, createTestServices, seedTwoTenants } from "../testing/harness";

// Issue 16: 万人发案率 divides by the population, which a township could edit freely (3 incidents at 1,000
// scored 0, at 10,000,000 full marks). Now it is a reviewed change, effective from a stated month.
const services = await createTestServices("population");
services.setNow("2026-10-20T02:00:00Z");
const { tenants, tokens } = await seedTwoTenants(services);
const countyAdmin = callerWith(services, tokens.A.county_admin);
const reviewer = callerWith(services, tokens.A.county_reviewer);
const townshipAdmin = callerWith(services, tokens.A.township_admin);
const staff = callerWith(services, tokens.A.township_staff);
const townshipId = tenants.A.townshipId;
await countyAdmin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
for (const [i, at] of ["2026-09-03T22:00:00+08:00", "2026-10-03T22:00:00+08:00"].entries())
  for (let n = 0; n < 3; n++)
    await staff.incidents.create({
      townshipId,
      requestId: `req-pop-incident-${i}-${n}`,
      occurredAt: at,
      kind: "criminal",
      severity: "ordinary",
      summary: "盗窃电动车",
    });

const rateIn = async (month: string) =>
  (await townshipAdmin.submissions.preview({ townshipId, month })).indicators.find((i) => i.code === "I05")
    ?.metric;
const township = () => townshipAdmin.onboarding.township({ townshipId });

describe("population is a reviewed change", () => {
  it("the township's own profile edit cannot change the population", async () => {
    const before = await township();
    const edited = await townshipAdmin.onboarding.updateTownshipProfile({
      townshipId,
      expectedVersion: before.version,
      name: before.name,
      code: before.code,
      villages: before.villages,
      grids: before.grids,
      population: 10_000_000,
    } as never);
    expect(edited.population).toBe(before.population);
    expect((await township()).population).toBe(before.population);
  });

  it("a proposal changes nothing until the county approves; then months from `from` use the new value", async () => {
    const { population } = await township();
    const oldRate = (3 * 10_000) / population;
    expect(await rateIn("2026-09")).toBeCloseTo(oldRate, 6);
    expect(await rateIn("2026-10")).toBeCloseTo(oldRate, 6);

    const proposed = await townshipAdmin.onboarding.proposePopulation({
      townshipId,
      expectedVersion: (await township()).version,
      from: "2026-10",
      population: 10_000_000,
      reason: "人口普查更新",
    });
    expect(proposed.requests[0]).toMatchObject({
      status: "pending",
      from: "2026-10",
      population: 10_000_000,
    });
    expect(proposed.inForce).toBe(population);
    expect(await rateIn("2026-10")).toBeCloseTo(oldRate, 6);
    // One pending request at a time.
    await expect(
      townshipAdmin.onboarding.proposePopulation({
        townshipId,
        expectedVersion: proposed.version,
        from: "2026-11",
        population: 5,
        reason: "再次申请",
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("户籍人口") });

    // The county sees it pending; only the county admin decides.
    const pending = await reviewer.onboarding.pendingPopulationRequests();
    const request = pending.find((r) => r.townshipId === townshipId);
    expect(request).toMatchObject({ population: 10_000_000, from: "2026-10", current: population });
    const decision = {
      townshipId,
      requestId: request?.id ?? "",
      approve: true,
      expectedVersion: request?.townshipVersion ?? 0,
    };
    await expect(reviewer.onboarding.decidePopulation(decision)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const approved = await countyAdmin.onboarding.decidePopulation(decision);
    expect(approved.history).toEqual([{ from: "2026-10", population: 10_000_000 }]);
    expect(approved.requests[0]).toMatchObject({ status: "approved" });

    expect(await rateIn("2026-09")).toBeCloseTo(oldRate, 6);
    expect(await rateIn("2026-10")).toBeCloseTo(0.003, 6);
    expect(await countyAdmin.onboarding.pendingPopulationRequests()).toEqual([]);

    // Kept in the county's trail: the proposal and the approval.
    const trail = (await countyAdmin.audit.county({ limit: 100 })).items.filter(
      (e) => e.entityId === townshipId,
    );
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(["township.proposePopulation", "township.approvePopulation"]),
    );
  });

  it("a rejected request changes nothing", async () => {
    const current = await townshipAdmin.onboarding.population({ townshipId });
    const proposed = await townshipAdmin.onboarding.proposePopulation({
      townshipId,
      expectedVersion: current.version,
      from: "2026-11",
      population: 1,
      reason: "试图降低",
    });
    const id = proposed.requests[0]?.id ?? "";
    const rejected = await countyAdmin.onboarding.decidePopulation({
      townshipId,
      requestId: id,
      approve: false,
      reason: "与统计数据不符",
      expectedVersion: proposed.version,
    });
    expect(rejected.history).toEqual(current.history);
    expect(rejected.requests[0]).toMatchObject({ id, status: "rejected", decisionReason: "与统计数据不符" });
  });

  it("refuses a malformed month, naming the field", async () => {
    await expect(
      townshipAdmin.onboarding.proposePopulation({
        townshipId,
        expectedVersion: 1,
        from: "2026-13",
        population: 100,
        reason: "x",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("生效月份") });
  });

  it("never reaches back into a published month: refused when proposed, and when approved after a publication", async () => {
    // A request from September is still pending when the county publishes September.
    const current = await townshipAdmin.onboarding.population({ townshipId });
    const proposed = await townshipAdmin.onboarding.proposePopulation({
      townshipId,
      expectedVersion: current.version,
      from: "2026-09",
      population: 40_000,
      reason: "普查数据更新",
    });
    await countyAdmin.league.publish({ period: "2026-09" });

    // September is published now: a new proposal from September is refused, naming the field and the month.
    const refusal = { code: "BAD_REQUEST", message: expect.stringContaining("（2026-10）") };
    const decide = (approve: boolean) =>
      countyAdmin.onboarding.decidePopulation({
        townshipId,
        requestId: proposed.requests[0]?.id ?? "",
        approve,
        reason: "复核",
        expectedVersion: proposed.version,
      });
    // The pending request from September can no longer be approved (it would change a published table) …
    await expect(decide(true)).rejects.toMatchObject(refusal);
    const unchanged = await township();
    expect(unchanged.population).toBe(current.population);
    // … but it can be rejected, which frees the township to propose again from an open month.
    await decide(false);
    const again = await townshipAdmin.onboarding.population({ townshipId });
    await expect(
      townshipAdmin.onboarding.proposePopulation({
        townshipId,
        expectedVersion: again.version,
        from: "2026-09",
        population: 40_000,
        reason: "普查数据更新",
      }),
    ).rejects.toMatchObject({ ...refusal, message: expect.stringContaining("生效月份") });
    const fromOctober = await townshipAdmin.onboarding.proposePopulation({
      townshipId,
      expectedVersion: again.version,
      from: "2026-10",
      population: 40_000,
      reason: "普查数据更新",
    });
    expect(fromOctober.requests[0]).toMatchObject({ status: "pending", from: "2026-10" });
  });
});
