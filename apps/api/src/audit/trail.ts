import { checkItems, type Db, getItem } from "@pingan/data";
import { AppError } from "../errors";
import { type AuditViewer, redactForViewer } from "./visibility";

/**
 * One page of a tenant's trail, newest first; the scope comes from the caller's context, never the input.
 * Each entry's before/after is redacted for the viewer (visibility.ts), and people and townships are named
 * (`actorName`, `entityName`) so that nobody reads ids: only names of the county's own people and
 * townships are looked up (`countyId`), a name the reader could not see elsewhere is never added.
 * The entries are read with the tenant's client (`db`); the names with `namesDb` (the function's own role:
 * accounts live outside any tenant's partitions).
 */
export async function trail(
  db: Db,
  namesDb: Db,
  viewer: AuditViewer,
  scope: string,
  cursor: string | null | undefined,
  limit: number,
  countyId: string,
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
  const entries = checkItems(db, "audit", data).filter((e) => e.scope === scope);
  const names = await nameLookup(namesDb, countyId, entries);
  return {
    items: entries.map((e) =>
      redactForViewer(
        {
          id: e.id,
          at: e.at,
          actorId: e.actorId,
          actorName: names.user(e.actorId),
          actorRole: e.actorRole,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          entityName: names.entity(e.entityType, e.entityId),
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

/** The submission entity's id is `<townshipId>/<month>`. */
const submissionParts = (entityId: string) => {
  const at = entityId.lastIndexOf("/");
  return at > 0 ? { townshipId: entityId.slice(0, at), month: entityId.slice(at + 1) } : undefined;
};

/**
 * Names of the people and townships a page of entries mentions, read once each (a page is at most a few
 * dozen entries), and only those of `countyId`.
 */
async function nameLookup(
  db: Db,
  countyId: string,
  entries: { actorId: string; entityType: string; entityId: string }[],
) {
  const userIds = new Set<string>();
  const townshipIds = new Set<string>();
  for (const e of entries) {
    userIds.add(e.actorId);
    if (e.entityType === "user") userIds.add(e.entityId);
    if (e.entityType === "township") townshipIds.add(e.entityId);
    const sub = e.entityType === "submission" ? submissionParts(e.entityId) : undefined;
    if (sub) townshipIds.add(sub.townshipId);
  }
  userIds.delete("system");
  const [users, townships] = await Promise.all([
    Promise.all([...userIds].map((id) => getItem(db, "user", { id }))),
    Promise.all([...townshipIds].map((id) => getItem(db, "township", { id }))),
  ]);
  const userNames = new Map(
    users.flatMap((u) => (u && u.countyId === countyId ? [[u.id, u.name] as const] : [])),
  );
  const townshipNames = new Map(
    townships.flatMap((t) => (t && t.countyId === countyId ? [[t.id, t.name] as const] : [])),
  );
  return {
    user: (id: string): string | null => userNames.get(id) ?? null,
    entity(type: string, id: string): string | null {
      if (type === "user") return userNames.get(id) ?? null;
      if (type === "township") return townshipNames.get(id) ?? null;
      const sub = type === "submission" ? submissionParts(id) : undefined;
      const township = sub && townshipNames.get(sub.townshipId);
      return township && sub ? `${township} ${sub.month}` : null;
    },
  };
}
