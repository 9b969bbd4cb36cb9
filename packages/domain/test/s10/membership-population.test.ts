import { describe, expect, it } from "vitest";
import { computeLeagueTable, scoreMonths } from "../../src/league";
import type { Data, Incident, Indicator, Township } from "../../src/types";
import { dataWith, ev, schemeWith } from "../builders";

/** 扣分制: 10 less 1 a meeting missed, so each township's total is easy to steer per month. */
const scheme = schemeWith(
  [
    {
      code: "D",
      name: "扣分",
      maxScore: 10,
      base: { kind: "full" },
      deductions: [{ event: "miss", points: 1 }],
    },
  ],
  { vetoes: [{ event: "homicide", cap: 50 }] },
);

function county(patch: (ts: Township[]) => void, extra: Partial<Data> = {}): Data {
  const data = dataWith(extra, 3);
  patch(data.townships);
  return data;
}

const ids = (period: string, data: Data) =>
  computeLeagueTable(scheme, data, period).rows.map((r) => r.townshipId);

describe("§11 memberFrom", () => {
  const data = county(
    (ts) => {
      (ts[2] as Township).memberFrom = "2026-11";
    },
    {
      events: [
        ev("miss", "2026-10-10T09:00:00+08:00", "t1"),
        ev("miss", "2026-11-10T09:00:00+08:00", "t1", 2),
        ev("miss", "2026-11-10T09:00:00+08:00", "t2", 1),
        ev("miss", "2026-10-10T09:00:00+08:00", "t3", 5), // before t3 belonged: never scored
      ],
    },
  );

  it("scores and ranks a township only from its first member month", () => {
    expect(ids("2026-10", data)).toEqual(["t2", "t1"]);
    const nov = computeLeagueTable(scheme, data, "2026-11").rows;
    expect(nov.map((r) => [r.townshipId, r.total, r.rank, r.rankChange])).toEqual([
      ["t3", 10, 1, 0], // not in October's table: rankChange 0
      ["t2", 9, 2, -1],
      ["t1", 8, 3, -1],
    ]);
    expect(
      scoreMonths(scheme, data, ["2026-10", "2026-11"])
        .get("t3")
        ?.map((s) => s.month),
    ).toEqual(["2026-11"]);
  });

  it("averages a quarter or year over member months only; no member month, no row", () => {
    // Both at 10: a tie, listed by code.
    expect(ids("2026-Q3", data)).toEqual(["t1", "t2"]);
    const q4 = computeLeagueTable(scheme, data, "2026-Q4").rows;
    // t3: November 10 and December 10 → 10 (October's five misses are before it belonged).
    // t1: (9 + 8 + 10) / 3 = 9; t2: (10 + 9 + 10) / 3 = 9.67.
    expect(q4.map((r) => [r.townshipId, r.total, r.rankChange])).toEqual([
      ["t3", 10, 0],
      ["t2", 9.67, -1], // Q3: t1 and t2 tied at rank 1
      ["t1", 9, -2],
    ]);
    const year = computeLeagueTable(scheme, data, "2026").rows;
    expect(year.find((r) => r.townshipId === "t3")?.total).toBe(10);
    // t1: ten months at 10, October 9, November 8: 117 / 12 = 9.75.
    expect(year.find((r) => r.townshipId === "t1")?.total).toBe(9.75);
  });

  it("includes the memberFrom month itself and nothing before it", () => {
    const at = (memberFrom: string) =>
      ids(
        "2026-10",
        county((ts) => {
          (ts[0] as Township).memberFrom = memberFrom;
        }),
      );
    expect(at("2026-10")).toContain("t1");
    expect(at("2026-09")).toContain("t1");
    expect(at("2026-11")).not.toContain("t1");
    expect(at("2027-01")).not.toContain("t1");
  });

  it("gives a quarter with one member month that month's total, bonus and veto", () => {
    const d = county(
      (ts) => {
        (ts[0] as Township).memberFrom = "2026-12";
      },
      {
        events: [
          ev("miss", "2026-12-10T09:00:00+08:00", "t1", 3),
          ev("homicide", "2026-12-11T09:00:00+08:00", "t1"),
          ev("homicide", "2026-11-11T09:00:00+08:00", "t1"), // before it belonged: no veto from it
        ],
      },
    );
    const dec = computeLeagueTable(scheme, d, "2026-12").rows.find((r) => r.townshipId === "t1");
    const q4 = computeLeagueTable(scheme, d, "2026-Q4").rows.find((r) => r.townshipId === "t1");
    expect(dec).toMatchObject({ total: 7, vetoed: true });
    expect(q4).toMatchObject({ total: 7, bonus: 0, vetoed: true, grade: "不合格", indicators: [] });
    // Vetoed rows come last.
    expect(computeLeagueTable(scheme, d, "2026-Q4").rows.at(-1)?.townshipId).toBe("t1");
  });

  it("measures the others' rank changes against the previous table, which it is not in", () => {
    const base = county(() => {}, {
      events: [ev("miss", "2026-10-10T09:00:00+08:00", "t1"), ev("miss", "2026-11-10T09:00:00+08:00", "t2")],
    });
    const joined = structuredClone(base);
    (joined.townships[2] as Township).memberFrom = "2026-11";
    const without = { ...base, townships: base.townships.slice(0, 2) };
    // October's table is the same as if t3 did not exist.
    expect(computeLeagueTable(scheme, joined, "2026-10")).toEqual(
      computeLeagueTable(scheme, without, "2026-10"),
    );
    const oct = new Map(
      computeLeagueTable(scheme, without, "2026-10").rows.map((r) => [r.townshipId, r.rank]),
    );
    const nov = computeLeagueTable(scheme, joined, "2026-11").rows;
    // November: t1 10 and t3 10 share rank 1, t2 9 is 3rd.
    expect(nov.map((r) => [r.townshipId, r.rank, r.rankChange])).toEqual([
      ["t1", 1, (oct.get("t1") ?? 0) - 1],
      ["t3", 1, 0],
      ["t2", 3, (oct.get("t2") ?? 0) - 3],
    ]);
    expect(oct).toEqual(
      new Map([
        ["t2", 1],
        ["t1", 2],
      ]),
    );
  });
});

describe("§11 populationHistory", () => {
  const rate: Indicator = {
    code: "I",
    name: "万人发案率",
    maxScore: 10,
    base: { kind: "ratio_inverse", metric: "incident.rate_per_10k", target: 1, ceiling: 3 },
  };
  const incident = (id: string, occurredAt: string): Incident => ({
    id,
    townshipId: "t1",
    occurredAt,
    kind: "public_order",
    severity: "ordinary",
  });
  const data = dataWith({
    incidents: [
      incident("a", "2026-10-03T09:00:00+08:00"),
      incident("b", "2026-10-04T09:00:00+08:00"),
      incident("c", "2026-11-03T09:00:00+08:00"),
      incident("d", "2026-11-04T09:00:00+08:00"),
    ],
  });
  // Population 10,000, then 20,000 from November (listed out of order on purpose).
  (data.townships[0] as Township).populationHistory = [
    { from: "2027-01", population: 5_000 },
    { from: "2026-11", population: 20_000 },
  ];
  const s = schemeWith([rate]);

  it("uses the population in force in each month", () => {
    const oct = computeLeagueTable(s, data, "2026-10").rows[0]?.indicators[0];
    // 2 × 10,000 / 10,000 = 2 per 10k: 10 × (3 − 2) / (3 − 1) = 5.
    expect(oct).toMatchObject({ metric: 2, score: 5 });
    expect(oct?.notes[0]).toContain("常住人口 10000 人");
    const nov = computeLeagueTable(s, data, "2026-11").rows[0]?.indicators[0];
    // 2 × 10,000 / 20,000 = 1 per 10k: at the target, full marks.
    expect(nov).toMatchObject({ metric: 1, score: 10 });
    expect(nov?.notes[0]).toContain("常住人口 20000 人");
  });

  it("averages a quarter across a population change", () => {
    // October 5, November 10, December 10 (no incidents): 25 / 3 = 8.33.
    expect(computeLeagueTable(s, data, "2026-Q4").rows[0]?.total).toBe(8.33);
  });

  it("uses population before the first change and the latest change after several", () => {
    const early = computeLeagueTable(
      s,
      { ...data, incidents: [incident("x", "2026-01-05T09:00:00+08:00")] },
      "2026-01",
    );
    expect(early.rows[0]?.indicators[0]?.metric).toBe(1);
    const later = computeLeagueTable(
      s,
      { ...data, incidents: [incident("y", "2027-02-05T09:00:00+08:00")] },
      "2027-02",
    );
    expect(later.rows[0]?.indicators[0]?.metric).toBe(2);
  });
});
