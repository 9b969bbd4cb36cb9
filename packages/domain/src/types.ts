/** The scoring contract's types (shared/spec/scoring.md §2, §4, §8). */

export type DisputeLevel = "blue" | "yellow" | "red";
export type DisputeOutcome = "resolved" | "failed" | "escalated";
export type IncidentKind = "criminal" | "public_order";
export type IncidentSeverity = "ordinary" | "major";
/** A county's key-person category code (the four built-in ones, or the county's own: issue 14). */
export type KeyPersonCategory = string;

/** A reviewed population change that applies from a month on (§11). */
export type PopulationChange = { from: string; population: number };

export type Township = {
  id: string;
  name: string;
  code: string;
  population: number;
  /** §11: reviewed changes, each from a month (`YYYY-MM`, unique) on. */
  populationHistory?: PopulationChange[];
  /** §11: the first month (`YYYY-MM`) the township belongs to the assessment; absent: always. */
  memberFrom?: string;
};

export type Dispute = {
  id: string;
  townshipId: string;
  level: DisputeLevel;
  reportedAt: string;
  attempts: number;
  closedAt?: string;
  outcome?: DisputeOutcome;
  /** §10.2: the level of each mediation attempt, in order; its length equals `attempts`. */
  attemptLevels?: DisputeLevel[];
};

export type Petition = {
  id: string;
  townshipId: string;
  receivedAt: string;
  skipLevel?: boolean;
  collective?: boolean;
  firstHandledAt?: string;
  closedAt?: string;
  settled?: boolean;
};

export type Incident = {
  id: string;
  townshipId: string;
  occurredAt: string;
  kind: IncidentKind;
  severity: IncidentSeverity;
};

export type KeyPerson = {
  id: string;
  townshipId: string;
  category: KeyPersonCategory;
  registeredAt: string;
  deregisteredAt?: string;
  /** §10.3: visits required per month (integer >= 1); neither this nor `visitsPerQuarter`: 1 a month. */
  visitsPerMonth?: number;
  /** §10.3: visits required per quarter (integer >= 1), judged in the quarter's last month. */
  visitsPerQuarter?: number;
};

export type Visit = { id: string; townshipId: string; keyPersonId: string; at: string };

export type EventRecord = {
  id: string;
  townshipId: string;
  kind: string;
  occurredAt: string;
  count?: number;
};

export type ManualScore = { townshipId: string; period: string; indicator: string; score: number };

export type Data = {
  county: { id: string; name: string };
  townships: Township[];
  disputes?: Dispute[];
  petitions?: Petition[];
  incidents?: Incident[];
  keyPersons?: KeyPerson[];
  visits?: Visit[];
  events?: EventRecord[];
  manualScores?: ManualScore[];
};

/** A county's scoring data with every record list present and empty, to be filled by a loader. */
export function emptyData(county: { id: string; name: string }): Required<Data> {
  return {
    county: { id: county.id, name: county.name },
    townships: [],
    disputes: [],
    petitions: [],
    incidents: [],
    keyPersons: [],
    visits: [],
    events: [],
    manualScores: [],
  };
}

export const METRICS = [
  "dispute.resolution_rate",
  "dispute.on_time_rate",
  "dispute.local_rate",
  "dispute.attempts_rate",
  "dispute.village_rate",
  "dispute.three_three_rate",
  "petition.first_handled_rate",
  "petition.settled_rate",
  "incident.rate_per_10k",
  "keyperson.visit_coverage",
] as const;
export type Metric = (typeof METRICS)[number];

export type IndicatorBase =
  | { kind: "full" }
  | { kind: "manual" }
  | { kind: "ratio"; metric: Metric; target: number; floor: number }
  | { kind: "ratio_inverse"; metric: Metric; target: number; ceiling: number }
  | { kind: "completion"; metric: Metric }
  | { kind: "routine"; required: Duty[] };

/** A routine requirement (§10.1): exactly one of perMonth, perQuarter, perYear, a number > 0. */
export type Duty =
  | { event: string; perMonth: number }
  | { event: string; perQuarter: number }
  | { event: string; perYear: number };

export type EventRule = { event: string; points: number; cap?: number };

/**
 * A 纪实 item of a county's scheme (issue 14): what a township records as an event of kind `code`. How
 * often it is due stays on the routine requirement that names it (perMonth, perQuarter, perYear).
 */
export type WorkItem = {
  /** The event kind, lowercase snake case. */
  code: string;
  /** Its Chinese name, shown wherever the event is. */
  name: string;
  /** What counts as done (完成标准). */
  done?: string;
  /** Who records it (记录人, a person or a role). */
  recorder?: string;
};

export type Indicator = {
  code: string;
  name: string;
  maxScore: number;
  criteria?: string;
  base: IndicatorBase;
  whenNoData?: "full" | "zero";
  deductions?: EventRule[];
  bonuses?: EventRule[];
  zeroIf?: string[];
};

export type Scheme = {
  id: string;
  countyId: string;
  year: number;
  version: number;
  name: string;
  deadlines?: { blue: number; yellow: number; red: number };
  minAttempts?: number;
  petitionFirstHandleDays?: number;
  bonusCap: number;
  gradeBands: { grade: string; min: number }[];
  indicators: Indicator[];
  vetoes?: { event: string; cap?: number }[];
  /** The county's vocabulary of 纪实 items; absent in a scheme saved before schemes had it. */
  items?: WorkItem[];
};

/** One indicator's result for one township and month (§8), with its explanation. */
export type IndicatorRow = {
  code: string;
  score: number;
  bonus: number;
  base: number;
  deductions: number;
  zeroed: boolean;
  metric: number | null;
  notes: string[];
};

/** A record behind a number: its kind says which list (and which API router) holds it. */
export type RecordKind = "dispute" | "petition" | "incident" | "keyPerson" | "event";
export type RecordRef = { kind: RecordKind; id: string };

/** The records behind an indicator's number, so a township can open them. */
export type IndicatorEvidence = { code: string; records: RecordRef[] };

export type LeagueRow = {
  rank: number;
  townshipId: string;
  name: string;
  code: string;
  total: number;
  bonus: number;
  grade: string;
  vetoed: boolean;
  rankChange: number;
  indicators: IndicatorRow[];
};

export type LeagueTable = {
  countyId: string;
  period: string;
  schemeId: string;
  schemeVersion: number;
  rows: LeagueRow[];
};

/** How far a row is from the next better rank and the next better grade (null when already there). */
export type Gap = {
  townshipId: string;
  toNextRank: number | null;
  nextGrade: string | null;
  toNextGrade: number | null;
};
