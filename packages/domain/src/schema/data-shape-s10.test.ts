import { describe, expect, it } from "vitest";
import { dataWith, schemeWith } from "../../test/builders";
import { disputeSchema, keyPersonSchema, parseData, townshipSchema } from "./data-schema";
import { parseScheme } from "./scheme-schema";

const dispute = {
  id: "d7",
  townshipId: "t1",
  level: "yellow",
  reportedAt: "2026-10-01T08:00:00+08:00",
  attempts: 3,
};
const person = {
  id: "k1",
  townshipId: "t1",
  category: "mental_health",
  registeredAt: "2026-01-01T00:00:00+08:00",
};

function issuesOf(extra: object, townships?: (t: Record<string, unknown>) => void) {
  const data = dataWith(extra as never);
  if (townships) townships(data.townships[0] as unknown as Record<string, unknown>);
  const result = parseData(data);
  return result.ok ? [] : result.issues;
}

describe("§10.2 attempt levels", () => {
  it("accepts one level per attempt", () => {
    expect(issuesOf({ disputes: [{ ...dispute, attemptLevels: ["blue", "blue", "yellow"] }] })).toEqual([]);
    expect(disputeSchema.safeParse({ ...dispute, attemptLevels: ["blue", "blue", "red"] }).success).toBe(
      true,
    );
  });

  it("rejects a count that differs from attempts, naming the record in English and Chinese", () => {
    const issues = issuesOf({ disputes: [{ ...dispute, attemptLevels: ["blue", "yellow"] }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path: "disputes[0].attemptLevels",
      record: "d7",
      field: "attemptLevels",
    });
    expect(issues[0]?.message).toContain("attempts is 3");
    expect(issues[0]?.messageZh).toContain("调处次数 3");
    const zod = disputeSchema.safeParse({ ...dispute, attemptLevels: [] });
    expect(zod.success).toBe(false);
    if (!zod.success) expect(zod.error.issues[0]?.path).toEqual(["attemptLevels"]);
  });

  it("rejects an unknown level", () => {
    const issues = issuesOf({ disputes: [{ ...dispute, attemptLevels: ["blue", "green", "red"] }] });
    expect(issues[0]).toMatchObject({ path: "disputes[0].attemptLevels", record: "d7" });
  });
});

describe("§10.3 visit frequencies", () => {
  it("accepts one frequency, an integer >= 1", () => {
    expect(issuesOf({ keyPersons: [{ ...person, visitsPerMonth: 4 }] })).toEqual([]);
    expect(issuesOf({ keyPersons: [{ ...person, visitsPerQuarter: 1 }] })).toEqual([]);
  });

  it.each([
    ["zero", { visitsPerMonth: 0 }, "keyPersons[0].visitsPerMonth"],
    ["a fraction", { visitsPerQuarter: 1.5 }, "keyPersons[0].visitsPerQuarter"],
    ["both", { visitsPerMonth: 2, visitsPerQuarter: 3 }, "keyPersons[0].visitsPerQuarter"],
  ])("rejects %s", (_name, extra, path) => {
    const issues = issuesOf({ keyPersons: [{ ...person, ...extra }] });
    expect(issues[0]).toMatchObject({ path, record: "k1" });
    expect(issues[0]?.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it("rejects both in the zod schema too", () => {
    expect(keyPersonSchema.safeParse({ ...person, visitsPerMonth: 2, visitsPerQuarter: 3 }).success).toBe(
      false,
    );
  });
});

describe("§11 membership and population history", () => {
  it("accepts memberFrom and a population history", () => {
    const set = (t: Record<string, unknown>) => {
      t.memberFrom = "2026-11";
      t.populationHistory = [
        { from: "2026-07", population: 12_000 },
        { from: "2026-03", population: 11_000 },
      ];
    };
    expect(issuesOf({}, set)).toEqual([]);
  });

  it.each([
    [
      "a memberFrom that is not a month",
      (t: Record<string, unknown>) => (t.memberFrom = "2026-13"),
      "townships[0].memberFrom",
    ],
    [
      "a population change that is not a positive integer",
      (t: Record<string, unknown>) => (t.populationHistory = [{ from: "2026-03", population: 0 }]),
      "townships[0].populationHistory",
    ],
    [
      "two population changes from the same month",
      (t: Record<string, unknown>) =>
        (t.populationHistory = [
          { from: "2026-03", population: 11_000 },
          { from: "2026-03", population: 12_000 },
        ]),
      "townships[0].populationHistory[1].from",
    ],
  ])("rejects %s", (_name, set, path) => {
    const issues = issuesOf({}, set);
    expect(issues[0]).toMatchObject({ path, record: "t1" });
  });

  it("rejects duplicate months in the zod schema too", () => {
    const t = { id: "t1", name: "甲", code: "1", population: 5 };
    const dup = [
      { from: "2026-03", population: 1 },
      { from: "2026-03", population: 2 },
    ];
    expect(townshipSchema.safeParse({ ...t, populationHistory: dup }).success).toBe(false);
    expect(townshipSchema.safeParse({ ...t, memberFrom: "2026-05" }).success).toBe(true);
  });
});

describe("§10.1 duties and §10.2 metrics in schemes", () => {
  const routine = (required: unknown[]) =>
    schemeWith([{ code: "R", name: "纪实", maxScore: 10, base: { kind: "routine", required } as never }]);

  it("accepts monthly, quarterly and yearly duties and the new metrics", () => {
    expect(
      parseScheme(
        routine([
          { event: "a", perMonth: 1 },
          { event: "b", perQuarter: 2 },
          { event: "c", perYear: 1 },
        ]),
      ).ok,
    ).toBe(true);
    for (const metric of ["dispute.village_rate", "dispute.three_three_rate"])
      expect(
        parseScheme(
          schemeWith([
            { code: "V", name: "小事不出村", maxScore: 5, base: { kind: "completion", metric } as never },
          ]),
        ).ok,
      ).toBe(true);
  });

  it.each([
    ["no frequency", { event: "a" }],
    ["two frequencies", { event: "a", perMonth: 1, perQuarter: 3 }],
    ["a zero frequency", { event: "a", perYear: 0 }],
  ])("rejects a duty with %s, naming the place", (_name, duty) => {
    const result = parseScheme(routine([duty]));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.path).toMatch(/^indicators\[0\]\.base\.required\[0\]\.per/);
      expect(result.issues[0]?.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
