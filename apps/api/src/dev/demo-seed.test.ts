import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { checkItems, type Db, modelScheme2026 } from "@pingan/data";
import { DAY_MS, monthOf } from "@pingan/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { anonymous, callerWith, createTestServices } from "../testing/harness";
import { provisionCounty } from "../testing/provisioning";
import { addMonths, buildDemoPlan, monthsBetween } from "./demo-data";
import { DEMO_COUNTY_ID, DEMO_LOGINS, DEMO_PASSWORD, DEMO_SCALES, demoSeeded, seedDemo } from "./demo-seed";

/** Every item of a table, in a form two seeds can be compared by. */
async function snapshot(db: Db): Promise<string[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => [k, sorted(v)]),
          )
        : value;
  return items
    .map((item) => {
      const copy = { ...item };
      // Audit entries written in a transaction get a random id (in their sort key); hashes a random salt.
      if (typeof copy.sk === "string" && copy.sk.startsWith("AUDIT#")) {
        delete copy.id;
        delete copy.sk;
      }
      delete copy.passwordHash;
      return JSON.stringify(sorted(copy));
    })
    .sort();
}

/** What one multiset has that the other lacks (the first few). */
const missing = (from: string[], other: string[]) => {
  const left = new Map<string, number>();
  for (const x of other) left.set(x, (left.get(x) ?? 0) + 1);
  return from
    .filter((x) => {
      const n = left.get(x) ?? 0;
      if (n === 0) return true;
      left.set(x, n - 1);
      return false;
    })
    .slice(0, 3);
};

describe("the demo seed survives being killed at any point", () => {
  const scale = { name: "test", townships: 4, recordsPerTownshipMonth: 6 };

  it("a seed killed at random points completes on the next start, equal to an uninterrupted one", {
    timeout: 240_000,
  }, async () => {
    // In May, so the seed is short: records from October, January to March and Q1 published, April left.
    const inMay = async (label: string) => {
      const services = await createTestServices(label);
      services.setNow("2026-05-20T02:00:00.000Z");
      return services;
    };
    // A story begun in September 2025, as if the first start had been in November 2025.
    const onboardedAt = "2025-09-01T02:00:00.000Z";
    const reference = await inMay("demo-ref");
    let writes = 0;
    const first = await seedDemo(reference, { scale, onboardedAt, beforeWrite: () => void writes++ });
    expect(first.seeded).toBe(true);
    expect([...first.published].sort()).toEqual(["2026-01", "2026-02", "2026-03", "2026-Q1"]);
    expect(await seedDemo(reference, { scale })).toMatchObject({ seeded: false, items: 0 });
    const expected = await snapshot(reference.db);
    expect(writes).toBeGreaterThan(25);

    // Random points: in provisioning, in the records, and among the last writes (publications, marker).
    const points = [
      1 + Math.floor(Math.random() * 15),
      16 + Math.floor(Math.random() * (writes - 22)),
      writes - Math.floor(Math.random() * 6),
    ];
    for (const killAt of points) {
      const services = await inMay("demo-crash");
      let count = 0;
      await expect(
        seedDemo(services, {
          scale,
          onboardedAt,
          beforeWrite: () => {
            if (++count === killAt) throw new Error(`killed before write ${killAt}`);
          },
        }),
        `killed before write ${killAt} of ${writes}`,
      ).rejects.toThrow("killed");
      expect(await demoSeeded(services.db)).toBe(false);

      // The resumed start is not told the story's start: it reads it from the county the killed one wrote.
      const resumed = await seedDemo(services, { scale, onboardedAt: killAt > 1 ? undefined : onboardedAt });
      expect(resumed.seeded).toBe(true);
      const got = await snapshot(services.db);
      expect(missing(expected, got), `missing after a kill before write ${killAt}`).toEqual([]);
      expect(missing(got, expected), `extra after a kill before write ${killAt}`).toEqual([]);
      expect(got.length).toBe(expected.length);
    }
  });
});

describe("the demo county of npm run dev tells one true story", () => {
  const months = Array.from({ length: 9 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
  const published = [...months, "2026-Q1", "2026-Q2", "2026-Q3"];
  let services: Awaited<ReturnType<typeof createTestServices>>;
  let result: Awaited<ReturnType<typeof seedDemo>>;
  let plan: ReturnType<typeof buildDemoPlan>;
  let publicApi: ReturnType<typeof anonymous>;
  let tables: Awaited<ReturnType<ReturnType<typeof anonymous>["public"]["leagueTable"]>>[];
  let monthTables: typeof tables;

  beforeAll(async () => {
    services = await createTestServices("demo-seed");
    // The harness clock stands on 20 November 2026: January to October have ended.
    result = await seedDemo(services);
    plan = buildDemoPlan({ name: "light", townships: 12, recordsPerTownshipMonth: 16 }, services.now());
    publicApi = anonymous(services);
    tables = await Promise.all(
      published.map((period) => publicApi.public.leagueTable({ countyId: DEMO_COUNTY_ID, period })),
    );
    monthTables = tables.filter((t) => !t.period.includes("Q"));
  }, 300_000);

  it("is seeded once; January to September and the first three quarters are published, October is left", async () => {
    expect(result.seeded).toBe(true);
    expect(await seedDemo(services)).toMatchObject({ seeded: false });
    expect([...result.published].sort()).toEqual([...published].sort());
    const periods = await publicApi.public.periods({ countyId: DEMO_COUNTY_ID });
    expect(new Set(periods.published.map((p) => p.period))).toEqual(new Set(published));
    for (const t of tables) expect(t.table.rows).toHaveLength(12);
  });

  it("published at different times over the year by named county officials", async () => {
    const { data } = await services.db.entities.audit.query.byScope({ scope: `C#${DEMO_COUNTY_ID}` }).go({
      pages: "all",
    });
    const publishing = data.filter((a) => a.action === "leagueTable.publish");
    expect(publishing).toHaveLength(published.length);
    const names = new Map(plan.people.map((p) => [p.id, p.name]));
    expect(new Set(publishing.map((a) => names.get(a.actorId)))).toEqual(new Set(["李主任", "周书记"]));
    const instants = tables.map((t) => t.publishedAt);
    expect(new Set(instants).size).toBe(published.length);
    for (const t of monthTables) {
      // About ten days after the month ended, on a working day.
      const after = Date.parse(t.publishedAt) - Date.parse(`${t.period}-01T00:00:00+08:00`);
      expect(after / DAY_MS).toBeGreaterThan(31);
      expect(after / DAY_MS).toBeLessThan(31 + 20);
    }
  });

  it("has every published month submitted and approved with 双人复核, and October partly under review", async () => {
    const reviewers = new Set(["demo-user-reviewer-1", "demo-user-reviewer-2"]);
    for (const month of [...months, "2026-10"]) {
      const { data } = await services.db.entities.submission.query
        .byCountyMonth({ countyId: DEMO_COUNTY_ID, month })
        .go({ pages: "all" });
      const subs = checkItems(services.db, "submission", data);
      expect(subs, month).toHaveLength(12);
      for (const s of subs) {
        expect(s.submittedBy).toBe(`demo-user-${s.townshipId}-admin`);
        expect(Date.parse(s.submittedAt as string)).toBeLessThan(
          Date.parse(`${month}-01T00:00:00+08:00`) + 37 * DAY_MS,
        );
        if (month === "2026-10" && s.status !== "approved") continue;
        expect(s.status, `${s.townshipId} ${month}`).toBe("approved");
        expect(reviewers.has(s.reviewedBy as string)).toBe(true);
        for (const e of [...s.manualScores, ...s.adjustments]) {
          expect(reviewers.has(e.enteredBy) && reviewers.has(e.confirmedBy as string)).toBe(true);
          expect(e.confirmedBy).not.toBe(e.enteredBy);
        }
      }
      if (month === "2026-10") expect(subs.filter((s) => s.status === "submitted").length).toBeGreaterThan(0);
    }
  });

  it("shows the supervision board no township late for any finished month, October included", async () => {
    const admin = DEMO_LOGINS.find((l) => l.role === "county_admin");
    const { accessToken } = await publicApi.auth.signIn({
      login: admin?.phone as string,
      password: DEMO_PASSWORD,
    });
    const county = callerWith(services, accessToken);
    for (const month of [...months, "2026-10"]) {
      const late = await county.supervision.lateSubmissions({ month });
      expect(late.deadlinePassed, month).toBe(true);
      expect(
        late.townships.map((t) => t.name),
        month,
      ).toEqual([]);
    }
    // November is not due yet: every township still has it to submit, none of them late.
    const november = await county.supervision.lateSubmissions({ month: "2026-11" });
    expect(november.deadlinePassed).toBe(false);
  });

  it("shows incidents, a 一票否决 month, bonuses, and every indicator varying between townships", async () => {
    const { data: incidents } = await services.db.entities.incident.scan.go({ pages: "all" });
    expect(incidents.length).toBeGreaterThan(100);
    expect(incidents.some((i) => i.severity === "major" && i.kind === "criminal")).toBe(true);
    const rows = monthTables.flatMap((t) => t.table.rows);
    expect(rows.some((r) => r.vetoed)).toBe(true);
    expect(rows.filter((r) => r.bonus > 0).length).toBeGreaterThan(1);
    const codes = rows[0]?.indicators.map((i) => i.code) ?? [];
    // Every indicator of the model scheme, 三三调处 (I11) and 初信初访首办率 (I12) included.
    expect(codes).toEqual(modelScheme2026.indicators.map((i) => i.code));
    for (const code of codes) {
      const variesIn = monthTables.filter(
        (t) => new Set(t.table.rows.map((r) => r.indicators.find((i) => i.code === code)?.score)).size > 1,
      );
      expect(variesIn.length, `${code} varies between townships in some published months`).toBeGreaterThan(3);
    }
  });

  it("leaves only a few open disputes past their deadline, none of them old", async () => {
    const now = services.now().getTime();
    const { data } = await services.db.entities.dispute.scan.go({ pages: "all" });
    const limit = { blue: 7, yellow: 15, red: 30 } as const;
    const overdue = data.filter(
      (d) => !d.closedAt && Date.parse(d.reportedAt) + limit[d.level] * DAY_MS < now,
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThanOrEqual(5);
    for (const d of overdue) expect(now - Date.parse(d.reportedAt)).toBeLessThan(60 * DAY_MS);
  });

  it("has disputes that climbed blue → yellow → red, three attempts a level before each climb, and a shortfall", async () => {
    const { data } = await services.db.entities.dispute.scan.go({ pages: "all" });
    const order = ["blue", "yellow", "red"] as const;
    const climbed = data.filter((d) => (d.escalations ?? []).length > 0);
    const toYellow = climbed.filter((d) =>
      d.escalations?.some((e) => e.from === "blue" && e.to === "yellow"),
    );
    const toRed = climbed.filter((d) => d.escalations?.some((e) => e.from === "yellow" && e.to === "red"));
    expect(toYellow.length).toBeGreaterThan(5);
    expect(toRed.length).toBeGreaterThan(0);
    for (const d of climbed) {
      const steps = d.escalations ?? [];
      // The attempts' levels, in time order, change exactly where an escalation stands, and only upwards.
      const attempts = [...d.attempts].sort((a, b) => (a.at < b.at ? -1 : 1));
      expect(attempts[0]?.level, d.id).toBe("blue");
      expect(steps.at(-1)?.to, d.id).toBe(d.level);
      steps.forEach((e, i) => {
        expect(order.indexOf(e.to), d.id).toBe(order.indexOf(e.from) + 1);
        if (i > 0) expect(e.from, d.id).toBe(steps[i - 1]?.to);
        const before = attempts.filter((a) => a.at < e.at);
        const after = attempts.filter((a) => a.at > e.at);
        expect(before.at(-1)?.level, d.id).toBe(e.from);
        expect(after[0]?.level, d.id).toBe(e.to);
        const atLevel = before.filter((a) => a.level === e.from).length;
        const confirmed = (d.shortfalls ?? []).find((s) => s.step === "escalate" && s.level === e.from);
        // Three attempts (the scheme's minimum) before climbing, unless the township confirmed a shortfall.
        if (confirmed) {
          expect(confirmed.attempts, d.id).toBe(atLevel);
          expect(atLevel, d.id).toBeLessThan(confirmed.minAttempts);
          expect(confirmed.reason.length, d.id).toBeGreaterThan(0);
        } else expect(atLevel, d.id).toBeGreaterThanOrEqual(3);
      });
      expect(attempts.filter((a) => a.level === d.level).length, d.id).toBeGreaterThan(0);
      if (!d.shortfalls) expect(steps[0]?.reason, d.id).toBe("网格调解三次未果，上交村级调处");
    }
    // Disputes reported at their level were mediated there only.
    for (const d of data.filter((d) => !d.escalations))
      for (const a of d.attempts) expect(a.level, d.id).toBe(d.level);
    const shortfalls = data.flatMap((d) => d.shortfalls ?? []);
    expect(shortfalls.length).toBeGreaterThan(0);
    expect(shortfalls.length).toBeLessThan(climbed.length / 5);
  });

  it("has key persons visited on working days in office hours", async () => {
    const { data } = await services.db.entities.visit.scan.go({ pages: "all" });
    expect(data.length).toBeGreaterThan(100);
    for (const v of data) {
      const local = new Date(Date.parse(v.at) + 8 * 3_600_000);
      const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
      expect([1, 2, 3, 4, 5], v.at).toContain(local.getUTCDay());
      expect(minutes, v.at).toBeGreaterThanOrEqual(8 * 60 + 30);
      expect(minutes, v.at).toBeLessThanOrEqual(17 * 60 + 30);
    }
  });

  it("lets the demo township's grid worker sign in and see its rank in each published period", async () => {
    const staff = DEMO_LOGINS.find((l) => l.role === "township_staff");
    const { accessToken } = await publicApi.auth.signIn({
      login: staff?.phone as string,
      password: DEMO_PASSWORD,
    });
    const caller = callerWith(services, accessToken);
    const me = await caller.auth.me();
    expect(me.township?.name).toBe("城关镇");
    const history = await caller.league.rankHistory({ townshipId: me.township?.id as string });
    expect(history.length).toBe(published.length);
    const september = tables.find((t) => t.period === "2026-09");
    const row = september?.table.rows.find((r) => r.townshipId === me.township?.id);
    expect(history.find((h) => h.period === "2026-09")).toMatchObject({ rank: row?.rank, total: row?.total });
  });
});

/** The story's sentences, checked on a plan (fast: nothing is written). */
function expectTrueStory(plan: ReturnType<typeof buildDemoPlan>, label: string) {
  const now = plan.now.getTime();
  const { firstAssessed, currentMonth } = plan.calendar;
  const ended = (m: string) => Date.parse(`${addMonths(m, 1)}-01T00:00:00+08:00`) <= now;
  const assessed = monthsBetween(firstAssessed, currentMonth).filter(ended);
  const newest = assessed.at(-1) as string;
  expect(assessed.length, `${label}: months to publish`).toBeGreaterThanOrEqual(8);
  const instants = [
    ...plan.records.dispute.flatMap((d) => [d.reportedAt, d.closedAt, ...d.attempts.map((a) => a.at)]),
    ...plan.records.petition.flatMap((p) => [p.receivedAt, p.closedAt, p.firstHandledAt]),
    ...plan.records.incident.map((i) => i.occurredAt),
    ...plan.records.visit.map((v) => v.at),
    ...plan.records.event.map((e) => e.occurredAt),
    ...plan.submissions.flatMap((s) => [s.submittedAt, s.reviewedAt]),
    ...plan.audits.map((a) => a.at),
    ...plan.publications.map((p) => p.at.toISOString()),
  ].filter((x): x is string => typeof x === "string");
  expect(
    instants.filter((x) => Date.parse(x) > now),
    `${label}: nothing after today`,
  ).toEqual([]);

  // Published: finished months but the newest, each with every township's month approved before it.
  const published = plan.publications.filter((p) => !p.period.includes("Q"));
  expect(published.map((p) => p.period)).not.toContain(newest);
  expect(published.length, `${label}: published months`).toBeGreaterThanOrEqual(assessed.length - 2);
  for (const p of published) {
    const subs = plan.submissions.filter((s) => s.month === p.period);
    expect(subs, `${label} ${p.period}`).toHaveLength(plan.townships.length);
    for (const s of subs) {
      expect(s.status).toBe("approved");
      expect(Date.parse(s.reviewedAt as string)).toBeLessThan(p.at.getTime());
    }
    expect(p.actor.name).toBe("李主任");
    const days = (p.at.getTime() - Date.parse(`${addMonths(p.period, 1)}-01T00:00:00+08:00`)) / DAY_MS;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThan(20);
  }
  for (const q of plan.publications.filter((p) => p.period.includes("Q")))
    expect(q.actor.name).toBe("周书记");
  expect(new Set(plan.publications.map((p) => p.at.getTime())).size).toBe(plan.publications.length);
  // No township late: every month past its deadline (the 5th of the next) was submitted.
  for (const m of assessed.filter((m) => Date.parse(`${addMonths(m, 1)}-06T00:00:00+08:00`) <= now))
    expect(
      plan.submissions.filter((s) => s.month === m),
      `${label} ${m} submitted`,
    ).toHaveLength(plan.townships.length);
  // A scheme for every year that is scored or that townships work in today.
  for (const y of [...assessed, currentMonth].map((m) => Number(m.slice(0, 4))))
    expect(plan.schemeYears, label).toContain(y);
  // A 一票否决 case in a published month; a few overdue disputes, none old.
  const major = plan.records.incident.find((i) => i.severity === "major" && i.kind === "criminal");
  expect(
    published.map((p) => p.period),
    label,
  ).toContain(monthOf(major?.occurredAt as string));
  const limit = { blue: 7, yellow: 15, red: 30 } as const;
  const overdue = plan.records.dispute.filter(
    (d) => !d.closedAt && Date.parse(d.reportedAt) + limit[d.level] * DAY_MS < now,
  );
  expect(overdue.length, label).toBeGreaterThan(0);
  expect(overdue.length, label).toBeLessThanOrEqual(3);
  for (const d of overdue) expect(now - Date.parse(d.reportedAt)).toBeLessThan(60 * DAY_MS);
  // The organisation (issue 14): villages and grids with people, every record filed under one of its
  // township's grids, red cases with a 包案领导.
  const grids = new Map(plan.organisation.grid.map((g) => [g.id, g]));
  for (const t of plan.townships) {
    expect(plan.organisation.village.filter((v) => v.townshipId === t.id).length, label).toBeGreaterThan(1);
    expect(plan.organisation.grid.filter((g) => g.townshipId === t.id).length, label).toBeGreaterThan(1);
  }
  for (const g of plan.organisation.grid) expect(g.workerId, label).toBe(`demo-user-${g.townshipId}-staff`);
  for (const d of plan.records.dispute) {
    const grid = grids.get(d.gridId as string);
    expect(grid?.townshipId, label).toBe(d.townshipId);
    expect(d.villageId, label).toBe(grid?.villageId);
    expect(d.responsibleId, label).toBe(grid?.workerId);
    if (d.level === "red") expect(d.caseLeaderId, label).toBe(`demo-user-${d.townshipId}-admin`);
  }
}

describe("the story stays true whatever day npm run dev first starts", () => {
  const scale = { name: "test", townships: 4, recordsPerTownshipMonth: 6 };
  for (const now of [
    "2026-12-02T01:00:00.000Z", // before November's deadline
    "2027-01-03T04:00:00.000Z", // a new year: its January has a scheme, December is the newest month
    "2027-02-10T04:00:00.000Z",
    "2027-07-01T00:30:00.000Z", // the first morning of a month
    "2029-03-15T04:00:00.000Z",
  ])
    it(`first started at ${now}`, () => {
      const plan = buildDemoPlan(scale, new Date(now));
      expect(plan.calendar.firstMonth).toBe(addMonths(monthOf(now), -13));
      expectTrueStory(plan, now);
    });

  it("continues the story of its first start when resumed months later", () => {
    // First started in November 2026, killed, started again in March 2027.
    const first = buildDemoPlan(scale, new Date("2026-11-20T02:00:00.000Z"));
    const resumed = buildDemoPlan(scale, new Date("2027-03-15T04:00:00.000Z"), first.calendar.onboardedAt);
    expect(resumed.calendar).toMatchObject({
      onboardedAt: "2025-09-01T02:00:00.000Z",
      firstMonth: "2025-10",
    });
    expect(resumed.schemeYears).toEqual([2026, 2027]);
    expectTrueStory(resumed, "resumed");
    // What the first start had written of incidents, key persons and visits is written again unchanged.
    for (const kind of ["incident", "visit", "keyPerson"] as const) {
      const again = new Map<string, unknown>(resumed.records[kind].map((i) => [i.id, i]));
      for (const item of first.records[kind]) expect(again.get(item.id), item.id).toEqual(item);
    }
  });
});

describe("DEMO_SCALE=real", () => {
  it("plans a real county: 20 townships, about 300 records a township a month, majors and a veto", {
    timeout: 120_000,
  }, () => {
    const plan = buildDemoPlan(DEMO_SCALES.real, new Date("2026-11-20T02:00:00.000Z"));
    expect(plan.townships).toHaveLength(20);
    const inYear = (instant: string) => instant >= "2026-01" && instant < "2026-10-31T16";
    const { dispute, petition, incident, visit, event } = plan.records;
    const perTownshipMonth =
      [
        ...dispute.map((d) => d.reportedAt),
        ...petition.map((p) => p.receivedAt),
        ...incident.map((i) => i.occurredAt),
        ...visit.map((v) => v.at),
        ...event.map((e) => e.occurredAt),
      ].filter(inYear).length /
      (20 * 10);
    expect(perTownshipMonth).toBeGreaterThan(250);
    expect(perTownshipMonth).toBeLessThan(350);
    const majors = incident.filter((i) => i.severity === "major");
    expect(majors.filter((i) => i.kind === "criminal").length).toBeGreaterThanOrEqual(2);
    expect(dispute.some((d) => d.attempts.length > 1)).toBe(true);
    expect(plan.publications.map((p) => p.period).sort()).toEqual(
      [...Array.from({ length: 9 }, (_, i) => `2026-0${i + 1}`), "2026-Q1", "2026-Q2", "2026-Q3"].sort(),
    );
  });
});

describe("a data directory seeded before the seed was resumable", () => {
  it("is refused with a Chinese message rather than completed with duplicates", async () => {
    const services = await createTestServices("demo-legacy");
    // The old seed wrote the county first, stamped with the time of the start.
    await provisionCounty(services, { id: DEMO_COUNTY_ID, name: "示范县", code: "510799" });
    await expect(seedDemo(services)).rejects.toThrow(/旧版演示数据.*删除数据目录/);
    expect(await demoSeeded(services.db)).toBe(false);
  });
});
