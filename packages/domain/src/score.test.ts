import { describe, expect, it } from "vitest";
import { dataWith, ev, schemeWith } from "../test/builders";
import { computeLeagueTable, computeLeagueTableDetailed } from "./league";
import { ScoringInputError } from "./score";
import type { Data, Dispute, Indicator, Scheme } from "./types";

const OCT = "2026-10-15T10:00:00+08:00";

function only(scheme: Scheme, data: Data, period = "2026-10") {
  const row = computeLeagueTable(scheme, data, period).rows[0];
  if (!row) throw new Error("no row");
  return row;
}

function dispute(p: Partial<Dispute> & { id: string }): Dispute {
  return { townshipId: "t1", level: "blue", reportedAt: "2026-10-01T09:00:00+08:00", attempts: 3, ...p };
}

const resolutionRate: Indicator = {
  code: "R",
  name: "化解率",
  maxScore: 20,
  base: { kind: "ratio", metric: "dispute.resolution_rate", target: 0.95, floor: 0.8 },
};

describe("indicator bases", () => {
  it("gives a ratio indicator the linear share between floor and target, rounded half-up from the exact value", () => {
    // 9 of 10 resolved: 20 × (0.9 − 0.8) / (0.95 − 0.8) = 13.333…
    const disputes = Array.from({ length: 10 }, (_, i) =>
      dispute({ id: `d${i}`, closedAt: OCT, outcome: i < 9 ? "resolved" : "failed" }),
    );
    const row = only(schemeWith([resolutionRate]), dataWith({ disputes }));
    expect(row.indicators[0]).toMatchObject({ score: 13.33, base: 13.33, metric: 0.9 });
    expect(row.indicators[0]?.notes[0]).toBe(
      "当月办结纠纷 10 件，成功 9 件，成功率 90.00%，低于目标 95.00%，得 13.33 分",
    );
  });

  it("gives full marks at the target and nothing at the floor", () => {
    const at = (resolved: number, total: number) =>
      only(
        schemeWith([
          {
            ...resolutionRate,
            base: { kind: "ratio", metric: "dispute.resolution_rate", target: 0.75, floor: 0.5 },
          },
        ]),
        dataWith({
          disputes: Array.from({ length: total }, (_, i) =>
            dispute({ id: `d${i}`, closedAt: OCT, outcome: i < resolved ? "resolved" : "failed" }),
          ),
        }),
      ).indicators[0]?.score;
    expect(at(3, 4)).toBe(20);
    expect(at(2, 4)).toBe(0);
  });

  it("scores a metric with no data as full by default and as zero under whenNoData zero", () => {
    expect(only(schemeWith([resolutionRate]), dataWith()).indicators[0]).toMatchObject({
      score: 20,
      metric: null,
    });
    expect(
      only(schemeWith([{ ...resolutionRate, whenNoData: "zero" }]), dataWith()).indicators[0],
    ).toMatchObject({ score: 0, metric: null });
  });

  it("scores ratio_inverse on incidents per 10,000 residents, lower being better", () => {
    const ind: Indicator = {
      code: "S",
      name: "治安",
      maxScore: 15,
      base: { kind: "ratio_inverse", metric: "incident.rate_per_10k", target: 1, ceiling: 3 },
    };
    const incidents = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `i${i}`,
        townshipId: "t1",
        occurredAt: OCT,
        kind: "public_order" as const,
        severity: "ordinary" as const,
      }));
    // population 10,000: 2 incidents → rate 2 → 15 × (3 − 2) / 2 = 7.5
    expect(only(schemeWith([ind]), dataWith({ incidents: incidents(2) })).indicators[0]).toMatchObject({
      score: 7.5,
      metric: 2,
    });
    expect(only(schemeWith([ind]), dataWith({ incidents: incidents(1) })).indicators[0]?.score).toBe(15);
    expect(only(schemeWith([ind]), dataWith({ incidents: incidents(3) })).indicators[0]?.score).toBe(0);
  });

  it("scores completion as the metric's share of the maximum, counting only key persons due the whole month", () => {
    const ind: Indicator = {
      code: "K",
      name: "重点人群",
      maxScore: 10,
      base: { kind: "completion", metric: "keyperson.visit_coverage" },
    };
    const kp = (id: string, registeredAt: string, deregisteredAt?: string) => ({
      id,
      townshipId: "t1",
      category: "mental_health" as const,
      registeredAt,
      ...(deregisteredAt ? { deregisteredAt } : {}),
    });
    const data = dataWith({
      keyPersons: [
        kp("k1", "2026-01-01T00:00:00+08:00"),
        kp("k2", "2026-01-01T00:00:00+08:00"),
        kp("k3", "2026-01-01T00:00:00+08:00"),
        kp("late", "2026-10-01T00:00:00+08:00"), // registered at the month's start: not before it, not due
        kp("left", "2026-01-01T00:00:00+08:00", "2026-10-31T23:59:59+08:00"), // left before the end: not due
        kp("stays", "2026-01-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00"), // deregistered at the end: due
      ],
      visits: [
        { id: "v1", townshipId: "t1", keyPersonId: "k1", at: OCT },
        { id: "v2", townshipId: "t1", keyPersonId: "k1", at: OCT },
        { id: "v3", townshipId: "t1", keyPersonId: "k2", at: "2026-09-30T23:00:00+08:00" },
        { id: "v4", townshipId: "t1", keyPersonId: "stays", at: OCT },
      ],
    });
    // due: k1, k2, k3, stays = 4; visited in October: k1, stays = 2 → 10 × 1/2
    expect(only(schemeWith([ind]), data).indicators[0]).toMatchObject({ score: 5, metric: 0.5 });
  });

  it("scores routine work as the mean of each requirement's completion, capped at 1 per requirement", () => {
    const ind: Indicator = {
      code: "O",
      name: "组织领导",
      maxScore: 8,
      base: {
        kind: "routine",
        required: [
          { event: "monthly_meeting", perMonth: 1 },
          { event: "legal_education", perMonth: 3 },
        ],
      },
    };
    const data = dataWith({ events: [ev("monthly_meeting", OCT, "t1", 4), ev("legal_education", OCT)] });
    // 8 × (1 + 1/3) / 2 = 5.333…
    expect(only(schemeWith([ind]), data).indicators[0]?.score).toBe(5.33);
  });

  it("takes a manual score from the reviewer, counts a missing one as 0 and says so", () => {
    const ind: Indicator = { code: "M", name: "技防", maxScore: 8, base: { kind: "manual" } };
    const withScore = dataWith({
      manualScores: [{ townshipId: "t1", period: "2026-10", indicator: "M", score: 6.5 }],
    });
    expect(only(schemeWith([ind]), withScore).indicators[0]?.score).toBe(6.5);
    const missing = only(schemeWith([ind]), dataWith()).indicators[0];
    expect(missing?.score).toBe(0);
    expect(missing?.notes).toContain("考核组尚未评分，暂计 0 分");
  });

  it("rejects a manual score above the indicator's maximum as invalid input naming the record", () => {
    const ind: Indicator = { code: "M", name: "技防", maxScore: 8, base: { kind: "manual" } };
    const data = dataWith({
      manualScores: [{ townshipId: "t1", period: "2026-10", indicator: "M", score: 8.5 }],
    });
    expect(() => computeLeagueTable(schemeWith([ind]), data, "2026-10")).toThrow(ScoringInputError);
    try {
      computeLeagueTable(schemeWith([ind]), data, "2026-10");
    } catch (e) {
      expect((e as ScoringInputError).path).toBe("manualScores[0].score");
    }
  });
});

describe("deductions, bonuses and zero conditions", () => {
  const full: Indicator = {
    code: "F",
    name: "网格",
    maxScore: 8,
    base: { kind: "full" },
    deductions: [{ event: "grid_report_overdue", points: 0.5, cap: 2 }],
    bonuses: [{ event: "commended_city", points: 1, cap: 2 }],
    zeroIf: ["homicide"],
  };

  it("deducts points per event up to the rule's cap, and reports the capped sum", () => {
    const data = dataWith({ events: [ev("grid_report_overdue", OCT, "t1", 3)] });
    expect(only(schemeWith([full]), data).indicators[0]).toMatchObject({
      score: 6.5,
      deductions: 1.5,
      base: 8,
    });
    const many = dataWith({ events: [ev("grid_report_overdue", OCT, "t1", 9)] });
    const row = only(schemeWith([full]), many).indicators[0];
    expect(row).toMatchObject({ score: 6, deductions: 2 });
    expect(row?.notes).toContain("网格事件逾期上报 9 起，扣 2.00 分（累计 4.50 分，封顶 2.00 分）");
  });

  it("never lets deductions take an indicator below zero, while reporting the full deduction", () => {
    const ind: Indicator = { ...full, maxScore: 1, deductions: [{ event: "late_report", points: 2 }] };
    const row = only(schemeWith([ind]), dataWith({ events: [ev("late_report", OCT)] })).indicators[0];
    expect(row).toMatchObject({ score: 0, base: 1, deductions: 2 });
  });

  it("adds bonuses up to each rule's cap and the township's bonus cap", () => {
    const data = dataWith({ events: [ev("commended_city", OCT, "t1", 5)] });
    const row = only(schemeWith([full], { bonusCap: 1.5 }), data);
    expect(row.indicators[0]?.bonus).toBe(2);
    expect(row.bonus).toBe(1.5);
    expect(row.total).toBe(9.5);
  });

  it("zeroes an indicator and voids its bonus when a zeroIf event happened in the month", () => {
    const data = dataWith({ events: [ev("commended_city", OCT), ev("homicide", OCT)] });
    const row = only(schemeWith([full]), data);
    expect(row.indicators[0]).toMatchObject({ score: 0, bonus: 0, base: 0, deductions: 0, zeroed: true });
    expect(row.indicators[0]?.notes).toEqual(["发生命案 1 起，本项不得分"]);
    expect(row.total).toBe(0);
  });

  it("ignores events of other months: a homicide on 1 November at 00:00 Beijing time does not touch October", () => {
    const data = dataWith({ events: [ev("homicide", "2026-10-31T16:00:00Z")] });
    expect(only(schemeWith([full]), data).indicators[0]?.zeroed).toBe(false);
    expect(only(schemeWith([full]), data, "2026-11").indicators[0]?.zeroed).toBe(true);
  });
});

describe("derived events", () => {
  it("derives an overdue dispute at its deadline: closed late, or still open", () => {
    const ind: Indicator = {
      code: "T",
      name: "时效",
      maxScore: 5,
      base: { kind: "full" },
      deductions: [{ event: "dispute_overdue", points: 1 }],
    };
    const reported = "2026-09-28T12:00:00+08:00"; // blue deadline 7 days → 2026-10-05T12:00+08:00
    const data = dataWith({
      disputes: [
        dispute({
          id: "exact",
          reportedAt: reported,
          closedAt: "2026-10-05T12:00:00+08:00",
          outcome: "resolved",
        }),
        dispute({
          id: "late",
          reportedAt: reported,
          closedAt: "2026-10-05T12:00:00.001+08:00",
          outcome: "resolved",
        }),
        dispute({ id: "open", reportedAt: reported }),
        dispute({ id: "red", level: "red", reportedAt: reported }), // deadline 30 days → 28 October
      ],
    });
    const row = computeLeagueTableDetailed(schemeWith([ind]), data, "2026-10", { evidence: true });
    expect(row.rows[0]?.indicators[0]).toMatchObject({ deductions: 3, score: 2 });
    const refs = row.details.get("t1")?.[0]?.evidence[0]?.records ?? [];
    expect(refs.map((r) => `${r.kind}:${r.id}`).sort()).toEqual([
      "dispute:late",
      "dispute:open",
      "dispute:red",
    ]);
    // With asOf before the red dispute's deadline, only disputes already past their deadline count.
    const preview = computeLeagueTable(schemeWith([ind]), data, "2026-10", {
      asOf: Date.parse("2026-10-20T00:00:00+08:00"),
    });
    expect(preview.rows[0]?.indicators[0]?.deductions).toBe(2);
  });

  it("derives skip-level and collective petitions and major criminal cases from their records", () => {
    const ind: Indicator = {
      code: "P",
      name: "信访",
      maxScore: 15,
      base: { kind: "full" },
      deductions: [
        { event: "skip_level_petition", points: 2, cap: 10 },
        { event: "collective_petition", points: 5 },
      ],
    };
    const data = dataWith({
      petitions: [
        { id: "p1", townshipId: "t1", receivedAt: OCT, skipLevel: true, collective: true },
        { id: "p2", townshipId: "t1", receivedAt: OCT, skipLevel: true },
      ],
      incidents: [{ id: "i1", townshipId: "t1", occurredAt: OCT, kind: "criminal", severity: "major" }],
    });
    const row = only(schemeWith([ind], { vetoes: [{ event: "major_criminal_case", cap: 59 }] }), data);
    expect(row.indicators[0]).toMatchObject({ deductions: 9, score: 6 });
    expect(row.vetoed).toBe(true);
  });
});

describe("petition metrics", () => {
  it("counts a petition first-handled within exactly N days as on time and one a millisecond later as not", () => {
    const ind: Indicator = {
      code: "P",
      name: "首办",
      maxScore: 10,
      base: { kind: "completion", metric: "petition.first_handled_rate" },
    };
    const data = dataWith({
      petitions: [
        {
          id: "p1",
          townshipId: "t1",
          receivedAt: "2026-10-01T00:00:00+08:00",
          firstHandledAt: "2026-10-08T00:00:00+08:00",
        },
        {
          id: "p2",
          townshipId: "t1",
          receivedAt: "2026-10-01T00:00:00+08:00",
          firstHandledAt: "2026-10-08T00:00:00.001+08:00",
        },
        { id: "p3", townshipId: "t1", receivedAt: "2026-10-01T00:00:00+08:00" },
      ],
    });
    expect(only(schemeWith([ind]), data).indicators[0]).toMatchObject({ score: 3.33 });
  });
});

describe("the township's total, veto and grade", () => {
  const ind: Indicator = { code: "F", name: "全", maxScore: 100, base: { kind: "full" } };

  it("caps a vetoed township's total and gives it the lowest grade", () => {
    const scheme = schemeWith([ind], {
      vetoes: [{ event: "major_criminal_case", cap: 59 }, { event: "mass_incident" }],
    });
    const capped = only(scheme, dataWith({ events: [ev("major_criminal_case", OCT)] }));
    expect(capped).toMatchObject({ total: 59, vetoed: true, grade: "不合格" });
    const uncapped = only(scheme, dataWith({ events: [ev("mass_incident", OCT)] }));
    expect(uncapped).toMatchObject({ total: 100, vetoed: true, grade: "不合格" });
  });

  it("grades by the highest band whose minimum the total reaches", () => {
    const scheme = schemeWith([{ ...ind, deductions: [{ event: "late_report", points: 10 }] }]);
    expect(only(scheme, dataWith()).grade).toBe("优秀");
    expect(only(scheme, dataWith({ events: [ev("late_report", OCT)] })).grade).toBe("优秀"); // exactly 90
    expect(only(scheme, dataWith({ events: [ev("late_report", OCT, "t1", 2)] })).grade).toBe("合格");
  });
});
