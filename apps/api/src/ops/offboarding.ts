import { BatchWriteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  countyKeyPersonCategories,
  IMPORT_KINDS,
  type ImportRow,
  MAX_EXPORT_PAGE,
  workbookRecordsOf,
} from "@pingan/contracts";
import {
  checkItems,
  type Db,
  getItem,
  type ItemOf,
  loadScoringData,
  tx,
  writeTransaction,
} from "@pingan/data";
import { type Data, emptyData } from "@pingan/domain";
import { fromScoringData, type WritableRecords, type WriteOptions, writeCsvFiles } from "@pingan/workbook";
import { strToU8, zipSync } from "fflate";
import { AppError, recordState } from "../errors";
import { exportRows } from "../imports/export";
import { eventVocabulary } from "../records/event-kinds";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";

/**
 * Offboarding a county: its admin downloads everything as one zip at any time; the platform admin marks
 * it read-only (nothing can change, everything can still be read and exported), and once the stated
 * retention has passed, deletes all of it. Each step is audited in the platform's trail (`P#platform`),
 * which outlives the county.
 */

/** Read-only for this long before the data may be deleted: time for a last export, or to change one's mind. */
export const RETENTION_DAYS = 90;

type Signed = { services: Services; user: SessionUser };

const readOnly = () =>
  new AppError("COUNTY.READ_ONLY", "本县已停止使用（数据保留期内只读），只能查看和导出数据");

// ---- read-only -----------------------------------------------------------------------------------------

/** A county's offboarding state, cached per container for a short while (one read per county, not per call). */
const STATE_TTL_MS = 30_000;
const stateCache = new WeakMap<object, Map<string, { offboarded: boolean; until: number }>>();

function cacheOf(services: object) {
  let cache = stateCache.get(services);
  if (!cache) {
    cache = new Map();
    stateCache.set(services, cache);
  }
  return cache;
}

/**
 * Refuses a change by a user of an offboarded county (COUNTY.READ_ONLY, 403). Another container notices
 * an offboarding within STATE_TTL_MS. Signing in, out and changing one's password stay possible.
 */
export async function assertCountyWritable(services: Services, countyId: string): Promise<void> {
  const cache = cacheOf(services);
  const now = performance.now();
  let state = cache.get(countyId);
  if (!state || state.until < now) {
    const county = await getItem(services.db, "county", { id: countyId });
    state = { offboarded: county?.offboardedAt !== undefined, until: now + STATE_TTL_MS };
    cache.set(countyId, state);
  }
  if (state.offboarded) throw readOnly();
}

// ---- export -------------------------------------------------------------------------------------------

/** Secrets never leave the database, not even to the county's own admin. */
const SECRETS = new Set(["passwordHash", "secretHash", "previousSecretHash"]);

async function partition(db: Db, pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": pk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const withoutSecrets = (item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !SECRETS.has(k)));

async function countyTownships(db: Db, countyId: string): Promise<ItemOf<"township">[]> {
  const { data } = await db.entities.township.query.byCounty({ countyId }).go({ pages: "all" });
  return checkItems(db, "township", data).filter((t) => t.countyId === countyId);
}

/** The years the county has records of: from the year it was created to now. */
const countyYears = (county: ItemOf<"county">, now: Date) => {
  const years: number[] = [];
  for (let year = Number(county.createdAt.slice(0, 4)); year <= now.getUTCFullYear(); year += 1)
    years.push(year);
  return years;
};

/** Every year's records as scoring data, merged (a year's load also reads the year before it). */
async function allRecords(db: Db, county: ItemOf<"county">, now: Date): Promise<Data> {
  const merged = emptyData(county);
  const seen = new Set<string>();
  for (const year of countyYears(county, now)) {
    const data = await loadScoringData(db, county.id, String(year));
    for (const kind of Object.keys(merged) as (keyof Data)[]) {
      if (kind === "county") continue;
      for (const row of (data[kind] ?? []) as object[]) {
        const key = `${kind}:${JSON.stringify(row)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        (merged[kind] as object[]).push(row);
      }
    }
  }
  return merged;
}

/**
 * Every record of the townships as import rows, as the app's own export gives them (`imports.export`):
 * whole records with their 编号, not the scoring subset, so that importing the files again changes nothing.
 */
async function recordRows(db: Db, townships: ItemOf<"township">[]): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for (const type of IMPORT_KINDS) {
    let cursor: string | null = null;
    do {
      const page = await exportRows(db, townships, { type, cursor, limit: MAX_EXPORT_PAGE });
      rows.push(...page.rows);
      cursor = page.cursor;
    } while (cursor);
  }
  return rows;
}

/**
 * The county's own words for the workbook writer, as the import reads them: its key-person categories and
 * the 纪实 items of its current scheme of every year (a later year's name wins for a code both name), so
 * that 人员类别 and 事件类型 read 涉毒人员 / 季度业务培训, not their codes.
 */
async function countyVocabularies(db: Db, county: ItemOf<"county">, now: Date): Promise<WriteOptions> {
  const eventNames: Record<string, string> = {};
  for (const year of countyYears(county, now))
    for (const item of (await eventVocabulary(db, county.id, year)).items) eventNames[item.code] = item.name;
  return {
    keyPersonCategories: countyKeyPersonCategories(county).map((c) => ({ code: c.code, name: c.name })),
    eventNames,
  };
}

const jsonl = (items: object[]) => strToU8(`${items.map((i) => JSON.stringify(i)).join("\n")}\n`);
const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const sk = (item: Record<string, unknown>) => String(item.sk ?? "");

/**
 * Everything the county has, as one zip: its records in the workbook format (`记录/*.csv`, as import.md
 * defines and `@pingan/workbook` reads back), its schemes, its published tables, the county's and every
 * township's audit trail, and every stored item of its partitions (`数据/*.jsonl`, secrets removed).
 */
export async function exportCounty(services: Services, county: ItemOf<"county">) {
  const { db } = services;
  const now = services.now();
  const townships = await countyTownships(db, county.id);
  const partitions = [`C#${county.id}`, ...townships.map((t) => `T#${t.id}`)];
  const files: Record<string, Uint8Array> = {};
  let itemCount = 0;
  for (const pk of partitions) {
    const items = (await partition(db, pk)).map(withoutSecrets);
    itemCount += items.length;
    const name = pk === `C#${county.id}` ? "县" : (townships.find((t) => `T#${t.id}` === pk)?.code ?? pk);
    files[`数据/${name}.jsonl`] = jsonl(items);
    files[`审计/${name}.jsonl`] = jsonl(items.filter((i) => sk(i).startsWith("AUDIT#")));
    if (pk !== `C#${county.id}`) continue;
    for (const scheme of items.filter((i) => sk(i).startsWith("SCHEME#")))
      files[`考核细则/${scheme.year}-v${scheme.version}.json`] = json(scheme);
    for (const table of items.filter((i) => sk(i).startsWith("LT#")))
      files[`排名/${table.period}-v${table.tableVersion}.json`] = json(table);
  }
  // The county, its townships and manual scores as the scoring data has them; the records whole.
  const {
    county: countyRow,
    townships: townshipRows,
    manualScores,
  } = fromScoringData(await allRecords(db, county, now));
  const records = {
    county: countyRow,
    townships: townshipRows,
    manualScores,
    ...(workbookRecordsOf(await recordRows(db, townships)) as WritableRecords),
  };
  for (const file of writeCsvFiles(records, await countyVocabularies(db, county, now)))
    files[`记录/${file.name}`] = file.bytes;
  files["说明.txt"] = strToU8(
    [
      `${county.name}（${county.code}）全部数据，导出于 ${now.toISOString()}`,
      "记录/      各类记录，导入模板格式（CSV，UTF-8，人员类别和事件类型用本县的名称），可重新导入",
      "考核细则/  各年度考核细则的全部版本",
      "排名/      已发布的排名表（含更正版本）",
      "审计/      县及各乡镇的操作日志",
      `数据/      县及各乡镇的全部原始条目（共 ${itemCount} 条，已去除密码等机密）`,
    ].join("\r\n"),
  );
  const zip = zipSync(files, { level: 6 });
  return {
    fileName: `${county.code}-${county.name}-全部数据-${now.toISOString().slice(0, 10)}.zip`,
    contentBase64: Buffer.from(zip).toString("base64"),
    bytes: zip.length,
  };
}

// ---- offboard and purge -----------------------------------------------------------------------------

async function countyOrNotFound(db: Db, countyId: string): Promise<ItemOf<"county">> {
  const county = await getItem(db, "county", { id: countyId });
  if (!county) throw new AppError("NOT_FOUND", "县不存在");
  return county;
}

/**
 * The platform admin takes a county out of use: read-only from now, deletable after RETENTION_DAYS. Its
 * join code is withdrawn in the same transaction, so no township can register into it.
 */
export async function offboardCounty(
  ctx: Signed,
  input: { countyId: string; expectedVersion: number; reason: string },
) {
  const { db } = ctx.services;
  const wctx = writeContext(ctx);
  const county = await countyOrNotFound(db, input.countyId);
  if (county.offboardedAt) throw recordState("该县已在停用保留期内");
  if (county.version !== input.expectedVersion)
    throw new AppError("CONFLICT", "数据已被他人修改，请刷新后重试");
  const offboardedAt = wctx.now.toISOString();
  const purgeAfter = new Date(wctx.now.getTime() + RETENTION_DAYS * 86_400_000).toISOString();
  const next = {
    ...county,
    offboardedAt,
    purgeAfter,
    joinCode: undefined,
    version: county.version + 1,
    updatedAt: offboardedAt,
    updatedBy: ctx.user.id,
  } as ItemOf<"county">;
  await writeTransaction(db, [
    tx.replace(db, "county", next, county.version),
    ...(county.joinCode ? [tx.remove(db, "joinCode", { code: county.joinCode })] : []),
    tx.audit(db, wctx, {
      scope: `C#${county.id}`,
      action: "county.offboard",
      entityType: "county",
      entityId: county.id,
      before: county,
      after: next,
      reason: input.reason,
    }),
    tx.audit(db, wctx, {
      scope: "P#platform",
      action: "county.offboard",
      entityType: "county",
      entityId: county.id,
      after: { name: county.name, code: county.code, offboardedAt, purgeAfter },
      reason: input.reason,
    }),
  ]);
  cacheOf(ctx.services).delete(county.id);
  return { countyId: county.id, offboardedAt, purgeAfter };
}

type Key = { pk: string; sk: string };

async function deleteKeys(db: Db, keys: Key[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      const result = await db.client.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }),
      );
      requests = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
    }
  }
}

/**
 * Deletes everything of an offboarded county once its retention has passed: the county's and its
 * townships' partitions (records, trails, schemes, tables, memberships), its people's accounts, sessions
 * and login names. The county item goes last, so an interrupted purge is finished by running it again.
 */
export async function purgeCounty(ctx: Signed, input: { countyId: string; reason: string }) {
  const { db } = ctx.services;
  const wctx = writeContext(ctx);
  const county = await countyOrNotFound(db, input.countyId);
  if (!county.offboardedAt || !county.purgeAfter) throw recordState("只能删除已停用的县");
  if (wctx.now.toISOString() < county.purgeAfter)
    throw recordState(`数据保留期至 ${county.purgeAfter.slice(0, 10)}，期满后才能删除`);

  const townships = await countyTownships(db, county.id);
  const partitions = [`C#${county.id}`, ...townships.map((t) => `T#${t.id}`)];
  const keys: Key[] = [];
  const userIds = new Set<string>();
  for (const pk of partitions) {
    for (const item of await partition(db, pk)) {
      if (sk(item).startsWith("MEMBER#") && typeof item.userId === "string") userIds.add(item.userId);
      keys.push({ pk, sk: sk(item) });
    }
  }
  for (const userId of userIds) {
    const user = await getItem(db, "user", { id: userId });
    for (const item of await partition(db, `U#${userId}`)) keys.push({ pk: `U#${userId}`, sk: sk(item) });
    for (const login of [user?.phone && `phone:${user.phone}`, user?.email && `email:${user.email}`]) {
      if (!login) continue;
      const claim = await getItem(db, "loginClaim", { login });
      if (claim?.userId === userId) keys.push({ pk: `L#${login}`, sk: `LOGIN#${login}` });
    }
  }
  const countyKey = { pk: `C#${county.id}`, sk: `COUNTY#${county.id}` };
  await deleteKeys(
    db,
    keys.filter((k) => k.pk !== countyKey.pk || k.sk !== countyKey.sk),
  );
  await writeTransaction(db, [
    tx.audit(db, wctx, {
      scope: "P#platform",
      action: "county.purge",
      entityType: "county",
      entityId: county.id,
      after: { name: county.name, code: county.code, items: keys.length, accounts: userIds.size },
      reason: input.reason,
    }),
  ]);
  await deleteKeys(db, [countyKey]);
  cacheOf(ctx.services).delete(county.id);
  return { countyId: county.id, deletedItems: keys.length, deletedAccounts: userIds.size };
}
