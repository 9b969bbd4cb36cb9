/**
 * Instants and periods. Every period boundary is in China Standard Time (UTC+08:00, no daylight saving):
 * month `2026-10` is [2026-10-01T00:00+08:00, 2026-11-01T00:00+08:00).
 */

export const DAY_MS = 86_400_000;

/**
 * Days a dispute of each level may stay open before its light turns red, when the year's scheme sets no
 * `deadlines` of its own (scoring.md: blue 7, yellow 15, red 30).
 */
export const DEFAULT_DISPUTE_DEADLINES: Readonly<Record<"blue" | "yellow" | "red", number>> = {
  blue: 7,
  yellow: 15,
  red: 30,
};
const CST_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Reads `count` ASCII digits at `at`; -1 if any is not a digit. */
function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses an ISO-8601 timestamp that carries an offset or `Z` (`YYYY-MM-DDTHH:mm[:ss[.fff…]](Z|±HH:mm)`)
 * into epoch milliseconds; returns NaN for anything else, a missing offset included, so callers can
 * name the field. Hand-written rather than a regular expression: it runs for every record.
 */
export function parseInstant(s: string): number {
  const n = s.length;
  if (
    n < 17 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58
  )
    return Number.NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (s.charCodeAt(i) === 58) {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      i++;
      const from = i;
      let scale = 100;
      while (i < n) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        if (scale >= 1) millis += c * scale;
        scale /= 10;
        i++;
      }
      if (i === from || i - from > 9) return Number.NaN;
    }
  }
  let offset: number;
  const z = s.charCodeAt(i);
  if (z === 90 && i + 1 === n) offset = 0;
  else if ((z === 43 || z === 45) && i + 6 === n && s.charCodeAt(i + 3) === 58) {
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || oh > 18 || om < 0 || om > 59) return Number.NaN;
    offset = (oh * 60 + om) * 60_000 * (z === 45 ? -1 : 1);
  } else return Number.NaN;
  return (
    ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis - offset
  );
}

export type PeriodKind = "month" | "quarter" | "year";
export type Period = { kind: PeriodKind; key: string; year: number; months: string[] };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** Parses `YYYY-MM`, `YYYY-Qn` or `YYYY`; null when it is none of them. */
export function parsePeriod(s: string): Period | null {
  let m = MONTH.exec(s);
  if (m) return { kind: "month", key: s, year: Number(m[1]), months: [s] };
  m = QUARTER.exec(s);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return { kind: "quarter", key: s, year, months: [1, 2, 3].map((i) => monthKey(year, (q - 1) * 3 + i)) };
  }
  m = YEAR.exec(s);
  if (m) {
    const year = Number(m[1]);
    return {
      kind: "year",
      key: s,
      year,
      months: Array.from({ length: 12 }, (_, i) => monthKey(year, i + 1)),
    };
  }
  return null;
}

/** The months of a period, in order. Throws on a malformed period. */
export function monthsOf(period: string): string[] {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  return p.months;
}

/** The preceding period of the same kind: 2026-01 → 2025-12, 2026-Q1 → 2025-Q4, 2026 → 2025. */
export function previousPeriod(period: string): string {
  const p = parsePeriod(period);
  if (!p) throw new RangeError(`not a period: ${period}`);
  if (p.kind === "year") return String(p.year - 1).padStart(4, "0");
  if (p.kind === "quarter") {
    const q = Number(period.slice(-1));
    return q === 1
      ? `${String(p.year - 1).padStart(4, "0")}-Q4`
      : `${String(p.year).padStart(4, "0")}-Q${q - 1}`;
  }
  const month = Number(period.slice(5, 7));
  return month === 1 ? monthKey(p.year - 1, 12) : monthKey(p.year, month - 1);
}

/** [start, end) of a month in epoch ms, boundaries at midnight UTC+08:00. */
export function monthRange(month: string): { start: number; end: number } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const year = Number(m[1]);
  const mo = Number(m[2]);
  return { start: Date.UTC(year, mo - 1, 1) - CST_OFFSET_MS, end: Date.UTC(year, mo, 1) - CST_OFFSET_MS };
}

/** The month (UTC+08:00) in which an instant falls, as a serial number year*12 + (month-1). */
export function monthSerial(epochMs: number): number {
  // H. Hinnant's civil_from_days, on the day in UTC+08:00: arithmetic only, no Date object per record.
  const z = Math.floor((epochMs + CST_OFFSET_MS) / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

export function serialOfMonth(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthOfSerial(serial: number): string {
  return monthKey(Math.floor(serial / 12), (serial % 12) + 1);
}

/** The month (`YYYY-MM`, UTC+08:00) of an ISO timestamp with an offset. */
export function monthOf(instant: string): string {
  const ms = parseInstant(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not a timestamp with an offset: ${instant}`);
  return monthOfSerial(monthSerial(ms));
}
