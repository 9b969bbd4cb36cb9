import { randomUUID } from "node:crypto";
import { createRecord, type EntityName, getItem, type ItemOf, updateRecord } from "@pingan/data";
import { AppError } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";

/** The township record types: each keyed by (townshipId, id) in the township's partition. */
export type RecordEntity = Extract<
  EntityName,
  "dispute" | "petition" | "incident" | "keyPerson" | "visit" | "event"
>;

/** A record's own fields: everything but its key and the stamps the data layer writes. */
export type RecordFields<N extends RecordEntity> = Omit<
  ItemOf<N>,
  "townshipId" | "id" | "version" | "createdAt" | "createdBy" | "updatedAt" | "updatedBy"
>;

/** `tenantServices.db` is the tenant-scoped client (trpc.ts): records are read and written only through it. */
type TownshipCtx = {
  services: Services;
  tenantServices: Services;
  user: SessionUser;
  township: ItemOf<"township">;
};

/**
 * Creates a record in the caller's township (never the input's: the key comes from ctx.township, so the
 * data layer cannot be pointed at another tenant), idempotent on the client's request id.
 */
export async function createTownshipRecord<N extends RecordEntity>(
  ctx: TownshipCtx,
  entity: N,
  requestId: string,
  fields: RecordFields<N>,
): Promise<ItemOf<N>> {
  const id = randomUUID();
  const { item } = await createRecord(ctx.tenantServices.db, writeContext(ctx), {
    entity,
    item: { ...fields, townshipId: ctx.township.id, id } as never,
    key: (x) =>
      ({ townshipId: (x as { townshipId: string }).townshipId, id: (x as { id: string }).id }) as never,
    entityId: id,
    scope: `T#${ctx.township.id}`,
    requestId,
    action: `${entity}.create`,
  });
  return item;
}

/** Edits a record of the caller's township, if it still has the version the client saw. */
export function editTownshipRecord<N extends RecordEntity>(
  ctx: TownshipCtx,
  entity: N,
  id: string,
  expectedVersion: number,
  action: string,
  change: (current: ItemOf<N>) => ItemOf<N>,
  reason?: string,
): Promise<ItemOf<N>> {
  return updateRecord(ctx.tenantServices.db, writeContext(ctx), {
    entity,
    key: { townshipId: ctx.township.id, id } as never,
    entityId: id,
    scope: `T#${ctx.township.id}`,
    expectedVersion,
    action,
    change,
    reason,
  });
}

/** Marks a record deleted (kept for the audit trail and published scores). */
export function softDelete<N extends RecordEntity>(
  ctx: TownshipCtx,
  entity: N,
  id: string,
  expectedVersion: number,
  reason?: string,
): Promise<ItemOf<N>> {
  const at = ctx.services.now().toISOString();
  return editTownshipRecord(
    ctx,
    entity,
    id,
    expectedVersion,
    `${entity}.delete`,
    (current) => ({ ...current, deletedAt: at, deletedBy: ctx.user.id }),
    reason,
  );
}

/** One live record of the caller's township. */
export async function getTownshipRecord<N extends RecordEntity>(
  ctx: { tenantServices: Services; township: ItemOf<"township"> },
  entity: N,
  id: string,
): Promise<ItemOf<N>> {
  const item = await getItem(ctx.tenantServices.db, entity, { townshipId: ctx.township.id, id } as never);
  if (!item || (item as { deletedAt?: string }).deletedAt)
    throw new AppError("NOT_FOUND", "记录不存在或已被删除");
  return item;
}

/** Drops undefined values so a partial edit leaves the other fields as they are. */
export function definedOnly<T extends object>(x: T): Partial<T> {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const notBefore = (later: string | undefined, earlier: string | undefined) =>
  later === undefined || earlier === undefined || later >= earlier;
