/**
 * Builds an ElectroDB key template such as "T#${townshipId}" from literal parts and attribute names,
 * so the templates read clearly without "${" inside ordinary string literals.
 */
export function key(...parts: (string | { attr: string })[]): string {
  return parts.map((part) => (typeof part === "string" ? part : ["${", part.attr, "}"].join(""))).join("");
}

export const a = (attr: string) => ({ attr });

/**
 * The table index of a township-owned record: its township's partition (`T#<townshipId>`), sorted by a
 * type prefix and the record id. Every record type shares this shape, so it is written once.
 */
export function townshipRecordKey<P extends string>(prefix: P) {
  return {
    pk: { field: "pk", composite: ["townshipId"], template: key("T#", a("townshipId")), casing: "none" },
    sk: { field: "sk", composite: ["id"], template: key(prefix, a("id")), casing: "none" },
  } as const;
}

/**
 * A secondary index of a township's records of one type, sorted by one of their attributes and then
 * the id: `T#<townshipId><suffix>` / `<sortAttr>#<id>`. Lists by time and the scorer's window reads use it.
 */
export function townshipSortedIndex<I extends "gsi1" | "gsi2", S extends string, A extends string>(
  index: I,
  suffix: S,
  sortAttr: A,
) {
  return {
    index,
    pk: {
      field: `${index}pk`,
      composite: ["townshipId"],
      template: key("T#", a("townshipId"), suffix),
      casing: "none",
    },
    sk: {
      field: `${index}sk`,
      composite: [sortAttr, "id"],
      template: key(a(sortAttr), "#", a("id")),
      casing: "none",
    },
  } as const;
}
