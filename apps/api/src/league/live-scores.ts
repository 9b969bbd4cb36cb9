import { createHash } from "node:crypto";
import {
  assembleScoringData,
  categoryFrequencies,
  checkItems,
  type Db,
  getItem,
  type ItemOf,
  kindLastWrite,
  kindToken,
  LIVE_KINDS,
  type LiveCounter,
  type LiveVersions,
  type LoadScoringOptions,
  liveMonthKey,
  loadTownshipKind,
  loadTownshipsData,
  readLiveSummaries,
  readLiveVersions,
  readStoredMonthScores,
  type ScoringCounty,
  type ScoringPart,
  toTownship,
  writeStoredMonthScore,
} from "@pingan/data";
import {
  DAY_MS,
  type Data,
  DEFAULT_DISPUTE_DEADLINES,
  type DetailedLeagueTable,
  dutyScopes,
  isMember,
  leagueTableFromScores,
  monthOf,
  monthRange,
  monthsOf,
  monthsToIndex,
  populationIn,
  previousPeriod,
  type Scheme,
  scoreMonths,
  type TownshipMonthScore,
} from "@pingan/domain";
import { scoringStored } from "./scoring-stored";

/**
 * Live tables from township-month scores kept between requests (see the README, "Live tables").
 *
 * A township's score for a month depends only on its own records whose instants fall in a window of
 * months (the month; the look-back for disputes that become overdue in it; a quarter's or year's months
 * for periodic duties), on its key-person register, its population, the scheme version and — for a month
 * not yet over — the instant it is scored at. Every record write bumps the live-version counters of the
 * township-months it touches (packages/data, live-versions.ts), so a score is reused exactly as long as
 * the counters of its window, the register counter, the scheme version and the population are those it
 * was computed from. Scores live in this process (bounded) and in the table (`LS#` items), so another
 * instance or a cold start reuses them too.
 */

/**
 * How long after a write the indexes records are read through may still miss it (GSIs are eventually
 * consistent). A setting only so that tests (DynamoDB Local's indexes are consistent) can count exactly
 * what a write makes a read load, whatever the time the test takes.
 */
export const liveSettings = { indexSettleMs: 5_000 };
/** Township-month scores kept in this process (about 3 KB each). */
const MEMORY_ENTRIES = 20_000;
/** Township-months scored at once on a miss (each is a handful of queries). */
const SCORE_CONCURRENCY = 3;
const FOREVER = Number.MAX_SAFE_INTEGER;

type Entry = {
  /** What the score was computed from: scheme, population, counters. */
  key: string;
  /** The score holds for `asOf` in [lo, hi). */
  lo: number;
  hi: number;
  /** Wall-clock instant after which to score again, because a write may have been missing from an index. */
  recheckAfter: number;
  score: TownshipMonthScore;
};

const memory = new Map<string, Entry>();

function remember(id: string, entry: Entry) {
  memory.delete(id);
  memory.set(id, entry);
  if (memory.size > MEMORY_ENTRIES) {
    const oldest = memory.keys().next().value;
    if (oldest !== undefined) memory.delete(oldest);
  }
}

/** Forget every kept score, loaded part and table of this process (tests compare with and without it). */
export function clearMemoryScores() {
  memory.clear();
  explained.clear();
  parts.clear();
  partRecords = 0;
  tables.clear();
  keptCounters.clear();
}

/** A township's records of one kind over one window, as loaded, kept under that kind's counters. */
type PartEntry = { key: string; recheckAfter: number; part: ScoringPart; size: number };
/** Records kept in loaded parts in this process (a few hundred bytes each): bounded memory. */
const PART_RECORDS = 150_000;
const parts = new Map<string, PartEntry>();
let partRecords = 0;

function keepPart(id: string, entry: PartEntry) {
  const old = parts.get(id);
  if (old) {
    parts.delete(id);
    partRecords -= old.size;
  }
  if (entry.size > PART_RECORDS / 4) return;
  parts.set(id, entry);
  partRecords += entry.size;
  while (partRecords > PART_RECORDS) {
    const [oldest, e] = parts.entries().next().value as [string, PartEntry];
    parts.delete(oldest);
    partRecords -= e.size;
  }
}

/** Loads of one kind of a township's records from the table, by `<townshipId>:<kind>` (tests check what a write reloads). */
export const partLoads = new Map<string, number>();

const partSize = (p: ScoringPart) =>
  (p.disputes?.length ?? 0) +
  (p.petitions?.length ?? 0) +
  (p.incidents?.length ?? 0) +
  (p.keyPersons?.length ?? 0) +
  (p.visits?.length ?? 0) +
  (p.events?.length ?? 0) +
  (p.manualScores?.length ?? 0) +
  1;

export type LiveCounty = {
  /** With its key-person categories: their frequencies are part of every kept score's key. */
  county: ScoringCounty;
  townships: ItemOf<"township">[];
};

/**
 * The county and its active townships, as the scorer sees them. `known`: the county item the caller has
 * just read (a county procedure's context), so it is not read twice.
 */
export async function liveCounty(db: Db, countyId: string, known?: ItemOf<"county">): Promise<LiveCounty> {
  const [county, { data }] = await Promise.all([
    known?.id === countyId ? known : getItem(db, "county", { id: countyId }),
    db.entities.township.query.byCounty({ countyId }).go({ pages: "all" }),
  ]);
  if (!county) throw new Error(`county ${countyId} not found`);
  const townships = checkItems(db, "township", data)
    .filter((t) => t.status === "active" && t.countyId === countyId)
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  return {
    county: { id: county.id, name: county.name, keyPersonCategories: county.keyPersonCategories },
    townships,
  };
}

function lookbackDays(scheme: Scheme) {
  const d = scheme.deadlines ?? DEFAULT_DISPUTE_DEADLINES;
  return Math.max(d.blue, d.yellow, d.red) + 1;
}

/** The months whose records a township's score for `month` can read, oldest first. */
function windowOf(scheme: Scheme, month: string): string[] {
  return monthsToIndex([month], dutyScopes(scheme));
}

/** `dependsOn` per scheme object (one a request) and month: a request asks it for every township. */
const dependencies = new WeakMap<Scheme, Map<string, string[]>>();

/** The months whose counters a score for `month` depends on: its window and the disputes' look-back. */
function dependsOn(scheme: Scheme, month: string): string[] {
  let byMonth = dependencies.get(scheme);
  if (!byMonth) {
    byMonth = new Map();
    dependencies.set(scheme, byMonth);
  }
  let out = byMonth.get(month);
  if (!out) {
    out = dependsOnNow(scheme, month);
    byMonth.set(month, out);
  }
  return out;
}

function dependsOnNow(scheme: Scheme, month: string): string[] {
  const window = windowOf(scheme, month);
  const first = monthOf(
    new Date(monthRange(window[0] as string).start - lookbackDays(scheme) * DAY_MS).toISOString(),
  );
  const out: string[] = [];
  for (let m = first; m <= month; m = nextMonth(m)) out.push(m);
  return out;
}

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

/**
 * The county's category frequencies in a kept score's key: a county admin changing a category's
 * frequency re-scores every month (as a new scheme version does).
 */
function frequencyKey(county: ScoringCounty): string {
  let key = frequencyKeys.get(county);
  if (key === undefined) {
    key = frequencyKeyNow(county);
    frequencyKeys.set(county, key);
  }
  return key;
}

/** Per county object (one a request): its digest is asked for every township-month. */
const frequencyKeys = new WeakMap<ScoringCounty, string>();

function frequencyKeyNow(county: ScoringCounty): string {
  const parts = [...categoryFrequencies(county)].map(
    ([code, f]) => `${code}:${f.visitsPerMonth ?? ""}/${f.visitsPerQuarter ?? ""}`,
  );
  return createHash("sha256").update(parts.sort().join(",")).digest("base64url").slice(0, 12);
}

function entryKey(
  scheme: Scheme,
  county: ScoringCounty,
  township: ItemOf<"township">,
  month: string,
  versions: LiveVersions,
): { key: string; lastWrite: number } {
  let lastWrite = 0;
  // The population in force in that month (§11): an approved change re-scores the months it applies to.
  const parts = [
    `${scheme.id}@${scheme.version}`,
    `p${populationIn(township, month)}`,
    `f${frequencyKey(county)}`,
  ];
  for (const m of dependsOn(scheme, month)) {
    const c = versions.months.get(liveMonthKey(m, township.id));
    parts.push(String(c?.v ?? 0));
    lastWrite = Math.max(lastWrite, c?.at ?? 0);
  }
  const r = versions.register.get(township.id);
  parts.push(`k${r?.v ?? 0}`);
  lastWrite = Math.max(lastWrite, r?.at ?? 0);
  return { key: parts.join("|"), lastWrite };
}

const usable = (e: Entry | undefined, key: string, asOf: number): e is Entry =>
  e !== undefined &&
  e.key === key &&
  e.lo <= asOf &&
  asOf < e.hi &&
  (e.recheckAfter === 0 || Date.now() < e.recheckAfter);

/**
 * The instants a score computed at `asOf` holds for: a month already over holds for any later instant;
 * otherwise until the next open dispute's deadline (from then on it is overdue) and at most to the month's end.
 */
function validity(scheme: Scheme, month: string, asOf: number, data: { disputes?: unknown[] }) {
  const end = monthRange(month).end;
  if (end <= asOf) return { lo: end, hi: FOREVER };
  const d = scheme.deadlines ?? DEFAULT_DISPUTE_DEADLINES;
  let hi = end;
  for (const x of (data.disputes ?? []) as {
    level: "blue" | "yellow" | "red";
    reportedAt: string;
    closedAt?: string;
  }[]) {
    if (x.closedAt) continue;
    const deadline = Date.parse(x.reportedAt) + d[x.level] * DAY_MS;
    if (deadline > asOf && deadline < hi) hi = deadline;
  }
  return { lo: asOf, hi };
}

/** Rationals (bigint) as strings, so a score can be stored as JSON. */
function serialize(score: TownshipMonthScore): string {
  return JSON.stringify({ ...score, evidence: [] }, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

function deserialize(body: string): TownshipMonthScore {
  return JSON.parse(body, (_k, v) =>
    typeof v === "string" && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v,
  ) as TownshipMonthScore;
}

/**
 * One township's records over a window of months (`all`, contiguous), kind by kind: a kind whose counters
 * over the window (and the register's) are those it was loaded under is taken from this process, the
 * others are read again. A write of an event thus re-reads that township's events of the window only.
 * `versions` must cover the window and the disputes' look-back before it.
 */
async function loadTownshipWindow(
  db: Db,
  county: ScoringCounty,
  township: ItemOf<"township">,
  all: readonly string[],
  options: LoadScoringOptions & { disputeLookbackDays: number },
  versions: LiveVersions,
): Promise<Data> {
  const first = all[0] as string;
  const last = all[all.length - 1] as string;
  const lookbackFirst = monthOf(
    new Date(monthRange(first).start - options.disputeLookbackDays * DAY_MS).toISOString(),
  );
  const register = versions.register.get(township.id);
  const loaded = await Promise.all(
    LIVE_KINDS.map(async (kind) => {
      // Disputes come from the look-back too; the register's frequencies shape key persons.
      const from = kind === "dispute" ? lookbackFirst : first;
      const tokens = [kindToken(register, kind)];
      let lastWrite = kindLastWrite(register, kind);
      for (let m = from; m <= last; m = nextMonth(m)) {
        const c = versions.months.get(liveMonthKey(m, township.id));
        tokens.push(kindToken(c, kind));
        lastWrite = Math.max(lastWrite, kindLastWrite(c, kind));
      }
      const key = tokens.join("|");
      const id = [
        db.tableName,
        county.id,
        township.id,
        kind,
        first,
        last,
        kind === "dispute" ? options.disputeLookbackDays : "",
        kind === "keyPerson" ? frequencyKey(county) : "",
        kind === "submission" ? Boolean(options.adjustments) : "",
      ].join("|");
      const kept = parts.get(id);
      if (kept && kept.key === key && (kept.recheckAfter === 0 || Date.now() < kept.recheckAfter)) {
        parts.delete(id);
        parts.set(id, kept);
        return kept.part;
      }
      const started = Date.now();
      const counted = `${township.id}:${kind}`;
      partLoads.set(counted, (partLoads.get(counted) ?? 0) + 1);
      const part = await loadTownshipKind(db, county, township, kind, all, options);
      // Right after a write of this kind an index may not show it yet: keep the part only until they settled.
      const recheckAfter =
        started - lastWrite < liveSettings.indexSettleMs ? lastWrite + liveSettings.indexSettleMs : 0;
      keepPart(id, { key, recheckAfter, part, size: partSize(part) });
      return part;
    }),
  );
  return assembleScoringData(county, [township], loaded);
}

/**
 * Scores some months of one township from its own records (one narrow load over the months' windows),
 * with evidence when asked. Each month is scored exactly as a whole-county scoring would score it.
 * With the township's counters (`versions`, covering the months' dependencies), the records are loaded
 * kind by kind and kept (`loadTownshipWindow`), so only the kinds written since are read again.
 */
export async function scoreTownshipMonthsNow(
  db: Db,
  scheme: Scheme,
  county: LiveCounty["county"],
  township: ItemOf<"township">,
  months: readonly string[],
  asOf: number,
  options: { evidence?: boolean; versions?: LiveVersions } = {},
) {
  const sorted = [...months].sort();
  const window = [...new Set(sorted.flatMap((m) => windowOf(scheme, m)))].sort();
  const all: string[] = [];
  for (let m = window[0] as string; m <= (window[window.length - 1] as string); m = nextMonth(m)) all.push(m);
  const loadOptions = { disputeLookbackDays: lookbackDays(scheme), adjustments: true, concurrency: 7 };
  const data = options.versions
    ? await loadTownshipWindow(db, county, township, all, loadOptions, options.versions)
    : await loadTownshipsData(db, county, [township], all, loadOptions);
  const scores = scoringStored(() =>
    scoreMonths(scheme, data, sorted, { asOf, evidence: options.evidence ?? false, explainMonths: sorted }),
  );
  const byMonth = new Map((scores.get(township.id) ?? []).map((x) => [x.month, x]));
  return { byMonth, data };
}

const explained = new Map<string, Entry>();

/**
 * One township-month with the records behind every number (a township's own dashboard), kept in this
 * process under the same key as the kept scores, so repeated views re-read nothing until a write.
 */
export async function explainedTownshipMonth(
  db: Db,
  scheme: Scheme,
  live: LiveCounty,
  township: ItemOf<"township">,
  month: string,
  asOf: number,
): Promise<TownshipMonthScore> {
  const deps = dependsOn(scheme, month);
  const versions = await readLiveVersions(db, [township.id], deps[0] as string, month);
  const { key, lastWrite } = entryKey(scheme, live.county, township, month, versions);
  const id = `${db.tableName}|${live.county.id}|${township.id}|${month}`;
  const kept = explained.get(id);
  if (usable(kept, key, asOf)) return kept.score;
  const started = Date.now();
  const { byMonth, data } = await scoreTownshipMonthsNow(db, scheme, live.county, township, [month], asOf, {
    evidence: true,
    versions,
  });
  const score = byMonth.get(month) as TownshipMonthScore;
  const { lo, hi } = validity(scheme, month, asOf, data);
  const recheckAfter =
    started - lastWrite < liveSettings.indexSettleMs ? lastWrite + liveSettings.indexSettleMs : 0;
  explained.delete(id);
  explained.set(id, { key, lo, hi, recheckAfter, score });
  if (explained.size > EXPLAINED_ENTRIES) {
    const oldest = explained.keys().next().value;
    if (oldest !== undefined) explained.delete(oldest);
  }
  return score;
}

/** Explained township-months kept (with evidence, about 20 KB each at real volume). */
const EXPLAINED_ENTRIES = 1_000;

type Miss = { t: ItemOf<"township">; m: string; i: number; key: string; lastWrite: number; id: string };

/**
 * Every active township's score for each of `months`: from this process, else from the table, else
 * scored now (and kept). Keyed `townshipId` → scores in the order of `months`.
 */
export async function townshipMonthScores(
  db: Db,
  scheme: Scheme,
  live: LiveCounty,
  months: readonly string[],
  asOf: number,
  prefetched?: PrefetchedVersions,
): Promise<Map<string, TownshipMonthScore[]>> {
  const sorted = [...months].sort();
  // A December with yearly duties depends on its whole year: the earliest dependency of any month.
  const firstDependency = sorted.map((m) => dependsOn(scheme, m)[0] as string).sort()[0] as string;
  const range = {
    ids: live.townships.map((t) => t.id),
    from: firstDependency,
    to: sorted[sorted.length - 1] as string,
  };
  const rangeId = `${db.tableName}|${live.county.id}|${sorted[0]}|${range.to}`;
  versionRanges.delete(rangeId);
  versionRanges.set(rangeId, range);
  if (versionRanges.size > TABLES) {
    const oldest = versionRanges.keys().next().value;
    if (oldest !== undefined) versionRanges.delete(oldest);
  }
  const versions =
    prefetched &&
    prefetched.rangeId === rangeId &&
    prefetched.from === range.from &&
    prefetched.ids.join(",") === range.ids.join(",")
      ? await prefetched.read
      : await readCounters(db, range.ids, range.from, range.to);

  const out = new Map<string, TownshipMonthScore[]>();
  let missing: Miss[] = [];
  for (const t of live.townships) {
    const scores: TownshipMonthScore[] = new Array(months.length);
    out.set(t.id, scores);
    months.forEach((m, i) => {
      // §11: no score for a month before the township belongs to the assessment (a hole, dropped below).
      if (!isMember(t, m)) return;
      const { key, lastWrite } = entryKey(scheme, live.county, t, m, versions);
      const id = `${db.tableName}|${live.county.id}|${t.id}|${m}`;
      const kept = memory.get(id);
      if (usable(kept, key, asOf)) scores[i] = kept.score;
      else missing.push({ t, m, i, key, lastWrite, id });
    });
  }
  if (missing.length === 0) return compact(out);

  // Another instance (or this one before a restart) may have scored them already. Not one whose counters
  // moved less than the index settle time ago: a score is stored only when scored that long after the last
  // write to its counters (below), and equal counters mean that same last write, so none can be stored
  // yet (a clock skew between instances only costs a scoring the table might have spared).
  const settled = Date.now() - liveSettings.indexSettleMs;
  const askable = missing.filter((x) => x.lastWrite <= settled);
  const stored = askable.length
    ? await readStoredMonthScores(
        db,
        live.county.id,
        askable.map((x) => ({ month: x.m, townshipId: x.t.id })),
      )
    : new Map<string, never>();
  missing = missing.filter((x) => {
    const s = stored.get(`${x.m}#${x.t.id}`);
    if (!s || s.key !== x.key || !(s.lo <= asOf && asOf < s.hi)) return true;
    const score = deserialize(s.body);
    remember(x.id, { key: x.key, lo: s.lo, hi: s.hi, recheckAfter: 0, score });
    (out.get(x.t.id) as TownshipMonthScore[])[x.i] = score;
    return false;
  });

  // The rest: per township, one narrow load of its records for all its missing months.
  const byTownship = new Map<string, Miss[]>();
  for (const x of missing) byTownship.set(x.t.id, [...(byTownship.get(x.t.id) ?? []), x]);
  const jobs = [...byTownship.values()];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as Miss[];
      const t = (job[0] as Miss).t;
      const started = Date.now();
      const { byMonth, data } = await scoreTownshipMonthsNow(
        db,
        scheme,
        live.county,
        t,
        job.map((x) => x.m),
        asOf,
        { versions },
      );
      const scores = out.get(t.id) as TownshipMonthScore[];
      const writes: Promise<void>[] = [];
      for (const x of job) {
        const score = byMonth.get(x.m) as TownshipMonthScore;
        const { lo, hi } = validity(scheme, x.m, asOf, data);
        // Right after a write, an index may not show it yet: keep the score only until the indexes settled.
        const recheckAfter =
          started - x.lastWrite < liveSettings.indexSettleMs ? x.lastWrite + liveSettings.indexSettleMs : 0;
        remember(x.id, { key: x.key, lo, hi, recheckAfter, score });
        if (recheckAfter === 0)
          writes.push(
            writeStoredMonthScore(db, live.county.id, x.m, t.id, {
              key: x.key,
              body: serialize(score),
              lo,
              hi,
            }),
          );
        scores[x.i] = score;
      }
      await Promise.all(writes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCORE_CONCURRENCY, jobs.length) }, worker));
  return compact(out);
}

/** Drops the holes of months a township was not a member in: each list holds its member months only. */
function compact(out: Map<string, TownshipMonthScore[]>): Map<string, TownshipMonthScore[]> {
  for (const [id, scores] of out)
    out.set(
      id,
      scores.filter((s) => s !== undefined),
    );
  return out;
}

/** A township's counters over a range of months, read after its summary counter was `summary`. */
type KeptCounters = {
  summary: number;
  readAt: number;
  months: [string, LiveCounter][];
  register?: LiveCounter;
};
/** Kept counters by database, township and range (a few KB each; least recently used out). */
const keptCounters = new Map<string, KeptCounters>();
const KEPT_COUNTERS = 5_000;
/**
 * Kept counters are read again after this long whatever the summary says: a writer deployed before the
 * summary counter existed (the few seconds an old Lambda version still runs after a deploy) moves the
 * counters but not the summary, and is seen within this time.
 */
const COUNTERS_MAX_AGE_MS = 60_000;

/**
 * The counters of some townships over `from`..`to`, as `readLiveVersions` reads them, re-reading only the
 * townships whose summary counter moved since their counters were kept: one consistent `BatchGet` of the
 * summaries (20 keys for a county) instead of townships × months keys, then the moved townships'
 * counters. The summary is read first, so counters kept under a summary are at least as new as it; while
 * it stays the same no write landed since, and they are exact.
 */
async function readCounters(db: Db, ids: readonly string[], from: string, to: string): Promise<LiveVersions> {
  const readAt = Date.now();
  const summaries = await readLiveSummaries(db, ids);
  const idOf = (t: string) => `${db.tableName}|${t}|${from}|${to}`;
  const kept = new Map<string, KeptCounters>();
  const moved: string[] = [];
  for (const t of ids) {
    const k = keptCounters.get(idOf(t));
    if (k && k.summary === (summaries.get(t) ?? 0) && readAt - k.readAt < COUNTERS_MAX_AGE_MS) kept.set(t, k);
    else moved.push(t);
  }
  if (moved.length > 0) {
    const fresh = await readLiveVersions(db, moved, from, to);
    for (const t of moved) {
      const months: [string, LiveCounter][] = [];
      for (let m = from; m <= to; m = nextMonth(m)) {
        const key = liveMonthKey(m, t);
        const c = fresh.months.get(key);
        if (c) months.push([key, c]);
      }
      const register = fresh.register.get(t);
      const k: KeptCounters = {
        summary: summaries.get(t) ?? 0,
        readAt,
        months,
        ...(register ? { register } : {}),
      };
      kept.set(t, k);
      keptCounters.delete(idOf(t));
      keptCounters.set(idOf(t), k);
      if (keptCounters.size > KEPT_COUNTERS) {
        const oldest = keptCounters.keys().next().value;
        if (oldest !== undefined) keptCounters.delete(oldest);
      }
    }
  }
  const out: LiveVersions = { months: new Map(), register: new Map() };
  for (const [t, k] of kept) {
    for (const [key, c] of k.months) out.months.set(key, c);
    if (k.register) out.register.set(t, k.register);
  }
  return out;
}

/** The counters a county's months were last read over (townships, months): what to prefetch next time. */
const versionRanges = new Map<string, { ids: string[]; from: string; to: string }>();

/** A read of live-version counters started before the scheme and townships it depends on were known. */
export type PrefetchedVersions = {
  rangeId: string;
  ids: string[];
  from: string;
  read: Promise<LiveVersions>;
};

/**
 * Starts reading the counters a live table of `period` read last time (the same townships and months),
 * so that the read runs alongside the scheme's and the townships' instead of after them. It is used only
 * if the townships and months turn out the same; it starts after the request did, so it sees every write
 * finished before the request, as a read started later would.
 */
export function prefetchLiveVersions(
  db: Db,
  countyId: string,
  period: string,
): PrefetchedVersions | undefined {
  const months = [...monthsOf(previousPeriod(period)), ...monthsOf(period)].sort();
  const rangeId = `${db.tableName}|${countyId}|${months[0]}|${months[months.length - 1]}`;
  const range = versionRanges.get(rangeId);
  if (!range) return undefined;
  const read = readCounters(db, range.ids, range.from, range.to);
  // Unused (the townships or the scheme changed) it is dropped; its failure then matters to no one.
  read.catch(() => undefined);
  return { rangeId, ids: range.ids, from: range.from, read };
}

/** A ranked table kept with the very score objects it was ranked from (`liveLeagueTable`). */
type KeptTable = { sig: string; scores: TownshipMonthScore[]; table: DetailedLeagueTable };
/** Tables kept in this process (one per database, county and period; ~100 KB for a year). */
const TABLES = 200;
const tables = new Map<string, KeptTable>();

/**
 * A county's live table for a period (and the period before it, for rank change) from kept township-month
 * scores: the same table `computeLeagueTableDetailed` gives on a fresh load of every record (tested).
 * `details` carry no evidence. Ranking is a function of the scores, the townships and the scheme only, so
 * when every score is the very object the kept table was ranked from (no counter moved, no deadline
 * passed) and the townships and scheme are those it was ranked with, the kept table is the answer.
 * The table returned must not be mutated.
 */
export async function liveLeagueTable(
  db: Db,
  scheme: Scheme,
  live: LiveCounty,
  period: string,
  asOf: number,
  prefetched?: PrefetchedVersions,
): Promise<DetailedLeagueTable> {
  const months = [...monthsOf(previousPeriod(period)), ...monthsOf(period)];
  const scored = await townshipMonthScores(db, scheme, live, months, asOf, prefetched);
  const townships = live.townships.map(toTownship);
  const id = `${db.tableName}|${live.county.id}|${period}`;
  const sig = JSON.stringify([`${scheme.id}@${scheme.version}`, live.county, townships]);
  const scores = townships.flatMap((t) => scored.get(t.id) ?? []);
  const kept = tables.get(id);
  if (
    kept &&
    kept.sig === sig &&
    kept.scores.length === scores.length &&
    kept.scores.every((x, i) => x === scores[i])
  ) {
    tables.delete(id);
    tables.set(id, kept);
    return kept.table;
  }
  const table = leagueTableFromScores(scheme, { county: live.county, townships }, scored, period);
  tables.delete(id);
  tables.set(id, { sig, scores, table });
  if (tables.size > TABLES) {
    const oldest = tables.keys().next().value;
    if (oldest !== undefined) tables.delete(oldest);
  }
  return table;
}
