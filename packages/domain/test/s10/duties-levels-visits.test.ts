import { describe, expect, it } from "vitest";
import { computeLeagueTable, computeLeagueTableDetailed } from "../../src/league";
import type { Data, Dispute, Indicator, KeyPerson, Scheme, Visit } from "../../src/types";
import { dataWith, ev, schemeWith } from "../builders";

function row(scheme: Scheme, data: Data, period: string) {
  const r = computeLeagueTable(scheme, data, period).rows[0];
  if (!r) throw new Error(`no row for ${period}`);
  return r;
}

const routine = (required: Extract<Indicator["base"], { kind: "routine" }>["required"]): Indicator => ({
  code: "R",
  name: "纪实",
  maxScore: 10,
  base: { kind: "routine", required },
});

describe("§10.1 periodic duties", () => {
  const quarterly = schemeWith([routine([{ event: "training", perQuarter: 2 }])]);

  it("judges a quarterly duty only in the quarter's last month, over the whole quarter", () => {
    const data = dataWith({
      events: [ev("training", "2026-01-10T09:00:00+08:00"), ev("training", "2026-03-10T09:00:00+08:00")],
    });
    for (const month of ["2026-01", "2026-02"]) {
      const ind = row(quarterly, data, month).indicators[0];
      expect(ind).toMatchObject({ score: 10, base: 10 });
      expect(ind?.notes).toEqual([
        "本月不考核：training（每季度 2 次，季末月考核）",
        "本月无应考核的纪实任务，得满分 10.00 分",
      ]);
    }
    const march = row(quarterly, data, "2026-03").indicators[0];
    expect(march).toMatchObject({ score: 10, base: 10 });
    expect(march?.notes[0]).toBe("training：本季度应 2 次，实 2 次");
  });

  it("counts from the quarter's first instant to the month's end, in China time", () => {
    const data = dataWith({
      events: [
        ev("training", "2025-12-31T23:59:59+08:00"), // the previous quarter
        ev("training", "2026-01-01T00:00:00+08:00"), // the quarter's first instant
        ev("training", "2026-03-31T16:00:00Z"), // 2026-04-01 00:00 in China: the next quarter
      ],
    });
    // 1 of 2: 10 × 1/2.
    expect(row(quarterly, data, "2026-03").indicators[0]).toMatchObject({ base: 5, score: 5 });
    expect(row(quarterly, data, "2026-06").indicators[0]).toMatchObject({ base: 5, score: 5 });
  });

  it("leaves a not-due duty out of the mean and judges monthly duties every month", () => {
    const scheme = schemeWith([
      routine([
        { event: "meeting", perMonth: 1 },
        { event: "training", perQuarter: 1 },
        { event: "letter", perYear: 1 },
      ]),
    ]);
    const data = dataWith({ events: [ev("meeting", "2026-02-03T09:00:00+08:00")] });
    // February: only the meeting is due, and it was held: full marks (not 10 × 1/3).
    const feb = row(scheme, data, "2026-02").indicators[0];
    expect(feb?.score).toBe(10);
    expect(feb?.notes).toContain(
      "本月不考核：training（每季度 1 次，季末月考核）、letter（每年 1 次，12 月考核）",
    );
    // March: meeting 0/1 and training 0/1 are due, the letter is not: 0.
    expect(row(scheme, data, "2026-03").indicators[0]?.score).toBe(0);
    // December: all three due; a training in December and the letter in May: (0 + 1 + 1) / 3 × 10 = 6.67.
    const withMore = dataWith({
      events: [ev("training", "2026-12-01T09:00:00+08:00"), ev("letter", "2026-05-20T09:00:00+08:00")],
    });
    const dec = row(scheme, withMore, "2026-12").indicators[0];
    expect(dec?.score).toBe(6.67);
    expect(dec?.notes).toEqual([
      "meeting：应 1 次，实 0 次",
      "training：本季度应 1 次，实 1 次",
      "letter：本年度应 1 次，实 1 次",
      "完成度折算得 6.67 分",
    ]);
  });

  it("judges a yearly duty only in December, over the calendar year", () => {
    const scheme = schemeWith([routine([{ event: "letter", perYear: 2 }])]);
    const data = dataWith({
      events: [ev("letter", "2025-12-31T10:00:00+08:00"), ev("letter", "2026-01-01T00:00:00+08:00")],
    });
    expect(row(scheme, data, "2026-11").indicators[0]?.score).toBe(10);
    expect(row(scheme, data, "2026-12").indicators[0]?.score).toBe(5);
    // The year table averages eleven months at 10 and December at 5: 115/12 = 9.583… → 9.58.
    expect(row(scheme, data, "2026").total).toBe(9.58);
  });

  it("averages a quarter whose months were mostly not due", () => {
    const data = dataWith({ events: [ev("training", "2026-02-10T09:00:00+08:00")] });
    // January 10, February 10, March 10 × 1/2 = 5: (10 + 10 + 5) / 3 = 8.33.
    expect(row(quarterly, data, "2026-Q1").total).toBe(8.33);
  });

  it("keeps the records behind a quarterly duty as evidence in the month it is judged", () => {
    const jan = ev("training", "2026-01-10T09:00:00+08:00");
    const dec = ev("training", "2025-12-10T09:00:00+08:00");
    const table = computeLeagueTableDetailed(quarterly, dataWith({ events: [jan, dec] }), "2026-03", {
      evidence: true,
    });
    expect(table.details.get("t1")?.[0]?.evidence[0]?.records).toEqual([{ kind: "event", id: jan.id }]);
  });
});

function dispute(id: string, p: Partial<Dispute>): Dispute {
  return {
    id,
    townshipId: "t1",
    level: "blue",
    reportedAt: "2026-10-01T09:00:00+08:00",
    attempts: 0,
    closedAt: "2026-10-05T09:00:00+08:00",
    outcome: "resolved",
    ...p,
  };
}

const completion = (metric: "dispute.village_rate" | "dispute.three_three_rate"): Indicator => ({
  code: "M",
  name: metric,
  maxScore: 10,
  base: { kind: "completion", metric },
});

describe("§10.2 mediation levels", () => {
  it("counts 小事不出村 from each attempt's level, else from the dispute's own level", () => {
    const disputes = [
      dispute("a", { attempts: 2, attemptLevels: ["blue", "yellow"] }), // yes
      dispute("b", { attempts: 2, attemptLevels: ["blue", "red"], level: "blue" }), // a red attempt: no
      dispute("c", { attempts: 1, attemptLevels: ["yellow"], level: "red" }), // levels win over level: yes
      dispute("d", { level: "yellow", attempts: 1 }), // no levels, not red: yes
      dispute("e", { level: "red", attempts: 1 }), // no levels, red: no
      dispute("f", { outcome: "failed", attempts: 1, attemptLevels: ["blue"] }), // not resolved: no
      dispute("g", { closedAt: undefined, outcome: undefined }), // open: not counted at all
    ];
    const ind = row(schemeWith([completion("dispute.village_rate")]), dataWith({ disputes }), "2026-10")
      .indicators[0];
    // 3 of 6 closed: 10 × 1/2.
    expect(ind).toMatchObject({ metric: 0.5, score: 5 });
    expect(ind?.notes[0]).toBe(
      "当月办结纠纷 6 件，在村（社区）及以下化解 3 件，小事不出村率 50.00%，得 5.00 分",
    );
  });

  it("counts 三三调处 over failed or escalated disputes, at least minAttempts at every level tried", () => {
    const disputes = [
      dispute("a", {
        outcome: "escalated",
        attempts: 6,
        attemptLevels: ["blue", "blue", "blue", "yellow", "yellow", "yellow"],
      }), // yes
      dispute("b", { outcome: "failed", attempts: 4, attemptLevels: ["blue", "blue", "blue", "yellow"] }), // 1 at yellow: no
      dispute("c", { outcome: "failed", attempts: 0, attemptLevels: [] }), // no attempt: no
      dispute("d", { outcome: "failed", attempts: 3 }), // no levels, 3 >= 3: yes
      dispute("e", { outcome: "escalated", attempts: 2 }), // no levels, 2 < 3: no
      dispute("f", { outcome: "resolved", attempts: 1, attemptLevels: ["red"] }), // resolved: not counted
    ];
    const data = dataWith({ disputes });
    const scheme = schemeWith([completion("dispute.three_three_rate")]);
    const ind = row(scheme, data, "2026-10").indicators[0];
    // 2 of 5: 10 × 2/5 = 4.
    expect(ind).toMatchObject({ metric: 0.4, score: 4 });
    expect(ind?.notes[0]).toBe(
      "当月调处失败或上交纠纷 5 件，其中每一调处层级均调解不少于 3 次的 2 件，三三调处分级落实率 40.00%，得 4.00 分",
    );
    // minAttempts comes from the scheme: at 1, every dispute with an attempt qualifies (a, b, d, e).
    expect(row({ ...scheme, minAttempts: 1 }, data, "2026-10").indicators[0]).toMatchObject({ metric: 0.8 });
    // At 0 a dispute still needs one attempt: c does not count.
    expect(row({ ...scheme, minAttempts: 0 }, data, "2026-10").indicators[0]).toMatchObject({ metric: 0.8 });
  });

  it("gives no data (full by default) when nothing failed or escalated", () => {
    const data = dataWith({ disputes: [dispute("a", {})] });
    const ind = row(schemeWith([completion("dispute.three_three_rate")]), data, "2026-10").indicators[0];
    expect(ind).toMatchObject({ metric: null, score: 10 });
    expect(ind?.notes[0]).toBe("当月无调处失败或上交的纠纷，按规则得满分 10.00 分");
  });

  it("names the records behind each metric as evidence", () => {
    const disputes = [
      dispute("ok", {}),
      dispute("bad", { outcome: "failed", attempts: 1, attemptLevels: ["blue"] }),
    ];
    const scheme = schemeWith([
      completion("dispute.village_rate"),
      { ...completion("dispute.three_three_rate"), code: "T" },
    ]);
    const detail = computeLeagueTableDetailed(scheme, dataWith({ disputes }), "2026-10", { evidence: true });
    const evidence = detail.details.get("t1")?.[0]?.evidence;
    expect(evidence?.[0]?.records.map((r) => r.id)).toEqual(["ok", "bad"]);
    expect(evidence?.[1]?.records).toEqual([{ kind: "dispute", id: "bad" }]);
  });
});

function person(id: string, p: Partial<KeyPerson> = {}): KeyPerson {
  return {
    id,
    townshipId: "t1",
    category: "mental_health",
    registeredAt: "2025-06-01T09:00:00+08:00",
    ...p,
  };
}
let visitSeq = 0;
function visit(keyPersonId: string, at: string): Visit {
  visitSeq++;
  return { id: `v${visitSeq}`, townshipId: "t1", keyPersonId, at };
}

const coverage: Indicator = {
  code: "K",
  name: "走访",
  maxScore: 10,
  base: { kind: "completion", metric: "keyperson.visit_coverage" },
};

describe("§10.3 visit frequencies", () => {
  it("needs visitsPerMonth visits in the month (one when no frequency is given)", () => {
    const data = dataWith({
      keyPersons: [
        person("weekly", { visitsPerMonth: 4 }),
        person("plain"),
        person("twice", { visitsPerMonth: 2 }),
      ],
      visits: [
        ...["03", "10", "17"].map((d) => visit("weekly", `2026-10-${d}T09:00:00+08:00`)), // 3 < 4
        visit("plain", "2026-10-05T09:00:00+08:00"), // 1 >= 1
        visit("twice", "2026-10-05T09:00:00+08:00"),
        visit("twice", "2026-10-31T23:00:00+08:00"), // 2 >= 2
      ],
    });
    const ind = row(schemeWith([coverage]), data, "2026-10").indicators[0];
    expect(ind).toMatchObject({ metric: 2 / 3, score: 6.67 });
    expect(ind?.notes[0]).toBe(
      "当月应走访重点人员 3 人，已走访 2 人，覆盖率 66.67%（按各人走访频次考核；已走访指达到规定次数），得 6.67 分",
    );
  });

  it("judges visitsPerQuarter only in the quarter's last month, over the quarter", () => {
    const data = dataWith({
      keyPersons: [
        person("q", { visitsPerQuarter: 2 }),
        person("late", { visitsPerQuarter: 1, registeredAt: "2026-07-02T09:00:00+08:00" }), // after Q3 began
        person("gone", { visitsPerQuarter: 1, deregisteredAt: "2026-09-30T23:00:00+08:00" }), // before Q3 ended
        person("m"),
      ],
      visits: [
        visit("q", "2026-07-15T09:00:00+08:00"),
        visit("q", "2026-09-01T09:00:00+08:00"),
        visit("m", "2026-07-15T09:00:00+08:00"),
        visit("late", "2026-09-15T09:00:00+08:00"),
      ],
    });
    const scheme = schemeWith([coverage]);
    // July and August: only "m" is due (July visited, August not).
    expect(row(scheme, data, "2026-07").indicators[0]).toMatchObject({ metric: 1 });
    expect(row(scheme, data, "2026-08").indicators[0]).toMatchObject({ metric: 0 });
    // September: "q" (2 visits in Q3) and "m" (none in September) are due: 1 of 2.
    const sep = row(scheme, data, "2026-09").indicators[0];
    expect(sep).toMatchObject({ metric: 0.5, score: 5 });
    expect(sep?.notes[0]).toContain("其中按季度考核 1 人，计本季度走访次数");
    // Two visits, but one of them in June (the previous quarter): not enough for Q3.
    const early = dataWith({
      keyPersons: [person("q", { visitsPerQuarter: 2 })],
      visits: [visit("q", "2026-06-30T23:00:00+08:00"), visit("q", "2026-09-01T09:00:00+08:00")],
    });
    expect(row(scheme, early, "2026-09").indicators[0]).toMatchObject({ metric: 0 });
  });

  it("lists the unvisited persons of the quarter as evidence", () => {
    const data = dataWith({ keyPersons: [person("q", { visitsPerQuarter: 1 })] });
    const detail = computeLeagueTableDetailed(schemeWith([coverage]), data, "2026-12", { evidence: true });
    expect(detail.details.get("t1")?.[0]?.evidence[0]?.records).toEqual([{ kind: "keyPerson", id: "q" }]);
  });
});
