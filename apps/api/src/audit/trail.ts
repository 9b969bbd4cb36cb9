import { checkItems, type Db } from "@pingan/data";
import { AppError } from "../errors";
import { type AuditViewer, redactForViewer } from "./visibility";

/**
 * One page of a tenant's trail, newest first; the scope comes from the caller's context, never the input.
 * Each entry's before/after is redacted for the viewer (visibility.ts).
 */
export async function trail(
  db: Db,
  viewer: AuditViewer,
  scope: string,
  cursor: string | null | undefined,
  limit: number,
) {
  let result: { data: unknown[]; cursor: string | null };
  try {
    result = await db.entities.audit.query
      .byScope({ scope })
      .go({ order: "desc", limit, cursor: cursor ?? null });
  } catch (error) {
    // A cursor from another query (or made up) is the caller's mistake, not the server's.
    if (cursor) throw new AppError("INPUT.INVALID", "「分页游标」无效，请从第一页重新查询");
    throw error;
  }
  const { data, cursor: next } = result;
  return {
    items: checkItems(db, "audit", data)
      .filter((e) => e.scope === scope)
      .map((e) =>
        redactForViewer(
          {
            id: e.id,
            at: e.at,
            actorId: e.actorId,
            actorRole: e.actorRole,
            action: e.action,
            entityType: e.entityType,
            entityId: e.entityId,
            before: e.before ?? null,
            after: e.after ?? null,
            reason: e.reason ?? null,
          },
          viewer,
        ),
      ),
    cursor: next,
  };
}
