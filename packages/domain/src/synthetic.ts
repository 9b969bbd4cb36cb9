/**
 * A seeded generator of realistic county data, for benchmarks and the local demo. Pure and
 * deterministic: the same options always give the same county.
 */
import type { Data, Dispute, EventRecord, Incident, KeyPerson, Petition, Visit } from "./types";

export type SyntheticOptions = {
  seed: number;
  townships: number;
  year: number;
  /** Months 1..12 to fill with records; defaults to the whole year. */
  months?: number;
  /** Roughly how many records each township makes a month (disputes, petitions, incidents, visits, events). */
  recordsPerTownshipMonth?: number;
  countyId?: string;
  countyName?: string;
  /** The county's 6-digit division code; township codes extend it. */
  divisionCode?: string;
};

/** mulberry32: small, fast, good enough for test data, and reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PREFIXES = [
  "城关",
  "七里",
  "东关",
  "西湖",
  "南山",
  "北坝",
  "青石",
  "白马",
  "金河",
  "柳林",
  "双龙",
  "桃园",
  "龙泉",
  "石门",
  "清溪",
  "永安",
];
const SUFFIXES = ["镇", "镇", "乡", "街道"];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function iso(ms: number, rand: () => number): string {
  // Mix offsets as real exports do: UTC `Z` and Beijing `+08:00`.
  if (rand() < 0.5) return new Date(ms).toISOString();
  const local = new Date(ms + 8 * HOUR).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

export function townshipName(i: number): string {
  const prefix = PREFIXES[i % PREFIXES.length] as string;
  const round = Math.floor(i / PREFIXES.length);
  return `${prefix}${round ? round + 1 : ""}${SUFFIXES[i % SUFFIXES.length]}`;
}

export function generateCounty(options: SyntheticOptions): Data {
  const rand = prng(options.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const chance = (p: number) => rand() < p;
  const months = options.months ?? 12;
  const perMonth = options.recordsPerTownshipMonth ?? 270;
  const division = options.divisionCode ?? "510722";
  const townships = Array.from({ length: options.townships }, (_, i) => ({
    id: `${options.countyId ?? "county"}-t${String(i + 1).padStart(3, "0")}`,
    name: townshipName(i),
    code: `${division}${String(100 + i).padStart(3, "0")}`,
    population: between(8_000, 60_000),
  }));
  const disputes: Dispute[] = [];
  const petitions: Petition[] = [];
  const incidents: Incident[] = [];
  const keyPersons: KeyPerson[] = [];
  const visits: Visit[] = [];
  const events: EventRecord[] = [];
  const yearStart = Date.UTC(options.year, 0, 1) - 8 * HOUR;
  let n = 0;
  const id = (prefix: string) => `${prefix}${++n}`;

  // Shares of a township-month's records, tuned so the total is about `perMonth`.
  const share = { disputes: 0.42, petitions: 0.08, incidents: 0.05, visits: 0.3, events: 0.15 };

  for (const t of townships) {
    const quality = 0.85 + rand() * 0.14; // a township's habitual success rate
    const persons: KeyPerson[] = [];
    const personCount = Math.max(3, Math.round(perMonth * share.visits * 1.1));
    for (let k = 0; k < personCount; k++) {
      const registered = yearStart - between(30, 700) * DAY;
      const p: KeyPerson = {
        id: id("k"),
        townshipId: t.id,
        category: (["mental_health", "community_correction", "released_prisoner", "drug_rehab"] as const)[
          between(0, 3)
        ] as KeyPerson["category"],
        registeredAt: iso(registered, rand),
      };
      if (chance(0.08)) p.deregisteredAt = iso(yearStart + between(20, 330) * DAY, rand);
      persons.push(p);
    }
    keyPersons.push(...persons);

    for (let m = 0; m < months; m++) {
      const monthStart = Date.UTC(options.year, m, 1) - 8 * HOUR;
      const monthEnd = Date.UTC(options.year, m + 1, 1) - 8 * HOUR;
      const inMonth = () => monthStart + Math.floor(rand() * (monthEnd - monthStart));
      const vary = (x: number) => Math.max(0, Math.round(x * (0.8 + rand() * 0.4)));

      for (let i = vary(perMonth * share.disputes); i > 0; i--) {
        const level = chance(0.75) ? "blue" : chance(0.8) ? "yellow" : "red";
        const reported = inMonth();
        const d: Dispute = {
          id: id("d"),
          townshipId: t.id,
          level,
          reportedAt: iso(reported, rand),
          attempts: between(1, 5),
        };
        if (chance(0.93)) {
          const limit = level === "blue" ? 7 : level === "yellow" ? 15 : 30;
          const days = chance(0.85) ? rand() * limit : limit + rand() * limit;
          d.closedAt = iso(reported + Math.floor(days * DAY), rand);
          d.outcome = chance(quality) ? "resolved" : chance(0.6) ? "failed" : "escalated";
        }
        disputes.push(d);
      }
      for (let i = vary(perMonth * share.petitions); i > 0; i--) {
        const received = inMonth();
        const p: Petition = { id: id("p"), townshipId: t.id, receivedAt: iso(received, rand) };
        if (chance(0.03)) p.skipLevel = true;
        if (chance(0.005)) p.collective = true;
        if (chance(0.97)) p.firstHandledAt = iso(received + Math.floor(rand() * 9 * DAY), rand);
        if (chance(0.85)) {
          p.closedAt = iso(received + Math.floor((5 + rand() * 40) * DAY), rand);
          p.settled = chance(0.9);
        }
        petitions.push(p);
      }
      for (let i = vary(perMonth * share.incidents * 0.2); i > 0; i--) {
        incidents.push({
          id: id("i"),
          townshipId: t.id,
          occurredAt: iso(inMonth(), rand),
          kind: chance(0.3) ? "criminal" : "public_order",
          severity: chance(0.01) ? "major" : "ordinary",
        });
      }
      for (const p of persons) {
        if (chance(0.93))
          visits.push({ id: id("v"), townshipId: t.id, keyPersonId: p.id, at: iso(inMonth(), rand) });
      }
      const routine: [string, number][] = [
        ["monthly_meeting", chance(0.95) ? 1 : 0],
        ["township_screening", chance(0.85) ? 1 : 0],
        ["legal_education", between(0, 3)],
        ["late_report", chance(0.15) ? 1 : 0],
        ["grid_report_overdue", chance(0.3) ? between(1, 4) : 0],
        ["commended_city", chance(0.05) ? 1 : 0],
        ["experience_promoted", chance(0.04) ? 1 : 0],
        ["keyperson_incident", chance(0.02) ? 1 : 0],
        ["homicide", chance(0.003) ? 1 : 0],
        ["mass_incident", chance(0.002) ? 1 : 0],
      ];
      for (const [kind, count] of routine) {
        if (count > 0)
          events.push({
            id: id("e"),
            townshipId: t.id,
            kind,
            occurredAt: iso(inMonth(), rand),
            ...(count > 1 ? { count } : {}),
          });
      }
      // Grid workers' routine reports: many small events, the bulk of a real township's records.
      for (let i = vary(perMonth * share.events) - 3; i > 0; i--) {
        events.push({ id: id("e"), townshipId: t.id, kind: "grid_patrol", occurredAt: iso(inMonth(), rand) });
      }
    }
  }

  const manualScores = townships.flatMap((t) =>
    Array.from({ length: months }, (_, m) => ({
      townshipId: t.id,
      period: `${options.year}-${String(m + 1).padStart(2, "0")}`,
      indicator: "I10",
      score: between(10, 16) / 2,
    })),
  );

  return {
    county: { id: options.countyId ?? "county", name: options.countyName ?? "示范县" },
    townships,
    disputes,
    petitions,
    incidents,
    keyPersons,
    visits,
    events,
    manualScores,
  };
}
