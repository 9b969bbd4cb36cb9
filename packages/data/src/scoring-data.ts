import { categoryFrequency, countyKeyPersonCategories } from "@pingan/contracts";
import type {
  Data,
  Dispute,
  EventRecord,
  Incident,
  KeyPerson,
  ManualScore,
  Petition,
  Township,
  Visit,
} from "@pingan/domain";
import { DAY_MS, emptyData, monthRange, monthsOf, monthsToIndex, previousPeriod } from "@pingan/domain";
import type { Db } from "./db";
import { LIVE_KINDS, type LiveKind } from "./live-versions";
import { checkItems, getItem, type ItemOf } from "./read";

export type LoadScoringOptions = {
  /**
   * How far before the window to look for disputes still open: an open dispute reported this many days
   * before the window can become overdue inside it. Pass the scheme's longest deadline.
   */
  disputeLookbackDays?: number;
  /** Queries in flight at once (Lambda has few sockets to spare). */
  concurrency?: number;
  /**
   * Add the reviewers' confirmed adjustments as the events they stand for (`adj-<id>`, at the start of
   * their month), read from the same submissions as the manual scores.
   */
  adjustments?: boolean;
  /** Whether the scheme judges duties over quarters or years (`dutyScopes(scheme)`). */
  dutyScopes?: { quarter: boolean; year: boolean };
};

/**
 * Everything the scoring engine needs to rank a county for `period` and the period before it (for
 * rankChange): the county's active townships and their records in the window. One query per township
 * and record type on the township's own keys, with sort-key ranges by time; never a scan.
 */
export async function loadScoringData(
  db: Db,
  countyId: string,
  period: string,
  options: LoadScoringOptions = {},
): Promise<Data> {
  const county = await getItem(db, "county", { id: countyId });
  if (!county) throw new Error(`county ${countyId} not found`);
  // A month that ends a quarter (a year) judges duties over it (scoring.md §10.1): read those months too.
  const months = monthsToIndex(
    [...monthsOf(previousPeriod(period)), ...monthsOf(period)],
    options.dutyScopes ?? { quarter: false, year: false },
  );
  const { data: townshipItems } = await db.entities.township.query
    .byCounty({ countyId })
    .go({ pages: "all" });
  const townships = checkItems(db, "township", townshipItems).filter((t) => t.status === "active");
  return loadTownshipsData(
    db,
    { id: county.id, name: county.name, keyPersonCategories: county.keyPersonCategories },
    townships,
    months,
    options,
  );
}

/**
 * What scoring needs for some townships over a window of months (`months`, sorted): the same queries as
 * `loadScoringData`, for the townships given. A live table scores one township-month at a time with it.
 */
export async function loadTownshipsData(
  db: Db,
  county: ScoringCounty,
  townships: readonly ItemOf<"township">[],
  months: readonly string[],
  options: LoadScoringOptions = {},
): Promise<Data> {
  const parts: ScoringPart[] = [];
  const tasks: (() => Promise<void>)[] = [];
  for (const t of townships)
    for (const kind of LIVE_KINDS)
      tasks.push(async () => {
        parts.push(await loadTownshipKind(db, county, t, kind, months, options));
      });
  await runLimited(tasks, options.concurrency ?? 16);
  return assembleScoringData(county, townships, parts);
}

/** One kind of a township's records as scoring reads them (`assembleScoringData` puts parts together). */
export type ScoringPart = Partial<
  Pick<Data, "disputes" | "petitions" | "incidents" | "keyPersons" | "visits" | "events" | "manualScores">
>;

/**
 * One township's records of one kind over a window of months (`months`, sorted), as `loadTownshipsData`
 * reads them. A part is never mutated afterwards, so it can be kept and assembled again.
 */
export async function loadTownshipKind(
  db: Db,
  county: ScoringCounty,
  township: ItemOf<"township">,
  kind: LiveKind,
  months: readonly string[],
  options: LoadScoringOptions = {},
): Promise<ScoringPart> {
  const first = months[0] as string;
  const last = months[months.length - 1] as string;
  const from = new Date(monthRange(first).start).toISOString();
  const to = new Date(monthRange(last).end).toISOString();
  const townshipId = township.id;
  switch (kind) {
    case "dispute": {
      const lookbackFrom = new Date(
        monthRange(first).start - (options.disputeLookbackDays ?? 31) * DAY_MS,
      ).toISOString();
      // Closed in the window (its metrics), plus those reported since the look-back that are still open or
      // were closed after the window (they may become overdue inside it). One closed before the window
      // cannot count in it (if late, its deadline passed before its closing), so the server filters it
      // out, and no dispute comes back twice.
      const [closed, pending] = await Promise.all([
        all(
          db.entities.dispute.query.byClosed({ townshipId }).between({ closedKey: from }, { closedKey: to }),
        ),
        all(
          db.entities.dispute.query
            .byReported({ townshipId })
            .between({ reportedAt: lookbackFrom }, { reportedAt: to })
            .where(({ closedKey }, { gt }) => gt(closedKey, to)),
        ),
      ]);
      const byId = new Map<string, ItemOf<"dispute">>();
      for (const d of checkItems(db, "dispute", [...pending, ...closed])) if (!d.deletedAt) byId.set(d.id, d);
      return { disputes: [...byId.values()].map(toDispute) };
    }
    case "petition": {
      const [received, closed] = await Promise.all([
        all(
          db.entities.petition.query
            .byReceived({ townshipId })
            .between({ receivedAt: from }, { receivedAt: to }),
        ),
        all(
          db.entities.petition.query
            .byClosed({ townshipId })
            .between({ closedKey: from }, { closedKey: to })
            .where(({ receivedAt }, { lt }) => lt(receivedAt, from)),
        ),
      ]);
      const byId = new Map<string, ItemOf<"petition">>();
      for (const p of checkItems(db, "petition", [...received, ...closed]))
        if (!p.deletedAt) byId.set(p.id, p);
      return { petitions: [...byId.values()].map(toPetition) };
    }
    case "incident": {
      const items = await all(
        db.entities.incident.query
          .byOccurred({ townshipId })
          .between({ occurredAt: from }, { occurredAt: to }),
      );
      return {
        incidents: checkItems(db, "incident", items)
          .filter((i) => !i.deletedAt)
          .map(toIncident),
      };
    }
    case "keyPerson": {
      // Only who can be due in the window: registered before its end and not deregistered before its
      // start (filtered on the server; the engine decides who is due in which month).
      const items = await all(
        db.entities.keyPerson.query
          .byId({ townshipId })
          .where(
            ({ registeredAt, deregisteredAt, deletedAt }, { lt, gte, notExists }) =>
              `${notExists(deletedAt)} AND ${lt(registeredAt, to)} AND (${notExists(deregisteredAt)} OR ${gte(deregisteredAt, from)})`,
          ),
      );
      const frequencies = categoryFrequencies(county);
      return {
        keyPersons: checkItems(db, "keyPerson", items)
          .filter((k) => !k.deletedAt && k.registeredAt < to)
          .map((k) => toKeyPerson(k, frequencies)),
      };
    }
    case "visit": {
      const items = await all(db.entities.visit.query.byAt({ townshipId }).between({ at: from }, { at: to }));
      return {
        visits: checkItems(db, "visit", items)
          .filter((v) => !v.deletedAt)
          .map(toVisit),
      };
    }
    case "event": {
      const items = await all(
        db.entities.event.query.byOccurred({ townshipId }).between({ occurredAt: from }, { occurredAt: to }),
      );
      return {
        events: checkItems(db, "event", items)
          .filter((e) => !e.deletedAt)
          .map(toEvent),
      };
    }
    case "submission": {
      const items = await all(
        db.entities.submission.query.byMonth({ townshipId }).between({ month: first }, { month: last }),
      );
      const subs = checkItems(db, "submission", items);
      return {
        manualScores: subs.flatMap(confirmedManualScores),
        ...(options.adjustments ? { events: subs.flatMap(adjustmentEvents) } : {}),
      };
    }
  }
}

/**
 * Puts loaded parts together as `loadTownshipsData` returns them: fresh lists (the parts are not
 * touched), visits to people on the register only, in a deterministic order.
 */
export function assembleScoringData(
  county: ScoringCounty,
  townships: readonly ItemOf<"township">[],
  parts: readonly ScoringPart[],
): Data {
  const data = { ...emptyData(county), townships: townships.map(toTownship) };
  for (const p of parts) {
    if (p.disputes) data.disputes.push(...p.disputes);
    if (p.petitions) data.petitions.push(...p.petitions);
    if (p.incidents) data.incidents.push(...p.incidents);
    if (p.keyPersons) data.keyPersons.push(...p.keyPersons);
    if (p.visits) data.visits.push(...p.visits);
    if (p.events) data.events.push(...p.events);
    if (p.manualScores) data.manualScores.push(...p.manualScores);
  }

  // A visit to a person not on the register (deleted by mistake, or deregistered before the window, so
  // never due in it) cannot be scored.
  const registered = new Set(data.keyPersons.map((k) => k.id));
  data.visits = data.visits.filter((v) => registered.has(v.keyPersonId));

  // Deterministic order, whatever order the queries answered in.
  for (const list of [
    data.disputes,
    data.petitions,
    data.incidents,
    data.keyPersons,
    data.visits,
    data.events,
  ]) {
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const manualKey = (m: { townshipId: string; period: string; indicator: string }) =>
    `${m.townshipId}|${m.period}|${m.indicator}`;
  data.manualScores.sort((a, b) => (manualKey(a) < manualKey(b) ? -1 : manualKey(a) > manualKey(b) ? 1 : 0));
  data.townships.sort((a, b) => (a.code < b.code ? -1 : 1));
  return data;
}

/** A stored township as the scorer sees it (§11: its first assessed month and its population history). */
export function toTownship(t: ItemOf<"township">): Township {
  return {
    id: t.id,
    name: t.name,
    code: t.code,
    population: t.population,
    // §11: scored and ranked only from its first assessed month on.
    ...(t.memberFrom ? { memberFrom: t.memberFrom } : {}),
    // §11: each month scores with the population in force then (reviewed changes).
    ...(t.populationHistory?.length ? { populationHistory: t.populationHistory } : {}),
  };
}

async function all(query: { go: (o: object) => Promise<{ data: unknown[] }> }): Promise<unknown[]> {
  const { data } = await query.go({ pages: "all" });
  return data;
}

async function runLimited(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

function toDispute(d: ItemOf<"dispute">): Dispute {
  const out: Dispute = {
    id: d.id,
    townshipId: d.townshipId,
    level: d.level,
    reportedAt: d.reportedAt,
    attempts: d.attempts.length,
  };
  // §10.2: each attempt's level, in the order they were made (equal times keep the recorded order).
  if (d.attempts.length > 0)
    out.attemptLevels = d.attempts
      .map((a, i) => ({ at: a.at, i, level: a.level }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.i - b.i))
      .map((a) => a.level);
  if (d.closedAt && d.outcome) {
    out.closedAt = d.closedAt;
    out.outcome = d.outcome;
  }
  return out;
}

function toPetition(p: ItemOf<"petition">): Petition {
  const out: Petition = { id: p.id, townshipId: p.townshipId, receivedAt: p.receivedAt };
  if (p.skipLevel) out.skipLevel = true;
  if (p.collective) out.collective = true;
  if (p.firstHandledAt) out.firstHandledAt = p.firstHandledAt;
  if (p.closedAt) {
    out.closedAt = p.closedAt;
    out.settled = p.settled ?? false;
  }
  return out;
}

const toIncident = (i: ItemOf<"incident">): Incident => ({
  id: i.id,
  townshipId: i.townshipId,
  occurredAt: i.occurredAt,
  kind: i.kind,
  severity: i.severity,
});

/** The county as scoring reads it: its key-person categories give each person's visit frequency. */
export type ScoringCounty = {
  id: string;
  name: string;
  keyPersonCategories?: ItemOf<"county">["keyPersonCategories"];
};

type Frequency = { visitsPerMonth?: number; visitsPerQuarter?: number };

/** The visit frequency of each of the county's categories, by code (scoring.md §10.3). */
export function categoryFrequencies(county: ScoringCounty): Map<string, Frequency> {
  return new Map(countyKeyPersonCategories(county).map((c) => [c.code, categoryFrequency(c)]));
}

function toKeyPerson(k: ItemOf<"keyPerson">, frequencies: Map<string, Frequency>): KeyPerson {
  const out: KeyPerson = {
    id: k.id,
    townshipId: k.townshipId,
    category: k.category,
    registeredAt: k.registeredAt,
  };
  if (k.deregisteredAt) out.deregisteredAt = k.deregisteredAt;
  // A key person may carry its own visit frequency (scoring.md §10.3); else its category's. A category
  // the county has since removed: the engine's default (once a month).
  if (k.visitsPerMonth !== undefined) out.visitsPerMonth = k.visitsPerMonth;
  else if (k.visitsPerQuarter !== undefined) out.visitsPerQuarter = k.visitsPerQuarter;
  else Object.assign(out, frequencies.get(k.category));
  return out;
}

const toVisit = (v: ItemOf<"visit">): Visit => ({
  id: v.id,
  townshipId: v.townshipId,
  keyPersonId: v.keyPersonId,
  at: v.at,
});

const toEvent = (e: ItemOf<"event">): EventRecord => ({
  id: e.id,
  townshipId: e.townshipId,
  kind: e.kind,
  occurredAt: e.occurredAt,
  count: e.count,
});

/** Only manual scores a second reviewer confirmed count (双人复核). */
function confirmedManualScores(s: ItemOf<"submission">): ManualScore[] {
  return s.manualScores
    .filter((m) => m.confirmedBy)
    .map((m) => ({ townshipId: s.townshipId, period: s.month, indicator: m.indicator, score: m.value }));
}

/**
 * A confirmed adjustment counts `value` events of its kind in its month, so the scheme's own bonus or
 * deduction rule (with its cap) scores it and the row's notes explain it.
 */
function adjustmentEvents(s: ItemOf<"submission">): EventRecord[] {
  return s.adjustments
    .filter((a) => a.confirmedBy && a.event)
    .map((a) => ({
      id: `adj-${a.id}`,
      townshipId: s.townshipId,
      kind: a.event as string,
      occurredAt: new Date(monthRange(s.month).start).toISOString(),
      count: a.value,
    }));
}
