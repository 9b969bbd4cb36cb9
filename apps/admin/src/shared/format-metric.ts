import type { Locale } from "../i18n/dictionary";

/**
 * An indicator's metric as people read it: rates as percentages; the incident rate per 10,000 residents
 * (「每万人 1.23 起」), never as a percentage. A metric whose kind is unknown (no scheme at hand) is shown as
 * a bare number rather than guessed to be a rate.
 */
export function formatMetric(
  metric: string | undefined,
  value: number | null,
  locale: Locale = "zh-CN",
): string {
  if (value === null) return "—";
  if (metric === "incident.rate_per_10k")
    return locale === "en" ? `${value.toFixed(2)} per 10,000` : `每万人 ${value.toFixed(2)} 起`;
  if (metric === undefined) return String(Number(value.toFixed(4)));
  return `${(value * 100).toFixed(1)}%`;
}

export function formatScore(n: number): string {
  return n.toFixed(2);
}
