import { getItem, type ItemOf } from "@pingan/data";
import { computeLeagueTable, type Data, explainGaps } from "@pingan/domain";
import { recordState } from "../errors";
import { loadCountyData, scoreCounty, scoringStored } from "../league/county-scoring";
import { requireScheme } from "../schemes/scheme-store";
import type { Services } from "../services";
import { monthAt } from "./deadline";
import { readSubmission } from "./submission-store";
import { deadlineFor, view } from "./view";

type TownshipCtx = { services: Services; township: ItemOf<"township"> };

/** The month as recorded so far: its status and the reviewers' entries. */
export async function getSubmission(ctx: TownshipCtx, month: string) {
  const county = await getItem(ctx.services.db, "county", { id: ctx.township.countyId });
  const s = await readSubmission(ctx.services.db, ctx.township, month);
  return view(s, deadlineFor(county, month), ctx.services.now());
}

/**
 * The live score of the township's month from its current records: total, grade, the rank it would
 * have among the county's townships, points to the next rank and grade, and every indicator's notes
 * with the records behind them.
 */
export async function previewMonth(ctx: TownshipCtx, input: { month: string }) {
  const { db } = ctx.services;
  const now = ctx.services.now();
  const scored = await scoreCounty(db, ctx.township.countyId, input.month, {
    asOf: now.getTime(),
    evidence: true,
    explainMonths: [input.month],
  });
  const { table, stored } = scored;
  const row = table.rows.find((r) => r.townshipId === ctx.township.id);
  if (!row) throw recordState("该乡镇未参加本县排名");
  const gap = explainGaps(table, stored.scheme).find((g) => g.townshipId === ctx.township.id);
  const monthScore = table.details.get(ctx.township.id)?.[0];
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
      return {
        ...ind,
        name: def?.name ?? ind.code,
        maxScore: def?.maxScore ?? 0,
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

/** Score and rank month by month through a year (up to the current month). */
export async function yearTrend(ctx: TownshipCtx, input: { year: number }) {
  const { db } = ctx.services;
  const now = ctx.services.now();
  const { scheme } = await requireScheme(db, ctx.township.countyId, input.year);
  const data = await loadCountyData(db, ctx.township.countyId, String(input.year), scheme);
  const current = monthAt(now);
  const months = Array.from(
    { length: 12 },
    (_, i) => `${input.year}-${String(i + 1).padStart(2, "0")}`,
  ).filter((m) => m <= current);
  const first = firstMonth(data, ctx.township.id, ctx.township.createdAt);
  return months.map((m) => {
    if (m < first) {
      // Before the township joined (and recorded anything) there is nothing to score it on.
      return {
        month: m,
        total: null,
        rank: null,
        grade: null,
        vetoed: false,
        townships: data.townships.length,
      };
    }
    const table = scoringStored(() =>
      computeLeagueTable(scheme, data, m, { asOf: now.getTime(), explainMonths: [] }),
    );
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
