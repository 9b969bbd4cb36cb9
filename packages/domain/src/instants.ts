import { parseInstant } from "./time";

/**
 * Parsed timestamps of a record list, one column per field (NaN where absent), so each timestamp of
 * a million-record county is parsed once: validation fills the columns, scoring reads them. Keyed by
 * the list itself; record lists are treated as immutable once scored.
 */
const columns = new WeakMap<readonly object[], Map<string, Float64Array>>();

export function instantColumn(records: readonly object[], field: string): Float64Array {
  let byField = columns.get(records);
  if (!byField) {
    byField = new Map();
    columns.set(records, byField);
  }
  let column = byField.get(field);
  if (!column) {
    column = new Float64Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const v = (records[i] as Record<string, unknown>)[field];
      column[i] = typeof v === "string" ? parseInstant(v) : Number.NaN;
    }
    byField.set(field, column);
  }
  return column;
}

/**
 * Stores a column that validation (or a reader that parsed the timestamps itself) already parsed:
 * `column[i]` is `parseInstant(records[i][field])`, NaN where absent.
 */
export function rememberColumn(records: readonly object[], field: string, column: Float64Array): void {
  let byField = columns.get(records);
  if (!byField) {
    byField = new Map();
    columns.set(records, byField);
  }
  byField.set(field, column);
}
