import { parseInstant } from "@pingan/domain";
import * as z from "zod";
import { fieldError, inputError } from "./messages";

/** Field builders: each carries its Chinese label, so every message names the field. */

export const text = (label: string, max = 200) =>
  z
    .string({ error: fieldError(label) })
    .trim()
    .min(1)
    .max(max);

/**
 * A name that people see in tables and exports (township, county, a person): besides `text`, it may not
 * start with = + - @ tab or CR, which a spreadsheet would run as a formula (OWASP CSV injection). The
 * exports escape such cells anyway; refusing them where they are entered keeps them out of the data.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

export const displayName = (label: string, max = 50) =>
  z
    .string({ error: fieldError(label) })
    .refine((s) => !FORMULA_START.test(s) && !FORMULA_START.test(s.trim()), {
      error: `「${label}」不能以 =、+、-、@、制表符或回车开头`,
    })
    .trim()
    .min(1)
    .max(max);

export const optionalText = (label: string, max = 500) =>
  z
    .string({ error: fieldError(label) })
    .trim()
    .max(max)
    .optional();

export const id = (label: string) =>
  z
    .string({ error: fieldError(label) })
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/);

export const int = (label: string, min: number, max: number) =>
  z
    .number({ error: fieldError(label) })
    .int()
    .min(min)
    .max(max);

export const bool = (label: string) => z.boolean({ error: fieldError(label) });

export const oneOf = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: fieldError(label) });

const MIN_INSTANT = Date.UTC(2000, 0, 1);
const MAX_INSTANT = Date.UTC(2100, 0, 1);

/**
 * An instant: ISO-8601 with an offset or Z (scoring.md §1), stored as UTC ISO so sort keys order by time.
 */
export const instant = (label: string) =>
  z
    .string({ error: fieldError(label) })
    .refine(
      (s) => {
        const ms = parseInstant(s);
        return !Number.isNaN(ms) && ms >= MIN_INSTANT && ms < MAX_INSTANT;
      },
      { error: `「${label}」应为带时区的时间，例如 2026-10-05T09:30:00+08:00` },
    )
    .transform((s) => new Date(parseInstant(s)).toISOString());

export const month = (label = "月份") =>
  z
    .string({ error: fieldError(label) })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: `「${label}」应为 YYYY-MM，例如 2026-10` });

export const period = (label = "考核期") =>
  z.string({ error: fieldError(label) }).regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, {
    error: `「${label}」应为月（2026-10）、季度（2026-Q3）或年度（2026）`,
  });

export const phone = (label = "手机号") =>
  z.string({ error: fieldError(label) }).regex(/^1\d{10}$/, { error: `「${label}」应为 11 位手机号` });

export const email = (label = "电子邮箱") =>
  z
    .string({ error: fieldError(label) })
    .trim()
    .toLowerCase()
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: `「${label}」格式不正确` });

export const password = (label = "密码") =>
  z
    .string({ error: fieldError(label) })
    .min(8, { error: `「${label}」至少 8 位` })
    .max(128);

/** The client's id for one create request; a retry with the same id does not make a duplicate. */
export const requestId = () => id("请求编号").min(8);

/** The version of the record the client edited (optimistic concurrency). */
export const expectedVersion = () => int("版本号", 1, Number.MAX_SAFE_INTEGER);

export const page = {
  cursor: z
    .string({ error: fieldError("分页游标") })
    .max(2048)
    .nullish(),
  limit: int("每页条数", 1, 100).default(20),
};

/** An object input whose own errors (e.g. not an object at all) read in Chinese. */
export const input = <T extends z.ZodRawShape>(shape: T) => z.object(shape, { error: inputError });
