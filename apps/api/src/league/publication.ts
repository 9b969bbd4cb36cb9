import {
  DataError,
  type Db,
  getItem,
  gzipInputs,
  headKey,
  type ItemOf,
  latestPublished,
  latestPublishedHead,
  type PublishedHead,
  type PublishedInputs,
  publishedBody,
  publishedInputsOf,
  publishedVersionHead,
  stampNew,
  type TxItem,
  tx,
  type WriteContext,
  writeInputChunks,
  writeTransaction,
} from "@pingan/data";
import type { LeagueTable } from "@pingan/domain";
import { AppError } from "../errors";
import { getScheme } from "../schemes/scheme-store";
import { periodEnded } from "../submissions/deadline";
import { bundleOf, encodeBundle } from "./bundle-route";
import type { BundleStore } from "./bundle-store";
import { scoreCounty } from "./county-scoring";

/**
 * Publishing league tables: immutable snapshots under the county's partition, one item per version,
 * each written in one transaction with a rank row per township (under the township's partition, for
 * its rank history) and the audit entry. A correction is the next version with a reason.
 */

/** DynamoDB allows 100 items per transaction: the table, its inputs, its audit entry and a row per township. */
const MAX_TOWNSHIPS = 97;

/** Whether two tables of a period say the same: every row (total, rank, grade, indicators) and the scheme. */
function sameTable(a: LeagueTable, b: LeagueTable): boolean {
  return a.schemeVersion === b.schemeVersion && JSON.stringify(a.rows) === JSON.stringify(b.rows);
}

/** A published table: the period's newest version, or the version asked for; NOT_FOUND when unpublished. */
export async function readPublished(db: Db, countyId: string, period: string, version?: number) {
  const head =
    version === undefined
      ? await latestPublishedHead(db, countyId, period)
      : await publishedVersionHead(db, countyId, period, version);
  if (!head) throw notPublished();
  return viewOfHead(db, head);
}

const notPublished = () => new AppError("NOT_FOUND", "该期排名尚未发布");

export type PublishedView = ReturnType<typeof publishedView>;

/** At most this many views of published versions are kept per database (a few tens of KB each). */
const MAX_KEPT_VIEWS = 500;
const keptViews = new WeakMap<Db, Map<string, Promise<PublishedView>>>();

/**
 * The view of one stored state of a published version. A published body never changes, and the head
 * (tableVersion, the item's write counter, its visibility) names the state, so the view read and checked
 * once is kept under it (least recently used first out) and shared by every later request that reads the
 * same head. Which version is the newest is still asked of the table on every request (the head read), so a
 * version or correction published a moment ago is what the next read answers. Kept per database: a tenant's
 * db and the function's own never share entries. The view is shared: callers must not change it.
 */
export function viewOfHead(db: Db, head: PublishedHead): Promise<PublishedView> {
  let kept = keptViews.get(db);
  if (!kept) {
    kept = new Map();
    keptViews.set(db, kept);
  }
  const key = headKey(head);
  const found = kept.get(key);
  if (found) {
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  const map = kept;
  const { countyId, period, tableVersion } = head;
  const loading = getItem(db, "leagueTable", { countyId, period, tableVersion }).then((item) => {
    if (!item) throw notPublished();
    // Made public between the head read and this one: answer what is stored, keep it under its own head.
    if (headKey(item) !== key && map.get(key) === loading) map.delete(key);
    return publishedView(item);
  });
  loading.catch(() => {
    if (map.get(key) === loading) map.delete(key);
  });
  map.set(key, loading);
  if (map.size > MAX_KEPT_VIEWS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  return loading;
}

/** What the public may know of the scheme a table was scored with: its name and its indicators' names. */
export type PublicScheme = {
  name: string;
  indicators: { code: string; name: string; maxScore: number; metric?: string }[];
};

/** Scheme versions never change once saved, so their public summary is kept once read (per database). */
const publicSchemes = new WeakMap<Db, Map<string, Promise<PublicScheme | null>>>();

function publicScheme(db: Db, countyId: string, year: number, version: number): Promise<PublicScheme | null> {
  const byKey = publicSchemes.get(db) ?? new Map<string, Promise<PublicScheme | null>>();
  publicSchemes.set(db, byKey);
  const key = `${countyId}/${year}/${version}`;
  let found = byKey.get(key);
  if (!found) {
    found = getScheme(db, countyId, year, version).then((stored) =>
      stored
        ? {
            name: stored.scheme.name,
            indicators: stored.scheme.indicators.map((i) => ({
              code: i.code,
              name: i.name,
              maxScore: i.maxScore,
              ...("metric" in i.base ? { metric: i.base.metric } : {}),
            })),
          }
        : null,
    );
    found.catch(() => byKey.delete(key));
    byKey.set(key, found);
  }
  return found;
}

/**
 * A published table as the public page shows it: the table, and the names of its scheme and indicators
 * (so a township's detail reads 「矛盾纠纷化解率」, not 「I01」). Nothing else of the scheme is exposed.
 * `head` is the version to show (league/visibility.ts decides which the public may see).
 */
export async function readPublicTable(db: Db, head: PublishedHead) {
  const view = await viewOfHead(db, head);
  const scheme = await publicScheme(db, head.countyId, Number(head.period.slice(0, 4)), view.schemeVersion);
  return { ...view, scheme };
}

/** What the API answers for a published table; its body and inputs are validated as they are read. */
export const publishedView = (item: ItemOf<"leagueTable">) => {
  const inputs = publishedInputsOf(item);
  return {
    countyId: item.countyId,
    period: item.period,
    version: item.tableVersion,
    schemeVersion: item.schemeVersion,
    reason: item.reason ?? null,
    /** The appeal (申诉) this correction was published for, if any. */
    appealId: item.appealId ?? null,
    visibility: item.visibility ?? "public",
    publishedAt: item.createdAt,
    digest: inputs?.digest ?? null,
    table: publishedBody(item),
  };
};

const alreadyPublished = () =>
  new DataError("CONFLICT", "table version taken", "该期排名刚由他人发布，请刷新后再决定是否发布更正");

/**
 * Scores and publishes a finished period. The first publication needs no reason; each later one is a
 * correction and must say why. The inputs, however large, are first put as content-addressed chunks
 * (writeInputChunks); then the table (listing the chunks), its leagueInputs item, the rank rows and the
 * audit entry are written in one transaction: all of them or none. Before it, the version's verification
 * bundle is kept in the bundle store under an immutable content-addressed key, which the table item names.
 * A failure in between leaves only chunks and a bundle no table refers to, which a retry reuses (the same
 * inputs at the same instant make the same key) or leaves unreferenced.
 */
export async function publishLeagueTable(
  db: Db,
  wctx: WriteContext,
  options: {
    countyId: string;
    period: string;
    reason?: string;
    /** The upheld or amended appeal a correction is published for (checked by the caller). */
    appealId?: string;
    /** `internal`: for the county's officials only, until made public (league/visibility.ts). */
    visibility?: "public" | "internal";
    /** Where the version's verification bundle is kept (bundle-store.ts). */
    bundles: BundleStore;
  },
): Promise<ItemOf<"leagueTable">> {
  const { countyId, period } = options;
  if (!periodEnded(period, wctx.now))
    throw new AppError("LEAGUE.PERIOD_OPEN", "考核期尚未结束，不能发布排名");
  const latest = await latestPublished(db, countyId, period);
  if (latest && !options.reason) {
    throw new AppError("INPUT.INVALID", "「更正理由」为必填项：该期排名已发布，再次发布即为更正");
  }
  if (!latest && options.appealId)
    throw new AppError("INPUT.INVALID", "「申诉」该期排名尚未发布，首次发布无需依据申诉更正");
  const asOf = wctx.now.getTime();
  // scoring.md §11: a correction re-scores the townships of the version before it, never one more.
  const before = latest ? publishedBody(latest) : undefined;
  const { table, data, digest, stored } = await scoreCounty(db, countyId, period, {
    asOf,
    fresh: true,
    ...(before ? { onlyTownships: new Set(before.rows.map((r) => r.townshipId)) } : {}),
  });
  if (table.rows.length > MAX_TOWNSHIPS)
    throw new Error(`too many townships to publish in one transaction: ${table.rows.length}`);
  const { details: _details, ...body } = table;
  if (latest && before && sameTable(before, body))
    throw new AppError(
      "RECORD.STATE",
      `更正后的排名与第${latest.tableVersion}版完全相同（每个乡镇的得分、排名和等次都未变化），无需发布更正`,
    );
  const chunks = await writeInputChunks(db, wctx, countyId, gzipInputs(data));
  const inputs: PublishedInputs = {
    digest,
    asOf,
    schemeId: stored.scheme.id,
    schemeVersion: stored.scheme.version,
    chunks,
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
    ...(options.appealId ? { appealId: options.appealId } : {}),
    ...(options.visibility === "internal" ? { visibility: "internal" } : {}),
  }) as ItemOf<"leagueTable">;
  // The bundle anyone can verify the version with, built from exactly what was scored, kept once.
  const bundle = encodeBundle(bundleOf(item, inputs, stored.scheme, data));
  await options.bundles.put(bundle.ref.key, bundle.gzip);
  item.bundle = bundle.ref;
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
        ? { version: latest.tableVersion, digest: publishedInputsOf(latest)?.digest }
        : undefined,
      after: {
        version: tableVersion,
        schemeVersion: stored.scheme.version,
        digest,
        townships: body.rows.length,
        ...(options.appealId ? { appealId: options.appealId } : {}),
        ...(options.visibility === "internal" ? { visibility: "internal" } : {}),
      },
      reason: options.reason,
    }),
  ];
  await writeTransaction(db, items, (index) => (index === 0 ? alreadyPublished() : undefined));
  return item;
}
