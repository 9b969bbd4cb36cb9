import type { Db } from "./db";
import { badCursor } from "./errors";
import { checkItems, type ItemOf } from "./read";

/**
 * Listing queries of township records. Every one is a Query on the township's own key (the main
 * partition or a per-township index partition); none scans.
 */
export type Page<T> = { items: T[]; cursor: string | null };
export type RangeQuery = { from?: string; to?: string; cursor?: string | null; limit?: number };

type Ranged = {
  between: (a: object, b: object) => Ranged;
  gte: (a: object) => Ranged;
  lt: (a: object) => Ranged;
  where: (cb: (attr: Record<string, unknown>, op: FilterOps) => string) => Ranged;
  go: (options: object) => Promise<{ data: unknown[]; cursor: string | null }>;
};
type FilterOps = {
  notExists: (attr: unknown) => string;
  exists: (attr: unknown) => string;
  eq: (attr: unknown, value: unknown) => string;
};

function range(query: Ranged, attr: string, q: RangeQuery): Ranged {
  // Sort keys are "<instant>#<id>", so [from, to) on the instant is a between on the key prefix.
  if (q.from && q.to) return query.between({ [attr]: q.from }, { [attr]: q.to });
  if (q.from) return query.gte({ [attr]: q.from });
  if (q.to) return query.lt({ [attr]: q.to });
  return query;
}

/**
 * A cursor is the last key of the previous page (ElectroDB: base64url JSON). Only one whose keys are all
 * in the township's own partitions is passed on, so a forged cursor can neither reach another tenant nor
 * turn into an internal error.
 */
function checkedCursor(cursor: string | null | undefined, townshipId: string): string | null {
  if (!cursor) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (typeof key !== "object" || key === null || Array.isArray(key)) throw badCursor();
  const entries = Object.entries(key);
  const own = `T#${townshipId}`;
  const ok =
    entries.length > 0 &&
    entries.every(
      ([field, value]) =>
        typeof value === "string" &&
        /^(pk|sk|gsi[12]pk|gsi[12]sk)$/.test(field) &&
        (!field.endsWith("pk") || value === own || value.startsWith(`${own}#`)),
    );
  if (!ok) throw badCursor();
  return cursor;
}

async function page<N extends "dispute" | "petition" | "incident" | "visit" | "event" | "keyPerson">(
  db: Db,
  name: N,
  townshipId: string,
  query: Ranged,
  q: RangeQuery,
  extra?: (attr: Record<string, unknown>, op: FilterOps) => string,
): Promise<Page<ItemOf<N>>> {
  const filtered = query.where((attr, op) =>
    [op.notExists(attr.deletedAt), extra?.(attr, op)].filter((x) => x && x.length > 0).join(" AND "),
  );
  const cursor = checkedCursor(q.cursor, townshipId);
  let result: { data: unknown[]; cursor: string | null };
  try {
    result = await filtered.go({ cursor, limit: q.limit ?? 20, order: "desc" });
  } catch (error) {
    // DynamoDB refuses a start key that does not fit the query (e.g. another index's key).
    if (cursor && error instanceof Error && /cursor|start(ing)? key|ExclusiveStartKey/i.test(error.message)) {
      throw badCursor();
    }
    throw error;
  }
  return { items: checkItems(db, name, result.data), cursor: result.cursor };
}

const asRanged = (x: unknown) => x as Ranged;

/** Filters shared by the record lists: an attribute equal to a value when one is asked for, open or closed. */
const equalIfGiven = (attr: unknown, op: FilterOps, value: string | undefined) =>
  value ? op.eq(attr, value) : "";
const openOrClosed = (closedAt: unknown, op: FilterOps, status: "open" | "closed" | undefined) =>
  status === "open" ? op.notExists(closedAt) : status === "closed" ? op.exists(closedAt) : "";
const all = (...conditions: string[]) => conditions.filter(Boolean).join(" AND ");

/** Filters by where a record is filed (issue 14): village, grid, responsible person, each when asked for. */
export type FiledQuery = { villageId?: string; gridId?: string; responsibleId?: string };
const filedAs = (attr: Record<string, unknown>, op: FilterOps, q: FiledQuery) =>
  all(
    equalIfGiven(attr.villageId, op, q.villageId),
    equalIfGiven(attr.gridId, op, q.gridId),
    equalIfGiven(attr.responsibleId, op, q.responsibleId),
  );

export function listDisputes(
  db: Db,
  townshipId: string,
  q: RangeQuery & FiledQuery & { level?: string; status?: "open" | "closed" },
) {
  const base = asRanged(db.entities.dispute.query.byReported({ townshipId }));
  return page(db, "dispute", townshipId, range(base, "reportedAt", q), q, (attr, op) =>
    all(
      equalIfGiven(attr.level, op, q.level),
      openOrClosed(attr.closedAt, op, q.status),
      filedAs(attr, op, q),
    ),
  );
}

export function listPetitions(
  db: Db,
  townshipId: string,
  q: RangeQuery & FiledQuery & { status?: "open" | "closed" },
) {
  const base = asRanged(db.entities.petition.query.byReceived({ townshipId }));
  return page(db, "petition", townshipId, range(base, "receivedAt", q), q, (attr, op) =>
    all(openOrClosed(attr.closedAt, op, q.status), filedAs(attr, op, q)),
  );
}

export function listIncidents(db: Db, townshipId: string, q: RangeQuery & FiledQuery & { kind?: string }) {
  const base = asRanged(db.entities.incident.query.byOccurred({ townshipId }));
  return page(db, "incident", townshipId, range(base, "occurredAt", q), q, (attr, op) =>
    all(equalIfGiven(attr.kind, op, q.kind), filedAs(attr, op, q)),
  );
}

export function listEvents(db: Db, townshipId: string, q: RangeQuery & FiledQuery & { kind?: string }) {
  const base = asRanged(db.entities.event.query.byOccurred({ townshipId }));
  return page(db, "event", townshipId, range(base, "occurredAt", q), q, (attr, op) =>
    all(equalIfGiven(attr.kind, op, q.kind), filedAs(attr, op, q)),
  );
}

export function listVisits(db: Db, townshipId: string, q: RangeQuery & { keyPersonId?: string }) {
  const base = asRanged(db.entities.visit.query.byAt({ townshipId }));
  return page(db, "visit", townshipId, range(base, "at", q), q, (attr, op) =>
    equalIfGiven(attr.keyPersonId, op, q.keyPersonId),
  );
}

export function listKeyPersons(
  db: Db,
  townshipId: string,
  q: FiledQuery & {
    category?: string;
    includeDeregistered?: boolean;
    cursor?: string | null;
    limit?: number;
  },
) {
  const base = asRanged(db.entities.keyPerson.query.byId({ townshipId }));
  return page(db, "keyPerson", townshipId, base, q, (attr, op) =>
    all(
      equalIfGiven(attr.category, op, q.category),
      q.includeDeregistered ? "" : op.notExists(attr.deregisteredAt),
      filedAs(attr, op, q),
    ),
  );
}
