import type { Gap, LeagueTable, Scheme } from "./types";

function cents(x: number): number {
  return Math.round(x * 100);
}

/**
 * Points each row lacks to reach the next better rank (tying the nearest row above it with a higher
 * total, in its own group: a vetoed township cannot climb above unvetoed ones by points) and the
 * next better grade (none while vetoed, since a veto fixes the lowest grade).
 */
export function explainGaps(table: LeagueTable, scheme: Scheme): Gap[] {
  const bands = [...scheme.gradeBands].sort((a, b) => a.min - b.min);
  return table.rows.map((row) => {
    const better = table.rows
      .filter((r) => r.vetoed === row.vetoed && cents(r.total) > cents(row.total))
      .reduce<number | null>((best, r) => (best === null || r.total < best ? r.total : best), null);
    const next = row.vetoed ? undefined : bands.find((b) => cents(b.min) > cents(row.total));
    return {
      townshipId: row.townshipId,
      toNextRank: better === null ? null : (cents(better) - cents(row.total)) / 100,
      nextGrade: next ? next.grade : null,
      toNextGrade: next ? (Math.ceil(next.min * 100 - 1e-9) - cents(row.total)) / 100 : null,
    };
  });
}
