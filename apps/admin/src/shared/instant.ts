import type { Dayjs } from "dayjs";
import dayjs from "dayjs";

/** The assessment counts in China Standard Time (scoring.md §1), wherever the device is. */
const CST_OFFSET_MS = 8 * 3600_000;

const FORMAT = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** Shows an instant as CST wall time. */
export function showInstant(iso: string | undefined | null): string {
  if (!iso) return "—";
  const parts = Object.fromEntries(FORMAT.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The CST date of an instant, for what is meant as a day (a registration, not a moment): 「2025-05-24」. */
export function showDate(iso: string | undefined | null): string {
  return iso ? showInstant(iso).slice(0, 10) : "—";
}

/**
 * An exclusive deadline as people read it: the last day that still counts, to its end
 * (2026-12-06T00:00 CST reads 「2026-12-05 24:00」, not 「2026-12-06 00:00」).
 */
export function showDeadline(iso: string | undefined | null): string {
  if (!iso) return "—";
  const shown = showInstant(iso);
  if (!shown.endsWith(" 00:00")) return shown;
  return `${showInstant(new Date(Date.parse(iso) - 1).toISOString()).slice(0, 10)} 24:00`;
}

/**
 * The picker works in device-local time, so an instant is handed to it as a local date carrying the CST
 * wall clock, and read back the same way: the user always picks CST, as the assessment counts it.
 */
export function fromInstant(iso: string | undefined | null): Dayjs | undefined {
  if (!iso) return undefined;
  const cst = new Date(Date.parse(iso) + CST_OFFSET_MS);
  return dayjs(
    new Date(
      cst.getUTCFullYear(),
      cst.getUTCMonth(),
      cst.getUTCDate(),
      cst.getUTCHours(),
      cst.getUTCMinutes(),
    ),
  );
}

/** A picked CST wall time as ISO-8601 with its offset, which the API requires. */
export function toInstant(d: Dayjs | null | undefined): string | undefined {
  return d ? `${d.format("YYYY-MM-DDTHH:mm:ss")}+08:00` : undefined;
}

export const nowInstant = (): string => new Date().toISOString();

/** The start of today in China Standard Time, for a field that takes a date. */
export const todayInstant = (): string => `${showInstant(nowInstant()).slice(0, 10)}T00:00:00+08:00`;
