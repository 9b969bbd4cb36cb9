import type { Data } from "@pingan/domain";

const at = (day: number, hour = 10) =>
  `2026-10-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00+08:00`;

/**
 * A small county month: four townships doing different amounts of work, one of them with a mass
 * incident (vetoed, and its dispute indicator zeroed).
 */
export function trialData(): Data {
  const townships = [
    { id: "t1", name: "城关镇", code: "510722100", population: 30_000 },
    { id: "t2", name: "七里镇", code: "510722101", population: 20_000 },
    { id: "t3", name: "东关街道", code: "510722102", population: 40_000 },
    { id: "t4", name: "西湖乡", code: "510722103", population: 15_000 },
  ];
  const data: Required<Pick<Data, "disputes" | "events" | "manualScores" | "incidents">> & Data = {
    county: { id: "demo-county", name: "示范县" },
    townships,
    disputes: [],
    events: [],
    manualScores: [],
    incidents: [],
  };
  townships.forEach((t, ti) => {
    for (let i = 0; i < 10; i++)
      data.disputes.push({
        id: `${t.id}-d${i}`,
        townshipId: t.id,
        level: i % 3 === 0 ? "yellow" : "blue",
        reportedAt: at(1 + i),
        attempts: 3,
        closedAt: at(3 + i + ti),
        outcome: i < 10 - ti ? "resolved" : "failed",
      });
    data.events.push({ id: `${t.id}-m`, townshipId: t.id, kind: "monthly_meeting", occurredAt: at(5) });
    if (ti !== 1)
      data.events.push({ id: `${t.id}-s`, townshipId: t.id, kind: "township_screening", occurredAt: at(8) });
    data.events.push({
      id: `${t.id}-l`,
      townshipId: t.id,
      kind: "legal_education",
      occurredAt: at(12),
      count: 2 - (ti % 2),
    });
    data.manualScores.push({ townshipId: t.id, period: "2026-10", indicator: "I10", score: 8 - ti });
    data.incidents.push({
      id: `${t.id}-i`,
      townshipId: t.id,
      occurredAt: at(15),
      kind: "public_order",
      severity: "ordinary",
    });
  });
  data.events.push({ id: "t4-mass", townshipId: "t4", kind: "mass_incident", occurredAt: at(20) });
  data.events.push({ id: "t1-city", townshipId: "t1", kind: "commended_city", occurredAt: at(21) });
  return data;
}
