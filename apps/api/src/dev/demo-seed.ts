import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Db,
  type EntityName,
  getItem,
  type ItemOf,
  latestPublished,
  modelScheme2026 as scheme2026,
  stampNew,
  tx,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import { newAccountItems } from "../auth/accounts";
import { publishLeagueTable } from "../league/publication";
import type { Services } from "../services";
import { provisionCounty, provisionTownship } from "../testing/provisioning";
import {
  buildDemoPlan,
  DEMO_COUNTY_ID,
  DEMO_COUNTY_NAME,
  DEMO_DUTIES,
  DEMO_PASSWORD,
  DEMO_SCALES,
  type DemoPlan,
  type DemoScale,
  isOnboardingInstant,
} from "./demo-data";

export {
  buildDemoPlan,
  DEMO_COUNTY_ID,
  DEMO_LOGINS,
  DEMO_PASSWORD,
  DEMO_SCALES,
  type DemoScale,
} from "./demo-data";

/**
 * Seeds the demo county 「示范县」 (see demo-data.ts for the story), resumably: a start killed at any point
 * finishes the seed on the next start, with nothing twice.
 *
 * - Every item has a fixed id and fixed contents for a given scale and clock. Provisioning (county,
 *   townships, people, scheme) is one transaction per item, made only when the item is missing; records,
 *   submissions and the story's audit entries are plain puts, so writing them again changes nothing.
 * - Publications go in date order, each only when its period has no published version yet (one
 *   transaction each: a table is there entirely or not at all).
 * - The last write is the completion marker, an entry 「演示数据写入完成」 in the county's trail with a
 *   fixed key (at the county's onboarding instant). Only it makes a later start skip seeding; the
 *   county's existence does not.
 * - The story is dated from the clock of the first start (demo-data.ts `demoCalendar`); a resumed seed
 *   reads the county's onboarding instant and continues that story, brought up to the new today.
 *
 * Records go in BatchWriteItem requests of 25, several in flight; people and publications a few at once.
 */

export type SeedOptions = {
  /** `DEMO_SCALES.light` (default), `DEMO_SCALES.real`, or any other size (tests). */
  scale?: DemoScale;
  /** BatchWriteItem requests in flight (DynamoDB Local in memory takes more than on disk). */
  concurrency?: number;
  /** Publications scored at once (default 2). */
  publishConcurrency?: number;
  /** Called before every write request; throwing there stops the seed (tests inject crashes with it). */
  beforeWrite?: () => void;
  /** Progress lines, in Chinese, for the console. */
  log?: (line: string) => void;
  /**
   * Start the story with this onboarding instant instead of dating it from today (tests that want a short
   * story); a county already in the table keeps its own.
   */
  onboardedAt?: string;
};

export type SeedResult = {
  /** False when an earlier start had finished the seed: nothing was written. */
  seeded: boolean;
  /** Periods this run published. */
  published: string[];
  items: number;
};

/** The completion marker's key: in the county's trail, at the county's onboarding instant. */
const completeKey = (onboardedAt: string) =>
  ({ scope: `C#${DEMO_COUNTY_ID}`, at: onboardedAt, id: "seed-complete" }) as const;

/** Whether the demo county's seed has completed (its marker is written last). */
export async function demoSeeded(db: Db): Promise<boolean> {
  const county = await getItem(db, "county", { id: DEMO_COUNTY_ID });
  return county !== undefined && (await getItem(db, "audit", completeKey(county.createdAt))) !== undefined;
}

export async function seedDemo(services: Services, options: SeedOptions = {}): Promise<SeedResult> {
  const { db } = services;
  if (await demoSeeded(db)) return { seeded: false, published: [], items: 0 };
  const scale = options.scale ?? DEMO_SCALES.light;
  const log = options.log ?? (() => {});
  const beforeWrite = options.beforeWrite ?? (() => {});
  const county = await getItem(db, "county", { id: DEMO_COUNTY_ID });
  if (county && !isOnboardingInstant(county.createdAt)) {
    // Written by the seed before it was resumable: other ids, so completing it would duplicate records.
    throw new Error(
      "数据表中的「示范县」由旧版演示数据写入，无法续写。请删除数据目录（默认 .data/）后重新启动，或用 DATA_DIR=… 指定新的数据目录。",
    );
  }
  // A resumed seed continues the story its first start began (the county's creation dates it).
  const plan = buildDemoPlan(scale, services.now(), county?.createdAt ?? options.onboardedAt);
  const onboardedAt = plan.calendar.onboardedAt;
  // What onboarding wrote is stamped when the county joined, not when this process happens to run.
  const onboarding: Services = { ...services, now: () => new Date(onboardedAt) };
  const onboardingCtx: WriteContext = {
    actor: { id: "system", role: "platform_admin" },
    now: new Date(onboardedAt),
  };
  if (!county) {
    beforeWrite();
    await provisionCounty(onboarding, {
      id: DEMO_COUNTY_ID,
      name: DEMO_COUNTY_NAME,
      code: "510799",
      joinCode: "DEMO2026",
    });
  }
  await inPool(plan.townships, 4, async (t) => {
    if (await getItem(db, "township", { id: t.id })) return;
    beforeWrite();
    await provisionTownship(onboarding, DEMO_COUNTY_ID, t);
  });
  // Password hashing (scrypt) dominates here; a few at once use the other core.
  await inPool(plan.people, 4, async (p) => {
    if (await getItem(db, "user", { id: p.id })) return;
    const { items } = await newAccountItems(
      db,
      onboardingCtx,
      {
        name: p.name,
        phone: p.phone,
        password: DEMO_PASSWORD,
        role: p.role,
        countyId: DEMO_COUNTY_ID,
        townshipId: p.townshipId,
        mustChangePassword: false,
      },
      services.passwordCostLog2,
      // The seed sets known passwords and is told everything, as provisioning is.
      { userId: p.id, passwordField: null, sees: () => true },
    );
    beforeWrite();
    await writeTransaction(db, items);
  });
  for (const year of plan.schemeYears) {
    if (await getItem(db, "scheme", { countyId: DEMO_COUNTY_ID, year, schemeVersion: 1 })) continue;
    // The model scheme, as the county adopted it for each year of the story.
    const body = {
      ...scheme2026,
      id: `${DEMO_COUNTY_ID}-${year}`,
      countyId: DEMO_COUNTY_ID,
      year,
      version: 1,
      name: scheme2026.name.replace(/^\d{4}年度/, `${year}年度`),
      // I01 also asks for the county's quarterly and yearly duties (issue 14).
      indicators: scheme2026.indicators.map((ind) =>
        ind.code === "I01" && ind.base.kind === "routine"
          ? { ...ind, base: { ...ind.base, required: [...(ind.base.required ?? []), ...DEMO_DUTIES] } }
          : ind,
      ),
    };
    const wctx: WriteContext = {
      actor: { id: "demo-user-county-admin", role: "county_admin" },
      // The first year's when the county joined; a later year's in the December before it.
      now: new Date(year === plan.schemeYears[0] ? onboardedAt : `${year - 1}-12-18T02:00:00.000Z`),
    };
    beforeWrite();
    await writeTransaction(db, [
      tx.create(
        db,
        "scheme",
        stampNew(wctx, {
          countyId: DEMO_COUNTY_ID,
          year,
          schemeVersion: 1,
          name: body.name,
          body,
        }) as ItemOf<"scheme">,
      ),
      tx.audit(db, wctx, {
        scope: `C#${DEMO_COUNTY_ID}`,
        action: "scheme.save",
        entityType: "scheme",
        entityId: `${DEMO_COUNTY_ID}-${year}@1`,
        after: { version: 1, name: body.name },
      }),
    ]);
  }
  log(
    `已写入县、${plan.townships.length} 个乡镇、${plan.people.length} 个账号和 ${plan.schemeYears.join("、")} 年度考核细则`,
  );

  const writer = batchWriter(db, options.concurrency ?? 4, beforeWrite);
  let items = 0;
  // The townships' villages, grids and leaders, before the records filed under them.
  for (const [name, list] of Object.entries(plan.organisation) as [EntityName, object[]][]) {
    await writer.putAll(name, list);
    items += list.length;
  }
  for (const [name, list] of Object.entries(plan.records) as [EntityName, object[]][]) {
    await writer.putAll(name, list);
    items += list.length;
  }
  log(`已写入纪实记录 ${items} 条`);
  await writer.putAll("submission", plan.submissions);
  await writer.putAll("audit", [...plan.audits, ...seedNotes(plan)]);
  items += plan.submissions.length + plan.audits.length;

  // Each publication stands alone (its own instant, version 1, one transaction), so a few can score at once.
  const published: string[] = [];
  await inPool(plan.publications, options.publishConcurrency ?? 2, async (publication) => {
    if (await latestPublished(db, DEMO_COUNTY_ID, publication.period)) return;
    beforeWrite();
    await publishLeagueTable(
      db,
      { actor: { id: publication.actor.id, role: publication.actor.role }, now: publication.at },
      { countyId: DEMO_COUNTY_ID, period: publication.period, bundles: services.bundleStore },
    );
    published.push(publication.period);
  });
  if (published.length) log(`已发布演示排名：${published.join("、")}`);

  beforeWrite();
  await writeTransaction(db, [
    tx.create(db, "audit", {
      ...completeKey(onboardedAt),
      actorId: "system",
      actorRole: "platform_admin",
      action: "seed.complete",
      entityType: "county",
      entityId: DEMO_COUNTY_ID,
      after: { note: "演示数据写入完成", scale: scale.name, asOf: plan.now.toISOString() },
    }),
  ]);
  return { seeded: true, published, items };
}

/** Seeds the real-volume 「示范县」 (20 townships × ~300 records a month) into the services' table. */
export function seedRealVolumeCounty(services: Services, options: Omit<SeedOptions, "scale"> = {}) {
  return seedDemo(services, { concurrency: 8, publishConcurrency: 3, ...options, scale: DEMO_SCALES.real });
}

/**
 * Runs `task` over `list` with at most `size` at once. After a failure no further task starts, and the
 * error surfaces once the running ones have settled, so nothing of a failed run writes after it failed.
 */
async function inPool<T>(list: readonly T[], size: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (failed === undefined && next < list.length) {
      const item = list[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, list.length) }, worker));
  if (failed) throw failed.error;
}

/** One note per township trail saying where its records came from. */
function seedNotes(plan: DemoPlan): ItemOf<"audit">[] {
  return plan.townships.map(
    (t) =>
      ({
        scope: `T#${t.id}`,
        at: plan.calendar.onboardedAt,
        id: "seed-records",
        actorId: "system",
        actorRole: "platform_admin",
        action: "seed.records",
        entityType: "township",
        entityId: t.id,
        after: { note: "演示数据：纪实记录由种子生成器生成" },
      }) as ItemOf<"audit">,
  );
}

/**
 * Puts items with BatchWriteItem, 25 a request and `concurrency` requests in flight, retrying what
 * DynamoDB leaves unprocessed. After a failure no further request starts, and the error surfaces once
 * every request in flight has settled (so nothing of this run still writes after it has failed).
 */
function batchWriter(db: Db, concurrency: number, beforeWrite: () => void) {
  type Loose = { put: (item: object) => { params: () => { Item: Record<string, unknown> } } };
  return {
    async putAll(name: EntityName, list: object[]) {
      const entity = db.entities[name] as unknown as Loose;
      const requests = list.map((item) => ({ PutRequest: { Item: entity.put(item).params().Item } }));
      const chunks = Array.from({ length: Math.ceil(requests.length / 25) }, (_, i) =>
        requests.slice(i * 25, i * 25 + 25),
      );
      await inPool(chunks, concurrency, async (chunk) => {
        beforeWrite();
        let pending = chunk;
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
          const out = await db.client.send(
            new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }),
          );
          pending = (out.UnprocessedItems?.[db.tableName] ?? []) as typeof chunk;
        }
      });
    },
  };
}
