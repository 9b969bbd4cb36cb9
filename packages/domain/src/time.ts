/**
 * Instants and periods. Every period boundary is in China Standard Time (UTC+08:00, no daylight saving):
 * month `2026-10` is [2026-10-01T00:00+08:00, 2026-11-01T00:00+08:00).
 */

export const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO-8601 timestamp that carries an offset or `Z` into epoch milliseconds; returns NaN for
 * anything else (a missing offset included), so callers can name the field.
 */
export function parseInstant(s: string): number {
  const m = TIMESTAMP.exec(s);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-9) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offset = 0;
  const z = m[8] as string;
  if (z !== "Z") {
    const oh = Number(z.slice(1, 3));
    const om = Number(z.slice(4, 6));
    if (oh > 18 || om > 59) return Number.NaN;
    offset = (oh * 60 + om) * 60_000 * (z[0] === "-" ? -1 : 1);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
  const d = new Date(epochMs + CST_OFFSET_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
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
