import { getItem, type ItemOf, loadTownshipsData } from "@pingan/data";
import {
  type Data,
  DEFAULT_DISPUTE_DEADLINES,
  explainGaps,
  isMember,
  leagueTableFromScores,
  previousPeriod,
  type Scheme,
  type TownshipMonthScore,
} from "@pingan/domain";
import { recordState } from "../errors";
import { yearOf } from "../league/county-scoring";
import {
  explainedTownshipMonth,
  liveCounty,
  liveLeagueTable,
  townshipMonthScores,
} from "../league/live-scores";
import { requireScheme } from "../schemes/scheme-store";
import type { Services } from "../services";
import { monthAt } from "./deadline";
import { readSubmission } from "./submission-store";
import { deadlineFor, view } from "./view";

/**
 * `tenantServices` reaches the township's partitions; `countyServices` its county's (a rank depends on every
 * township of the county, so the preview and the trend compute the county's live table with those).
 */
type TownshipCtx = {
  services: Services;
  tenantServices: Services;
  countyServices: Services;
  township: ItemOf<"township">;
};

/** The month as recorded so far: its status and the reviewers' entries. */
export async function getSubmission(ctx: TownshipCtx, month: string) {
  const county = await getItem(ctx.tenantServices.db, "county", { id: ctx.township.countyId });
  const s = await readSubmission(ctx.tenantServices.db, ctx.township, month);
  return view(s, deadlineFor(county, month), ctx.services.now());
}

/**
 * The live score of the township's month from its current records: total, grade, the rank it would
 * have among the county's townships, points to the next rank and grade, and every indicator's notes
 * with the records behind them. The county's ranks come from kept township-month scores
 * (league/live-scores.ts); only the township's own month is read again, for the records behind it.
 */
export async function previewMonth(ctx: TownshipCtx, input: { month: string }) {
  const { db } = ctx.countyServices;
  const now = ctx.services.now();
  const countyId = ctx.township.countyId;
  const [stored, live] = await Promise.all([
    requireScheme(db, countyId, yearOf(input.month)),
    liveCounty(db, countyId),
  ]);
  const own = live.townships.find((t) => t.id === ctx.township.id);
  if (!own) throw recordState("该乡镇未参加本县排名");
  if (!isMember(own, input.month))
    throw recordState(`本乡镇自 ${own.memberFrom} 起参加考评，${input.month} 不计分、不排名`);
  const [table, mine] = await Promise.all([
    liveLeagueTable(db, stored.scheme, live, input.month, now.getTime()),
    explainedTownshipMonth(db, stored.scheme, live, own, input.month, now.getTime()),
  ]);
  const row = table.rows.find((r) => r.townshipId === ctx.township.id);
  if (!row) throw recordState("该乡镇未参加本县排名");
  const gap = explainGaps(table, stored.scheme).find((g) => g.townshipId === ctx.township.id);
  const monthScore = mine;
  const evidence = new Map((monthScore?.evidence ?? []).map((e) => [e.code, e.records]));
  return {
    month: input.month,
    asOf: now.toISOString(),
    schemeVersion: stored.scheme.version,
    total: row.total,
    bonus: row.bonus,
    grade: row.grade,
    vetoed: row.vetoed,
    rank: row.rank,
    townships: table.rows.length,
    rankChange: row.rankChange,
    toNextRank: gap?.toNextRank ?? null,
    nextGrade: gap?.nextGrade ?? null,
    toNextGrade: gap?.toNextGrade ?? null,
    notes: monthScore?.notes ?? [],
    indicators: row.indicators.map((ind) => {
      const def = stored.scheme.indicators.find((i) => i.code === ind.code);
      const metricKind = def && "metric" in def.base ? def.base.metric : undefined;
      return {
        ...ind,
        name: def?.name ?? ind.code,
        maxScore: def?.maxScore ?? 0,
        /** What `metric` measures (a township cannot read the scheme): a rate, or incidents per 10,000. */
        ...(metricKind ? { metricKind } : {}),
        /** The records behind this indicator, each with its kind (which router reads it). */
        records: evidence.get(ind.code) ?? [],
      };
    }),
  };
}

/**
 * The first month (CST) a township counts in its own trend: the month it registered, or an earlier one
 * if records of that month were entered afterwards.
 */
function firstMonth(data: Data, townshipId: string, registeredAt: string): string {
  const recorded = [
    ...(data.disputes ?? []).map((d) => [d.townshipId, d.reportedAt] as const),
    ...(data.petitions ?? []).map((p) => [p.townshipId, p.receivedAt] as const),
    ...(data.incidents ?? []).map((i) => [i.townshipId, i.occurredAt] as const),
    ...(data.keyPersons ?? []).map((k) => [k.townshipId, k.registeredAt] as const),
    ...(data.visits ?? []).map((v) => [v.townshipId, v.at] as const),
    ...(data.events ?? []).map((e) => [e.townshipId, e.occurredAt] as const),
  ];
  let first = Date.parse(registeredAt);
  for (const [t, at] of recorded) if (t === townshipId) first = Math.min(first, Date.parse(at));
  return monthAt(new Date(first));
}

/**
 * Score and rank month by month through a year (up to the current month), each month ranked from kept
 * township-month scores. Only a township registered during the window reads its own records up to its
 * registration, to find the first month it counts in.
 */
export async function yearTrend(ctx: TownshipCtx, input: { year: number }) {
  const { db } = ctx.countyServices;
  const now = ctx.services.now();
  const countyId = ctx.township.countyId;
  const [{ scheme }, live] = await Promise.all([
    requireScheme(db, countyId, input.year),
    liveCounty(db, countyId),
  ]);
  const current = monthAt(now);
  const months = Array.from(
    { length: 12 },
    (_, i) => `${input.year}-${String(i + 1).padStart(2, "0")}`,
  ).filter((m) => m <= current);
  const yearStart = `${input.year - 1}-01`;
  const registered = monthAt(new Date(ctx.township.createdAt));
  let first = registered;
  if (registered >= yearStart) {
    const window = [];
    for (let y = input.year - 1; y <= input.year; y++)
      for (let m = 1; m <= 12; m++) window.push(`${y}-${String(m).padStart(2, "0")}`);
    const before = window.filter((m) => m <= registered);
    const data = await loadTownshipsData(db, live.county, [ctx.township], before, {
      disputeLookbackDays: lookbackDaysOf(scheme),
    });
    first = firstMonth(data, ctx.township.id, ctx.township.createdAt);
  }
  const scored = months.length
    ? await townshipMonthScores(
        db,
        scheme,
        live,
        [previousPeriod(months[0] as string), ...months],
        now.getTime(),
      )
    : new Map<string, TownshipMonthScore[]>();
  const townships = live.townships.map((t) => ({
    id: t.id,
    name: t.name,
    code: t.code,
    population: t.population,
  }));
  return months.map((m) => {
    if (m < first) {
      // Before the township joined (and recorded anything) there is nothing to score it on.
      return {
        month: m,
        total: null,
        rank: null,
        grade: null,
        vetoed: false,
        townships: live.townships.length,
      };
    }
    // The table of month m reads its own month and the one before from each township's member months.
    const table = leagueTableFromScores(scheme, { county: live.county, townships }, scored, m);
    const row = table.rows.find((r) => r.townshipId === ctx.township.id);
    return {
      month: m,
      total: row?.total ?? null,
      rank: row?.rank ?? null,
      grade: row?.grade ?? null,
      vetoed: row?.vetoed ?? false,
      townships: table.rows.length,
    };
  });
}

function lookbackDaysOf(scheme: Scheme) {
  const d = scheme.deadlines ?? DEFAULT_DISPUTE_DEADLINES;
  return Math.max(d.blue, d.yellow, d.red) + 1;
}
