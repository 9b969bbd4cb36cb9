import { randomUUID } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db";
import type { EntityName } from "./entities";
import { conflict, type DataError, duplicate, isConflict, notFound } from "./errors";
import { type LiveChange, liveVersionItems, touchedBy } from "./live-versions";
import { loose, type Params } from "./loose-entity";
import { getItem, type ItemOf } from "./read";

/** Who is writing, and the instant the write is stamped with (the caller's clock, for testability). */
export type WriteContext = {
  actor: { id: string; role: string };
  now: Date;
};

/** DynamoDB's limit of items in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/** One item of a DynamoDB transaction, in the document client's shape. */
export type TxItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** Secrets never go into the audit trail. */
const REDACTED = new Set(["passwordHash", "secretHash", "previousSecretHash", "retiredSecretHashes"]);
function redact(item: object | undefined): Record<string, unknown> | undefined {
  if (!item) return undefined;
  return Object.fromEntries(Object.entries(item).filter(([k]) => !REDACTED.has(k)));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isEntryList = (v: unknown): v is { id: unknown }[] =>
  Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null && "id" in x);

/**
 * An audit entry keeps what changed, not two copies of the whole item (which grows without bound and once
 * overflowed DynamoDB's 400 KB item limit): only the top-level fields that differ, and of a list of entries
 * with ids only the entries added, removed or changed. `version` stays as the reference point.
 */
export function auditDiff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const is = after[key];
    if (key !== "version" && same(was, is)) continue;
    if (isEntryList(was) && isEntryList(is)) {
      const wasById = new Map(was.map((x) => [JSON.stringify(x.id), x]));
      const isById = new Map(is.map((x) => [JSON.stringify(x.id), x]));
      b[key] = was.filter((x) => !same(x, isById.get(JSON.stringify(x.id))));
      a[key] = is.filter((x) => !same(x, wasById.get(JSON.stringify(x.id))));
      continue;
    }
    if (was !== undefined) b[key] = was;
    if (is !== undefined) a[key] = is;
  }
  return { before: b, after: a };
}

/** The error an item's failed condition stands for, when it is not a conflict (see tx.create). */
const failureOf = new WeakMap<TxItem, () => DataError>();

/** The stored item a replacing Put overwrites (set by updateRecord): its months change too. */
const beforeOf = new WeakMap<TxItem, Record<string, unknown>>();

/** An update or delete ElectroDB has built, e.g. `db.entities.user.patch(key).set(…).where(…)`. */
type Built = { params: () => object };

/** The parts of ElectroDB's params a transaction item may carry (no ReturnValues and the like). */
function itemParams(built: Built, kind: "Update" | "Delete"): Params & { UpdateExpression?: string } {
  const p = built.params() as Params & { UpdateExpression?: string };
  if (!p.Key || (kind === "Update" && !p.UpdateExpression))
    throw new Error(`tx.${kind === "Update" ? "update" : "removeWhere"}: not a keyed ${kind.toLowerCase()}`);
  return {
    TableName: p.TableName,
    Key: p.Key,
    ...(p.UpdateExpression ? { UpdateExpression: p.UpdateExpression } : {}),
    ...(p.ConditionExpression ? { ConditionExpression: p.ConditionExpression } : {}),
    ...(p.ExpressionAttributeNames ? { ExpressionAttributeNames: p.ExpressionAttributeNames } : {}),
    ...(p.ExpressionAttributeValues && Object.keys(p.ExpressionAttributeValues).length > 0
      ? { ExpressionAttributeValues: p.ExpressionAttributeValues }
      : {}),
  };
}

/** Builders of transaction items from entities, so callers never write key strings by hand. */
export const tx = {
  /** Insert; fails the transaction when the item exists (with `onExists`' error, CONFLICT by default). */
  create<N extends EntityName>(db: Db, name: N, item: ItemOf<N>, onExists?: () => DataError): TxItem {
    const txItem = { Put: loose(db, name).create(item).params() } as TxItem;
    if (onExists) failureOf.set(txItem, onExists);
    return txItem;
  },
  /** Replace, only if the stored item still has `expectedVersion`. */
  replace<N extends EntityName>(db: Db, name: N, item: ItemOf<N>, expectedVersion: number): TxItem {
    const params = loose(db, name).put(item).params();
    return {
      Put: {
        ...params,
        ConditionExpression: "attribute_exists(#pk) AND #version = :expectedVersion",
        ExpressionAttributeNames: { ...params.ExpressionAttributeNames, "#pk": "pk", "#version": "version" },
        ExpressionAttributeValues: {
          ...params.ExpressionAttributeValues,
          ":expectedVersion": expectedVersion,
        },
      },
    } as TxItem;
  },
  /** Delete, only if the stored item still has `expectedVersion` (when given). */
  remove<N extends EntityName>(db: Db, name: N, key: Partial<ItemOf<N>>, expectedVersion?: number): TxItem {
    const params = loose(db, name).delete(key).params();
    const Delete: Params = { TableName: params.TableName, Key: params.Key };
    if (expectedVersion !== undefined) {
      Delete.ConditionExpression = "#version = :expectedVersion";
      Delete.ExpressionAttributeNames = { "#version": "version" };
      Delete.ExpressionAttributeValues = { ":expectedVersion": expectedVersion };
    }
    return { Delete } as TxItem;
  },
  /**
   * An in-place update with its own condition, built with ElectroDB:
   * `tx.update(db.entities.user.patch({ id }).set({ … }).where((a, op) => op.notExists(a.lockedUntil)))`.
   * A failed condition is a conflict unless `onFailed` says otherwise.
   */
  update(built: Built, onFailed?: () => DataError): TxItem {
    const txItem = { Update: itemParams(built, "Update") } as TxItem;
    if (onFailed) failureOf.set(txItem, onFailed);
    return txItem;
  },
  /** A delete with its own condition, built with ElectroDB: `db.entities.x.delete(key).where(…)`. */
  removeWhere(built: Built, onFailed?: () => DataError): TxItem {
    const txItem = { Delete: itemParams(built, "Delete") } as TxItem;
    if (onFailed) failureOf.set(txItem, onFailed);
    return txItem;
  },
  audit(
    db: Db,
    ctx: WriteContext,
    entry: {
      scope: string;
      action: string;
      entityType: string;
      entityId: string;
      before?: object;
      after?: object;
      reason?: string;
    },
  ): TxItem {
    const before = redact(entry.before);
    const after = redact(entry.after);
    const changed = before && after ? auditDiff(before, after) : { before, after };
    return tx.create(db, "audit", {
      scope: entry.scope,
      at: ctx.now.toISOString(),
      id: randomUUID(),
      actorId: ctx.actor.id,
      actorRole: ctx.actor.role,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: changed.before,
      after: changed.after,
      reason: entry.reason,
    });
  },
};

/**
 * Runs one transaction. A failed condition (or a concurrent transaction on the same item) becomes
 * CONFLICT unless `onConditionFailed` says otherwise for that item's position.
 */
export async function writeTransaction(
  db: Db,
  items: TxItem[],
  onConditionFailed?: (index: number) => DataError | undefined,
): Promise<void> {
  // Every write of a record scoring reads bumps its township-months' live versions in the same
  // transaction (live-versions.ts), so no caller can forget it. They go after the caller's items, whose
  // positions onConditionFailed refers to.
  const changes = liveChanges(items);
  let versions = liveVersionItems(db, changes);
  // No room for a counter per township-month (a large import chunk): the townships' register counters,
  // which every month of a township depends on, stand for them (coarser, never stale; each change keeps
  // its kind, so only that kind's loads of the township are stale).
  if (items.length + versions.length > MAX_TRANSACTION_ITEMS)
    versions = liveVersionItems(
      db,
      changes.map((c) => ({ ...c, months: [], register: true })),
    );
  const all = [...items, ...versions];
  if (all.length > MAX_TRANSACTION_ITEMS)
    throw new Error(
      `transaction of ${all.length} items (with live-table versions) is over DynamoDB's ${MAX_TRANSACTION_ITEMS}`,
    );
  for (let attempt = 0; ; attempt++) {
    try {
      await db.client.send(new TransactWriteCommand({ TransactItems: all }));
      return;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        for (const [index, reason] of reasons.entries()) {
          if (reason.Code === "ConditionalCheckFailed") {
            const item = all[index];
            throw onConditionFailed?.(index) ?? (item && failureOf.get(item)?.()) ?? conflict("item");
          }
        }
        if (reasons.some((r) => r.Code === "TransactionConflict")) {
          // Another transaction held one of the items (typically a shared live-version counter): nothing
          // was written, so trying again is safe. A stale version shows up as ConditionalCheckFailed.
          if (attempt < TRANSACTION_CONFLICT_RETRIES) {
            await sleep(Math.random() * Math.min(250, 10 * 2 ** attempt));
            continue;
          }
          throw conflict("item");
        }
      }
      throw error;
    }
  }
}

const TRANSACTION_CONFLICT_RETRIES = 12;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The township-months (and registers) the items of a transaction change, before and after. */
function liveChanges(items: readonly TxItem[]): LiveChange[] {
  const out: LiveChange[] = [];
  for (const item of items) {
    const found: (LiveChange | null)[] = [];
    if (item.Put) {
      const stored = item.Put.Item as Record<string, unknown>;
      const entity = stored.__edb_e__;
      if (typeof entity !== "string") continue;
      const after = touchedBy(entity, stored);
      const before = beforeOf.get(item);
      if (before) found.push(touchedBy(entity, before));
      else if (after && item.Put.ConditionExpression?.includes("attribute_exists("))
        // A replace whose before-image the caller did not hand over (not through updateRecord): the months
        // the record left are unknown, so the register counter stands for them.
        after.register = true;
      found.push(after);
    } else if (item.Delete) {
      // A record deleted outright (records are normally soft-deleted): its months are unknown, so the
      // register counter, which every month of the township depends on, stands for them.
      const { pk, sk } = item.Delete.Key as { pk?: unknown; sk?: unknown };
      if (typeof pk === "string" && typeof sk === "string" && pk.startsWith("T#") && RECORD_SK.test(sk))
        found.push({ townshipId: pk.slice(2), months: [], register: true });
    }
    for (const t of found) {
      if (!t || (t.months.length === 0 && !t.register)) continue;
      out.push({
        townshipId: t.townshipId,
        months: t.months,
        register: t.register,
        ...(t.kind ? { kind: t.kind } : {}),
      });
    }
  }
  return out;
}

/** Sort keys of the township records scoring reads (disputes, petitions, …, submissions). */
const RECORD_SK = /^(DSP|PET|INC|KP|VIS|EVT|SUB)#/;

type Stamped = {
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

/** Adds the version and who/when stamps to a new record. */
export function stampNew<T extends object>(ctx: WriteContext, fields: T): T & Stamped {
  const at = ctx.now.toISOString();
  return {
    ...fields,
    version: 1,
    createdAt: at,
    createdBy: ctx.actor.id,
    updatedAt: at,
    updatedBy: ctx.actor.id,
  };
}

const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

export type CreateOptions<N extends EntityName> = {
  entity: N;
  /** The record without version and stamps. */
  item: Omit<ItemOf<N>, keyof Stamped>;
  /** The item's primary-key attributes (to re-read it when a request is retried). */
  key: (item: ItemOf<N>) => Partial<ItemOf<N>>;
  entityId: string;
  /** The tenant's audit trail, "T#<id>" or "C#<id>". */
  scope: string;
  /** The client's request id; a retry with the same one returns the first result. */
  requestId?: string;
  action?: string;
  /** More items for the same transaction (a membership with a user, a uniqueness guard…). */
  extra?: TxItem[];
};

/**
 * Creates a record, its audit entry and (with a request id) its idempotency item in one transaction.
 * Returns the stored record, and whether it was created now or by an earlier try of the same request.
 */
export async function createRecord<N extends EntityName>(
  db: Db,
  ctx: WriteContext,
  options: CreateOptions<N>,
): Promise<{ item: ItemOf<N>; replayed: boolean }> {
  const { requestId, scope } = options;
  if (requestId) {
    const earlier = await replay(db, scope, requestId, options.entity);
    if (earlier) return { item: earlier, replayed: true };
  }
  const item = stampNew(ctx, options.item) as unknown as ItemOf<N>;
  const items: TxItem[] = [
    tx.create(db, options.entity, item),
    tx.audit(db, ctx, {
      scope,
      action: options.action ?? `${options.entity}.create`,
      entityType: options.entity,
      entityId: options.entityId,
      after: item,
    }),
  ];
  if (requestId) {
    items.push(
      tx.create(db, "idempotency", {
        scope,
        requestId,
        entityType: options.entity,
        entityKey: options.key(item),
        actorId: ctx.actor.id,
        createdAt: ctx.now.toISOString(),
        expiresAt: Math.floor(ctx.now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
      }),
    );
  }
  items.push(...(options.extra ?? []));
  const idempotencyIndex = requestId ? 2 : -1;
  try {
    await writeTransaction(db, items, (index) => {
      if (index === 0) return duplicate(options.entity);
      if (index === idempotencyIndex) return undefined; // resolved below: a parallel try won the race
      return undefined;
    });
  } catch (error) {
    if (requestId && isConflict(error)) {
      const earlier = await replay(db, scope, requestId, options.entity);
      if (earlier) return { item: earlier, replayed: true };
    }
    throw error;
  }
  return { item, replayed: false };
}

async function replay<N extends EntityName>(
  db: Db,
  scope: string,
  requestId: string,
  entity: N,
): Promise<ItemOf<N> | undefined> {
  const record = await getItem(db, "idempotency", { scope, requestId });
  if (!record) return undefined;
  if (record.entityType !== entity) throw duplicate("request id");
  return getItem(db, entity, record.entityKey as Partial<ItemOf<N>>);
}

export type UpdateOptions<N extends EntityName> = {
  entity: N;
  key: Partial<ItemOf<N>>;
  entityId: string;
  scope: string;
  /** The version the client saw; anything else is a conflict. */
  expectedVersion: number;
  /** Computes the new record from the stored one (it may throw a domain error to refuse). */
  change: (current: ItemOf<N>) => ItemOf<N>;
  action: string;
  reason?: string;
  /** Treat soft-deleted records as missing (the default). */
  includeDeleted?: boolean;
  extra?: TxItem[];
};

/**
 * Replaces a record if it still has the expected version, with its audit entry (before and after) in the
 * same transaction. The losing side of a race gets CONFLICT; nothing is silently overwritten.
 */
export async function updateRecord<N extends EntityName>(
  db: Db,
  ctx: WriteContext,
  options: UpdateOptions<N>,
): Promise<ItemOf<N>> {
  const current = await getItem(db, options.entity, options.key);
  if (!current || (!options.includeDeleted && (current as { deletedAt?: string }).deletedAt)) {
    throw notFound(options.entity);
  }
  const currentVersion = (current as { version: number }).version;
  if (currentVersion !== options.expectedVersion) throw conflict(options.entity);
  const next = {
    ...options.change(current),
    version: currentVersion + 1,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.actor.id,
  } as ItemOf<N>;
  const replace = tx.replace(db, options.entity, next, currentVersion);
  beforeOf.set(replace, current as Record<string, unknown>);
  await writeTransaction(db, [
    replace,
    tx.audit(db, ctx, {
      scope: options.scope,
      action: options.action,
      entityType: options.entity,
      entityId: options.entityId,
      before: current,
      after: next,
      reason: options.reason,
    }),
    ...(options.extra ?? []),
  ]);
  return next;
}
