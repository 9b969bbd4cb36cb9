import { instantColumn } from "./instants";
import { monthsToIndex, quarterEndingIn } from "./periods";
import { DAY_MS, monthRange, monthSerial, serialOfMonth } from "./time";
import type {
  Data,
  Dispute,
  EventRecord,
  Incident,
  Metric,
  Petition,
  RecordKind,
  RecordRef,
  Scheme,
  Visit,
} from "./types";

/** Scheme settings that shape the metrics, with the defaults of scoring.md §3. */
export type MetricSettings = {
  deadlineDays: { blue: number; yellow: number; red: number };
  minAttempts: number;
  petitionFirstHandleDays: number;
};

export function metricSettings(scheme: Scheme): MetricSettings {
  return {
    deadlineDays: scheme.deadlines ?? { blue: 7, yellow: 15, red: 30 },
    minAttempts: scheme.minAttempts ?? 3,
    petitionFirstHandleDays: scheme.petitionFirstHandleDays ?? 7,
  };
}

/** A metric's fraction; `den === 0` means no data. */
export type MetricCount = { num: number; den: number; refs: RecordRef[] };

/** Everything the scoring of one township in one month reads, gathered in one pass over the data. */
export type MonthBucket = {
  disputesClosed: number;
  resolved: number;
  onTime: number;
  local: number;
  failedOrEscalated: number;
  failedOrEscalatedWithAttempts: number;
  /** §10.2 小事不出村: resolved without a red-level attempt (or, without attempt levels, not red). */
  village: number;
  /** §10.2 三三调处: failed or escalated after at least minAttempts attempts at every level tried. */
  threeThree: number;
  petitionsReceived: number;
  firstHandledOnTime: number;
  petitionsClosed: number;
  settled: number;
  incidents: number;
  keyPersonsDue: number;
  keyPersonsVisited: number;
  /** Of the due key persons, those judged over the quarter (`visitsPerQuarter`, §10.3). */
  keyPersonsDueQuarterly: number;
  /** Of the due key persons, those with a frequency other than one visit a month. */
  keyPersonsScheduled: number;
  /** Given and derived events by kind: the sum of their counts. */
  events: Map<string, number>;
  /** Record ids behind each number, kept only when evidence is asked for. */
  evidence: Evidence | null;
};

export type Evidence = {
  disputesClosed: RecordRef[];
  /** Disputes closed as failed or escalated: the denominator of the attempts metrics. */
  disputesFailedOrEscalated: RecordRef[];
  petitionsReceived: RecordRef[];
  petitionsClosed: RecordRef[];
  incidents: RecordRef[];
  keyPersonsDue: RecordRef[];
  keyPersonsUnvisited: RecordRef[];
  /** Given events, and for derived ones the records they come from (a dispute, a petition, an incident). */
  events: Map<string, RecordRef[]>;
};

function emptyBucket(withEvidence: boolean): MonthBucket {
  return {
    disputesClosed: 0,
    resolved: 0,
    onTime: 0,
    local: 0,
    failedOrEscalated: 0,
    failedOrEscalatedWithAttempts: 0,
    village: 0,
    threeThree: 0,
    petitionsReceived: 0,
    firstHandledOnTime: 0,
    petitionsClosed: 0,
    settled: 0,
    incidents: 0,
    keyPersonsDue: 0,
    keyPersonsVisited: 0,
    keyPersonsDueQuarterly: 0,
    keyPersonsScheduled: 0,
    events: new Map(),
    evidence: withEvidence
      ? {
          disputesClosed: [],
          disputesFailedOrEscalated: [],
          petitionsReceived: [],
          petitionsClosed: [],
          incidents: [],
          keyPersonsDue: [],
          keyPersonsUnvisited: [],
          events: new Map(),
        }
      : null,
  };
}

export type IndexOptions = {
  /** Keep the ids of the records behind every number (for a township's explanation). */
  evidence?: boolean;
  /**
   * Only count an open dispute as overdue once its deadline has passed at this instant (epoch ms). The
   * command line scores a finished data set and leaves it unset; a live preview passes "now".
   */
  asOf?: number;
};

/**
 * Buckets for the given months of every township, built in one pass over each record list:
 * scoring then never scans records again, which keeps a year of a 400-township county linear.
 */
export class MonthIndex {
  private readonly buckets = new Map<string, MonthBucket[]>();
  private readonly slot = new Map<number, number>();

  /**
   * `scopes` says whether anything is judged over a quarter or a year (§10.1): then the index also holds
   * the earlier months of each quarter (year) that ends in `months`. Quarterly visits (§10.3) need the same.
   */
  constructor(
    data: Data,
    requested: readonly string[],
    readonly settings: MetricSettings,
    options: IndexOptions = {},
    scopes: { quarter: boolean; year: boolean } = { quarter: false, year: false },
  ) {
    const withEvidence = options.evidence === true;
    const quarterlyVisits = (data.keyPersons ?? []).some((k) => k.visitsPerQuarter !== undefined);
    const months = monthsToIndex(requested, {
      quarter: scopes.quarter || quarterlyVisits,
      year: scopes.year,
    });
    const asOf = options.asOf ?? Number.POSITIVE_INFINITY;
    months.forEach((m, i) => {
      this.slot.set(serialOfMonth(m), i);
    });
    for (const t of data.townships) {
      this.buckets.set(
        t.id,
        months.map(() => emptyBucket(withEvidence)),
      );
    }
    const at = (townshipId: string, ms: number): MonthBucket | undefined => {
      const i = this.slot.get(monthSerial(ms));
      return i === undefined ? undefined : this.buckets.get(townshipId)?.[i];
    };
    const addEvent = (b: MonthBucket, kind: string, count: number, from: RecordKind, id: string) => {
      b.events.set(kind, (b.events.get(kind) ?? 0) + count);
      if (b.evidence) {
        const ref = { kind: from, id };
        const list = b.evidence.events.get(kind);
        if (list) list.push(ref);
        else b.evidence.events.set(kind, [ref]);
      }
    };

    const deadlineMs = {
      blue: settings.deadlineDays.blue * DAY_MS,
      yellow: settings.deadlineDays.yellow * DAY_MS,
      red: settings.deadlineDays.red * DAY_MS,
    };
    const disputes = data.disputes ?? [];
    const reportedAt = instantColumn(disputes, "reportedAt");
    const closedAt = instantColumn(disputes, "closedAt");
    for (let i = 0; i < disputes.length; i++) {
      const d = disputes[i] as Dispute;
      const reported = reportedAt[i] as number;
      const deadline = reported + deadlineMs[d.level];
      const closed = closedAt[i] as number;
      const onTime = !Number.isNaN(closed) && closed - reported <= deadlineMs[d.level];
      if (!onTime && (!Number.isNaN(closed) || deadline <= asOf)) {
        const b = at(d.townshipId, deadline);
        if (b) addEvent(b, "dispute_overdue", 1, "dispute", d.id);
      }
      if (Number.isNaN(closed)) continue;
      const b = at(d.townshipId, closed);
      if (!b) continue;
      b.disputesClosed++;
      if (d.outcome === "resolved") {
        b.resolved++;
        if (settledInVillage(d)) b.village++;
      } else {
        b.failedOrEscalated++;
        if (d.attempts >= settings.minAttempts) b.failedOrEscalatedWithAttempts++;
        if (threeThreeMet(d, settings.minAttempts)) b.threeThree++;
        b.evidence?.disputesFailedOrEscalated.push({ kind: "dispute", id: d.id });
      }
      if (d.outcome !== "escalated") b.local++;
      if (onTime) b.onTime++;
      b.evidence?.disputesClosed.push({ kind: "dispute", id: d.id });
    }

    const firstHandleMs = settings.petitionFirstHandleDays * DAY_MS;
    const petitions = data.petitions ?? [];
    const receivedAt = instantColumn(petitions, "receivedAt");
    const firstHandledAt = instantColumn(petitions, "firstHandledAt");
    const petitionClosedAt = instantColumn(petitions, "closedAt");
    for (let i = 0; i < petitions.length; i++) {
      const p = petitions[i] as Petition;
      const received = receivedAt[i] as number;
      const b = at(p.townshipId, received);
      if (b) {
        b.petitionsReceived++;
        // NaN (never first-handled) fails the comparison, as it should.
        if ((firstHandledAt[i] as number) - received <= firstHandleMs) b.firstHandledOnTime++;
        b.evidence?.petitionsReceived.push({ kind: "petition", id: p.id });
        if (p.skipLevel) addEvent(b, "skip_level_petition", 1, "petition", p.id);
        if (p.collective) addEvent(b, "collective_petition", 1, "petition", p.id);
      }
      if (p.closedAt !== undefined) {
        const c = at(p.townshipId, petitionClosedAt[i] as number);
        if (c) {
          c.petitionsClosed++;
          if (p.settled === true) c.settled++;
          c.evidence?.petitionsClosed.push({ kind: "petition", id: p.id });
        }
      }
    }

    const incidents = data.incidents ?? [];
    const occurredAt = instantColumn(incidents, "occurredAt");
    for (let i = 0; i < incidents.length; i++) {
      const inc = incidents[i] as Incident;
      const b = at(inc.townshipId, occurredAt[i] as number);
      if (!b) continue;
      b.incidents++;
      b.evidence?.incidents.push({ kind: "incident", id: inc.id });
      if (inc.kind === "criminal" && inc.severity === "major")
        addEvent(b, "major_criminal_case", 1, "incident", inc.id);
    }

    const events = data.events ?? [];
    const eventAt = instantColumn(events, "occurredAt");
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as EventRecord;
      const b = at(e.townshipId, eventAt[i] as number);
      if (b) addEvent(b, e.kind, e.count ?? 1, "event", e.id);
    }

    this.indexKeyPersons(data, months);
  }

  private indexKeyPersons(data: Data, months: readonly string[]): void {
    const keyPersons = data.keyPersons ?? [];
    if (keyPersons.length === 0) return;
    // Per key person, the number of visits in each month slot: a small array, no string key per visit.
    const visitCounts = new Map<string, number[]>();
    const visits = data.visits ?? [];
    const visitAt = instantColumn(visits, "at");
    for (let i = 0; i < visits.length; i++) {
      const slot = this.slot.get(monthSerial(visitAt[i] as number));
      if (slot === undefined) continue;
      const id = (visits[i] as Visit).keyPersonId;
      let counts = visitCounts.get(id);
      if (!counts) {
        counts = [];
        visitCounts.set(id, counts);
      }
      counts[slot] = (counts[slot] ?? 0) + 1;
    }
    const ranges = months.map(monthRange);
    // For a slot that ends a quarter: the quarter's first instant and the slots of its months (§10.3).
    const quarters = months.map((m) => {
      const q = quarterEndingIn(m);
      if (!q) return null;
      const slots = q.map((qm) => this.slot.get(serialOfMonth(qm)));
      return slots.every((x) => x !== undefined) ? { start: monthRange(q[0] as string).start, slots } : null;
    });
    const registeredAt = instantColumn(keyPersons, "registeredAt");
    const deregisteredAt = instantColumn(keyPersons, "deregisteredAt");
    keyPersons.forEach((k, i) => {
      const buckets = this.buckets.get(k.townshipId);
      if (!buckets) return;
      const registered = registeredAt[i] as number;
      const left = deregisteredAt[i] as number;
      const deregistered = Number.isNaN(left) ? Number.POSITIVE_INFINITY : left;
      const counts = visitCounts.get(k.id);
      const perQuarter = k.visitsPerQuarter;
      const perMonth = k.visitsPerMonth ?? 1;
      const scheduled = perQuarter !== undefined || perMonth !== 1;
      ranges.forEach((r, slot) => {
        let visited: boolean;
        if (perQuarter === undefined) {
          // Due: registered before the month starts and not deregistered before it ends (the whole month).
          if (!(registered < r.start && deregistered >= r.end)) return;
          visited = (counts?.[slot] ?? 0) >= perMonth;
        } else {
          // Judged only in a quarter's last month, over the whole quarter.
          const q = quarters[slot];
          if (!q || !(registered < q.start && deregistered >= r.end)) return;
          let n = 0;
          for (const s of q.slots) n += counts?.[s as number] ?? 0;
          visited = n >= perQuarter;
        }
        const b = buckets[slot] as MonthBucket;
        b.keyPersonsDue++;
        if (perQuarter !== undefined) b.keyPersonsDueQuarterly++;
        if (scheduled) b.keyPersonsScheduled++;
        b.evidence?.keyPersonsDue.push({ kind: "keyPerson", id: k.id });
        if (visited) b.keyPersonsVisited++;
        else b.evidence?.keyPersonsUnvisited.push({ kind: "keyPerson", id: k.id });
      });
    });
  }

  /** The buckets of a township for the given months, which the index must hold. */
  window(townshipId: string, months: readonly string[]): MonthBucket[] {
    return months.map((m) => this.bucket(townshipId, m));
  }

  bucket(townshipId: string, month: string): MonthBucket {
    const slot = this.slot.get(serialOfMonth(month));
    const b = slot === undefined ? undefined : this.buckets.get(townshipId)?.[slot];
    if (!b) throw new RangeError(`no bucket for ${townshipId} ${month}`);
    return b;
  }
}

/** §10.2 小事不出村: every attempt at blue or yellow level; without attempt levels, the dispute is not red. */
export function settledInVillage(d: Dispute): boolean {
  const levels = d.attemptLevels;
  if (levels === undefined) return d.level !== "red";
  for (const l of levels) if (l === "red") return false;
  return true;
}

/**
 * §10.2 三三调处: at least one attempt, and at least `minAttempts` attempts at every level present in
 * `attemptLevels` (without them: `attempts >= minAttempts`).
 */
export function threeThreeMet(d: Dispute, minAttempts: number): boolean {
  if (d.attempts < 1) return false;
  const levels = d.attemptLevels;
  if (levels === undefined) return d.attempts >= minAttempts;
  let blue = 0;
  let yellow = 0;
  let red = 0;
  for (const l of levels) {
    if (l === "blue") blue++;
    else if (l === "yellow") yellow++;
    else red++;
  }
  return (
    levels.length > 0 &&
    (blue === 0 || blue >= minAttempts) &&
    (yellow === 0 || yellow >= minAttempts) &&
    (red === 0 || red >= minAttempts)
  );
}

/** A metric's numerator and denominator for one township-month (scoring.md §3). */
export function metricCount(metric: Metric, b: MonthBucket, population: number): MetricCount {
  const e = b.evidence;
  switch (metric) {
    case "dispute.resolution_rate":
      return { num: b.resolved, den: b.disputesClosed, refs: e?.disputesClosed ?? [] };
    case "dispute.on_time_rate":
      return { num: b.onTime, den: b.disputesClosed, refs: e?.disputesClosed ?? [] };
    case "dispute.local_rate":
      return { num: b.local, den: b.disputesClosed, refs: e?.disputesClosed ?? [] };
    case "dispute.attempts_rate":
      return {
        num: b.failedOrEscalatedWithAttempts,
        den: b.failedOrEscalated,
        refs: e?.disputesClosed ?? [],
      };
    case "dispute.village_rate":
      return { num: b.village, den: b.disputesClosed, refs: e?.disputesClosed ?? [] };
    case "dispute.three_three_rate":
      return { num: b.threeThree, den: b.failedOrEscalated, refs: e?.disputesFailedOrEscalated ?? [] };
    case "petition.first_handled_rate":
      return { num: b.firstHandledOnTime, den: b.petitionsReceived, refs: e?.petitionsReceived ?? [] };
    case "petition.settled_rate":
      return { num: b.settled, den: b.petitionsClosed, refs: e?.petitionsClosed ?? [] };
    case "incident.rate_per_10k":
      return { num: b.incidents * 10_000, den: population, refs: e?.incidents ?? [] };
    case "keyperson.visit_coverage":
      return { num: b.keyPersonsVisited, den: b.keyPersonsDue, refs: e?.keyPersonsDue ?? [] };
  }
}
