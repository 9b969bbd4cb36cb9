import type { EntityItem } from "electrodb";
import type { Db } from "./db";
import type { Entities, EntityName } from "./entities";
import { checkItem } from "./item-schema";
import { loose } from "./loose-entity";

/**
 * Reading items back: every item that leaves the data layer has been checked against its entity's
 * attribute definitions (item-schema.ts), so callers never cast what storage returned.
 */

export type ItemOf<N extends EntityName> = EntityItem<Entities[N]>;

/** Reads one item by its primary key (strongly consistent) and validates it. */
export async function getItem<N extends EntityName>(
  db: Db,
  name: N,
  key: Partial<ItemOf<N>>,
): Promise<ItemOf<N> | undefined> {
  const entity = loose(db, name);
  const { data } = await entity.get(key).go({ consistent: true });
  if (data === null || data === undefined) return undefined;
  return checkItem<ItemOf<N>>(entity, data);
}

/** Validates items read by a query. */
export function checkItems<N extends EntityName>(db: Db, name: N, items: unknown[]): ItemOf<N>[] {
  const entity = loose(db, name);
  return items.map((item) => checkItem<ItemOf<N>>(entity, item));
}
