import { createHash } from "node:crypto";
import { type Db, type ItemOf, loadScoringData } from "@pingan/data";
import {
  computeLeagueTableDetailed,
  type Data,
  DEFAULT_DISPUTE_DEADLINES,
  type DetailedLeagueTable,
  dutyScopes,
  explainGaps,
  type Scheme,
} from "@pingan/domain";
import { requireScheme, type StoredScheme } from "../schemes/scheme-store";
import { liveCounty, liveLeagueTable, prefetchLiveVersions } from "./live-scores";
import { scoringStored } from "./scoring-stored";

/**
 * Everything the API scores goes through here and then through the domain engine: the county's data
 * for a period (and the one before it, for rank change) is loaded with queries on each township's own
 * keys, confirmed reviewer adjustments are added as the events they stand for, and the engine ranks.
 */

export type CountyScore = {
  stored: StoredScheme;
  data: Data;
  table: DetailedLeagueTable;
  /** sha256 of the canonical inputs (scheme, data, period, asOf): equal digests score equally. */
  digest: string;
  asOf: number | undefined;
};

export const yearOf = (period: string) => Number(period.slice(0, 4));

const inFlight = new Map<string, Promise<Data>>();

/**
 * Loads a county's scoring data for `period`, with confirmed adjustments as events. Every township of
 * a county previews the same county-month, so identical loads already in flight are shared (never
 * reused once finished: a load that starts after a write sees it). The result must not be mutated.
 */
export function loadCountyData(
  db: Db,
  countyId: string,
  period: string,
  scheme: Scheme,
  options: { fresh?: boolean } = {},
): Promise<Data> {
  if (options.fresh) return loadCountyDataNow(db, countyId, period, scheme);
  const key = JSON.stringify([db.tableName, countyId, period, scheme.deadlines ?? null]);
  const running = inFlight.get(key);
  if (running) return running;
  const load = loadCountyDataNow(db, countyId, period, scheme).finally(() => inFlight.delete(key));
  inFlight.set(key, load);
  return load;
}

async function loadCountyDataNow(db: Db, countyId: string, period: string, scheme: Scheme): Promise<Data> {
  const d = scheme.deadlines ?? DEFAULT_DISPUTE_DEADLINES;
  // Confirmed adjustments come from the same per-township submission reads as the manual scores.
  return loadScoringData(db, countyId, period, {
    disputeLookbackDays: Math.max(d.blue, d.yellow, d.red) + 1,
    adjustments: true,
    dutyScopes: dutyScopes(scheme),
  });
}

export function inputsDigest(scheme: Scheme, data: Data, period: string, asOf: number | undefined): string {
  return createHash("sha256")
    .update(JSON.stringify({ scheme, data, period, asOf: asOf ?? null }))
    .digest("hex");
}

/** Scores a county for a period with the year's newest scheme (or the version given). */
export async function scoreCounty(
  db: Db,
  countyId: string,
  period: string,
  options: {
    asOf?: number;
    evidence?: boolean;
    schemeVersion?: number;
    explainMonths?: string[];
    /** Read the records now rather than share a load already in flight (publishing needs this). */
    fresh?: boolean;
    /** Score only these townships (a correction never gains a township its period's table did not have). */
    onlyTownships?: ReadonlySet<string>;
  } = {},
): Promise<CountyScore> {
  const stored = await requireScheme(db, countyId, yearOf(period), options.schemeVersion);
  const loaded = await loadCountyData(db, countyId, period, stored.scheme, { fresh: options.fresh });
  const only = options.onlyTownships;
  const data = only ? { ...loaded, townships: loaded.townships.filter((t) => only.has(t.id)) } : loaded;
  const table = scoringStored(() =>
    computeLeagueTableDetailed(stored.scheme, data, period, {
      asOf: options.asOf,
      evidence: options.evidence ?? false,
      ...(options.explainMonths ? { explainMonths: options.explainMonths } : {}),
    }),
  );
  return {
    stored,
    data,
    table,
    digest: inputsDigest(stored.scheme, data, period, options.asOf),
    asOf: options.asOf,
  };
}

/**
 * The county's table for a period from current records, with each row's gaps (nothing published):
 * ranked from kept township-month scores (live-scores.ts), re-scoring only township-months written since.
 */
export async function liveTable(
  db: Db,
  countyId: string,
  period: string,
  now: Date,
  /** The county item the caller has just read, if any (not read again). */
  county?: ItemOf<"county">,
) {
  // The counters are read alongside the scheme and the townships (those of the last read of this period).
  const prefetched = prefetchLiveVersions(db, countyId, period);
  const [stored, live] = await Promise.all([
    requireScheme(db, countyId, yearOf(period)),
    liveCounty(db, countyId, county),
  ]);
  const table = await liveLeagueTable(db, stored.scheme, live, period, now.getTime(), prefetched);
  const { details: _details, ...body } = table;
  // A kept table (the same object) was ranked with the same scheme version: its gaps are the same too.
  let gaps = keptGaps.get(table);
  if (!gaps) {
    gaps = explainGaps(body, stored.scheme);
    keptGaps.set(table, gaps);
  }
  return { table: body, gaps };
}

const keptGaps = new WeakMap<DetailedLeagueTable, ReturnType<typeof explainGaps>>();
