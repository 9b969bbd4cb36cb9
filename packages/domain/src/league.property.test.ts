import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shuffle } from "../test/builders";
import modelSchemeJson from "../test/golden/scheme-2026.json";
import { computeLeagueTable } from "./league";
import type { Data, EventRecord, Scheme } from "./types";

const scheme = modelSchemeJson as Scheme;
const maxTotal = scheme.indicators.reduce((s, i) => s + i.maxScore, 0) + scheme.bonusCap;
const EVENT_KINDS = [
  "monthly_meeting",
  "township_screening",
  "legal_education",
  "late_report",
  "commended_city",
  "commended_province",
  "experience_promoted",
  "grid_report_overdue",
  "keyperson_incident",
  "homicide",
  "mass_incident",
];

const instantInOct = fc
  .integer({ min: Date.parse("2026-09-25T00:00:00Z"), max: Date.parse("2026-11-05T00:00:00Z") })
  .map((ms) => new Date(ms).toISOString());

/** Small random counties: a few townships with disputes, petitions, incidents, events and manual scores. */
const county: fc.Arbitrary<Data> = fc.integer({ min: 1, max: 6 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `t${i}`);
  const township = fc.constantFrom(...ids);
  return fc.record({
    county: fc.constant({ id: "c", name: "县" }),
    townships: fc.tuple(...ids.map(() => fc.integer({ min: 1, max: 60_000 }))).map((pops) =>
      ids.map((id, i) => ({
        id,
        name: `乡镇${i}`,
        code: `5107221${String(i).padStart(2, "0")}`,
        population: pops[i] as number,
      })),
    ),
    disputes: fc
      .array(
        fc.record({
          townshipId: township,
          level: fc.constantFrom("blue", "yellow", "red" as const),
          reportedAt: instantInOct,
          attempts: fc.integer({ min: 0, max: 5 }),
          closeAfterHours: fc.option(fc.integer({ min: 0, max: 24 * 40 })),
          outcome: fc.constantFrom("resolved", "failed", "escalated" as const),
        }),
        { maxLength: 40 },
      )
      .map((rows) =>
        rows.map((r, i) => ({
          id: `d${i}`,
          townshipId: r.townshipId,
          level: r.level,
          reportedAt: r.reportedAt,
          attempts: r.attempts,
          ...(r.closeAfterHours === null
            ? {}
            : {
                closedAt: new Date(Date.parse(r.reportedAt) + r.closeAfterHours * 3_600_000).toISOString(),
                outcome: r.outcome,
              }),
        })),
      ),
    petitions: fc
      .array(
        fc.record({
          townshipId: township,
          receivedAt: instantInOct,
          skipLevel: fc.boolean(),
          settled: fc.boolean(),
        }),
        {
          maxLength: 15,
        },
      )
      .map((rows) => rows.map((r, i) => ({ id: `p${i}`, ...r, closedAt: r.receivedAt }))),
    incidents: fc
      .array(
        fc.record({
          townshipId: township,
          occurredAt: instantInOct,
          kind: fc.constantFrom("criminal", "public_order" as const),
          severity: fc.constantFrom("ordinary", "ordinary", "ordinary", "major" as const),
        }),
        { maxLength: 10 },
      )
      .map((rows) => rows.map((r, i) => ({ id: `i${i}`, ...r }))),
    events: fc
      .array(
        fc.record({
          townshipId: township,
          kind: fc.constantFrom(...EVENT_KINDS),
          occurredAt: instantInOct,
          count: fc.integer({ min: 1, max: 4 }),
        }),
        { maxLength: 30 },
      )
      .map((rows) => rows.map((r, i): EventRecord => ({ id: `e${i}`, ...r }))),
    manualScores: fc
      .uniqueArray(
        fc.record({ townshipId: township, score: fc.integer({ min: 0, max: 32 }).map((q) => q / 4) }),
        {
          selector: (m) => m.townshipId,
        },
      )
      .map((rows) => rows.map((r) => ({ ...r, period: "2026-10", indicator: "I10" }))),
  });
});

describe("league-table properties", () => {
  it("does not depend on the order of townships or records in the input", () => {
    fc.assert(
      fc.property(county, fc.integer({ min: 1, max: 1_000_000 }), (data, seed) => {
        const shuffled: Data = {
          ...data,
          townships: shuffle(data.townships, seed),
          disputes: shuffle(data.disputes ?? [], seed + 1),
          events: shuffle(data.events ?? [], seed + 2),
        };
        expect(computeLeagueTable(scheme, shuffled, "2026-10")).toEqual(
          computeLeagueTable(scheme, data, "2026-10"),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("keeps every total within 0 and the sum of maximum scores plus the bonus cap", () => {
    fc.assert(
      fc.property(county, (data) => {
        for (const row of computeLeagueTable(scheme, data, "2026-10").rows) {
          expect(row.total).toBeGreaterThanOrEqual(0);
          expect(row.total).toBeLessThanOrEqual(maxTotal);
          expect(Math.round(row.total * 100) / 100).toBe(row.total);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never raises a township's total when one more deduction event happens", () => {
    const deductionKinds = scheme.indicators.flatMap((i) => (i.deductions ?? []).map((d) => d.event));
    fc.assert(
      fc.property(county, fc.constantFrom(...deductionKinds), fc.nat(), (data, kind, pick) => {
        const townshipId = (data.townships[pick % data.townships.length] as { id: string }).id;
        const before = computeLeagueTable(scheme, data, "2026-10").rows.find(
          (r) => r.townshipId === townshipId,
        );
        const more: Data = {
          ...data,
          events: [
            ...(data.events ?? []),
            { id: "extra", townshipId, kind, occurredAt: "2026-10-15T12:00:00+08:00" },
          ],
        };
        const after = computeLeagueTable(scheme, more, "2026-10").rows.find(
          (r) => r.townshipId === townshipId,
        );
        expect(after?.total).toBeLessThanOrEqual(before?.total as number);
      }),
      { numRuns: 60 },
    );
  });

  it("assigns standard competition ranks: each rank is one more than the number of rows strictly ahead", () => {
    fc.assert(
      fc.property(county, (data) => {
        const rows = computeLeagueTable(scheme, data, "2026-10").rows;
        for (const row of rows) {
          const ahead = rows.filter(
            (r) => (!r.vetoed && row.vetoed) || (r.vetoed === row.vetoed && r.total > row.total),
          ).length;
          expect(row.rank).toBe(ahead + 1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
