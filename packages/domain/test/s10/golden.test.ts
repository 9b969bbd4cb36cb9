/**
 * A small golden data set for §10 and §11 (test/s10/golden): three townships, Q1 2026.
 * The expected tables were derived by hand first; the engine's output was then checked against the
 * derivation below before being written to league-2026-03.json and league-2026-Q1.json.
 *
 * Scheme: minAttempts 2; P01 routine (monthly_meeting 1/month, quarterly_training 2/quarter,
 * responsibility_letter 1/year) max 10; P02 completion of dispute.village_rate max 10; P03 ratio of
 * dispute.three_three_rate (target 0.8, floor 0.2) max 10; P04 ratio_inverse of incident.rate_per_10k
 * (target 1, ceiling 3) max 5; P05 completion of keyperson.visit_coverage max 5. Bands 优秀 34, 良好 26,
 * 合格 20, 不合格 0. No bonuses or deductions.
 *
 * 甲镇 t-a (population 20,000, 10,000 from 2026-03):
 * - P01: a meeting every month; trainings in January and March. January and February judge only the
 *   meeting (training and letter not due) → 10; March: meeting 1/1, training 2/2 → 10.
 * - P02 March: 4 closed; a1 resolved [blue, yellow] counts, a2 resolved but red without levels does not,
 *   a3/a4 were not resolved → 1/4 → 10 × 0.25 = 2.5. January/February: no data → 10.
 * - P03 March: a3 escalated with 2 blue + 2 yellow (≥ 2 at each level) counts; a4 failed with 1 yellow
 *   does not → 1/2 → 10 × (0.5 − 0.2) / (0.8 − 0.2) = 5.
 * - P04: February 2 incidents / 20,000 → 1 per 10k → 5; March 2 / 10,000 (the change from 2026-03)
 *   → 2 per 10k → 5 × (3 − 2) / (3 − 1) = 2.5; January none → 5.
 * - P05: ka2 (monthly) visited in January and March, not February; ka1 (2 a quarter) counts only in
 *   March, visited 15 Jan and 15 Mar → January 1/1 → 5, February 0/1 → 0, March 2/2 → 5.
 * - Totals: January 40, February 35, March 10 + 2.5 + 5 + 2.5 + 5 = 25. Q1: 100 / 3 = 33.33 (良好).
 * 乙乡 t-b (population 10,000): P01 no meeting in January or February → 0; March meeting 1/1 and one
 *   training (February) of 2 → (1 + 1/2) / 2 × 10 = 7.5. P02 March: b1 resolved [blue, yellow, yellow]
 *   (its own level red is overridden by the attempt levels) → 1/3 → 3.33. P03: b2 failed with 2
 *   attempts, no levels → counts; b3 escalated with 0 attempts → not → 1/2 → 5. P04 March 1 / 10,000 →
 *   1 → 5. P05 kb1 needs 2 visits a month: January 2, February 1, March 2 (one at 23:30 on 31 March)
 *   → 5, 0, 5. Totals: January 0+10+10+5+5 = 30, February 25, March 7.5+3.33+5+5+5 = 25.83.
 *   Q1: (30 + 25 + 25.83) / 3 = 26.943… → 26.94 (良好).
 * 丙镇 t-c (population 5,000, member from 2026-02): January is not scored (its January incident and
 *   training happened before it joined; the training still counts toward the quarterly duty judged in
 *   March, which runs from the quarter's first instant). February 10+10+10+5+5 = 40; March P01 7.5,
 *   P02 1/1 → 10, P03 no data → 10, P04 1 / 5,000 → 2 per 10k → 2.5, P05 no key persons → 5: 35.
 *   Q1: mean over its 2 member months: 37.5 (优秀).
 * March ranks: 丙 35, 乙 25.83, 甲 25; February's were 丙 40, 甲 35, 乙 25 → rankChange 0, +1, −1.
 * Q1 ranks: 丙 37.5, 甲 33.33, 乙 26.94. Q4 2025 had only 甲 and 乙 (丙 was not a member), each 25 a
 * month (P01 0 with nothing done — the letter was due in December; P05 0 with no visits) → tied at
 * rank 1 → rankChange 丙 0 (not in that table), 甲 1 − 2 = −1, 乙 1 − 3 = −2.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeLeagueTable } from "../../src/league";
import { parseData } from "../../src/schema/data-schema";
import { parseScheme } from "../../src/schema/scheme-schema";
import type { Data, Scheme } from "../../src/types";

const DIR = join(import.meta.dirname, "golden");
const load = (name: string) => JSON.parse(readFileSync(join(DIR, name), "utf8"));
const scheme = load("scheme.json") as Scheme;
const data = load("data.json") as Data;

describe("the §10/§11 golden data set", () => {
  it("is valid input", () => {
    expect(parseScheme(scheme).ok).toBe(true);
    expect(parseData(data).ok).toBe(true);
  });

  it.each(["2026-03", "2026-Q1"])(
    "reproduces the expected table for %s exactly, notes included",
    (period) => {
      expect(computeLeagueTable(scheme, data, period)).toEqual(load(`league-${period}.json`));
    },
  );

  it("matches the hand derivation", () => {
    const summary = (period: string) =>
      computeLeagueTable(scheme, data, period).rows.map((r) => [
        r.townshipId,
        r.rank,
        r.total,
        r.grade,
        r.rankChange,
      ]);
    expect(summary("2026-03")).toEqual([
      ["t-c", 1, 35, "优秀", 0],
      ["t-b", 2, 25.83, "合格", 1],
      ["t-a", 3, 25, "合格", -1],
    ]);
    expect(summary("2026-Q1")).toEqual([
      ["t-c", 1, 37.5, "优秀", 0],
      ["t-a", 2, 33.33, "良好", -1],
      ["t-b", 3, 26.94, "良好", -2],
    ]);
    expect(summary("2026-01")).toEqual([
      ["t-a", 1, 40, "优秀", 0],
      ["t-b", 2, 30, "良好", -1], // December 2025: both 25, tied at rank 1
    ]);
    const a = computeLeagueTable(scheme, data, "2026-03").rows.find((r) => r.townshipId === "t-a");
    expect(a?.indicators.map((i) => [i.code, i.score, i.metric])).toEqual([
      ["P01", 10, null],
      ["P02", 2.5, 0.25],
      ["P03", 5, 0.5],
      ["P04", 2.5, 2],
      ["P05", 5, 1],
    ]);
    expect(a?.indicators[0]?.notes).toContain("本月不考核：平安建设责任书签订（每年 1 次，12 月考核）");
  });
});
