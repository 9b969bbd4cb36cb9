import { type IndexOptions, MonthIndex, metricSettings } from "./month-index";
import { dutyScopes, isMember, populationIn, quarterEndingIn, yearEndingIn } from "./periods";
import type { Rational } from "./rational";
import * as R from "./rational";
import { gradeFor, type ManualScoreLookup, scoreTownshipMonth, type TownshipMonthScore } from "./score";
import { parsePeriod, previousPeriod } from "./time";
import type { Data, LeagueRow, LeagueTable, Scheme } from "./types";

export type ScoringOptions = IndexOptions & {
  /** Months whose indicator rows get Chinese notes; all of them when absent. */
  explainMonths?: readonly string[];
};

function manualLookup(data: Data): ManualScoreLookup {
  const map = new Map<string, { score: number; index: number }>();
  (data.manualScores ?? []).forEach((m, index) => {
    map.set(`${m.townshipId}|${m.period}|${m.indicator}`, { score: m.score, index });
  });
  return (townshipId, month, indicator) => map.get(`${townshipId}|${month}|${indicator}`);
}

/**
 * Every township's score for each of the given months it is a member in (§11: from `memberFrom` on),
 * from one index over the data; each month uses the population in force then.
 */
export function scoreMonths(
  scheme: Scheme,
  data: Data,
  months: readonly string[],
  options: ScoringOptions = {},
): Map<string, TownshipMonthScore[]> {
  const scopes = dutyScopes(scheme);
  const index = new MonthIndex(data, months, metricSettings(scheme), options, scopes);
  const manual = manualLookup(data);
  const out = new Map<string, TownshipMonthScore[]>();
  for (const t of data.townships) {
    const scores: TownshipMonthScore[] = [];
    for (const m of months) {
      if (!isMember(t, m)) continue;
      const quarter = scopes.quarter ? quarterEndingIn(m) : null;
      const year = scopes.year ? yearEndingIn(m) : null;
      scores.push(
        scoreTownshipMonth(
          scheme,
          { id: t.id, population: populationIn(t, m) },
          m,
          index.bucket(t.id, m),
          manual,
          options.explainMonths?.includes(m) ?? true,
          {
            quarter: quarter ? index.window(t.id, quarter) : null,
            year: year ? index.window(t.id, year) : null,
          },
        ),
      );
    }
    out.set(t.id, scores);
  }
  return out;
}

type Standing = { townshipId: string; code: string; cents: bigint; vetoed: boolean };

/**
 * Orders and ranks (scoring.md §7): vetoed townships after all others, higher total first, equal totals
 * within a group share a rank and the next rank skips (1, 2, 2, 4); equals are listed by code.
 */
export function rank<T extends Standing>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => {
    if (a.vetoed !== b.vetoed) return a.vetoed ? 1 : -1;
    if (a.cents !== b.cents) return a.cents > b.cents ? -1 : 1;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
  const out: (T & { rank: number })[] = [];
  sorted.forEach((row, i) => {
    const prev = out[i - 1];
    const tied = prev !== undefined && prev.vetoed === row.vetoed && prev.cents === row.cents;
    out.push({ ...row, rank: tied ? prev.rank : i + 1 });
  });
  return out;
}

type PeriodResult = {
  townshipId: string;
  total: Rational;
  bonus: Rational;
  vetoed: boolean;
  grade: string;
  months: TownshipMonthScore[];
};

/** A period's results from its months (scoring.md §6: a quarter or year is the mean of its months). */
function periodResults(
  scheme: Scheme,
  data: Pick<Data, "townships">,
  byTownship: Map<string, TownshipMonthScore[]>,
  months: string[],
) {
  const out: PeriodResult[] = [];
  for (const t of data.townships) {
    const all = byTownship.get(t.id) ?? [];
    // §11: only member months are scored; a township with none in the period is not in its table.
    const mine = all.filter((s) => months.includes(s.month));
    if (mine.length === 0) continue;
    if (mine.length === 1) {
      const s = mine[0] as TownshipMonthScore;
      out.push({
        townshipId: t.id,
        total: R.round2(s.total),
        bonus: s.bonus,
        vetoed: s.vetoed,
        grade: s.grade,
        months: mine,
      });
      continue;
    }
    const n = R.rat(mine.length);
    const total = R.round2(R.div(R.sum(mine.map((s) => R.round2(s.total))), n));
    const bonus = R.round2(R.div(R.sum(mine.map((s) => R.round2(s.bonus))), n));
    const vetoed = mine.some((s) => s.vetoed);
    out.push({
      townshipId: t.id,
      total,
      bonus,
      vetoed,
      grade: gradeFor(scheme, total, vetoed),
      months: mine,
    });
  }
  return out;
}

export type DetailedLeagueTable = LeagueTable & {
  /** Per township: the monthly results behind its row (notes, evidence, veto reasons). */
  details: Map<string, TownshipMonthScore[]>;
};

/**
 * The league table of a county for a month, quarter or year (scoring.md §5–§8), with the rank change
 * against the preceding period of the same kind scored from the same data and scheme.
 */
export function computeLeagueTableDetailed(
  scheme: Scheme,
  data: Data,
  period: string,
  options: ScoringOptions = {},
): DetailedLeagueTable {
  const { p, prev } = periodsOf(period);
  // Only a month's own rows are shown; a quarter's months and the previous period only need totals.
  const scored = scoreMonths(scheme, data, [...prev.months, ...p.months], {
    explainMonths: p.kind === "month" ? p.months : [],
    ...options,
  });
  return leagueTableFromScores(scheme, data, scored, period);
}

function periodsOf(period: string) {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period (YYYY-MM, YYYY-Qn or YYYY): ${period}`);
  const prev = parsePeriod(previousPeriod(period)) as NonNullable<ReturnType<typeof parsePeriod>>;
  return { p, prev };
}

/**
 * Ranks a period from township-month scores already computed (by `scoreMonths`, or kept from an earlier
 * scoring of the same records and scheme): `scored` must hold, per township, its member months of the
 * period and of the preceding one. `computeLeagueTableDetailed` is `scoreMonths` followed by this, so a
 * caller that keeps month scores gets the same table.
 */
export function leagueTableFromScores(
  scheme: Scheme,
  data: Pick<Data, "county" | "townships">,
  scored: Map<string, TownshipMonthScore[]>,
  period: string,
): DetailedLeagueTable {
  const { p, prev } = periodsOf(period);
  const townships = new Map(data.townships.map((t) => [t.id, t]));
  const standings = (months: string[]) =>
    rank(
      periodResults(scheme, data, scored, months).map((r) => ({
        ...r,
        code: (townships.get(r.townshipId) as { code: string }).code,
        cents: R.roundToCents(r.total),
      })),
    );
  const previousRanks = new Map(standings(prev.months).map((r) => [r.townshipId, r.rank]));
  const details = new Map<string, TownshipMonthScore[]>();

  const rows: LeagueRow[] = standings(p.months).map((r) => {
    const t = townships.get(r.townshipId) as { id: string; name: string; code: string };
    details.set(t.id, r.months);
    const month = p.kind === "month" ? r.months[0] : undefined;
    return {
      rank: r.rank,
      townshipId: t.id,
      name: t.name,
      code: t.code,
      total: R.centsNumber(r.total),
      bonus: R.centsNumber(r.bonus),
      grade: r.grade,
      vetoed: r.vetoed,
      // §11: 0 for a township that is not in the preceding period's table.
      rankChange: (previousRanks.get(t.id) ?? r.rank) - r.rank,
      indicators: month ? month.indicators : [],
    };
  });
  return {
    countyId: data.county.id,
    period,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    rows,
    details,
  };
}

/** The league table exactly as the command line prints it (scoring.md §8). */
export function computeLeagueTable(
  scheme: Scheme,
  data: Data,
  period: string,
  options: ScoringOptions = {},
): LeagueTable {
  const { details: _details, ...table } = computeLeagueTableDetailed(scheme, data, period, options);
  return table;
}
