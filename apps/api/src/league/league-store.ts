import { gunzipSync, gzipSync } from "node:zlib";
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import {
  checkItems,
  DataError,
  type Db,
  getItem,
  type ItemOf,
  stampNew,
  type TxItem,
  tx,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import type { Data, LeagueTable } from "@pingan/domain";
import { AppError } from "../errors";
import { periodEnded } from "../submissions/deadline";
import { scoreCounty } from "./county-scoring";

/**
 * Published league tables: immutable snapshots under the county's partition, one item per version,
 * each written in one transaction with a rank row per township (under the township's partition, for
 * its rank history) and the audit entry. A correction is the next version with a reason.
 */

/** DynamoDB allows 100 items per transaction: the table, its inputs, its audit entry and a row per township. */
const MAX_TOWNSHIPS = 97;
/** Inputs larger than this (compressed) keep only their digest, so the item stays under 400 KB. */
const MAX_INPUTS_BYTES = 200_000;

/** What the table item says about its inputs; the data itself is in the leagueInputs item. */
export type PublishedInputs = {
  digest: string;
  asOf: number | null;
  schemeId: string;
  schemeVersion: number;
};

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

/** A published table: the period's newest version, or the version asked for; NOT_FOUND when unpublished. */
export async function readPublished(db: Db, countyId: string, period: string, version?: number) {
  const item =
    version === undefined
      ? await latestPublished(db, countyId, period)
      : await publishedVersion(db, countyId, period, version);
  if (!item) throw new AppError("NOT_FOUND", "该期排名尚未发布");
  return publishedView(item);
}

/** Every published version of a county's tables (periods and versions, newest first), without bodies. */
export async function listPublished(db: Db, countyId: string) {
  const { data } = await db.entities.leagueTable.query.byPeriod({ countyId }).go({
    pages: "all",
    order: "desc",
    attributes: ["countyId", "period", "tableVersion", "schemeVersion", "reason", "createdAt"],
  });
  return (
    data as Pick<
      ItemOf<"leagueTable">,
      "countyId" | "period" | "tableVersion" | "schemeVersion" | "reason" | "createdAt"
    >[]
  )
    .filter((t) => t.countyId === countyId)
    .map((t) => ({
      period: t.period,
      version: t.tableVersion,
      schemeVersion: t.schemeVersion,
      reason: t.reason ?? null,
      publishedAt: t.createdAt,
    }));
}

/** The stored inputs of a published version: enough, with its scheme version, to score it again. */
export async function publishedInputs(
  db: Db,
  table: ItemOf<"leagueTable">,
): Promise<{ inputs: PublishedInputs; data?: Data }> {
  const item = await getItem(db, "leagueInputs", {
    countyId: table.countyId,
    period: table.period,
    tableVersion: table.tableVersion,
  });
  const data = item?.dataGzip
    ? (JSON.parse(gunzipSync(Buffer.from(item.dataGzip, "base64")).toString("utf8")) as Data)
    : undefined;
  return { inputs: table.inputs as PublishedInputs, data };
}

export const publishedView = (item: ItemOf<"leagueTable">) => {
  const inputs = item.inputs as PublishedInputs | undefined;
  return {
    countyId: item.countyId,
    period: item.period,
    version: item.tableVersion,
    schemeVersion: item.schemeVersion,
    reason: item.reason ?? null,
    publishedAt: item.createdAt,
    digest: inputs?.digest ?? null,
    table: item.body as LeagueTable,
  };
};

const alreadyPublished = () =>
  new DataError("CONFLICT", "table version taken", "该期排名刚由他人发布，请刷新后再决定是否发布更正");

/**
 * Scores and publishes a finished period. The first publication needs no reason; each later one is a
 * correction and must say why. All items are written in one transaction: all of them or none.
 */
export async function publishLeagueTable(
  db: Db,
  wctx: WriteContext,
  options: { countyId: string; period: string; reason?: string },
): Promise<ItemOf<"leagueTable">> {
  const { countyId, period } = options;
  if (!periodEnded(period, wctx.now))
    throw new AppError("LEAGUE.PERIOD_OPEN", "考核期尚未结束，不能发布排名");
  const latest = await latestPublished(db, countyId, period);
  if (latest && !options.reason) {
    throw new AppError("INPUT.INVALID", "「更正理由」为必填项：该期排名已发布，再次发布即为更正");
  }
  const asOf = wctx.now.getTime();
  const { table, data, digest, stored } = await scoreCounty(db, countyId, period, { asOf, fresh: true });
  if (table.rows.length > MAX_TOWNSHIPS)
    throw new Error(`too many townships to publish in one transaction: ${table.rows.length}`);
  const { details: _details, ...body } = table;
  const gz = gzipSync(JSON.stringify(data)).toString("base64");
  const inputs: PublishedInputs = {
    digest,
    asOf,
    schemeId: stored.scheme.id,
    schemeVersion: stored.scheme.version,
  };
  const tableVersion = (latest?.tableVersion ?? 0) + 1;
  const item = stampNew(wctx, {
    countyId,
    period,
    tableVersion,
    schemeId: stored.scheme.id,
    schemeVersion: stored.scheme.version,
    body,
    inputs,
    reason: options.reason,
  }) as ItemOf<"leagueTable">;
  const items: TxItem[] = [
    tx.create(db, "leagueTable", item),
    tx.create(
      db,
      "leagueInputs",
      stampNew(wctx, {
        countyId,
        period,
        tableVersion,
        digest,
        ...(gz.length <= MAX_INPUTS_BYTES ? { dataGzip: gz } : {}),
      }) as ItemOf<"leagueInputs">,
    ),
    ...body.rows.map((row) =>
      tx.create(
        db,
        "leagueRank",
        stampNew(wctx, {
          townshipId: row.townshipId,
          countyId,
          period,
          tableVersion,
          rank: row.rank,
          total: row.total,
          grade: row.grade,
          vetoed: row.vetoed,
          rankChange: row.rankChange,
          townships: body.rows.length,
        }) as ItemOf<"leagueRank">,
      ),
    ),
    tx.audit(db, wctx, {
      scope: `C#${countyId}`,
      action: latest ? "leagueTable.correct" : "leagueTable.publish",
      entityType: "leagueTable",
      entityId: `${countyId}/${period}@${tableVersion}`,
      before: latest
        ? { version: latest.tableVersion, digest: (latest.inputs as PublishedInputs | undefined)?.digest }
        : undefined,
      after: {
        version: tableVersion,
        schemeVersion: stored.scheme.version,
        digest,
        townships: body.rows.length,
      },
      reason: options.reason,
    }),
  ];
  await writeTransaction(db, items, (index) => (index === 0 ? alreadyPublished() : undefined));
  return item;
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
