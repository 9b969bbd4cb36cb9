import { describe, expect, it } from "vitest";
import { dataWith, ev, schemeWith } from "../test/builders";
import { explainGaps } from "./gaps";
import { computeLeagueTable, rank } from "./league";
import type { Indicator } from "./types";

const full: Indicator = {
  code: "F",
  name: "全",
  maxScore: 100,
  base: { kind: "full" },
  deductions: [{ event: "late_report", points: 1 }],
};
const scheme = schemeWith([full], { vetoes: [{ event: "mass_incident" }] });

function lateReports(month: string, perTownship: Record<string, number>) {
  return Object.entries(perTownship)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => ev("late_report", `${month}-10T10:00:00+08:00`, t, n));
}

describe("ranking", () => {
  it("uses standard competition ranks: equal totals share a rank, the next rank skips, equals listed by code", () => {
    const ranked = rank([
      { townshipId: "a", code: "3", cents: 9000n, vetoed: false },
      { townshipId: "b", code: "2", cents: 9500n, vetoed: false },
      { townshipId: "c", code: "1", cents: 9000n, vetoed: false },
      { townshipId: "d", code: "0", cents: 8000n, vetoed: false },
    ]);
    expect(ranked.map((r) => [r.townshipId, r.rank])).toEqual([
      ["b", 1],
      ["c", 2],
      ["a", 2],
      ["d", 4],
    ]);
  });

  it("puts vetoed townships after all others, even with a higher total, and does not tie across groups", () => {
    const data = dataWith(
      {
        events: [
          ...lateReports("2026-10", { t1: 10, t2: 10 }),
          ev("mass_incident", "2026-10-02T00:00:00+08:00", "t3"),
        ],
      },
      3,
    );
    const table = computeLeagueTable(scheme, data, "2026-10");
    expect(table.rows.map((r) => [r.townshipId, r.rank, r.total, r.vetoed])).toEqual([
      ["t1", 1, 90, false],
      ["t2", 1, 90, false],
      ["t3", 3, 100, true],
    ]);
  });

  it("reports rank change against the previous month, with January compared to the previous December", () => {
    const data = dataWith(
      {
        events: [
          ...lateReports("2025-12", { t1: 0, t2: 5, t3: 9 }),
          ...lateReports("2026-01", { t1: 9, t2: 0, t3: 5 }),
        ],
      },
      3,
    );
    const table = computeLeagueTable(scheme, data, "2026-01");
    expect(table.rows.map((r) => [r.townshipId, r.rank, r.rankChange])).toEqual([
      ["t2", 1, 1],
      ["t3", 2, 1],
      ["t1", 3, -2],
    ]);
  });

  it("averages a quarter's monthly totals and bonuses and vetoes it if any month was vetoed", () => {
    const bonusScheme = schemeWith([{ ...full, bonuses: [{ event: "commended_city", points: 1 }] }], {
      vetoes: [{ event: "mass_incident" }],
      bonusCap: 5,
    });
    const data = dataWith(
      {
        events: [
          ev("late_report", "2026-07-10T00:00:00+08:00", "t1", 1),
          ev("late_report", "2026-08-10T00:00:00+08:00", "t1", 1),
          ev("commended_city", "2026-09-10T00:00:00+08:00", "t1", 1),
          ev("mass_incident", "2026-08-10T00:00:00+08:00", "t2"),
        ],
      },
      2,
    );
    const table = computeLeagueTable(bonusScheme, data, "2026-Q3");
    // t1: (99 + 99 + 101) / 3 = 99.666… → 99.67; bonus (0 + 0 + 1) / 3 → 0.33
    expect(table.rows[0]).toMatchObject({
      townshipId: "t1",
      total: 99.67,
      bonus: 0.33,
      vetoed: false,
      indicators: [],
    });
    expect(table.rows[1]).toMatchObject({ townshipId: "t2", total: 100, vetoed: true, grade: "不合格" });
  });
});

describe("points to the next rank and grade", () => {
  it("tells each row how far the next better rank and grade are, and nothing a vetoed row can earn by points", () => {
    const data = dataWith(
      {
        events: [
          ...lateReports("2026-10", { t1: 0, t2: 3, t3: 12 }),
          ev("mass_incident", "2026-10-02T00:00:00+08:00", "t4"),
        ],
      },
      4,
    );
    const table = computeLeagueTable(scheme, data, "2026-10");
    const gaps = new Map(explainGaps(table, scheme).map((g) => [g.townshipId, g]));
    expect(gaps.get("t1")).toEqual({
      townshipId: "t1",
      toNextRank: null,
      nextGrade: null,
      toNextGrade: null,
    });
    expect(gaps.get("t2")).toEqual({ townshipId: "t2", toNextRank: 3, nextGrade: null, toNextGrade: null });
    expect(gaps.get("t3")).toEqual({ townshipId: "t3", toNextRank: 9, nextGrade: "优秀", toNextGrade: 2 });
    expect(gaps.get("t4")).toEqual({
      townshipId: "t4",
      toNextRank: null,
      nextGrade: null,
      toNextGrade: null,
    });
  });
});
