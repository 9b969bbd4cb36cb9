import type { Role } from "@pingan/contracts";

/**
 * Which roles may read each sensitive field in an audit entry's before/after — the one table, applied at
 * read time (so entries already written are covered too). A role sees in the trail only what it may see
 * elsewhere:
 * - `phone`, `email` (and `emailKey`, the user item's copy of it): the staff list is the township admin's, the county's users list the county
 *   admin's; a reviewer or township staff member never reads a colleague's contact details.
 * - `joinCode`: only the county admin may read it (`onboarding.joinCode` refuses reviewers).
 * - `sessionId`: nobody's but one's own (see `self`); entries now carry a one-way `session` label
 *   instead, and this covers the ones written before.
 * - secrets: nobody (they are also dropped when an entry is written).
 * `self: true`: the person the entry is about (entity `user` with the viewer's id) sees it as well.
 * A field not in the table is not sensitive.
 */
export const AUDIT_FIELD_VISIBILITY: Readonly<Record<string, { roles: readonly Role[]; self: boolean }>> = {
  phone: { roles: ["platform_admin", "county_admin", "township_admin"], self: true },
  email: { roles: ["platform_admin", "county_admin", "township_admin"], self: true },
  emailKey: { roles: ["platform_admin", "county_admin", "township_admin"], self: true },
  joinCode: { roles: ["county_admin"], self: false },
  sessionId: { roles: [], self: true },
  passwordHash: { roles: [], self: false },
  secretHash: { roles: [], self: false },
  previousSecretHash: { roles: [], self: false },
};

/** What a hidden field reads as: the reader learns that it changed, not its value. */
export const HIDDEN = "（已隐藏）";

export type AuditViewer = { id: string; role: Role };

function mayRead(field: string, viewer: AuditViewer, aboutViewer: boolean): boolean {
  const rule = AUDIT_FIELD_VISIBILITY[field];
  if (!rule) return true;
  return rule.roles.includes(viewer.role) || (rule.self && aboutViewer);
}

function redactValue(value: unknown, viewer: AuditViewer, aboutViewer: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, viewer, aboutViewer));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      mayRead(k, viewer, aboutViewer) ? redactValue(v, viewer, aboutViewer) : HIDDEN,
    ]),
  );
}

/** An entry's before/after as this viewer may read them (nested objects and lists included). */
export function redactForViewer<
  T extends { entityType: string; entityId: string; before: unknown; after: unknown },
>(entry: T, viewer: AuditViewer): T {
  const aboutViewer = entry.entityType === "user" && entry.entityId === viewer.id;
  return {
    ...entry,
    before: redactValue(entry.before, viewer, aboutViewer),
    after: redactValue(entry.after, viewer, aboutViewer),
  };
}
