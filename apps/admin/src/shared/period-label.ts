import type { Locale } from "../i18n/dictionary";

const QUARTER_ZH = ["一", "二", "三", "四"];

/** `2026-10` → 2026年10月, `2026-Q3` → 2026年第三季度, `2026` → 2026年度. */
export function periodLabel(period: string, locale: Locale = "zh-CN"): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return locale === "en" ? `${month[1]}-${month[2]}` : `${month[1]}年${Number(month[2])}月`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter)
    return locale === "en"
      ? `${quarter[1]} Q${quarter[2]}`
      : `${quarter[1]}年第${QUARTER_ZH[Number(quarter[2]) - 1]}季度`;
  if (/^\d{4}$/.test(period)) return locale === "en" ? period : `${period}年度`;
  return period;
}

export function isMonth(period: string): boolean {
  return /^\d{4}-\d{2}$/.test(period);
}

/** The last month a period covers, as `YYYY-MM`: `2026-Q3` → `2026-09`, `2026` → `2026-12`. */
function lastMonthOf(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, "0")}`;
  if (/^\d{4}$/.test(period)) return `${period}-12`;
  return period;
}

/** Months first, then quarters, then years, among periods that end in the same month. */
const FINENESS = (period: string) => (isMonth(period) ? 0 : /-Q/.test(period) ? 1 : 2);

/**
 * Periods newest first, by the month they end (never as text, which would put 2026-Q3 before 2026-10);
 * of periods ending together, the month before its quarter before its year.
 */
export function newestFirst<T>(items: T[], periodOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const pa = periodOf(a);
    const pb = periodOf(b);
    const ea = lastMonthOf(pa);
    const eb = lastMonthOf(pb);
    if (ea !== eb) return ea < eb ? 1 : -1;
    return FINENESS(pa) - FINENESS(pb);
  });
}
