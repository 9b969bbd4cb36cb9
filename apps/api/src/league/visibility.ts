import {
  checkItems,
  type Db,
  latestPublishedHead,
  listPublished,
  type PublishedHead,
  publishedVersion,
  publishedVersionHead,
  updateRecord,
  type WriteContext,
} from "@pingan/data";
import { AppError, recordState } from "../errors";
import { publishedView, readPublicTable } from "./publication";

/**
 * Internal publication: a county may publish a table to its officials only (visibility `internal`), and
 * later make it public. The public procedures and the bundle route see only public versions; a period
 * whose newest version is internal shows its newest public one.
 */

const notPublished = () => new AppError("NOT_FOUND", "该期排名尚未发布");

/** The public versions of a county's tables (the public page's list). */
export async function publicVersions(db: Db, countyId: string) {
  return (await listPublished(db, countyId)).filter((v) => v.visibility === "public");
}

/**
 * The newest public version of a period, or the public version asked for, as its head (no body); NOT_FOUND
 * otherwise. One small read when the newest version is public, which is what the public page asks.
 */
async function publicVersionOf(
  db: Db,
  countyId: string,
  period: string,
  version?: number,
): Promise<PublishedHead> {
  if (version !== undefined) {
    const head = await publishedVersionHead(db, countyId, period, version);
    if (!head || head.visibility === "internal") throw notPublished();
    return head;
  }
  const latest = await latestPublishedHead(db, countyId, period);
  if (!latest) throw notPublished();
  if (latest.visibility !== "internal") return latest;
  const { data } = await db.entities.leagueTable.query.byPeriod({ countyId, period }).go({
    pages: "all",
    order: "desc",
    attributes: ["countyId", "period", "tableVersion", "version", "visibility"],
  });
  const found = (data as PublishedHead[]).find(
    (t) => t.countyId === countyId && t.period === period && t.visibility !== "internal",
  );
  if (!found) throw notPublished();
  return found;
}

/** A public table with its indicators' names: never an internal version. */
export async function readPublicVersion(db: Db, countyId: string, period: string, version?: number) {
  return readPublicTable(db, await publicVersionOf(db, countyId, period, version));
}

/** The county admin makes an internal version public (audited in the county's trail). */
export async function makePublic(
  db: Db,
  wctx: WriteContext,
  options: { countyId: string; period: string; version: number },
) {
  const item = await publishedVersion(db, options.countyId, options.period, options.version);
  if (!item) throw notPublished();
  if (item.visibility !== "internal") throw recordState("该版本已公开");
  const saved = await updateRecord(db, wctx, {
    entity: "leagueTable",
    key: { countyId: options.countyId, period: options.period, tableVersion: options.version },
    entityId: `${options.countyId}/${options.period}@${options.version}`,
    scope: `C#${options.countyId}`,
    expectedVersion: item.version,
    action: "leagueTable.makePublic",
    change: (t) => ({ ...t, visibility: "public", madePublicAt: wctx.now.toISOString() }),
  });
  return publishedView(checkItems(db, "leagueTable", [saved])[0] ?? saved);
}
