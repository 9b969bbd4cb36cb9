import type { Indicator, Scheme } from "@pingan/domain";

export type IndicatorInfo = { name: string; maxScore: number | null; metric?: string };

/** What the table's indicator codes mean, from the scheme the table was scored with (if known). */
export function indicatorInfo(code: string, scheme?: Scheme): IndicatorInfo {
  const ind: Indicator | undefined = scheme?.indicators.find((i) => i.code === code);
  if (!ind) return { name: code, maxScore: null };
  const metric = "metric" in ind.base ? ind.base.metric : undefined;
  return { name: ind.name, maxScore: ind.maxScore, ...(metric ? { metric } : {}) };
}
