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
