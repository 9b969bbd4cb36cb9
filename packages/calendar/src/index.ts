/**
 * The PRC working-day calendar: official public holidays and 调休 (weekend days that are worked to bridge a
 * holiday) from the `chinese-days` package's data, with a Monday–Friday fallback for years it does not
 * cover yet, which every answer reports.
 *
 * A day is a China calendar day `YYYY-MM-DD`. Instants are UTC ISO strings; China is UTC+08:00 all year
 * round (no daylight saving), so a China day is exactly [D-1 16:00Z, D 16:00Z). Nothing here reads the
 * process's time zone.
 */
import data from "chinese-days/dist/chinese-days.json" with { type: "json" };

/** Where a day's answer comes from: the official State Council calendar, or Monday–Friday for a year
 * the data does not cover yet. */
export type CalendarSource = "official" | "weekday-fallback";

/** Why a day is or is not worked: an ordinary weekday or weekend, a public holiday (including the
 * weekdays given off in lieu), or a weekend day worked by 调休. */
export type DayKind = "workday" | "weekend" | "holiday" | "adjusted-workday";

export interface WorkingDayInfo {
  working: boolean;
  source: CalendarSource;
  kind: DayKind;
  /** The holiday's Chinese name (元旦, 春节, 国庆节, …) for `holiday` and `adjusted-workday` days. */
  holiday?: string;
}

export interface YearCoverage {
  year: number;
  /** True when the official calendar for the year is in the data. */
  covered: boolean;
  source: CalendarSource;
  /** The first and last years the data covers (for "官方日历覆盖 2004–2026 年"). */
  firstYear: number;
  lastYear: number;
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** A bound on `n`: deadlines are days or weeks away; a huge n is a bug, not a deadline. */
const MAX_WORKING_DAYS = 10_000;

// Values look like "Spring Festival,春节,4" (English name, Chinese name, holiday number).
const holidays: Readonly<Record<string, string>> = data.holidays;
const workdays: Readonly<Record<string, string>> = data.workdays;

const coveredYears: ReadonlySet<number> = new Set(
  [...Object.keys(holidays), ...Object.keys(workdays)].map((d) => Number(d.slice(0, 4))),
);
const FIRST_YEAR = Math.min(...coveredYears);
const LAST_YEAR = Math.max(...coveredYears);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Days since 1970-01-01 of a valid day, or NaN. */
function parseDay(s: string): number {
  const m = DAY.exec(s);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which maps years 0–99 to 1900–1999
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return Number.NaN;
  return Math.round(t.getTime() / DAY_MS);
}

function requireDay(s: string, field: string): number {
  const n = typeof s === "string" ? parseDay(s) : Number.NaN;
  if (Number.isNaN(n)) throw new RangeError(`${field} 不是有效日期（应为 YYYY-MM-DD）：${String(s)}`);
  return n;
}

function formatDay(epochDay: number): string {
  const t = new Date(epochDay * DAY_MS);
  const y = String(t.getUTCFullYear()).padStart(4, "0");
  const m = String(t.getUTCMonth() + 1).padStart(2, "0");
  const d = String(t.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

function chineseName(value: string): string | undefined {
  return value.split(",")[1];
}

function info(epochDay: number): WorkingDayInfo {
  const day = formatDay(epochDay);
  const weekday = new Date(epochDay * DAY_MS).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  if (!coveredYears.has(Number(day.slice(0, 4)))) {
    return { working: !weekend, source: "weekday-fallback", kind: weekend ? "weekend" : "workday" };
  }
  const h = holidays[day];
  if (h !== undefined) return withName({ working: false, source: "official", kind: "holiday" }, h);
  const w = workdays[day];
  if (w !== undefined) return withName({ working: true, source: "official", kind: "adjusted-workday" }, w);
  return { working: !weekend, source: "official", kind: weekend ? "weekend" : "workday" };
}

function withName(i: WorkingDayInfo, value: string): WorkingDayInfo {
  const name = chineseName(value);
  return name ? { ...i, holiday: name } : i;
}

function isWorking(epochDay: number): boolean {
  return info(epochDay).working;
}

/** True for a well-formed, existing calendar day `YYYY-MM-DD`. */
export function isChinaDay(s: string): boolean {
  return typeof s === "string" && !Number.isNaN(parseDay(s));
}

/** Whether the official calendar covers `year`; if not, days of that year fall back to Monday–Friday. */
export function coverage(year: number): YearCoverage {
  if (!Number.isInteger(year)) throw new RangeError(`year 不是整数年份：${String(year)}`);
  const covered = coveredYears.has(year);
  return {
    year,
    covered,
    source: covered ? "official" : "weekday-fallback",
    firstYear: FIRST_YEAR,
    lastYear: LAST_YEAR,
  };
}

/** Whether `day` is worked, where that answer comes from, and why. */
export function workingDayInfo(day: string): WorkingDayInfo {
  return info(requireDay(day, "day"));
}

export function isWorkingDay(day: string): boolean {
  return isWorking(requireDay(day, "day"));
}

/**
 * The day that is `n` working days after `day`: the n-th working day strictly after it, so a notice issued
 * on 2026-02-13 (Friday) with 2 working days is due 2026-02-24, past the Spring Festival. `n = 0` returns
 * `day` itself. Check `coverage()` of the result's year to know whether the answer is official.
 */
export function addWorkingDays(day: string, n: number): string {
  let d = requireDay(day, "day");
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`n 应为 0 到 ${MAX_WORKING_DAYS} 之间的整数：${String(n)}`);
  }
  for (let left = n; left > 0; ) {
    d++;
    if (isWorking(d)) left--;
  }
  return formatDay(d);
}

/**
 * The n-th working day (n ≥ 1) of month `yyyyMm` (`YYYY-MM`), for deadlines such as "the 5th working day".
 * Throws if the month has fewer than n working days.
 */
export function nthWorkingDayOfMonth(yyyyMm: string, n: number): string {
  const m = typeof yyyyMm === "string" ? MONTH.exec(yyyyMm) : null;
  if (!m) throw new RangeError(`yyyyMm 不是有效月份（应为 YYYY-MM）：${String(yyyyMm)}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n 应为不小于 1 的整数：${String(n)}`);
  const first = requireDay(`${yyyyMm}-01`, "yyyyMm");
  let count = 0;
  for (let d = first; formatDay(d).startsWith(yyyyMm); d++) {
    if (isWorking(d) && ++count === n) return formatDay(d);
  }
  throw new RangeError(`${yyyyMm} 只有 ${count} 个工作日，没有第 ${n} 个`);
}

/**
 * The number of working days d with a < d ≤ b, negative when b is before a, so that
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n`. Equal days give 0.
 */
export function workingDaysBetween(a: string, b: string): number {
  const from = requireDay(a, "a");
  const to = requireDay(b, "b");
  if (to < from) return 0 - workingDaysBetween(b, a); // 0 - x, not -x: never -0
  let count = 0;
  for (let d = from + 1; d <= to; d++) if (isWorking(d)) count++;
  return count;
}

/** The UTC instant (ISO string) at which China day `day` ends, i.e. 24:00 UTC+08:00: a deadline "by the end
 * of that day" has passed at and after this instant. */
export function endOfChinaDay(day: string): string {
  return new Date((requireDay(day, "day") + 1) * DAY_MS - CHINA_OFFSET_MS).toISOString();
}

/** The China calendar day of an instant (a Date, or an ISO string with `Z` or an offset). */
export function chinaDayOf(instant: Date | string): string {
  const ms = typeof instant === "string" ? parseInstantString(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`instant 不是带时区的有效时间：${String(instant)}`);
  return formatDay(Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS));
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstantString(s: string): number {
  // Only strings with an explicit zone: `Date.parse` would read a zone-less one in local time.
  if (!INSTANT.test(s) || Number.isNaN(parseDay(s.slice(0, 10)))) return Number.NaN;
  return Date.parse(s);
}
