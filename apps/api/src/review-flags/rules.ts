/**
 * 报喜不报忧 (too good to be true): the rules that flag a township-month under review (issue 15). Pure:
 * they read a township's per-month counts and its month's perfect rates, and say what looks wrong with the
 * figures behind it. A flag never changes a score; the reviewer records what was done about it.
 */

export const COUNTED_KINDS = ["dispute", "petition", "incident"] as const;
export type CountedKind = (typeof COUNTED_KINDS)[number];
export type KindCounts = Record<CountedKind, number>;

/** A township's records of one month (China time), deleted ones not counted. */
export type MonthCounts = {
  month: string;
  /** Disputes reported, petitions received, incidents occurred in the month. */
  reported: KindCounts;
  /** Of those, the records the county imported from its other systems (信访, 12345 …). */
  imported: KindCounts;
  /** The files the county's imported records of the month came from, per kind. */
  importFiles: Record<CountedKind, string[]>;
  /** Petitions received in the month that went over the township's head (越级访). */
  skipLevel: number;
};

/** An indicator's rate in the month under review, with the cases it is computed on. */
export type IndicatorRate = { code: string; name: string; rate: number; cases: number };

/** How many trailing months the township's own recent figures are taken over. */
export const TRAILING_MONTHS = 6;
/** A drop is judged only against a median this large (fewer cases a month vary too much by chance). */
export const MIN_MEDIAN = 4;
/** A count under this fraction of the trailing median is a sharp drop. */
export const DROP_FRACTION = 0.5;
/** A perfect rate is suspicious only on at least this many cases. */
export const MIN_PERFECT_CASES = 10;

export type MonthFigure = { month: string; count: number };

export type Flag =
  | {
      code: `drop:${CountedKind}`;
      rule: "drop";
      kind: CountedKind;
      count: number;
      median: number;
      trailing: MonthFigure[];
    }
  | {
      code: "perfect";
      rule: "perfect";
      rates: IndicatorRate[];
      skipLevel: number;
      skipLevelMedian: number;
      trailing: MonthFigure[];
    }
  | {
      code: `import:${CountedKind}`;
      rule: "import";
      kind: CountedKind;
      own: number;
      imported: number;
      files: string[];
    };

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Disputes, petitions or incidents under half of the township's trailing six-month median (median ≥ 4). */
export function dropFlags(current: MonthCounts, trailing: readonly MonthCounts[]): Flag[] {
  const out: Flag[] = [];
  for (const kind of COUNTED_KINDS) {
    const figures = trailing.map((m) => ({ month: m.month, count: m.reported[kind] }));
    const m = median(figures.map((f) => f.count));
    const count = current.reported[kind];
    if (m >= MIN_MEDIAN && count < m * DROP_FRACTION)
      out.push({ code: `drop:${kind}`, rule: "drop", kind, count, median: m, trailing: figures });
  }
  return out;
}

/** Rates of 100% on at least ten cases while the skip-level petitions rise above their trailing median. */
export function perfectFlag(
  current: MonthCounts,
  trailing: readonly MonthCounts[],
  rates: readonly IndicatorRate[],
): Flag[] {
  const perfect = rates.filter((r) => r.rate >= 1 && r.cases >= MIN_PERFECT_CASES);
  if (perfect.length === 0) return [];
  const figures = trailing.map((m) => ({ month: m.month, count: m.skipLevel }));
  const m = median(figures.map((f) => f.count));
  if (current.skipLevel <= m) return [];
  return [
    {
      code: "perfect",
      rule: "perfect",
      rates: perfect,
      skipLevel: current.skipLevel,
      skipLevelMedian: m,
      trailing: figures,
    },
  ];
}

/** Fewer records of a kind entered by the township itself than the county imported for it from other systems. */
export function importFlags(current: MonthCounts): Flag[] {
  const out: Flag[] = [];
  for (const kind of COUNTED_KINDS) {
    const imported = current.imported[kind];
    const own = current.reported[kind] - imported;
    if (imported > 0 && own < imported)
      out.push({
        code: `import:${kind}`,
        rule: "import",
        kind,
        own,
        imported,
        files: current.importFiles[kind],
      });
  }
  return out;
}

/** Every flag of a township-month: its counts, the trailing months' (oldest first) and its rates. */
export function flagsOf(input: {
  current: MonthCounts;
  trailing: readonly MonthCounts[];
  rates: readonly IndicatorRate[];
}): Flag[] {
  return [
    ...dropFlags(input.current, input.trailing),
    ...perfectFlag(input.current, input.trailing, input.rates),
    ...importFlags(input.current),
  ];
}
