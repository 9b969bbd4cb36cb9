import { describe, expect, it } from "vitest";
import { anonymous, callerWith, createTestServices } from "../testing/harness";
import { DEMO_COUNTY_ID, DEMO_LOGINS, DEMO_PASSWORD, publishDemoHistory, seedDemo } from "./demo-seed";

const services = await createTestServices("demo-seed");

describe("the demo county of npm run dev", () => {
  it("is seeded once, with its finished 2026 periods published for the public page and rank history", async () => {
    expect(await seedDemo(services)).toBe(true);
    expect(await seedDemo(services)).toBe(false);

    // The harness clock stands on 20 November 2026: January to October and the first three quarters ended.
    const published = await publishDemoHistory(services);
    const months = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
    expect(published).toEqual([...months, "2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(await publishDemoHistory(services)).toEqual([]);

    const periods = await anonymous(services).public.periods({ countyId: DEMO_COUNTY_ID });
    expect(new Set(periods.published.map((p) => p.period))).toEqual(new Set(published));
    const october = await anonymous(services).public.leagueTable({
      countyId: DEMO_COUNTY_ID,
      period: "2026-10",
    });
    expect(october.table.rows).toHaveLength(12);

    // The demo township staff sees its rank in each of them.
    const staff = DEMO_LOGINS.find((l) => l.role === "township_staff");
    const { accessToken } = await anonymous(services).auth.signIn({
      login: staff?.phone as string,
      password: DEMO_PASSWORD,
    });
    const caller = callerWith(services, accessToken);
    const me = await caller.auth.me();
    const history = await caller.league.rankHistory({ townshipId: me.township?.id as string });
    expect(history.length).toBe(published.length);
    const row = october.table.rows.find((r) => r.townshipId === me.township?.id);
    expect(history.find((h) => h.period === "2026-10")).toMatchObject({ rank: row?.rank, total: row?.total });
  });
});
