import { BatchGetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { monthOf } from "@pingan/domain";
import type { Db } from "./db";

/**
 * Live-table versions: what a cached township-month score was computed from.
 *
 * Every write of a record that scoring reads bumps, in the same transaction, one small counter item per
 * township and month the record touches (before and after the write), in the township's own partition,
 * so a township's credentials never write anything in its county's partition (tenant-keys.ts):
 *
 *   T#<townshipId> / LV#<month>   { v }   records of that township with an instant in that month,
 *                                         and its month's submission (manual scores, adjustments)
 *   T#<townshipId> / LVK          { v }   the township's key-person register (any month may depend on it)
 *                                 { s }   on the same item: every write of any of the township's counters
 *                                         (a reader re-reads them only when it moved)
 *
 * Month and register counters also count each kind of record written (`k_<kind>`, `a_<kind>`), so what
 * was loaded of the other kinds can be reused (`kindToken`).
 *
 * A township-month score depends on the counters of the months its records can come from (the month, the
 * look-back for disputes that become overdue in it, a quarter's or year's months for periodic duties)
 * and on the register counter; reading them for a whole county and year is a few consistent `BatchGet`s
 * (townships × months keys, 100 a request).
 * Writes in different townships or months never touch the same counter; writes in the same township and
 * month do, and a transaction that meets another on the same counter (`TransactionConflict`) is retried
 * by `writeTransaction`.
 */

/** The kinds of record a township-month score is computed from, each counted on its own in a counter item. */
export const LIVE_KINDS = [
  "dispute",
  "petition",
  "incident",
  "keyPerson",
  "visit",
  "event",
  "submission",
] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];
const isLiveKind = (x: string): x is LiveKind => (LIVE_KINDS as readonly string[]).includes(x);

/** Entities whose writes change what a live table scores. */
const SCORED_INSTANTS: Record<string, readonly string[]> = {
  dispute: ["reportedAt", "closedAt"],
  petition: ["receivedAt", "firstHandledAt", "closedAt"],
  incident: ["occurredAt"],
  visit: ["at"],
  event: ["occurredAt"],
};

export type LiveChange = {
  townshipId: string;
  /** Months (`YYYY-MM`) whose scores may change. */
  months: string[];
  /** Whether the key-person register changed (every month may depend on it). */
  register: boolean;
  /**
   * The kind of record written: its own count in each counter moves too, so what was loaded of the other
   * kinds stays usable. Absent: any kind may have changed (every kind's count is then stale).
   */
  kind?: LiveKind;
};

const MONTH = /^\d{4}-\d{2}$/;

/** The township and months a stored item of `entity` stands for, or null when scoring does not read it. */
export function touchedBy(
  entity: string,
  item: Record<string, unknown>,
): { townshipId: string; months: string[]; register: boolean; kind: LiveKind } | null {
  const townshipId = item.townshipId;
  if (typeof townshipId !== "string") return null;
  if (entity === "keyPerson") return { townshipId, months: [], register: true, kind: entity };
  if (entity === "submission") {
    const month = item.month;
    if (typeof month !== "string" || !MONTH.test(month)) return null;
    return { townshipId, months: [month], register: false, kind: entity };
  }
  const fields = SCORED_INSTANTS[entity];
  if (!fields || !isLiveKind(entity)) return null;
  const months = new Set<string>();
  for (const f of fields) {
    const v = item[f];
    if (typeof v !== "string") continue;
    try {
      months.add(monthOf(v));
    } catch {
      // not an instant: nothing to invalidate for it
    }
  }
  return { townshipId, months: [...months], register: false, kind: entity };
}

/** The key of a township-month's counter in `LiveVersions.months`. */
export const liveMonthKey = (month: string, townshipId: string) => `LV#${month}#${townshipId}`;
const monthCounterSk = (month: string) => `LV#${month}`;
const REGISTER_SK = "LVK";

/**
 * The counter updates for some changes, one per counter (a transaction may not touch an item twice).
 * Every record write goes through `writeTransaction`, which adds these itself; a caller building its
 * own transaction of records (an import) gets them the same way and needs nothing else.
 *
 * Each counter item holds `v` (every write) and, per kind of record written, `k_<kind>` (its writes)
 * and `a_<kind>` (when it last moved). `v` moves by one for each kind written plus one for a write of no
 * stated kind, so `v` minus the kinds' counts counts the writes of unknown kind (a coarse fallback, or a
 * writer from before the kinds were counted): every kind's count is stale when that moves.
 */
export function liveVersionItems(db: Db, changes: readonly LiveChange[]) {
  const keys = new Map<string, { kinds: Set<LiveKind>; untyped: boolean }>();
  const touch = (key: string, kind: LiveKind | undefined) => {
    const k = keys.get(key) ?? { kinds: new Set<LiveKind>(), untyped: false };
    if (kind) k.kinds.add(kind);
    else k.untyped = true;
    keys.set(key, k);
  };
  for (const c of changes) {
    for (const m of c.months) touch(`T#${c.townshipId}\u0000${monthCounterSk(m)}`, c.kind);
    if (c.register) touch(`T#${c.townshipId}\u0000${REGISTER_SK}`, c.kind);
  }
  const at = Date.now();
  // Each township written: its summary (`s` on the register's item, so a transaction still needs one item
  // per township at least, as before) moves too; readers re-read its counters only when it did.
  const townships = new Set(
    changes.filter((c) => c.months.length > 0 || c.register).map((c) => c.townshipId),
  );
  const summaries = [...townships]
    .filter((t) => !keys.has(`T#${t}\u0000${REGISTER_SK}`))
    .map((townshipId) => ({
      Update: {
        TableName: db.tableName,
        Key: { pk: `T#${townshipId}`, sk: REGISTER_SK },
        // The summary only: the register's own `v` and `at` stay as they are.
        UpdateExpression: "ADD #s :one",
        ExpressionAttributeNames: { "#s": "s" },
        ExpressionAttributeValues: { ":one": 1 },
      },
    }));
  const counters = [...keys].map(([k, { kinds, untyped }]) => {
    const [pk, sk] = k.split("\u0000") as [string, string];
    const add = ["#v :n"];
    const register = sk === REGISTER_SK;
    if (register) add.push("#s :one");
    // `at` (wall clock): when the counter last moved, so a reader knows whether the eventually consistent
    // indexes it reads records through may not show the write yet (see the API's live scores).
    const set = ["#at = :at"];
    const names: Record<string, string> = { "#v": "v", "#at": "at", ...(register ? { "#s": "s" } : {}) };
    for (const kind of kinds) {
      add.push(`#k_${kind} :one`);
      set.push(`#a_${kind} = :at`);
      names[`#k_${kind}`] = `k_${kind}`;
      names[`#a_${kind}`] = `a_${kind}`;
    }
    return {
      Update: {
        TableName: db.tableName,
        Key: { pk, sk },
        UpdateExpression: `ADD ${add.join(", ")} SET ${set.join(", ")}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ":n": kinds.size + (untyped ? 1 : 0),
          ...(kinds.size > 0 || register ? { ":one": 1 } : {}),
          ":at": at,
        },
      },
    };
  });
  return [...counters, ...summaries];
}

/**
 * Strongly consistent `BatchGet` of `keys` (100 a request, all at once), retrying unprocessed keys with a
 * short back-off; the items found, in no particular order.
 */
async function consistentBatchGet(
  db: Db,
  keys: readonly Record<string, unknown>[],
  projection?: { expression: string; names: Record<string, string> },
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  await Promise.all(
    Array.from({ length: Math.ceil(keys.length / 100) }, async (_, i) => {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i * 100, i * 100 + 100);
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(500, 20 * 2 ** attempt)));
        const answer = await db.client.send(
          new BatchGetCommand({
            RequestItems: {
              [db.tableName]: {
                Keys: pending,
                ConsistentRead: true,
                ...(projection && {
                  ProjectionExpression: projection.expression,
                  ExpressionAttributeNames: projection.names,
                }),
              },
            },
          }),
        );
        found.push(...((answer.Responses?.[db.tableName] ?? []) as Record<string, unknown>[]));
        pending = answer.UnprocessedKeys?.[db.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }),
  );
  return found;
}

/**
 * Each township's summary counter (`s` on `T#<townshipId> / LVK`: every write of any of its counters
 * moves it, in the same transaction), by township; absent: never written. One consistent `BatchGet` per 100.
 * A reader that read a township's counters after reading its summary may reuse them while the summary
 * stays the same: no write landed since.
 */
export async function readLiveSummaries(
  db: Db,
  townshipIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const items = await consistentBatchGet(
    db,
    townshipIds.map((t) => ({ pk: `T#${t}`, sk: REGISTER_SK })),
    { expression: "#pk, #s", names: { "#pk": "pk", "#s": "s" } },
  );
  for (const { pk, s } of items) {
    if (typeof pk !== "string" || !pk.startsWith("T#") || (s !== undefined && typeof s !== "number"))
      throw new Error(`malformed live summary ${String(pk)}`);
    // A register written before summaries existed has none yet: as if never written.
    if (typeof s === "number") out.set(pk.slice(2), s);
  }
  return out;
}

export type LiveCounter = {
  v: number;
  at: number;
  /** Per kind of record: its writes and when it last moved (absent: never written with its kind). */
  kinds: Partial<Record<LiveKind, { n: number; at: number }>>;
  /** Writes of no stated kind (`v` minus the kinds' counts): every kind may have changed with them. */
  untyped: number;
};

export type LiveVersions = {
  /** `LV#<month>#<townshipId>` → counter (absent: never written). */
  months: Map<string, LiveCounter>;
  /** townshipId → register counter (absent: never written). */
  register: Map<string, LiveCounter>;
};

/**
 * What one kind of record of a counter's township-month (or register) was last changed by: the kind's
 * own count, and the writes of unknown kind. Equal tokens: that kind's records there are unchanged.
 */
export function kindToken(c: LiveCounter | undefined, kind: LiveKind): string {
  return c ? `${c.kinds[kind]?.n ?? 0}.${c.untyped}` : "0.0";
}

/** When that kind's records there may last have changed (wall clock; 0: never). */
export function kindLastWrite(c: LiveCounter | undefined, kind: LiveKind): number {
  if (!c) return 0;
  // A write of unknown kind may have been of this kind: its time is only known as the counter's own.
  return c.untyped > 0 ? c.at : (c.kinds[kind]?.at ?? 0);
}

const COUNTER_NAMES: Record<string, string> = { "#pk": "pk", "#sk": "sk", "#v": "v", "#at": "at" };
for (const kind of LIVE_KINDS) {
  COUNTER_NAMES[`#k_${kind}`] = `k_${kind}`;
  COUNTER_NAMES[`#a_${kind}`] = `a_${kind}`;
}
const COUNTER_PROJECTION = Object.keys(COUNTER_NAMES).join(", ");

/** The months `from`..`to` (`YYYY-MM`, inclusive). */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (let key = from; key <= to; ) {
    out.push(key);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    key = `${y}-${String(m).padStart(2, "0")}`;
  }
  return out;
}

/**
 * The counters of some townships for months `from`..`to` (inclusive) and their registers: consistent
 * `BatchGet`s of known keys (each township's counters live in its own partition).
 */
export async function readLiveVersions(
  db: Db,
  townshipIds: readonly string[],
  from: string,
  to: string,
): Promise<LiveVersions> {
  const months = monthsBetween(from, to);
  const wanted: Record<string, string>[] = [];
  for (const t of townshipIds) {
    for (const m of months) wanted.push({ pk: `T#${t}`, sk: monthCounterSk(m) });
    wanted.push({ pk: `T#${t}`, sk: REGISTER_SK });
  }
  const found = await consistentBatchGet(db, wanted, {
    expression: COUNTER_PROJECTION,
    names: COUNTER_NAMES,
  });
  const out: LiveVersions = { months: new Map(), register: new Map() };
  for (const item of found) {
    const { pk, sk, v, at } = item;
    // A register item holding only the township's summary (`s`): the register itself was never written.
    if (sk === REGISTER_SK && v === undefined && at === undefined) continue;
    if (
      typeof pk !== "string" ||
      !pk.startsWith("T#") ||
      typeof sk !== "string" ||
      typeof v !== "number" ||
      !Number.isInteger(v) ||
      typeof at !== "number"
    )
      throw new Error(`malformed live-version item ${String(pk)} ${String(sk)}`);
    const townshipId = pk.slice(2);
    const kinds: LiveCounter["kinds"] = {};
    let typed = 0;
    for (const kind of LIVE_KINDS) {
      const n = item[`k_${kind}`];
      if (typeof n !== "number") continue;
      const kindAt = item[`a_${kind}`];
      kinds[kind] = { n, at: typeof kindAt === "number" ? kindAt : at };
      typed += n;
    }
    const counter: LiveCounter = { v, at, kinds, untyped: v - typed };
    if (sk === REGISTER_SK) out.register.set(townshipId, counter);
    else out.months.set(liveMonthKey(sk.slice(3), townshipId), counter);
  }
  return out;
}

/**
 * A stored township-month score (a cache entry any API instance can reuse), in the county's partition:
 * `C#<countyId> / LS#<month>#<townshipId>`. `key` says what it was computed from (scheme version,
 * population, the counters, the instant range it holds for); the body is opaque JSON to this layer.
 */
export type StoredMonthScore = { key: string; body: string; lo: number; hi: number };

const lsKey = (month: string, townshipId: string) => `LS#${month}#${townshipId}`;

/** Stored township-month scores, keyed `<month>#<townshipId>` (BatchGet, 100 keys a request). */
export async function readStoredMonthScores(
  db: Db,
  countyId: string,
  wanted: readonly { month: string; townshipId: string }[],
): Promise<Map<string, StoredMonthScore>> {
  const out = new Map<string, StoredMonthScore>();
  const items = await consistentBatchGet(
    db,
    wanted.map((w) => ({ pk: `C#${countyId}`, sk: lsKey(w.month, w.townshipId) })),
  );
  for (const { sk, key, body, lo, hi } of items) {
    if (
      typeof sk !== "string" ||
      typeof key !== "string" ||
      typeof body !== "string" ||
      typeof lo !== "number" ||
      typeof hi !== "number"
    )
      throw new Error(`malformed stored month score ${String(sk)}`);
    out.set(sk.slice("LS#".length), { key, body, lo, hi });
  }
  return out;
}

/** Stores (replaces) a township-month score; a stale one is harmless, since readers check its key. */
export async function writeStoredMonthScore(
  db: Db,
  countyId: string,
  month: string,
  townshipId: string,
  entry: StoredMonthScore,
): Promise<void> {
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { pk: `C#${countyId}`, sk: lsKey(month, townshipId), ...entry },
    }),
  );
}
