import { monthOfSerial, serialOfMonth } from "./time";
import type { Scheme, Township } from "./types";

/** The months of the quarter ending with `month` (scoring.md §10), or null when it ends no quarter. */
export function quarterEndingIn(month: string): string[] | null {
  const s = serialOfMonth(month);
  if (s % 3 !== 2) return null;
  return [monthOfSerial(s - 2), monthOfSerial(s - 1), month];
}

/** The months of the year ending with `month` (a December), or null for any other month. */
export function yearEndingIn(month: string): string[] | null {
  const s = serialOfMonth(month);
  if (s % 12 !== 11) return null;
  return Array.from({ length: 12 }, (_, i) => monthOfSerial(s - 11 + i));
}

/** Whether a scheme has routine duties judged over a quarter or a year (§10.1). */
export function dutyScopes(scheme: Scheme): { quarter: boolean; year: boolean } {
  let quarter = false;
  let year = false;
  for (const ind of scheme.indicators) {
    if (ind.base.kind !== "routine") continue;
    for (const d of ind.base.required) {
      if ("perQuarter" in d) quarter = true;
      if ("perYear" in d) year = true;
    }
  }
  return { quarter, year };
}

/**
 * The months an index must hold to score `months`: the months themselves, and for a month that ends a
 * quarter (or a year) the rest of that quarter (or year) when something is judged over it.
 */
export function monthsToIndex(
  months: readonly string[],
  scopes: { quarter: boolean; year: boolean },
): string[] {
  const all = new Set(months);
  for (const m of months) {
    if (scopes.quarter) for (const q of quarterEndingIn(m) ?? []) all.add(q);
    if (scopes.year) for (const y of yearEndingIn(m) ?? []) all.add(y);
  }
  return [...all].sort();
}

/** §11: whether a township belongs to the assessment in a month (from `memberFrom` on; absent: always). */
export function isMember(t: Pick<Township, "memberFrom">, month: string): boolean {
  return t.memberFrom === undefined || month >= t.memberFrom;
}

/** §11: the population in force in a month: the latest change from a month not after it, else `population`. */
export function populationIn(t: Pick<Township, "population" | "populationHistory">, month: string): number {
  let from = "";
  let population = t.population;
  for (const c of t.populationHistory ?? [])
    if (c.from <= month && c.from > from) {
      from = c.from;
      population = c.population;
    }
  return population;
}
