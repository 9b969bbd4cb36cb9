import {
  getItem,
  type ItemOf,
  latestPublished,
  modelScheme2026 as scheme2026,
  stampNew,
  tx,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import { type Data, generateCounty, parseInstant } from "@pingan/domain";
import { publishLeagueTable } from "../league/publication";
import type { Services } from "../services";
import { periodEnded } from "../submissions/deadline";
import { provisionCounty, provisionTownship, provisionUser } from "../testing/provisioning";

export const DEMO_COUNTY_ID = "demo-county";
export const DEMO_PASSWORD = "Pingan@2026";

export const DEMO_LOGINS = [
  { role: "county_admin", label: "县委政法委管理员", name: "李主任", phone: "13800000001" },
  { role: "county_reviewer", label: "县级复核员", name: "王复核", phone: "13800000002" },
  { role: "county_reviewer", label: "县级复核员（第二复核人）", name: "赵复核", phone: "13800000003" },
  { role: "township_admin", label: "乡镇管理员（城关镇）", name: "陈专干", phone: "13800000101" },
  { role: "township_staff", label: "网格员（城关镇）", name: "刘网格", phone: "13800000201" },
] as const;

const CATEGORIES = ["邻里纠纷", "婚姻家庭", "土地承包", "劳资纠纷", "物业纠纷", "山林权属", "交通事故"];
const SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高";
const utc = (instant: string) => new Date(parseInstant(instant)).toISOString();

/**
 * Seeds, on first start, the demo county 「示范县」: 12 townships, the 2026 model scheme, people for every
 * role and a year (to date) of records from the domain's seeded generator. Returns false if already seeded.
 */
export async function seedDemo(services: Services): Promise<boolean> {
  const { db } = services;
  if (await getItem(db, "county", { id: DEMO_COUNTY_ID })) return false;
  const now = services.now();
  const data = generateCounty({
    seed: 2026,
    townships: 12,
    year: 2026,
    months: 11,
    recordsPerTownshipMonth: 16,
    countyId: DEMO_COUNTY_ID,
    countyName: "示范县",
    divisionCode: "510799",
  });
  const past = (instant: string | undefined) =>
    instant !== undefined && parseInstant(instant) <= now.getTime();

  await provisionCounty(services, {
    id: DEMO_COUNTY_ID,
    name: "示范县",
    code: "510799",
    joinCode: "DEMO2026",
  });
  for (const t of data.townships) {
    await provisionTownship(services, DEMO_COUNTY_ID, {
      id: t.id,
      name: t.name,
      code: t.code,
      population: t.population,
      villages: 8 + (t.population % 13),
      grids: Math.round(t.population / 450),
    });
  }
  const firstTownship = data.townships[0]?.id as string;
  for (const login of DEMO_LOGINS) {
    const township = login.role.startsWith("township") ? firstTownship : undefined;
    await provisionUser(services, {
      name: login.name,
      phone: login.phone,
      password: DEMO_PASSWORD,
      role: login.role,
      countyId: DEMO_COUNTY_ID,
      townshipId: township,
    });
  }

  const wctx: WriteContext = { actor: { id: "seed", role: "platform_admin" }, now };
  const scheme = stampNew(wctx, {
    countyId: DEMO_COUNTY_ID,
    year: 2026,
    schemeVersion: 1,
    name: scheme2026.name,
    body: scheme2026,
  }) as ItemOf<"scheme">;
  await writeTransaction(db, [
    tx.create(db, "scheme", scheme),
    tx.audit(db, wctx, {
      scope: `C#${DEMO_COUNTY_ID}`,
      action: "scheme.save",
      entityType: "scheme",
      entityId: `${DEMO_COUNTY_ID}-2026@1`,
      after: { version: 1, name: scheme2026.name },
    }),
  ]);

  await putRecords(services, wctx, data, past);
  return true;
}

/**
 * Publishes the demo county's finished months and quarters of 2026, so the public page, the league
 * table's versions and each township's rank history have something to show. Periods already published
 * are left alone, so it can run on every start.
 */
export async function publishDemoHistory(services: Services): Promise<string[]> {
  const now = services.now();
  const wctx: WriteContext = { actor: { id: "seed", role: "county_admin" }, now };
  const periods = [
    ...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
    ...["Q1", "Q2", "Q3", "Q4"].map((q) => `2026-${q}`),
  ].filter((p) => periodEnded(p, now));
  const published: string[] = [];
  for (const period of periods) {
    if (await latestPublished(services.db, DEMO_COUNTY_ID, period)) continue;
    await publishLeagueTable(services.db, wctx, { countyId: DEMO_COUNTY_ID, period });
    published.push(period);
  }
  return published;
}

/** Bulk-loads the generated records (batch writes: the seed is one audited system action, not thousands). */
async function putRecords(services: Services, wctx: WriteContext, data: Data, past: (i?: string) => boolean) {
  const { db } = services;
  const stamp = <T extends object>(x: T) => stampNew(wctx, x);
  let n = 0;
  const pick = <T>(list: readonly T[]) => list[n++ % list.length] as T;
  const person = () => `${pick([...SURNAMES])}某`;

  const disputes = (data.disputes ?? [])
    .filter((d) => past(d.reportedAt))
    .map((d) => {
      const reportedAt = utc(d.reportedAt);
      const closed = d.closedAt && past(d.closedAt) ? utc(d.closedAt) : undefined;
      const span =
        (closed ? Date.parse(closed) : Math.min(Date.now(), wctx.now.getTime())) - Date.parse(reportedAt);
      const attempts = Array.from({ length: closed ? d.attempts : Math.min(d.attempts, 1) }, (_, i) => ({
        id: `${d.id}-a${i + 1}`,
        at: new Date(Date.parse(reportedAt) + Math.floor((span * (i + 1)) / (d.attempts + 1))).toISOString(),
        level: d.level,
        mediator: `${person()}（调解员）`,
        result: (closed && i === d.attempts - 1
          ? d.outcome === "resolved"
            ? "success"
            : "failed"
          : "partial") as "success" | "failed" | "partial",
        recordedBy: "seed",
      }));
      return stamp({
        townshipId: d.townshipId,
        id: d.id,
        level: d.level,
        category: pick(CATEGORIES),
        partiesBrief: `${person()}与${person()}`,
        reportedAt,
        attempts,
        ...(closed ? { closedAt: closed, outcome: d.outcome } : {}),
      });
    });
  const petitions = (data.petitions ?? [])
    .filter((p) => past(p.receivedAt))
    .map((p) =>
      stamp({
        townshipId: p.townshipId,
        id: p.id,
        subject: pick(["征地补偿", "拖欠工资", "宅基地纠纷", "低保申请", "环境污染", "拆迁安置"]),
        petitionerBrief: `${person()}等`,
        receivedAt: utc(p.receivedAt),
        skipLevel: p.skipLevel ?? false,
        collective: p.collective ?? false,
        ...(p.firstHandledAt && past(p.firstHandledAt) ? { firstHandledAt: utc(p.firstHandledAt) } : {}),
        ...(p.closedAt && past(p.closedAt) ? { closedAt: utc(p.closedAt), settled: p.settled ?? false } : {}),
      }),
    );
  const incidents = (data.incidents ?? [])
    .filter((i) => past(i.occurredAt))
    .map((i) =>
      stamp({
        townshipId: i.townshipId,
        id: i.id,
        occurredAt: utc(i.occurredAt),
        kind: i.kind,
        severity: i.severity,
        summary:
          i.kind === "criminal"
            ? pick(["盗窃电动车", "入室盗窃", "诈骗", "故意伤害"])
            : pick(["酒后滋事", "赌博", "噪音扰民"]),
      }),
    );
  const keyPersons = (data.keyPersons ?? [])
    .filter((k) => past(k.registeredAt))
    .map((k) =>
      stamp({
        townshipId: k.townshipId,
        id: k.id,
        alias: person(),
        category: k.category,
        registeredAt: utc(k.registeredAt),
        ...(k.deregisteredAt && past(k.deregisteredAt) ? { deregisteredAt: utc(k.deregisteredAt) } : {}),
      }),
    );
  const visits = (data.visits ?? [])
    .filter((v) => past(v.at))
    .map((v) => stamp({ townshipId: v.townshipId, id: v.id, keyPersonId: v.keyPersonId, at: utc(v.at) }));
  const events = (data.events ?? [])
    .filter((e) => past(e.occurredAt))
    .map((e) =>
      stamp({
        townshipId: e.townshipId,
        id: e.id,
        kind: e.kind,
        occurredAt: utc(e.occurredAt),
        count: e.count ?? 1,
      }),
    );

  // DynamoDB Local on disk writes through SQLite at roughly 80 items/s whatever the concurrency.
  const options = { concurrency: 8 };
  await db.entities.dispute.put(disputes).go(options);
  await db.entities.petition.put(petitions).go(options);
  await db.entities.incident.put(incidents).go(options);
  await db.entities.keyPerson.put(keyPersons).go(options);
  await db.entities.visit.put(visits).go(options);
  await db.entities.event.put(events).go(options);
  for (const t of data.townships) {
    await writeTransaction(db, [
      tx.audit(db, wctx, {
        scope: `T#${t.id}`,
        action: "seed.records",
        entityType: "township",
        entityId: t.id,
        after: { note: "演示数据：由种子生成器生成的本年度纪实记录" },
      }),
    ]);
  }
  return {
    disputes: disputes.length,
    petitions: petitions.length,
    incidents: incidents.length,
    visits: visits.length,
  };
}
