/**
 * Builds an ElectroDB key template such as "T#${townshipId}" from literal parts and attribute names,
 * so the templates read clearly without "${" inside ordinary string literals.
 */
export function key(...parts: (string | { attr: string })[]): string {
  return parts.map((part) => (typeof part === "string" ? part : ["${", part.attr, "}"].join(""))).join("");
}

export const a = (attr: string) => ({ attr });
