/**
 * Form values → the scheme object to validate: empty inputs (null, undefined, "") are dropped so the
 * validator reports them as missing rather than as the wrong type.
 */
export function normalizeDraft(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => normalizeDraft(v ?? {}));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined || v === "") continue;
      out[k] = normalizeDraft(v);
    }
    return out;
  }
  return typeof value === "string" ? value.trim() : value;
}
