import { gunzipSync } from "node:zlib";
import {
  GetCommand,
  type GetCommandInput,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { Data, LeagueTable } from "@pingan/domain";
import * as z from "zod";
import type { Db } from "./db";
import { MalformedItemError } from "./item-schema";
import { readInputChunks } from "./league-input-chunks";
import { checkItems, getItem, type ItemOf } from "./read";

/**
 * Reads of published league tables: the newest version of a period (the public page's only request),
 * one version, every version of a county, a published table's stored inputs, a township's rank history.
 * The table's `body` and `inputs` are stored as free-form attributes; they are validated here when read
 * back, so nothing above this module casts them.
 */

/**
 * What the table item says about its inputs. The data itself is in the county's input chunks the table
 * lists (`chunks`, in order: gzipped JSON cut into pieces, league-input-chunks.ts); a version published
 * before chunking has it in its leagueInputs item (`dataGzip`), or only its digest when it was too large.
 */
export const publishedInputsSchema = z.object({
  digest: z.string(),
  asOf: z.number().nullable(),
  schemeId: z.string(),
  schemeVersion: z.number(),
  chunks: z.array(z.string()).optional(),
});
export type PublishedInputs = z.infer<typeof publishedInputsSchema>;

const indicatorRow = z.looseObject({
  code: z.string(),
  score: z.number(),
  bonus: z.number(),
  base: z.number(),
  deductions: z.number(),
  zeroed: z.boolean(),
  metric: z.number().nullable(),
  notes: z.array(z.string()),
});
const leagueRow = z.looseObject({
  rank: z.number(),
  townshipId: z.string(),
  name: z.string(),
  code: z.string(),
  total: z.number(),
  bonus: z.number(),
  grade: z.string(),
  vetoed: z.boolean(),
  rankChange: z.number(),
  indicators: z.array(indicatorRow),
});
/** A published table's body as the engine computed it (extra fields it may carry are kept). */
const leagueTableSchema: z.ZodType<LeagueTable> = z.looseObject({
  countyId: z.string(),
  period: z.string(),
  schemeId: z.string(),
  schemeVersion: z.number(),
  rows: z.array(leagueRow),
});

/** The scoring data a table was published from: checked down to its lists, each record as stored. */
const storedDataSchema = z.looseObject({
  county: z.looseObject({ id: z.string(), name: z.string() }),
  townships: z.array(z.looseObject({ id: z.string() })),
  disputes: z.array(z.looseObject({ id: z.string() })).optional(),
  petitions: z.array(z.looseObject({ id: z.string() })).optional(),
  incidents: z.array(z.looseObject({ id: z.string() })).optional(),
  keyPersons: z.array(z.looseObject({ id: z.string() })).optional(),
  visits: z.array(z.looseObject({ id: z.string() })).optional(),
  events: z.array(z.looseObject({ id: z.string() })).optional(),
  manualScores: z.array(z.looseObject({})).optional(),
});

function parseStored<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new MalformedItemError(
      `stored ${what} is malformed: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return result.data;
}

/** A published table's body, validated. */
export const publishedBody = (item: ItemOf<"leagueTable">): LeagueTable =>
  parseStored(leagueTableSchema, item.body, "league table body");

/** What a published table records about its inputs, if anything. */
export const publishedInputsOf = (item: ItemOf<"leagueTable">): PublishedInputs | undefined =>
  item.inputs === undefined
    ? undefined
    : parseStored(publishedInputsSchema, item.inputs, "league table inputs");

/**
 * Where a published version's verification bundle is kept: its immutable key in the bundle store, the
 * size of its gzipped bytes and of its JSON text. Absent for versions published before the store existed.
 */
export const publishedBundleSchema = z.object({
  key: z.string(),
  gzipBytes: z.number(),
  jsonBytes: z.number(),
});
export type PublishedBundle = z.infer<typeof publishedBundleSchema>;

/** What a published table records about its verification bundle, if anything. */
export const publishedBundleOf = (item: ItemOf<"leagueTable">): PublishedBundle | undefined =>
  item.bundle === undefined || item.bundle === null
    ? undefined
    : parseStored(publishedBundleSchema, item.bundle, "league table bundle");

/**
 * The newest-version query of each county and period, as ElectroDB builds it (a few hundred bytes each),
 * per database: the parameters name the table.
 */
const latestParams = new WeakMap<Db, Map<string, QueryCommandInput>>();
const MAX_CACHED_PARAMS = 10_000;

export async function latestPublished(
  db: Db,
  countyId: string,
  period: string,
): Promise<ItemOf<"leagueTable"> | undefined> {
  // The public read's only request. ElectroDB builds it once per county and period; the document client
  // sends it, which skips ElectroDB's per-call error capture and response reshaping on the busiest path
  // (the item is checked against the entity's attributes all the same).
  let cache = latestParams.get(db);
  if (!cache) {
    cache = new Map();
    latestParams.set(db, cache);
  }
  const cacheKey = `${countyId}\u0000${period}`;
  let params = cache.get(cacheKey);
  if (!params) {
    if (cache.size >= MAX_CACHED_PARAMS) cache.clear();
    params = db.entities.leagueTable.query
      .byPeriod({ countyId, period })
      .params({ order: "desc", limit: 1 }) as QueryCommandInput;
    cache.set(cacheKey, params);
  }
  const { Items } = await db.client.send(new QueryCommand({ ...params }));
  const [item] = checkItems(db, "leagueTable", Items ?? []);
  return item && item.countyId === countyId && item.period === period ? item : undefined;
}

/**
 * What identifies one stored state of a published version, without its body: the period's version
 * (`tableVersion`), the item's own write counter (`version`: bumped when an internal version is made
 * public) and its visibility. A body never changes once published, so a view of it may be kept under
 * `headKey` and reused for as long as the newest head read says the same.
 */
export type PublishedHead = {
  countyId: string;
  period: string;
  tableVersion: number;
  version: number;
  visibility?: "public" | "internal";
};
const headSchema = z.object({
  countyId: z.string(),
  period: z.string(),
  tableVersion: z.number(),
  version: z.number(),
  visibility: z.enum(["public", "internal"]).optional(),
});
const HEAD_ATTRIBUTES = ["countyId", "period", "tableVersion", "version", "visibility"] as const;

/** The key a view of one stored state of a published version is kept under. */
export const headKey = (h: PublishedHead) =>
  `${h.countyId}\u0000${h.period}\u0000${h.tableVersion}\u0000${h.version}\u0000${h.visibility ?? "public"}`;

const headParams = new WeakMap<Db, Map<string, QueryCommandInput>>();

/**
 * The newest version of a period, read without its body: the same query as `latestPublished` (one
 * request, strongly consistent, so a version published a moment ago is what it finds) projected onto the
 * head's attributes. Callers that keep views of published bodies (apps/api league/publication.ts) ask this
 * on every request and fetch the body only for a head they have not seen.
 */
export async function latestPublishedHead(
  db: Db,
  countyId: string,
  period: string,
): Promise<PublishedHead | undefined> {
  let cache = headParams.get(db);
  if (!cache) {
    cache = new Map();
    headParams.set(db, cache);
  }
  const cacheKey = `${countyId}\u0000${period}`;
  let params = cache.get(cacheKey);
  if (!params) {
    if (cache.size >= MAX_CACHED_PARAMS) cache.clear();
    params = {
      ...(db.entities.leagueTable.query
        .byPeriod({ countyId, period })
        .params({ order: "desc", limit: 1, attributes: [...HEAD_ATTRIBUTES] }) as QueryCommandInput),
      ConsistentRead: true,
    };
    cache.set(cacheKey, params);
  }
  const { Items } = await db.client.send(new QueryCommand({ ...params }));
  const [raw] = Items ?? [];
  if (!raw) return undefined;
  const head = parseStored(headSchema, raw, "league table head");
  return head.countyId === countyId && head.period === period ? head : undefined;
}

/** One version of a period, read without its body (strongly consistent); undefined when there is none. */
export async function publishedVersionHead(
  db: Db,
  countyId: string,
  period: string,
  tableVersion: number,
): Promise<PublishedHead | undefined> {
  const params = db.entities.leagueTable
    .get({ countyId, period, tableVersion })
    .params({ attributes: [...HEAD_ATTRIBUTES] }) as GetCommandInput;
  const { Item } = await db.client.send(new GetCommand({ ...params, ConsistentRead: true }));
  if (!Item) return undefined;
  const head = parseStored(headSchema, Item, "league table head");
  return head.countyId === countyId && head.period === period && head.tableVersion === tableVersion
    ? head
    : undefined;
}

export async function publishedVersion(
  db: Db,
  countyId: string,
  period: string,
  tableVersion: number,
): Promise<ItemOf<"leagueTable"> | undefined> {
  const { data } = await db.entities.leagueTable.query
    .byPeriod({ countyId, period, tableVersion })
    .go({ limit: 1 });
  const [item] = checkItems(db, "leagueTable", data);
  return item && item.countyId === countyId && item.period === period && item.tableVersion === tableVersion
    ? item
    : undefined;
}

/** The attributes a list of versions reads (no bodies). */
const versionSummary = z.object({
  countyId: z.string(),
  period: z.string(),
  tableVersion: z.number(),
  schemeVersion: z.number(),
  reason: z.string().optional(),
  appealId: z.string().optional(),
  visibility: z.enum(["public", "internal"]).optional(),
  createdAt: z.string(),
});

/** Every published version of a county's tables (periods and versions, newest first), without bodies. */
export async function listPublished(db: Db, countyId: string) {
  const { data } = await db.entities.leagueTable.query.byPeriod({ countyId }).go({
    pages: "all",
    order: "desc",
    attributes: [
      "countyId",
      "period",
      "tableVersion",
      "schemeVersion",
      "reason",
      "appealId",
      "visibility",
      "createdAt",
    ],
  });
  return parseStored(z.array(versionSummary), data, "league table versions")
    .filter((t) => t.countyId === countyId)
    .map((t) => ({
      period: t.period,
      version: t.tableVersion,
      schemeVersion: t.schemeVersion,
      reason: t.reason ?? null,
      /** A correction published for an appeal (申诉) names it. */
      appealId: t.appealId ?? null,
      /** `internal`: the county's officials only, not the public page. */
      visibility: t.visibility ?? "public",
      publishedAt: t.createdAt,
    }));
}

/** The stored inputs of a published version: enough, with its scheme version, to score it again. */
export async function publishedInputs(
  db: Db,
  table: ItemOf<"leagueTable">,
): Promise<{ inputs: PublishedInputs; data?: Data }> {
  // Every published table records its inputs (publishLeagueTable writes them in the same transaction).
  const inputs = parseStored(publishedInputsSchema, table.inputs, "league table inputs");
  let gzipped: Buffer | undefined;
  if (inputs.chunks) {
    gzipped = await readInputChunks(db, table.countyId, inputs.chunks);
  } else {
    const item = await getItem(db, "leagueInputs", {
      countyId: table.countyId,
      period: table.period,
      tableVersion: table.tableVersion,
    });
    if (item?.dataGzip) gzipped = Buffer.from(item.dataGzip, "base64");
  }
  const data = gzipped
    ? (parseStored(
        storedDataSchema,
        JSON.parse(gunzipSync(gzipped).toString("utf8")),
        "league inputs",
      ) as unknown as Data)
    : undefined;
  return { inputs, data };
}

/** A township's published ranks, newest period first; only each period's latest version. */
export async function rankHistory(db: Db, townshipId: string) {
  const { data } = await db.entities.leagueRank.query
    .byPeriod({ townshipId })
    .go({ pages: "all", order: "desc" });
  const latest = new Map<string, ItemOf<"leagueRank">>();
  for (const r of checkItems(db, "leagueRank", data)) {
    if (r.townshipId !== townshipId) continue;
    const seen = latest.get(r.period);
    if (!seen || seen.tableVersion < r.tableVersion) latest.set(r.period, r);
  }
  return [...latest.values()]
    .sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0))
    .map((r) => ({
      period: r.period,
      version: r.tableVersion,
      rank: r.rank,
      townships: r.townships,
      total: r.total,
      grade: r.grade,
      vetoed: r.vetoed,
      rankChange: r.rankChange,
    }));
}
