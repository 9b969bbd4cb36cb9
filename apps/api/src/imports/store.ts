import { BatchGetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { checkItems, type Db, type ItemOf } from "@pingan/data";
import type { RecordEntity } from "../records/township-records";

/**
 * Reads for the import: items by key in BatchGetItem requests (100 keys each, several in flight), never
 * one GetItem per row; the published periods of a county in one Query of the table keys.
 */

type Key = { pk: string; sk: string };
const BATCH = 100;
const PARALLEL = 4;

async function batchGetRaw(db: Db, keys: Key[]): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  const chunks: Key[][] = [];
  for (let i = 0; i < unique.length; i += BATCH) chunks.push(unique.slice(i, i + BATCH));
  const out: Record<string, unknown>[] = [];
  const run = async (chunk: Key[]) => {
    let pending: Key[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error("BatchGetItem: keys left unprocessed");
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const result = await db.client.send(
        new BatchGetCommand({
          RequestItems: { [db.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      out.push(...((result.Responses?.[db.tableName] ?? []) as Record<string, unknown>[]));
      pending = (result.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as Key[];
    }
  };
  for (let i = 0; i < chunks.length; i += PARALLEL) await Promise.all(chunks.slice(i, i + PARALLEL).map(run));
  return out;
}

/** Items a range read may cover before the ids not yet met are looked up by key: at least this, or 4× the ids. */
const RANGE_BUDGET = 100;

/**
 * Records of one entity by (townshipId, id), validated; keyed `townshipId/id`. Many imported ids of one
 * township are found by reading the township's range of imported records of the kind (`<prefix>imp-`, a
 * Query returning up to 1 MB a request) — for a first import an empty range, answered at once — as
 * long as that range is not much larger than the ids wanted (DynamoDB Local answers a BatchGetItem at
 * about 1 ms a key); past that budget, and for app-entered ids, BatchGetItem.
 */
export async function getRecords<N extends RecordEntity>(
  db: Db,
  entity: N,
  prefix: string,
  keys: { townshipId: string; id: string }[],
): Promise<Map<string, ItemOf<N>>> {
  const found = new Map<string, ItemOf<N>>();
  if (keys.length === 0) return found;
  const byTownship = new Map<string, Set<string>>();
  for (const k of keys) byTownship.set(k.townshipId, (byTownship.get(k.townshipId) ?? new Set()).add(k.id));
  const rest: { townshipId: string; id: string }[] = [];
  const add = (items: Record<string, unknown>[]) => {
    for (const item of checkItems(db, entity, items)) {
      const r = item as unknown as { townshipId: string; id: string };
      found.set(`${r.townshipId}/${r.id}`, item);
    }
  };
  await Promise.all(
    [...byTownship].map(async ([townshipId, ids]) => {
      const imported = [...ids].filter((id) => id.startsWith("imp-"));
      const others = [...ids].filter((id) => !id.startsWith("imp-"));
      for (const id of others) rest.push({ townshipId, id });
      if (imported.length === 0) return;
      const wanted = new Set(imported);
      const budget = Math.max(RANGE_BUDGET, 4 * imported.length);
      let read = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const result = await db.client.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
            ExpressionAttributeValues: { ":pk": `T#${townshipId}`, ":prefix": `${prefix}imp-` },
            ConsistentRead: true,
            ExclusiveStartKey: start,
            Limit: budget - read,
          }),
        );
        const items = (result.Items ?? []) as Record<string, unknown>[];
        read += items.length;
        add(items.filter((i) => wanted.has(String(i.id))));
        for (const i of items) wanted.delete(String(i.id));
        start = result.LastEvaluatedKey;
      } while (start && read < budget && wanted.size > 0);
      // Over budget: the ids not met yet are looked up one by one (in batches).
      if (start) for (const id of wanted) rest.push({ townshipId, id });
    }),
  );
  if (rest.length > 0)
    add(
      await batchGetRaw(
        db,
        rest.map((k) => ({ pk: `T#${k.townshipId}`, sk: `${prefix}${k.id}` })),
      ),
    );
  return found;
}

/** Submissions by (townshipId, month); keyed `townshipId/month`. */
export async function getSubmissions(
  db: Db,
  keys: { townshipId: string; month: string }[],
): Promise<Map<string, ItemOf<"submission">>> {
  if (keys.length === 0) return new Map();
  const raw = await batchGetRaw(
    db,
    keys.map((k) => ({ pk: `T#${k.townshipId}`, sk: `SUB#${k.month}` })),
  );
  return new Map(checkItems(db, "submission", raw).map((s) => [`${s.townshipId}/${s.month}`, s]));
}

/** The periods (month, quarter, year) the county has published a league table for. */
export async function publishedPeriods(db: Db, countyId: string): Promise<Set<string>> {
  const periods = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :lt)",
        ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
        ExpressionAttributeValues: { ":pk": `C#${countyId}`, ":lt": "LT#" },
        ProjectionExpression: "#sk",
        ExclusiveStartKey: start,
      }),
    );
    for (const item of result.Items ?? []) {
      const sk = String(item.sk);
      periods.add(sk.slice(3, sk.lastIndexOf("#")));
    }
    start = result.LastEvaluatedKey;
  } while (start);
  return periods;
}

/** One page of a township's records of one entity, in id order, after `afterSk` (exclusive). */
export async function queryRecords<N extends RecordEntity>(
  db: Db,
  entity: N,
  prefix: string,
  townshipId: string,
  options: { after?: string; limit: number; anchor?: string; from?: string; to?: string; overlaps?: boolean },
): Promise<{ items: ItemOf<N>[]; last: string | null }> {
  const names: Record<string, string> = { "#pk": "pk", "#sk": "sk", "#deleted": "deletedAt" };
  const values: Record<string, unknown> = { ":pk": `T#${townshipId}`, ":prefix": prefix };
  let filter = "attribute_not_exists(#deleted)";
  if (options.anchor && options.from && options.to) {
    names["#anchor"] = options.anchor;
    values[":from"] = options.from;
    values[":to"] = options.to;
    if (options.overlaps) {
      // A key person on the register at some time of the period.
      names["#until"] = "deregisteredAt";
      filter += " AND #anchor < :to AND (attribute_not_exists(#until) OR #until >= :from)";
    } else {
      filter += " AND #anchor >= :from AND #anchor < :to";
    }
  }
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined = options.after
    ? { pk: `T#${townshipId}`, sk: options.after }
    : undefined;
  let last: string | null = null;
  while (items.length < options.limit) {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :prefix)",
        FilterExpression: filter,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
        Limit: Math.max(options.limit - items.length, 25),
      }),
    );
    for (const item of result.Items ?? []) {
      if (items.length === options.limit) break;
      items.push(item);
      last = String(item.sk);
    }
    start = result.LastEvaluatedKey;
    if (!start) {
      if (items.length < options.limit) last = null;
      break;
    }
    if (items.length === options.limit) last = String(items[items.length - 1]?.sk);
  }
  return { items: checkItems(db, entity, items), last };
}
