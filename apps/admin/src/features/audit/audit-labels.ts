import type { MessageKey } from "../../i18n/dictionary";
import { AUDIT_WORDS } from "../../i18n/words/audit";

type T = (key: MessageKey, params?: Record<string, string>) => string;

/** A word of the audit area by its key's tail, or the code itself when the area has no word for it. */
function named(t: T, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return Object.hasOwn(AUDIT_WORDS, key) ? t(key as keyof typeof AUDIT_WORDS) : code;
}

/**
 * An audited action in the chosen language. A record action without a word of its own reads as its
 * verb and object (「删除信访」); anything else unknown is shown by its code.
 */
export function actionLabel(t: T, action: string): string {
  const own = named(t, "audit.action.", action);
  if (own !== action) return own;
  const [entity = "", verb = ""] = action.split(".");
  const verbWord = named(t, "audit.verb.", verb);
  const entityWord = named(t, "audit.entity.", entity);
  if (verbWord === verb || entityWord === entity) return action;
  return t("audit.verbOn", { verb: verbWord, entity: entityWord });
}

/** The kind of thing an entry changed; an unknown kind is shown by its code. */
export function entityLabel(t: T, entityType: string): string {
  return named(t, "audit.entity.", entityType);
}

/** Who acted, by role; the system's own jobs included. */
export function roleLabel(t: T, role: string): string {
  return named(t, "audit.role.", role);
}

/** The top-level fields whose values differ between before and after. */
export function changedFields(
  before: unknown,
  after: unknown,
): { field: string; before: unknown; after: unknown }[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const skip = new Set([
    "version",
    "updatedAt",
    "updatedBy",
    "createdAt",
    "createdBy",
    "pk",
    "sk",
    "gsi1pk",
    "gsi1sk",
  ]);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !skip.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}
