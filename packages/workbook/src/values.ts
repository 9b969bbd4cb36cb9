import { EVENT_LABELS, parseInstant } from "@pingan/domain";

/**
 * Cell values → typed values, one function per kind of import.md's value table. Each returns the value
 * or a Chinese problem (the part after 「列」：), never throws.
 */

/** A cell as the readers hand it over: xlsx gives numbers, booleans and dates; CSV only text. */
export type CellValue = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (problem: string): Parsed<never> => ({ ok: false, problem });

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MIN_INSTANT = Date.UTC(2000, 0, 1);
const MAX_INSTANT = Date.UTC(2100, 0, 1);

/** Trims ASCII and full-width (U+3000) spaces, as headers and values are typed by hand. */
export function trimCell(s: string): string {
  // Most cells need no trimming: skip the regular expression when both ends are plainly not spaces.
  if (s.length > 0 && notSpace(s.charCodeAt(0)) && notSpace(s.charCodeAt(s.length - 1))) return s;
  return s.replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/g, "");
}

/** Printable ASCII, or above U+3000 other than the byte-order mark: never a space \s would trim. */
const notSpace = (c: number) => (c > 32 && c < 127) || (c > 0x3000 && c !== 0xfeff);

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && trimCell(v) === "");
}

/** What the cell showed, for the 「实为」 part of a message. */
export function shown(v: CellValue): string {
  if (v instanceof Date) return formatChinaTime(v.getTime() - CHINA_OFFSET_MS);
  return typeof v === "string" ? trimCell(v) : String(v);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

const DAY_MS = 86_400_000;

/**
 * `new Date(ms).toISOString()` for instants of 0000–9999, computed directly (civil-from-days,
 * H. Hinnant): the reader formats every time cell, and the built-in is several times slower. The
 * string is made flat in one call (a template literal makes a rope that every later comparison or
 * hash of it must flatten first).
 */
export function isoString(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  // Digits written out rather than through a helper: most calls run before V8 has optimised this,
  // when each helper call (two per field) costs more than the arithmetic.
  const y2 = Math.floor(year / 10);
  const y3 = Math.floor(year / 100);
  const m2 = Math.floor(millis / 10);
  return String.fromCharCode(
    48 + Math.floor(year / 1000),
    48 + (y3 % 10),
    48 + (y2 % 10),
    48 + (year % 10),
    45,
    48 + Math.floor(month / 10),
    48 + (month % 10),
    45,
    48 + Math.floor(day / 10),
    48 + (day % 10),
    84,
    48 + Math.floor(hour / 10),
    48 + (hour % 10),
    58,
    48 + Math.floor(minute / 10),
    48 + (minute % 10),
    58,
    48 + Math.floor(second / 10),
    48 + (second % 10),
    46,
    48 + Math.floor(millis / 100),
    48 + (m2 % 10),
    48 + (millis % 10),
    90,
  );
}

/** `YYYY-MM-DD HH:mm:ss` in China time, with `.SSS` only when the instant has milliseconds. */
export function formatChinaTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const millis = d.getUTCMilliseconds();
  return millis ? `${base}.${pad(millis, 3)}` : base;
}

/** The wall-clock China time of an instant as a Date whose UTC fields show it (how xlsx stores dates). */
export function chinaWallClockDate(ms: number): Date {
  return new Date(ms + CHINA_OFFSET_MS);
}

const LOCAL_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const TIME_PROBLEM = "应为时间，如 2026-10-05 09:30、2026/10/05 09:30:00 或 2026-10-05T09:30:00+08:00";

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** One or two ASCII digits of s at i: the value times 4 plus how many digits (0: none), or -1. */
function oneOrTwo(s: string, i: number): number {
  const a = s.charCodeAt(i);
  if (!isDigit(a)) return -1;
  const b = s.charCodeAt(i + 1);
  return isDigit(b) ? ((a - 48) * 10 + b - 48) * 4 + 2 : (a - 48) * 4 + 1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * `parseTime`'s value without a result object, NaN for anything it would not accept plainly: a date
 * cell, or text in the local form (`2026-10-05 09:30`, `2026/1/5 9:30:15.250`) read with char codes
 * instead of a regular expression (every time cell of a workbook comes through here, and most of them
 * while the code is still cold). NaN means "ask `parseTime`": for its message, or for the other forms
 * it takes (ISO with an offset), so the two can never disagree on a value.
 */
export function timeValue(v: CellValue): number {
  let ms: number;
  if (v instanceof Date) ms = Math.round(v.getTime()) - CHINA_OFFSET_MS;
  else if (typeof v === "string") ms = localTime(trimCell(v));
  else return Number.NaN;
  return ms >= MIN_INSTANT && ms < MAX_INSTANT ? ms : Number.NaN;
}

/** LOCAL_TIME by hand: the epoch ms of China wall-clock text, NaN when it is not that form or no date. */
function localTime(s: string): number {
  const n = s.length;
  if (n < 8) return Number.NaN;
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  if (y0 < 0 || y0 > 9 || y1 < 0 || y1 > 9 || y2 < 0 || y2 > 9 || y3 < 0 || y3 > 9) return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  let sep = s.charCodeAt(4);
  if (sep !== 45 && sep !== 47) return Number.NaN;
  const mo = oneOrTwo(s, 5);
  if (mo < 0) return Number.NaN;
  let i = 5 + (mo & 3);
  sep = s.charCodeAt(i);
  if (sep !== 45 && sep !== 47) return Number.NaN;
  const da = oneOrTwo(s, i + 1);
  if (da < 0) return Number.NaN;
  i += 1 + (da & 3);
  const month = mo >> 2;
  const day = da >> 2;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  if (i < n) {
    const t = s.charCodeAt(i);
    if (t !== 32 && t !== 84) return Number.NaN;
    const h = oneOrTwo(s, i + 1);
    if (h < 0) return Number.NaN;
    i += 1 + (h & 3);
    hour = h >> 2;
    if (s.charCodeAt(i) !== 58 || i + 3 > n) return Number.NaN;
    const m0 = s.charCodeAt(i + 1);
    const m1 = s.charCodeAt(i + 2);
    if (!isDigit(m0) || !isDigit(m1)) return Number.NaN;
    minute = (m0 - 48) * 10 + m1 - 48;
    i += 3;
    if (i < n) {
      if (s.charCodeAt(i) !== 58 || i + 3 > n) return Number.NaN;
      const s0 = s.charCodeAt(i + 1);
      const s1 = s.charCodeAt(i + 2);
      if (!isDigit(s0) || !isDigit(s1)) return Number.NaN;
      second = (s0 - 48) * 10 + s1 - 48;
      i += 3;
      if (i < n) {
        // `.` and one to three digits, as padEnd(3, "0") reads them: .5 is 500 ms.
        if (s.charCodeAt(i) !== 46 || n - i < 2 || n - i > 4) return Number.NaN;
        let scale = 100;
        for (let k = i + 1; k < n; k++, scale /= 10) {
          const c = s.charCodeAt(k);
          if (!isDigit(c)) return Number.NaN;
          millis += (c - 48) * scale;
        }
      }
    }
  }
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return Number.NaN;
  // Days from the civil date (H. Hinnant's days_from_civil), as Date.UTC counts them for years from
  // 100 on (it reads 0–99 as 1900–1999: those go the long way, and are out of range anyway).
  if (year < 100) return Number.NaN;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const days = era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
  return days * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis - CHINA_OFFSET_MS;
}

/** An instant (epoch ms) from a time cell; see import.md's value table. */
export function parseTime(v: CellValue): Parsed<number> {
  const fast = timeValue(v);
  if (!Number.isNaN(fast)) return ok(fast);
  let ms: number;
  if (v instanceof Date) {
    // xlsx date cells carry no zone: the serial is the wall clock in China, not UTC. exceljs already
    // rounds the serial's day fraction to the millisecond, so 46326.99999999999 is 2026-11-01 00:00.
    ms = Math.round(v.getTime()) - CHINA_OFFSET_MS;
  } else if (typeof v === "string") {
    const s = trimCell(v);
    const m = LOCAL_TIME.exec(s);
    if (m) {
      const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const millis = m[7] ? Number(m[7].padEnd(3, "0")) : 0;
      if (
        month < 1 ||
        month > 12 ||
        day < 1 ||
        day > daysIn(year, month) ||
        hour > 23 ||
        minute > 59 ||
        second > 59
      )
        return bad(`${TIME_PROBLEM}，实为「${s}」`);
      ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - CHINA_OFFSET_MS;
    } else {
      ms = parseInstant(s);
      if (Number.isNaN(ms)) return bad(`${TIME_PROBLEM}，实为「${s}」`);
    }
  } else {
    return bad(`${TIME_PROBLEM}，实为「${shown(v)}」`);
  }
  if (!(ms >= MIN_INSTANT && ms < MAX_INSTANT))
    return bad(`应为 2000 年至 2099 年之间的时间，实为「${shown(v)}」`);
  return ok(ms);
}

const YES = new Set(["是", "y", "yes", "true", "1"]);
const NO = new Set(["否", "n", "no", "false", "0"]);

/** 是/否, Y/N, true/false, 1/0 (text, number or boolean cells); blank is 否. */
export function parseYesNo(v: CellValue): Parsed<boolean> {
  if (v === null) return ok(false);
  if (typeof v === "boolean") return ok(v);
  if (typeof v === "number" && (v === 0 || v === 1)) return ok(v === 1);
  if (typeof v === "string") {
    const s = trimCell(v).toLowerCase();
    if (s === "") return ok(false);
    if (YES.has(s)) return ok(true);
    if (NO.has(s)) return ok(false);
  }
  return bad(`应为 是、否 之一，实为「${shown(v)}」`);
}

/** An integer >= min from a number cell or text digits. */
export function parseInteger(v: CellValue, min: number): Parsed<number> {
  let n = Number.NaN;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^[+]?\d+$/.test(trimCell(v))) n = Number(trimCell(v));
  if (!Number.isSafeInteger(n) || n < min)
    return bad(
      `应为${min === 0 ? "不小于 0 的" : min === 1 ? "正" : `不小于 ${min} 的`}整数，实为「${shown(v)}」`,
    );
  return ok(n);
}

/** A non-negative number (人工评分的得分). */
export function parseNumber(v: CellValue): Parsed<number> {
  let n = Number.NaN;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^\d+(\.\d+)?$/.test(trimCell(v))) n = Number(trimCell(v));
  if (!Number.isFinite(n) || n < 0) return bad(`应为不小于 0 的数，实为「${shown(v)}」`);
  return ok(n);
}

/** The township's 9-digit code, from a text or a number cell. */
export function parseTownshipCode(v: CellValue): Parsed<string> {
  const s =
    typeof v === "number" ? (Number.isInteger(v) ? String(v) : "") : typeof v === "string" ? trimCell(v) : "";
  return /^\d{9}$/.test(s) ? ok(s) : bad(`应为 9 位数字的乡镇代码，实为「${shown(v)}」`);
}

/** Free text (also a number cell written as text, e.g. a numeric 编号). */
export function parseText(v: CellValue): Parsed<string> {
  if (v instanceof Date) return bad(`应为文字，实为时间「${shown(v)}」`);
  return ok(typeof v === "string" ? trimCell(v) : String(v));
}

export function parseMonth(v: CellValue): Parsed<string> {
  if (v instanceof Date) {
    const d = v;
    return ok(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
  }
  const s = typeof v === "string" ? trimCell(v) : String(v);
  const m = /^(\d{4})[-/](\d{1,2})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return bad(`应为月份 YYYY-MM，实为「${s}」`);
  return ok(`${m[1]}-${pad(Number(m[2]))}`);
}

/** An enumeration: the first name of each value is how the writer spells it. */
export type Enumeration<T extends string> = { code: T; names: readonly string[] }[];

export function enumeration<T extends string>(values: Enumeration<T>) {
  const lookup = new Map<string, T>();
  for (const { code, names } of values) {
    lookup.set(code.toLowerCase(), code);
    for (const name of names) lookup.set(name, code);
  }
  const listed = values.map((v) => v.names[0] ?? v.code).join("、");
  return {
    values,
    /** The Chinese name the writer uses for a code. */
    name: (code: string): string => values.find((v) => v.code === code)?.names[0] ?? code,
    parse(v: CellValue): Parsed<T> {
      const s = typeof v === "string" ? trimCell(v) : String(v);
      const code = lookup.get(s) ?? lookup.get(s.toLowerCase());
      return code ? ok(code) : bad(`应为 ${listed} 之一，实为「${s}」`);
    },
    /** `parse`'s value without a result object, undefined where `parse` gives a problem. */
    find(v: CellValue): T | undefined {
      const s = typeof v === "string" ? trimCell(v) : String(v);
      return lookup.get(s) ?? lookup.get(s.toLowerCase());
    },
    accepted: values.map((v) => [...v.names, v.code].join(" / ")).join("；"),
  };
}

export const LEVELS = enumeration([
  { code: "red", names: ["红色", "红"] },
  { code: "yellow", names: ["黄色", "黄"] },
  { code: "blue", names: ["蓝色", "蓝"] },
] as const);
export const OUTCOMES = enumeration([
  { code: "resolved", names: ["化解成功"] },
  { code: "failed", names: ["化解不成（转诉讼）", "化解不成", "化解不成(转诉讼)"] },
  { code: "escalated", names: ["上交上级"] },
] as const);
export const ATTEMPT_RESULTS = enumeration([
  { code: "success", names: ["调解成功"] },
  { code: "partial", names: ["部分达成"] },
  { code: "failed", names: ["未达成"] },
] as const);
export const INCIDENT_KINDS = enumeration([
  { code: "criminal", names: ["刑事", "刑事案件"] },
  { code: "public_order", names: ["治安", "治安案件"] },
] as const);
export const SEVERITIES = enumeration([
  { code: "ordinary", names: ["一般"] },
  { code: "major", names: ["重大"] },
] as const);
export const CATEGORIES = enumeration([
  { code: "mental_health", names: ["严重精神障碍患者"] },
  { code: "community_correction", names: ["社区矫正对象"] },
  { code: "released_prisoner", names: ["刑满释放人员"] },
  { code: "drug_rehab", names: ["社区戒毒康复人员"] },
] as const);

/** A county's own key-person categories as the 人员类别 enumeration (its Chinese name first, then the code). */
export const categoryEnumeration = (categories: readonly { code: string; name: string }[]) =>
  enumeration(categories.map((c) => ({ code: c.code, names: [c.name] })));

const EVENT_CODE = /^[a-z][a-z0-9_]{1,48}$/;

/**
 * 事件类型: an event code, or a Chinese name from the county's scheme (`eventNames`, e.g. built from
 * its indicators) or the product's event labels.
 */
export function eventKindParser(eventNames: Readonly<Record<string, string>> = {}) {
  const byName = new Map<string, string>();
  for (const [code, name] of Object.entries(EVENT_LABELS)) byName.set(name, code);
  for (const [code, name] of Object.entries(eventNames)) byName.set(name, code);
  return (v: CellValue): Parsed<string> => {
    const s = typeof v === "string" ? trimCell(v) : String(v);
    const code = byName.get(s) ?? (EVENT_CODE.test(s) ? s : undefined);
    return code ? ok(code) : bad(`应为事件代码（如 monthly_meeting）或事件名称（如 综治例会），实为「${s}」`);
  };
}
