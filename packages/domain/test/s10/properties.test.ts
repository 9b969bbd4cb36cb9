import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeLeagueTable } from "../../src/league";
import { parseData } from "../../src/schema/data-schema";
import { parsePeriod } from "../../src/time";
import type { Data, DisputeLevel, Scheme, Township } from "../../src/types";
import { shuffle } from "../builders";
import modelSchemeJson from "../golden/scheme-2026.json";

/** The model scheme plus an indicator of each §10 kind. */
const model = modelSchemeJson as Scheme;
const scheme: Scheme = {
  ...model,
  indicators: [
    ...model.indicators,
    {
      code: "S1",
      name: "纪实（季度、年度）",
      maxScore: 6,
      base: {
        kind: "routine",
        required: [
          { event: "monthly_meeting", perMonth: 1 },
          { event: "training", perQuarter: 2 },
          { event: "letter", perYear: 1 },
        ],
      },
    },
    {
      code: "S2",
      name: "小事不出村",
      maxScore: 5,
      base: { kind: "completion", metric: "dispute.village_rate" },
    },
    {
      code: "S3",
      name: "三三调处",
      maxScore: 5,
      base: { kind: "ratio", metric: "dispute.three_three_rate", target: 0.9, floor: 0.5 },
    },
  ],
};

const PERIODS = ["2026-03", "2026-10", "2026-11", "2026-12", "2026-Q1", "2026-Q4", "2026"];
const MONTHS = Array.from({ length: 14 }, (_, i) =>
  i < 12 ? `2026-${String(i + 1).padStart(2, "0")}` : `2027-0${i - 11}`,
);
const instant = fc
  .integer({ min: Date.parse("2025-12-20T00:00:00Z"), max: Date.parse("2027-01-10T00:00:00Z") })
  .map((ms) => new Date(ms).toISOString());
const level = fc.constantFrom<DisputeLevel>("blue", "yellow", "red");

/** Small random counties with the §10/§11 fields: membership, population changes, levels, schedules. */
const county: fc.Arbitrary<Data> = fc.integer({ min: 1, max: 5 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `t${i}`);
  const township = fc.constantFrom(...ids);
  return fc
    .record({
      townships: fc.tuple(
        ...ids.map(() =>
          fc.record({
            population: fc.integer({ min: 1, max: 60_000 }),
            memberFrom: fc.option(fc.constantFrom(...MONTHS), { nil: undefined }),
            history: fc.uniqueArray(
              fc.record({
                from: fc.constantFrom(...MONTHS),
                population: fc.integer({ min: 1, max: 60_000 }),
              }),
              { selector: (h) => h.from, maxLength: 3 },
            ),
          }),
        ),
      ),
      disputes: fc.array(
        fc.record({
          townshipId: township,
          level,
          reportedAt: instant,
          levels: fc.option(fc.array(level, { maxLength: 7 }), { nil: undefined }),
          attempts: fc.integer({ min: 0, max: 6 }),
          closeAfterHours: fc.option(fc.integer({ min: 0, max: 24 * 40 }), { nil: undefined }),
          outcome: fc.constantFrom("resolved", "failed", "escalated" as const),
        }),
        { maxLength: 30 },
      ),
      keyPersons: fc.array(
        fc.record({
          townshipId: township,
          registeredAt: instant,
          frequency: fc.constantFrom("none", "month", "quarter"),
          times: fc.integer({ min: 1, max: 3 }),
        }),
        { maxLength: 8 },
      ),
      visits: fc.array(fc.record({ person: fc.nat(), at: instant }), { maxLength: 30 }),
      events: fc.array(
        fc.record({
          townshipId: township,
          kind: fc.constantFrom("monthly_meeting", "training", "letter", "late_report", "mass_incident"),
          occurredAt: instant,
        }),
        { maxLength: 30 },
      ),
    })
    .map((r): Data => {
      const keyPersons = r.keyPersons.map((k, i) => ({
        id: `k${i}`,
        townshipId: k.townshipId,
        category: "mental_health" as const,
        registeredAt: k.registeredAt,
        ...(k.frequency === "month" ? { visitsPerMonth: k.times } : {}),
        ...(k.frequency === "quarter" ? { visitsPerQuarter: k.times } : {}),
      }));
      return {
        county: { id: "c", name: "县" },
        townships: r.townships.map((t, i) => ({
          id: ids[i] as string,
          name: `乡镇${i}`,
          code: `5107221${String(i).padStart(2, "0")}`,
          population: t.population,
          ...(t.memberFrom ? { memberFrom: t.memberFrom } : {}),
          ...(t.history.length ? { populationHistory: t.history } : {}),
        })),
        disputes: r.disputes.map((d, i) => ({
          id: `d${i}`,
          townshipId: d.townshipId,
          level: d.level,
          reportedAt: d.reportedAt,
          attempts: d.levels ? d.levels.length : d.attempts,
          ...(d.levels ? { attemptLevels: d.levels } : {}),
          ...(d.closeAfterHours === undefined
            ? {}
            : {
                closedAt: new Date(Date.parse(d.reportedAt) + d.closeAfterHours * 3_600_000).toISOString(),
                outcome: d.outcome,
              }),
        })),
        keyPersons,
        visits: keyPersons.length
          ? r.visits.map((v, i) => {
              const k = keyPersons[v.person % keyPersons.length] as { id: string; townshipId: string };
              return { id: `v${i}`, townshipId: k.townshipId, keyPersonId: k.id, at: v.at };
            })
          : [],
        events: r.events.map((e, i) => ({ id: `e${i}`, ...e })),
      };
    });
});

describe("§10/§11 league-table properties", () => {
  it("generates valid data", () => {
    fc.assert(
      fc.property(county, (data) => {
        expect(parseData(data)).toMatchObject({ ok: true });
      }),
      { numRuns: 30 },
    );
  });

  it("does not depend on the order of townships, records, key persons, visits or population changes", () => {
    fc.assert(
      fc.property(
        county,
        fc.constantFrom(...PERIODS),
        fc.integer({ min: 1, max: 1_000_000 }),
        (data, period, seed) => {
          const shuffled: Data = {
            ...data,
            townships: shuffle(data.townships, seed).map((t) =>
              t.populationHistory ? { ...t, populationHistory: shuffle(t.populationHistory, seed + 9) } : t,
            ),
            disputes: shuffle(data.disputes ?? [], seed + 1),
            keyPersons: shuffle(data.keyPersons ?? [], seed + 2),
            visits: shuffle(data.visits ?? [], seed + 3),
            events: shuffle(data.events ?? [], seed + 4),
          };
          expect(computeLeagueTable(scheme, shuffled, period)).toEqual(
            computeLeagueTable(scheme, data, period),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("never changes a table by adding a township (with records) that joins after the period", () => {
    fc.assert(
      fc.property(county, fc.constantFrom(...PERIODS), fc.nat({ max: 3 }), (data, period, later) => {
        const last = (parsePeriod(period)?.months.at(-1) as string) ?? "";
        const after = MONTHS.filter((m) => m > last);
        const memberFrom = after[later % after.length] as string;
        const newcomer: Township = { id: "tn", name: "新乡镇", code: "000", population: 5, memberFrom };
        const more: Data = {
          ...data,
          townships: [...data.townships, newcomer],
          // Records of every kind before it joined, including ones that would veto or deduct.
          events: [
            ...(data.events ?? []),
            { id: "en1", townshipId: "tn", kind: "mass_incident", occurredAt: "2026-03-03T09:00:00+08:00" },
            { id: "en2", townshipId: "tn", kind: "late_report", occurredAt: "2026-10-03T09:00:00+08:00" },
          ],
          incidents: [
            {
              id: "in1",
              townshipId: "tn",
              occurredAt: "2026-10-03T09:00:00+08:00",
              kind: "criminal",
              severity: "major",
            },
          ],
        };
        const without = { ...data, incidents: [] };
        expect(computeLeagueTable(scheme, more, period)).toEqual(computeLeagueTable(scheme, without, period));
      }),
      { numRuns: 60 },
    );
  });

  it("lists exactly the townships with a member month in the period, each rankChange 0 if new", () => {
    fc.assert(
      fc.property(county, fc.constantFrom(...PERIODS), (data, period) => {
        const months = parsePeriod(period)?.months ?? [];
        const rows = computeLeagueTable(scheme, data, period).rows;
        const expected = data.townships
          .filter((t) => months.some((m) => t.memberFrom === undefined || m >= t.memberFrom))
          .map((t) => t.id)
          .sort();
        expect(rows.map((r) => r.townshipId).sort()).toEqual(expected);
        const firstMonth = months[0] as string;
        // A township whose first member month is in this period was in no earlier table.
        for (const r of rows) {
          const t = data.townships.find((x) => x.id === r.townshipId) as Township;
          if (t.memberFrom !== undefined && t.memberFrom >= firstMonth) expect(r.rankChange).toBe(0);
        }
      }),
      { numRuns: 60 },
    );
  });
});
