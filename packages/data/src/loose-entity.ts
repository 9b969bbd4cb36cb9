import type { Db } from "./db";
import type { EntityName } from "./entities";

/** The request parameters ElectroDB builds for one item. */
export type Params = {
  TableName: string;
  Item?: Record<string, unknown>;
  Key?: Record<string, unknown>;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

// ElectroDB's per-entity generics do not survive indexing by a name union; these helpers only need the
// params-building surface, which every entity has.
export type LooseEntity = {
  create: (item: object) => { params: () => Params };
  put: (item: object) => { params: () => Params };
  delete: (key: object) => { params: () => Params };
  get: (key: object) => { go: (o?: object) => Promise<{ data: unknown }> };
  schema: { attributes: object };
};
export const loose = (db: Db, name: EntityName) => db.entities[name] as unknown as LooseEntity;
