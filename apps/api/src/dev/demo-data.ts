import { categoryFrequency, MODEL_KEY_PERSON_CATEGORIES, VISIT_METHODS } from "@pingan/contracts";
import type { ItemOf } from "@pingan/data";
import {
  DAY_MS,
  type Dispute,
  type EventRecord,
  generateCounty,
  type KeyPerson,
  monthOf,
  monthRange,
  type Petition,
  parseInstant,
  prng,
} from "@pingan/domain";

/**
 * The 「示范县」 demo as one true story, built in memory and deterministically from the scale and the
 * clock: the same scale and `now` always give the same items, with the same ids, so the seed can write
 * them again after a crash without duplicates (see demo-seed.ts). Nothing here touches the database.
 *
 * The story: the county joined fourteen months before the month of the first start and records since the
 * month after (in November 2026: joined September 2025, records since October 2025); the three months
 * before the assessment (the first assessed month is the fourth with records) give the first month a rank
 * change to compare with. Townships submit each assessed month in the first days of the next, two named
 * reviewers confirm each other's manual scores (双人复核) and approve; the county admin publishes each
 * month about ten days after it ends and the deputy secretary each quarter, except the newest finished
 * month, left for a first publication to try. Incidents vary with each township's population and its
 * own rate; one township has a major criminal case in the sixth assessed month (一票否决); some have
 * commendations (bonuses); only a few disputes are open past their deadline; key persons are visited on
 * working days in office hours.
 *
 * The story is dated from the real clock of the first start, so it is true on whatever day `npm run dev`
 * first runs (the schemes of every year it touches included). Once the county exists, its onboarding
 * instant anchors the story: a seed resumed later (even in another month) continues the same story,
 * brought up to the new today.
 */

export type DemoScale = {
  name: string;
  townships: number;
  /** Roughly, as in the domain's generator (incidents and visits come on top, from population and register). */
  recordsPerTownshipMonth: number;
};

export const DEMO_SCALES = {
  /** The default: quick to seed on disk, enough to show every page. */
  light: { name: "light", townships: 12, recordsPerTownshipMonth: 16 },
  /**
   * A real county (issue 13): 20 townships, about 300 records a township a month in all — the generator's
   * 270, with the key persons' visits (weekly for some categories) and the townships' duties on top.
   */
  real: { name: "real", townships: 20, recordsPerTownshipMonth: 270 },
} as const satisfies Record<string, DemoScale>;

export const DEMO_COUNTY_ID = "demo-county";
export const DEMO_COUNTY_NAME = "示范县";
export const DEMO_PASSWORD = "Pingan@2026";
/** How many months before the month of the first start the records begin (13: October 2025 in November 2026). */
const MONTHS_OF_RECORDS_BEFORE_TODAY = 13;
/** Records begin this many months before the first assessed month (for its rank change and its quarter's). */
const MONTHS_BEFORE_ASSESSMENT = 3;

const HOUR = 3_600_000;
const CST = 8 * HOUR;
const SURNAMES = [..."张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"];
/** Village names (a township's villages after its 集镇社区). */
const VILLAGE_NAMES = [
  "东风",
  "红旗",
  "新华",
  "团结",
  "胜利",
  "和平",
  "光明",
  "幸福",
  "前进",
  "民主",
  "建设",
  "友谊",
  "青山",
  "柳树",
  "石桥",
  "长岭",
  "双河",
  "白沙",
  "龙泉",
  "桃源",
];
const CATEGORIES = ["邻里纠纷", "婚姻家庭", "土地承包", "劳资纠纷", "物业纠纷", "山林权属", "交通事故"];
const LIMIT_DAYS = { blue: 7, yellow: 15, red: 30 } as const;
/** 三三调处: the scheme's minimum attempts at each level (scoring.md §10.2; the demo schemes keep the default). */
const MIN_ATTEMPTS = 3;
/** Why a dispute was escalated from blue (网格) and from yellow (村级). */
const ESCALATION_REASONS = ["网格调解三次未果，上交村级调处", "村级调处三次未果，上交乡镇调处"] as const;
/** Why a dispute was escalated from blue before the third attempt (a confirmed 三三调处 shortfall). */
const SHORT_ESCALATION = "网格调解两次未果且冲突激化，紧急上交村级调处";
/** A stable hash of an id (which records climb, where a record is filed). */
const idHash = (id: string) => {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
};

export type DemoPerson = {
  id: string;
  role: "county_admin" | "county_reviewer" | "township_admin" | "township_staff";
  label: string;
  name: string;
  phone: string;
  townshipId?: string;
};

export type DemoTownship = {
  id: string;
  name: string;
  code: string;
  population: number;
  villages: number;
  grids: number;
};

export type DemoPublication = { period: string; at: Date; actor: DemoPerson };

/** Where the story stands in time. */
export type DemoCalendar = {
  /** When the county, its townships and people were set up (stamps of what onboarding wrote). */
  onboardedAt: string;
  /** The first month with records (the month after onboarding). */
  firstMonth: string;
  /** The first month townships submit and the county scores, reviews and publishes. */
  firstAssessed: string;
  /** The month of `now` (China time). */
  currentMonth: string;
};

export type DemoPlan = {
  scale: DemoScale;
  now: Date;
  calendar: DemoCalendar;
  /** The years whose scheme the county has (every year with an assessed month, and the current one). */
  schemeYears: number[];
  townships: DemoTownship[];
  people: DemoPerson[];
  records: {
    dispute: ItemOf<"dispute">[];
    petition: ItemOf<"petition">[];
    incident: ItemOf<"incident">[];
    keyPerson: ItemOf<"keyPerson">[];
    visit: ItemOf<"visit">[];
    event: ItemOf<"event">[];
  };
  /**
   * Each township's organisation (issue 14): its villages and grids, the staff member as every grid's
   * 网格员 and village's 包村干部, the admin as the leader of every 片; records are filed under the grids.
   */
  organisation: {
    village: ItemOf<"village">[];
    grid: ItemOf<"grid">[];
    leader: ItemOf<"leader">[];
  };
  submissions: ItemOf<"submission">[];
  /** The trail of what the story's people did (submitting, 双人复核, approving), with fixed ids. */
  audits: ItemOf<"audit">[];
  publications: DemoPublication[];
};

const countyPeople: DemoPerson[] = [
  {
    id: "demo-user-county-admin",
    role: "county_admin",
    label: "县委政法委管理员",
    name: "李主任",
    phone: "13800000001",
  },
  {
    id: "demo-user-reviewer-1",
    role: "county_reviewer",
    label: "县级复核员",
    name: "王复核",
    phone: "13800000002",
  },
  {
    id: "demo-user-reviewer-2",
    role: "county_reviewer",
    label: "县级复核员（第二复核人）",
    name: "赵复核",
    phone: "13800000003",
  },
  {
    id: "demo-user-deputy",
    role: "county_admin",
    label: "县委政法委副书记（发布季度排名）",
    name: "周书记",
    phone: "13800000004",
  },
];

const pad2 = (n: number) => String(n).padStart(2, "0");
const iso = (ms: number) => new Date(ms).toISOString();
const utc = (instant: string) => iso(parseInstant(instant));

/** Months from `from` to `to` inclusive ("2025-10" … "2026-11"). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${pad2(m)}`;
    if (month > to) return out;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** China time: the day serial, weekday (0 = Sunday) and the instant of a CST wall-clock minute of a day. */
const cstDay = (ms: number) => Math.floor((ms + CST) / DAY_MS);
const weekday = (day: number) => (day + 4) % 7;
const atCst = (day: number, minutes: number) => day * DAY_MS - CST + minutes * 60_000;
/** Whether an instant is in office hours (Monday–Friday, 08:30–17:00 China time). */
const inOfficeHours = (ms: number) => {
  const minutes = Math.floor((ms - atCst(cstDay(ms), 0)) / 60_000);
  return weekday(cstDay(ms)) % 6 !== 0 && minutes >= 8 * 60 + 30 && minutes <= 17 * 60;
};

/**
 * A working-day instant (Monday–Friday, 08:30–17:00 China time) on or near the day of `ms`, kept within
 * [from, to): a Saturday moves back to Friday, a Sunday forward to Monday, unless that leaves the range.
 */
export function workingInstant(ms: number, rand: () => number, from: number, to: number): number {
  let day = cstDay(ms);
  const wd = weekday(day);
  if (wd === 6) day += atCst(day - 1, 0) >= from ? -1 : 2;
  else if (wd === 0) day += atCst(day + 1, 17 * 60) < to ? 1 : -2;
  const minutes = 8 * 60 + 30 + Math.floor(rand() * 8.5 * 60);
  return Math.min(Math.max(atCst(day, minutes), from), to - 1);
}

/**
 * The demo county's duties beyond the model's monthly ones (issue 14): a quarterly training and a yearly
 * responsibility letter, both items of the model scheme, added to indicator I01's requirements.
 */
export const DEMO_DUTIES = [
  { event: "quarterly_training", perQuarter: 1 },
  { event: "responsibility_letter", perYear: 1 },
] as const;

/** The n-th working day (1-based) of a month, at a working-hours minute, China time. */
function nthWorkingDay(month: string, n: number, rand: () => number): number {
  let day = cstDay(monthRange(month).start);
  let count = 0;
  for (;;) {
    if (weekday(day) !== 0 && weekday(day) !== 6) count += 1;
    if (count === n) return atCst(day, 8 * 60 + 45 + Math.floor(rand() * 7.5 * 60));
    day += 1;
  }
}

/** A generator seed from a text (FNV-1a), for draws that must not depend on what was drawn before. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The month `n` months after `month` (before, for a negative `n`). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const serial = y * 12 + (m - 1) + n;
  return `${Math.floor(serial / 12)}-${pad2((serial % 12) + 1)}`;
}

const nextMonth = (month: string) => addMonths(month, 1);

/** The onboarding instant of a story: 10:00 China time on the first of the month before its first records. */
const onboardingInstant = (firstMonth: string) => `${addMonths(firstMonth, -1)}-01T02:00:00.000Z`;

/** Whether an instant is one `onboardingInstant` gives (what tells this seed's county from an older seed's). */
export const isOnboardingInstant = (instant: string) => /^\d{4}-\d{2}-01T02:00:00\.000Z$/.test(instant);

/**
 * The story's calendar at `now`: anchored on the county's onboarding instant once the county exists
 * (`onboardedAt`), else on today.
 */
export function demoCalendar(now: Date, onboardedAt?: string): DemoCalendar {
  const currentMonth = monthOf(now.toISOString());
  const firstMonth = onboardedAt
    ? nextMonth(monthOf(onboardedAt))
    : addMonths(currentMonth, -MONTHS_OF_RECORDS_BEFORE_TODAY);
  return {
    onboardedAt: onboardingInstant(firstMonth),
    firstMonth,
    firstAssessed: addMonths(firstMonth, MONTHS_BEFORE_ASSESSMENT),
    currentMonth,
  };
}

const people = (townships: DemoTownship[]): DemoPerson[] => [
  ...countyPeople,
  ...townships.flatMap((t, i): DemoPerson[] => [
    {
      id: `demo-user-${t.id}-admin`,
      role: "township_admin",
      label: `乡镇管理员（${t.name}）`,
      name: i === 0 ? "陈专干" : `${SURNAMES[(i * 3) % 20]}专干`,
      phone: `138000001${pad2(i + 1)}`,
      townshipId: t.id,
    },
    {
      id: `demo-user-${t.id}-staff`,
      role: "township_staff",
      label: `网格员（${t.name}）`,
      name: i === 0 ? "刘网格" : `${SURNAMES[(i * 7 + 1) % 20]}网格`,
      phone: `138000002${pad2(i + 1)}`,
      townshipId: t.id,
    },
  ]),
];

/** The accounts `npm run dev` prints (all with DEMO_PASSWORD); every township has an admin and a grid worker. */
export const DEMO_LOGINS = people([{ id: "demo-county-t001", name: "城关镇" } as DemoTownship]).filter(
  (p) => p.townshipId === undefined || p.townshipId === "demo-county-t001",
);

/**
 * The whole demo for a scale, as of `now`; `onboardedAt` (the existing county's creation instant) continues
 * the story a first start began.
 */
export function buildDemoPlan(scale: DemoScale, now: Date, onboardedAt?: string): DemoPlan {
  const nowMs = now.getTime();
  const past = (instant: string | undefined): instant is string =>
    instant !== undefined && parseInstant(instant) <= nowMs;
  const calendar = demoCalendar(now, onboardedAt);
  const { firstMonth, firstAssessed, currentMonth } = calendar;
  const months = monthsBetween(firstMonth, currentMonth);
  const common = {
    townships: scale.townships,
    recordsPerTownshipMonth: scale.recordsPerTownshipMonth,
    countyId: DEMO_COUNTY_ID,
    countyName: DEMO_COUNTY_NAME,
    divisionCode: "510799",
  };
  // One generator run per calendar year of the story; the year of the first
  // assessed month gives the townships and the key-person register, the other years' ids are prefixed.
  const mainYear = Number(firstAssessed.slice(0, 4));
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const runs = years.map((year) => ({
    year,
    prefix: year === mainYear ? "" : `y${String(year).slice(2)}-`,
    // Always the whole year (what is after today is left out below), so a year's records do not depend on today.
    data: generateCounty({ ...common, seed: year, year, months: 12 }),
  }));
  const data = (runs.find((r) => r.year === mainYear) ?? runs[0])?.data as ReturnType<typeof generateCounty>;
  const inStory = (instant: string) => monthOf(instant) >= firstMonth;
  const fromRuns = <T extends { id: string }>(
    list: (d: typeof data) => T[] | undefined,
    at: (x: T) => string,
  ) =>
    runs.flatMap((r) =>
      (list(r.data) ?? []).filter((x) => inStory(at(x))).map((x) => ({ ...x, id: `${r.prefix}${x.id}` })),
    );
  const rand = prng(scale.townships * 7919 + scale.recordsPerTownshipMonth);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  const townships: DemoTownship[] = data.townships.map((t) => ({
    ...t,
    villages: 8 + (t.population % 13),
    grids: Math.round(t.population / 450),
  }));
  const cast = people(townships);
  const staffOf = (townshipId: string) => `demo-user-${townshipId}-staff`;
  const adminOf = (townshipId: string) =>
    cast.find((p) => p.id === `demo-user-${townshipId}-admin`) as DemoPerson;
  const [countyAdmin, reviewerA, reviewerB, deputy] = countyPeople as [
    DemoPerson,
    DemoPerson,
    DemoPerson,
    DemoPerson,
  ];
  const stamp = <T extends object>(fields: T, by: string, createdAt: string, updatedAt = createdAt) => ({
    ...fields,
    version: 1,
    createdAt,
    createdBy: by,
    updatedAt,
    updatedBy: by,
  });

  // The organisation: villages (the first a community), grids dealt round the villages.
  const orgAt = calendar.onboardedAt;
  const villages: ItemOf<"village">[] = [];
  const grids: ItemOf<"grid">[] = [];
  const leaders: ItemOf<"leader">[] = [];
  const gridsOf = new Map<string, ItemOf<"grid">[]>();
  for (const t of townships) {
    const admin = `demo-user-${t.id}-admin`;
    const by = admin;
    leaders.push(stamp({ townshipId: t.id, id: admin }, by, orgAt) as ItemOf<"leader">);
    const own = Array.from(
      { length: Math.max(1, t.villages) },
      (_, i) =>
        stamp(
          {
            townshipId: t.id,
            id: `${t.id}-v${i + 1}`,
            name: i === 0 ? "集镇社区" : `${VILLAGE_NAMES[(i - 1) % VILLAGE_NAMES.length]}村`,
            kind: i === 0 ? "community" : "village",
            cadreId: staffOf(t.id),
            leaderId: admin,
          },
          by,
          orgAt,
        ) as ItemOf<"village">,
    );
    villages.push(...own);
    const perVillage = new Map<string, number>();
    const mine = Array.from({ length: Math.max(1, t.grids) }, (_, i) => {
      const village = own[i % own.length] as ItemOf<"village">;
      const k = (perVillage.get(village.id) ?? 0) + 1;
      perVillage.set(village.id, k);
      return stamp(
        {
          townshipId: t.id,
          id: `${t.id}-g${i + 1}`,
          villageId: village.id,
          name: `${village.name}第${k}网格`,
          workerId: staffOf(t.id),
        },
        by,
        orgAt,
      ) as ItemOf<"grid">;
    });
    grids.push(...mine);
    gridsOf.set(t.id, mine);
  }
  /** Files a record under a grid of its township (the same grid for the same record, every run). */
  const fileRecord = <T extends { townshipId: string; id: string }>(record: T, hardCase = false): T => {
    const own = gridsOf.get(record.townshipId) ?? [];
    const grid = own[idHash(record.id) % Math.max(1, own.length)];
    if (!grid) return record;
    return {
      ...record,
      villageId: grid.villageId,
      gridId: grid.id,
      responsibleId: grid.workerId,
      ...(hardCase ? { caseLeaderId: `demo-user-${record.townshipId}-admin` } : {}),
    };
  };
  let n = 0;
  const pick = <T>(list: readonly T[]) => list[n++ % list.length] as T;
  const person = () => `${pick(SURNAMES)}某`;

  // Disputes: the story's months, then only a few left open past their deadline (the newest ones).
  const disputes: Dispute[] = fromRuns(
    (d) => d.disputes,
    (d: Dispute) => d.reportedAt,
  ).filter((d) => past(d.reportedAt));
  const deadlineOf = (d: Dispute) => parseInstant(d.reportedAt) + LIMIT_DAYS[d.level] * DAY_MS;
  // A few recent ones stay open past their deadline (reported within the last 45 days, the newest first);
  // every older one was closed in time. If none is that recent, the newest disputes of 31–45 days ago
  // are still open: a county always has a few to chase.
  const recent = nowMs - 45 * DAY_MS;
  const fewOverdue = Math.max(3, Math.round(scale.townships / 4));
  const overdue = disputes
    .filter((d) => !past(d.closedAt) && deadlineOf(d) < nowMs)
    .sort((a, b) => parseInstant(b.reportedAt) - parseInstant(a.reportedAt));
  const keptOverdue = new Set(
    overdue
      .filter((d) => parseInstant(d.reportedAt) >= recent)
      .slice(0, fewOverdue)
      .map((d) => d.id),
  );
  if (keptOverdue.size === 0)
    for (const d of disputes
      .filter((d) => parseInstant(d.reportedAt) >= recent && parseInstant(d.reportedAt) < nowMs - 31 * DAY_MS)
      .sort((a, b) => parseInstant(b.reportedAt) - parseInstant(a.reportedAt))
      .slice(0, 2)) {
      delete d.closedAt;
      delete d.outcome;
      keptOverdue.add(d.id);
    }
  for (const d of overdue) {
    if (keptOverdue.has(d.id)) continue;
    const reported = parseInstant(d.reportedAt);
    d.closedAt = iso(reported + Math.floor(rand() * 0.9 * (deadlineOf(d) - reported)));
    d.outcome ??= rand() < 0.9 ? "resolved" : "failed";
  }

  // Issue 14: about half the closed yellow and red disputes climbed the levels (上交升级) — mediated at
  // blue (three times, the scheme's minimum), escalated, mediated at yellow, and a red one escalated
  // again — the rest were reported at their level. A few of the climbers were escalated after only two
  // attempts at blue, a shortfall the township confirmed (三三调处不足). Chosen by id, so a resumed seed
  // picks the same ones.
  const climbs = (d: Dispute, closed: boolean) => closed && d.level !== "blue" && idHash(d.id) % 2 === 0;
  const shortOf = (d: Dispute) => idHash(d.id) % 50 === 0;
  const disputeItems = disputes.map((d) => {
    const reportedAt = utc(d.reportedAt);
    const closed = past(d.closedAt) ? utc(d.closedAt) : undefined;
    const span = (closed ? Date.parse(closed) : nowMs) - Date.parse(reportedAt);
    const own = closed ? d.attempts : Math.min(d.attempts, 1);
    const climbed = climbs(d, closed !== undefined);
    const short = climbed && shortOf(d);
    const below: ("blue" | "yellow")[] = !climbed
      ? []
      : d.level === "yellow"
        ? ["blue", "blue", "blue"]
        : ["blue", "blue", "blue", "yellow", "yellow", "yellow"];
    if (short) below.shift();
    const levels = [...below, ...Array.from({ length: own }, () => d.level)];
    // Attempt i at slot 2i+2 of 2n+3 between report and close; an escalation at the odd slot after the
    // last attempt at the level it left, so it comes strictly between the two levels' attempts.
    const slot = (k: number) =>
      iso(Date.parse(reportedAt) + Math.floor((span * k) / (2 * levels.length + 3)));
    const attempts = levels.map((level, i) => ({
      id: `${d.id}-a${i + 1}`,
      at: slot(2 * i + 2),
      level,
      mediator: `${person()}（调解员）`,
      result: (closed && i === levels.length - 1
        ? d.outcome === "resolved"
          ? "success"
          : "failed"
        : "partial") as "success" | "failed" | "partial",
      recordedBy: staffOf(d.townshipId),
    }));
    const escalations = levels.flatMap((from, i) => {
      const to = levels[i + 1];
      if (to === undefined || to === from) return [];
      return [
        {
          id: `${d.id}-e${from === "blue" ? 1 : 2}`,
          at: slot(2 * i + 3),
          from,
          to,
          reason:
            short && from === "blue"
              ? SHORT_ESCALATION
              : (ESCALATION_REASONS[from === "blue" ? 0 : 1] as string),
          recordedBy: staffOf(d.townshipId),
        },
      ];
    });
    const first = escalations[0];
    const shortfalls =
      short && first
        ? [
            {
              at: first.at,
              step: "escalate" as const,
              level: "blue" as const,
              attempts: below.filter((l) => l === "blue").length,
              minAttempts: MIN_ATTEMPTS,
              reason: "双方冲突激化，恐生事端，来不及第三次网格调解",
              confirmedBy: staffOf(d.townshipId),
            },
          ]
        : [];
    return stamp(
      {
        townshipId: d.townshipId,
        id: d.id,
        level: d.level,
        category: pick(CATEGORIES),
        partiesBrief: `${person()}与${person()}`,
        reportedAt,
        attempts,
        ...(escalations.length > 0 ? { escalations } : {}),
        ...(shortfalls.length > 0 ? { shortfalls } : {}),
        ...(closed ? { closedAt: closed, outcome: d.outcome } : {}),
      },
      staffOf(d.townshipId),
      reportedAt,
      closed ?? attempts.at(-1)?.at ?? reportedAt,
    ) as ItemOf<"dispute">;
  });

  const petitions: Petition[] = fromRuns(
    (d) => d.petitions,
    (p: Petition) => p.receivedAt,
  ).filter((p) => past(p.receivedAt));
  const petitionItems = petitions.map((p) => {
    const receivedAt = utc(p.receivedAt);
    const closedAt = past(p.closedAt) ? utc(p.closedAt) : undefined;
    return stamp(
      {
        townshipId: p.townshipId,
        id: p.id,
        subject: pick(["征地补偿", "拖欠工资", "宅基地纠纷", "低保申请", "环境污染", "拆迁安置"]),
        petitionerBrief: `${person()}等`,
        receivedAt,
        skipLevel: p.skipLevel ?? false,
        collective: p.collective ?? false,
        ...(past(p.firstHandledAt) ? { firstHandledAt: utc(p.firstHandledAt) } : {}),
        ...(closedAt ? { closedAt, settled: p.settled ?? false } : {}),
      },
      staffOf(p.townshipId),
      receivedAt,
      closedAt ?? receivedAt,
    ) as ItemOf<"petition">;
  });

  // Incidents: each township has its own rate per 10,000 people (so 社会治安 varies), and a few are major.
  // In assessed months that are published on any day of the story (the newest finished one never is).
  const majors: { township: number; month: string; kind: "criminal" | "public_order"; summary: string }[] = [
    {
      township: 2,
      month: addMonths(firstAssessed, 5),
      kind: "criminal",
      summary: "持刀故意伤害致一人重伤（重大刑事案件）",
    },
    {
      township: 7,
      month: addMonths(firstAssessed, 7),
      kind: "public_order",
      summary: "酒后聚众斗殴（重大治安案件）",
    },
    ...(scale.townships >= 15
      ? [
          {
            township: 11,
            month: addMonths(firstAssessed, 2),
            kind: "criminal" as const,
            summary: "特大电信网络诈骗案（重大刑事案件）",
          },
        ]
      : []),
  ];
  // Each township-month draws from its own generator, so a story brought up to a later today keeps the
  // months it had (a resumed seed rewrites them unchanged).
  const incidentItems: ItemOf<"incident">[] = [];
  townships.forEach((t, ti) => {
    const ratePer10k = 0.3 + prng(seedOf(t.id))() * 3.2;
    for (const month of months) {
      const rand = prng(seedOf(`${t.id}|${month}|incidents`));
      const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
      const { start, end } = monthRange(month);
      const count = Math.round((t.population / 10_000) * ratePer10k * (0.5 + rand()));
      const major = majors.find((m) => m.township === ti && m.month === month);
      for (let i = 0; i < count + (major ? 1 : 0); i++) {
        // Every draw before the skip, so the incidents of a month do not depend on today.
        const at = start + Math.floor(rand() * (end - start));
        const isMajor = major !== undefined && i === count;
        const kind = isMajor ? major.kind : rand() < 0.35 ? "criminal" : "public_order";
        const summary = isMajor
          ? major.summary
          : kind === "criminal"
            ? pick(["盗窃电动车", "入室盗窃", "电信诈骗", "故意伤害", "盗窃农机具"])
            : pick(["酒后滋事", "赌博", "噪音扰民", "殴打他人", "寻衅滋事"]);
        if (at > nowMs) continue;
        const occurredAt = iso(at);
        incidentItems.push(
          stamp(
            {
              townshipId: t.id,
              id: `i-${t.id}-${month}-${i + 1}`,
              occurredAt,
              kind,
              severity: isMajor ? "major" : "ordinary",
              summary,
            },
            staffOf(t.id),
            occurredAt,
          ) as ItemOf<"incident">,
        );
      }
    }
  });

  // Key persons of every schedule of the model's categories (issue 14): some of the generator's four
  // become 信访重点人员 (once a month) or 重点青少年 (once a quarter), drawn from the person's id.
  const keyPersons: KeyPerson[] = (data.keyPersons ?? [])
    .filter((k) => past(k.registeredAt))
    .map((k) => {
      const r = prng(seedOf(`${k.id}|category`))();
      return r < 0.12 ? { ...k, category: "key_youth" } : r < 0.24 ? { ...k, category: "petition_focus" } : k;
    });
  const frequencies = new Map(MODEL_KEY_PERSON_CATEGORIES.map((c) => [c.code, categoryFrequency(c)]));
  /** The 1+n help team: 司法所, the grid's 网格员, a village cadre for those under correction, a relative. */
  const teamOf = (k: KeyPerson) => {
    const pick = prng(seedOf(`${k.id}|team`));
    const name = () =>
      `${SURNAMES[Math.floor(pick() * SURNAMES.length)]}${["明", "华", "强", "丽", "军", "芳"][Math.floor(pick() * 6)]}`;
    const team = [
      { id: `${k.id}-m1`, name: name(), role: "judicial_office" },
      { id: `${k.id}-m2`, name: name(), role: "grid_worker" },
    ];
    if (k.category === "community_correction")
      team.push({ id: `${k.id}-m3`, name: name(), role: "village_cadre" });
    team.push({ id: `${k.id}-m4`, name: name(), role: "relative" });
    return team;
  };
  const keyPersonItems = keyPersons.map((k) => {
    const registeredAt = utc(k.registeredAt);
    const deregisteredAt = past(k.deregisteredAt) ? utc(k.deregisteredAt) : undefined;
    // Recorded when the county joined, for people on the register before it.
    const recordedAt = iso(Math.max(Date.parse(registeredAt), Date.parse(calendar.onboardedAt)));
    return stamp(
      {
        townshipId: k.townshipId,
        id: k.id,
        // Drawn from the person's id: the same alias on whatever day the story is brought up to.
        alias: `${SURNAMES[Math.floor(prng(seedOf(k.id))() * SURNAMES.length)]}某`,
        category: k.category,
        registeredAt,
        ...(deregisteredAt ? { deregisteredAt } : {}),
        helpTeam: teamOf(k),
      },
      staffOf(k.townshipId),
      recordedAt,
      deregisteredAt ?? recordedAt,
    ) as ItemOf<"keyPerson">;
  });

  // Visits: each township covers its register to its own degree, as often as the category says (n a
  // month; a quarter's one visit in one of its months), on working days in office hours, by a member of
  // the person's help team, mostly in person.
  const visitItems: ItemOf<"visit">[] = [];
  const coverage = new Map(townships.map((t) => [t.id, 0.82 + prng(seedOf(`${t.id}|visits`))() * 0.18]));
  for (const k of keyPersons) {
    const p = coverage.get(k.townshipId) ?? 1;
    const frequency = frequencies.get(k.category) ?? { visitsPerMonth: 1 };
    const team = teamOf(k);
    const quarterMonth = Math.floor(prng(seedOf(`${k.id}|quarter`))() * 3);
    for (const month of months) {
      const rand = prng(seedOf(`${k.id}|${month}`));
      const { start, end } = monthRange(month);
      const registered = parseInstant(k.registeredAt);
      const gone = k.deregisteredAt === undefined ? Number.POSITIVE_INFINITY : parseInstant(k.deregisteredAt);
      if (registered >= end || gone <= start || rand() >= p) continue;
      const times = frequency.visitsPerQuarter
        ? (Number(month.slice(5, 7)) - 1) % 3 === quarterMonth
          ? frequency.visitsPerQuarter
          : 0
        : (frequency.visitsPerMonth ?? 1);
      const from = Math.max(start, registered);
      const to = Math.min(end, gone);
      for (let i = 0; i < times; i++) {
        // The n visits of a month spread over its parts (weekly for 4 a month).
        const lo = from + Math.floor(((to - from) * i) / times);
        const hi = from + Math.floor(((to - from) * (i + 1)) / times);
        const at = workingInstant(lo + Math.floor(rand() * (hi - lo)), rand, lo, hi);
        // A part of the month without office hours in it (a person deregistered on a weekend or in the
        // evening, before any) has no visit: workingInstant could only clamp it outside them.
        if (at > nowMs || !inOfficeHours(at)) continue;
        const visitedAt = iso(at);
        const member = team[Math.floor(rand() * (team.length - 1))] ?? team[0];
        const m = rand();
        visitItems.push(
          stamp(
            {
              townshipId: k.townshipId,
              // The first visit of a month keeps the id it always had (a resumed seed writes nothing twice).
              id: i === 0 ? `v-${k.id}-${month}` : `v-${k.id}-${month}-${i}`,
              keyPersonId: k.id,
              at: visitedAt,
              method: VISIT_METHODS[m < 0.8 ? 0 : m < 0.92 ? 1 : 2],
              ...(member ? { memberId: member.id, memberName: member.name } : {}),
            },
            staffOf(k.townshipId),
            visitedAt,
          ) as ItemOf<"visit">,
        );
      }
    }
  }

  // The county's quarterly and yearly duties (issue 14, DEMO_DUTIES): 季度业务培训 in each quarter's second
  // month (one township in five misses the second quarter's) and 年度综治责任书 in each year's February.
  const duties: EventRecord[] = townships.flatMap((t, ti) =>
    months.flatMap((month) => {
      const m = Number(month.slice(5, 7));
      const rand = prng(seedOf(`${t.id}|${month}|duties`));
      const { start, end } = monthRange(month);
      const at = () => iso(workingInstant(start + Math.floor(rand() * (end - start)), rand, start, end));
      const out: EventRecord[] = [];
      if (m % 3 === 2 && !(ti % 5 === 4 && m === 5))
        out.push({
          id: `e-duty-${t.id}-${month}`,
          townshipId: t.id,
          kind: "quarterly_training",
          occurredAt: at(),
        });
      if (m === 2)
        out.push({
          id: `e-letter-${t.id}-${month}`,
          townshipId: t.id,
          kind: "responsibility_letter",
          occurredAt: at(),
        });
      return out;
    }),
  );
  const events: EventRecord[] = [
    ...fromRuns(
      (d) => d.events,
      (e: EventRecord) => e.occurredAt,
    ),
    ...duties,
  ].filter((e) => past(e.occurredAt));
  const eventItems = events.map((e) => {
    const occurredAt = utc(e.occurredAt);
    return stamp(
      { townshipId: e.townshipId, id: e.id, kind: e.kind, occurredAt, count: e.count ?? 1 },
      staffOf(e.townshipId),
      occurredAt,
    ) as ItemOf<"event">;
  });

  // Submissions: finished assessed months, submitted in the first working days of the next month and
  // reviewed with 双人复核; the newest finished month is still partly under review.
  const finished = months.filter((m) => m >= firstAssessed && monthRange(m).end <= nowMs);
  const newest = finished.at(-1);
  const manual = new Map(
    runs.flatMap((r) => r.data.manualScores ?? []).map((s) => [`${s.townshipId}|${s.period}`, s.score]),
  );
  const submissions: ItemOf<"submission">[] = [];
  const audits: ItemOf<"audit">[] = [];
  const trail = (
    scope: string,
    id: string,
    at: number,
    actor: DemoPerson,
    action: string,
    entityId: string,
    after: object,
    reason?: string,
  ) =>
    audits.push({
      scope,
      at: iso(at),
      id,
      actorId: actor.id,
      actorRole: actor.role,
      action,
      entityType: "submission",
      entityId,
      after,
      ...(reason ? { reason } : {}),
    } as ItemOf<"audit">);
  for (const month of finished) {
    const next = nextMonth(month);
    townships.forEach((t, ti) => {
      const submittedAt = nthWorkingDay(next, between(1, 3), rand);
      if (submittedAt > nowMs) return;
      const admin = adminOf(t.id);
      const [enterer, confirmer] = ti % 2 === 0 ? [reviewerA, reviewerB] : [reviewerB, reviewerA];
      const stillUnderReview = month === newest && ti === 1;
      const reviewedAt = nthWorkingDay(next, between(4, 5), rand);
      const approved = !stillUnderReview && reviewedAt <= nowMs;
      const entityId = `${t.id}/${month}`;
      const idBase = `demo-${t.id}-${month}`;
      const score = manual.get(`${t.id}|${month}`) ?? 6;
      const manualScore = {
        id: `${idBase}-I10`,
        indicator: "I10",
        value: score,
        reason: "考核组实地评分：平安村（社区）创建、视频监控运行、综治中心规范化",
        enteredBy: enterer.id,
        enteredAt: iso(reviewedAt - 2 * HOUR),
        ...(approved ? { confirmedBy: confirmer.id, confirmedAt: iso(reviewedAt - HOUR) } : {}),
      };
      const commended = approved && rand() < 0.08;
      const adjustments = commended
        ? [
            {
              id: `${idBase}-commended`,
              indicator: "I01",
              event: "commended_province",
              value: 1,
              reason: "获省级平安建设先进集体通报表扬",
              enteredBy: confirmer.id,
              enteredAt: iso(reviewedAt - 90 * 60_000),
              confirmedBy: enterer.id,
              confirmedAt: iso(reviewedAt - 30 * 60_000),
            },
          ]
        : [];
      const steps: [DemoPerson, number, string, object, string][] = [
        [admin, submittedAt, "submission.submit", { status: "submitted" }, `T#${t.id}`],
      ];
      if (reviewedAt - 2 * HOUR <= nowMs)
        steps.push([
          enterer,
          reviewedAt - 2 * HOUR,
          "submission.enterManualScore",
          { indicator: "I10" },
          "both",
        ]);
      if (approved) {
        steps.push([confirmer, reviewedAt - HOUR, "submission.confirmEntry", { indicator: "I10" }, "both"]);
        if (commended) {
          steps.push([
            confirmer,
            reviewedAt - 90 * 60_000,
            "submission.enterAdjustment",
            { indicator: "I01" },
            "both",
          ]);
          steps.push([
            enterer,
            reviewedAt - 30 * 60_000,
            "submission.confirmEntry",
            { indicator: "I01" },
            "both",
          ]);
        }
        steps.push([enterer, reviewedAt, "submission.approve", { status: "approved" }, "both"]);
      }
      steps.forEach(([actor, at, action, after, where], i) => {
        const scopes = where === "both" ? [`T#${t.id}`, `C#${DEMO_COUNTY_ID}`] : [where];
        for (const scope of scopes) trail(scope, `${idBase}-${i + 1}`, at, actor, action, entityId, after);
      });
      const last = steps.at(-1) as (typeof steps)[number];
      submissions.push({
        townshipId: t.id,
        countyId: DEMO_COUNTY_ID,
        month,
        status: approved ? "approved" : "submitted",
        submittedAt: iso(submittedAt),
        submittedBy: admin.id,
        ...(approved ? { reviewedAt: iso(reviewedAt), reviewedBy: enterer.id } : {}),
        manualScores: reviewedAt - 2 * HOUR <= nowMs ? [manualScore] : [],
        adjustments,
        version: steps.length,
        createdAt: iso(submittedAt),
        createdBy: admin.id,
        updatedAt: iso(last[1]),
        updatedBy: last[0].id,
      } as ItemOf<"submission">);
    });
  }

  // Publications: every finished month but the newest, about ten days after it ends, by the county admin;
  // each quarter whose months are all published, in the middle of the next month, by the deputy secretary.
  const publications: DemoPublication[] = [];
  const publishedMonths = finished.filter((m) => m !== newest);
  for (const month of publishedMonths) {
    const at = nthWorkingDay(nextMonth(month), between(6, 8), rand);
    if (at <= nowMs) publications.push({ period: month, at: new Date(at), actor: countyAdmin });
  }
  const quarterEnds = publishedMonths.filter((m) => Number(m.slice(5)) % 3 === 0);
  for (const end of quarterEnds) {
    const quarterMonths = [-2, -1, 0].map((i) => addMonths(end, i));
    if (!quarterMonths.every((m) => publications.some((p) => p.period === m))) continue;
    const at = nthWorkingDay(nextMonth(end), between(10, 12), rand);
    const period = `${end.slice(0, 4)}-Q${Number(end.slice(5)) / 3}`;
    if (at <= nowMs) publications.push({ period, at: new Date(at), actor: deputy });
  }
  publications.sort((a, b) => a.at.getTime() - b.at.getTime());

  const schemeYears = [...new Set([...finished, currentMonth].map((m) => Number(m.slice(0, 4))))].sort(
    (a, b) => a - b,
  );

  return {
    scale,
    now,
    calendar,
    schemeYears,
    townships,
    people: cast,
    records: {
      dispute: disputeItems.map((d) => fileRecord(d, d.level === "red")),
      petition: petitionItems.map((p) => fileRecord(p, true)),
      incident: incidentItems.map((i) => fileRecord(i)),
      keyPerson: keyPersonItems.map((k) => fileRecord(k)),
      visit: visitItems,
      event: eventItems.map((e) => fileRecord(e)),
    },
    organisation: { village: villages, grid: grids, leader: leaders },
    submissions,
    audits,
    publications,
  };
}
