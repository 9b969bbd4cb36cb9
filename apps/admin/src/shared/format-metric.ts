/** Rates read as percentages; the incident rate is per 10,000 residents. */
export function formatMetric(metric: string | undefined, value: number | null): string {
  if (value === null) return "—";
  if (metric === "incident.rate_per_10k") return value.toFixed(2);
  return `${(value * 100).toFixed(1)}%`;
}

export function formatScore(n: number): string {
  return n.toFixed(2);
}
