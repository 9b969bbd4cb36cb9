import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ImportExportResult, ImportKind } from "@pingan/contracts";
import { checkItems, type Db, type ItemOf } from "@pingan/data";
import { monthRange } from "@pingan/domain";
import { AppError } from "../errors";
import { ANCHOR, ENTITY, rowOf, SK_PREFIX, sourceIdOf } from "./kinds";
import { queryRecords } from "./store";

type Township = ItemOf<"township">;

/** [from, to) of a month `YYYY-MM` or a year `YYYY`, as UTC ISO strings (China-time boundaries). */
function periodRange(period: string): { from: string; to: string } {
  const [first, last] = period.length === 4 ? [`${period}-01`, `${period}-12`] : [period, period];
  return {
    from: new Date(monthRange(first).start).toISOString(),
    to: new Date(monthRange(last).end).toISOString(),
  };
}

/**
 * The cursor names the township and the last sort key read; it is rebuilt into a key of that township's
 * own partition, and the township must be one the caller may export, so a forged cursor reaches nothing else.
 */
const badCursor = () => new AppError("BAD_CURSOR", "分页游标无效，请从第一页重新导出");
function readCursor(
  cursor: string | null | undefined,
  type: ImportKind,
): { t: string; after: string } | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  const c = parsed as { t?: unknown; after?: unknown };
  if (typeof c?.t !== "string" || typeof c.after !== "string" || !c.after.startsWith(SK_PREFIX[type]))
    throw badCursor();
  return { t: c.t, after: c.after };
}
const writeCursor = (t: string, after: string) =>
  Buffer.from(JSON.stringify({ t, after }), "utf8").toString("base64url");

/** A township's key persons' 编号 by record id (visits export the key person's 编号). */
async function keyPersonSourceIds(db: Db, townshipId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :kp)",
        ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
        ExpressionAttributeValues: { ":pk": `T#${townshipId}`, ":kp": "KP#" },
        ExclusiveStartKey: start,
      }),
    );
    for (const k of checkItems(db, "keyPerson", result.Items ?? [])) out.set(k.id, sourceIdOf(k));
    start = result.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * One page of records of one kind as import rows, over the given townships in order (a township's own
 * export: just it). Soft-deleted records are left out; a period keeps records filed in it (key persons:
 * those on the register at some time of it).
 */
export async function exportRows(
  db: Db,
  townships: Township[],
  q: { type: ImportKind; period?: string; cursor?: string | null; limit: number },
): Promise<ImportExportResult> {
  const cursor = readCursor(q.cursor, q.type);
  let index = 0;
  if (cursor) {
    index = townships.findIndex((t) => t.id === cursor.t);
    if (index < 0) throw badCursor();
  }
  const range = q.period ? periodRange(q.period) : undefined;
  const rows: ImportExportResult["rows"] = [];
  let after = cursor?.after;
  for (; index < townships.length; index++) {
    const t = townships[index] as Township;
    const page = await queryRecords(db, ENTITY[q.type], SK_PREFIX[q.type], t.id, {
      after,
      limit: q.limit - rows.length,
      anchor: ANCHOR[q.type],
      ...range,
      overlaps: q.type === "keyPerson",
    });
    const kps = q.type === "visit" && page.items.length > 0 ? await keyPersonSourceIds(db, t.id) : undefined;
    for (const item of page.items)
      rows.push(rowOf(q.type, item, t.code, rows.length + 2, (id) => kps?.get(id)));
    after = undefined;
    if (page.last) return { rows, cursor: writeCursor(t.id, page.last) };
    if (rows.length >= q.limit) {
      const nextTownship = townships[index + 1];
      return { rows, cursor: nextTownship ? writeCursor(nextTownship.id, SK_PREFIX[q.type]) : null };
    }
  }
  return { rows, cursor: null };
}
