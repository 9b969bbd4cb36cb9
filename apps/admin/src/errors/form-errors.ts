import type { FormInstance } from "antd";
import { fieldErrorsOf } from "./error-messages";

/**
 * Puts the API's field errors next to their fields. Returns whether any field matched, so the caller
 * can fall back to a general notice for the rest.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  const byField = fieldErrorsOf(err);
  const known = new Set(
    Object.keys(form.getFieldsValue(true) as Record<string, unknown>).concat(Object.keys(byField)),
  );
  const fields = Object.entries(byField)
    .filter(([k]) => known.has(k))
    .map(([k, errors]) => ({ name: k.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors }));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
