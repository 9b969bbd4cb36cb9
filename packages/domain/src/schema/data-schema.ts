import * as z from "zod";
import { instantColumn, rememberColumn } from "../instants";
import { parseInstant } from "../time";
import type { Data } from "../types";
import { issue, type ParseResult, type ValidationIssue } from "./issues";

/**
 * The data file's record shapes (scoring.md §2), declared once. From the declaration come both the
 * zod schemas (for the API and forms) and the hand-rolled checker that `parseData` runs: a year of a
 * 400-township county is over a million records, and a checker that neither copies records nor
 * allocates per field keeps validation a small fraction of `JSON.parse`.
 */
type Field =
  | { kind: "id" | "text" | "instant" | "bool"; optional?: boolean }
  | { kind: "int"; min: number; optional?: boolean }
  | { kind: "number"; min: number; optional?: boolean }
  | { kind: "month"; optional?: boolean }
  | { kind: "enum"; values: readonly string[]; optional?: boolean }
  | { kind: "enumList"; values: readonly string[]; optional?: boolean }
  | { kind: "monthValues"; optional?: boolean };
type Shape = Record<string, Field>;

const ID: Field = { kind: "id" };
const TEXT: Field = { kind: "text" };
const INSTANT: Field = { kind: "instant" };
const opt = (f: Field): Field => ({ ...f, optional: true });
const LEVELS = ["blue", "yellow", "red"] as const;

export const RECORD_SHAPES = {
  townships: {
    id: ID,
    name: TEXT,
    code: TEXT,
    population: { kind: "int", min: 1 },
    populationHistory: { kind: "monthValues", optional: true },
    memberFrom: { kind: "month", optional: true },
  },
  disputes: {
    id: ID,
    townshipId: ID,
    level: { kind: "enum", values: LEVELS },
    reportedAt: INSTANT,
    attempts: { kind: "int", min: 0 },
    closedAt: opt(INSTANT),
    outcome: { kind: "enum", values: ["resolved", "failed", "escalated"], optional: true },
    attemptLevels: { kind: "enumList", values: LEVELS, optional: true },
  },
  petitions: {
    id: ID,
    townshipId: ID,
    receivedAt: INSTANT,
    skipLevel: { kind: "bool", optional: true },
    collective: { kind: "bool", optional: true },
    firstHandledAt: opt(INSTANT),
    closedAt: opt(INSTANT),
    settled: { kind: "bool", optional: true },
  },
  incidents: {
    id: ID,
    townshipId: ID,
    occurredAt: INSTANT,
    kind: { kind: "enum", values: ["criminal", "public_order"] },
    severity: { kind: "enum", values: ["ordinary", "major"] },
  },
  keyPersons: {
    id: ID,
    townshipId: ID,
    // The built-in four or a county's own category code (issue 14); the engine scores by frequency only.
    category: ID,
    registeredAt: INSTANT,
    deregisteredAt: opt(INSTANT),
    visitsPerMonth: { kind: "int", min: 1, optional: true },
    visitsPerQuarter: { kind: "int", min: 1, optional: true },
  },
  visits: { id: ID, townshipId: ID, keyPersonId: ID, at: INSTANT },
  events: {
    id: ID,
    townshipId: ID,
    kind: TEXT,
    occurredAt: INSTANT,
    count: { kind: "int", min: 1, optional: true },
  },
  manualScores: {
    townshipId: ID,
    period: { kind: "month" },
    indicator: TEXT,
    score: { kind: "number", min: 0 },
  },
} satisfies Record<string, Shape>;

const INSTANT_EN = "must be an ISO-8601 timestamp with an offset or Z, e.g. 2026-10-01T08:00:00+08:00";
const INSTANT_ZH = "应为带时区的时间，例如 2026-10-01T08:00:00+08:00";

/** ISO-8601 with an offset or `Z`; one without an offset is invalid input (scoring.md §1). */
export const instant = z
  .string()
  .refine((s) => !Number.isNaN(parseInstant(s)), { message: INSTANT_EN, params: { zh: INSTANT_ZH } });

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a month YYYY-MM" });

function zodField(f: Field): z.ZodType {
  const base = (() => {
    switch (f.kind) {
      case "id":
      case "text":
        return z.string().min(1);
      case "instant":
        return instant;
      case "bool":
        return z.boolean();
      case "int":
        return z.number().int().min(f.min);
      case "number":
        return z.number().min(f.min);
      case "month":
        return monthSchema;
      case "enum":
        return z.enum(f.values as [string, ...string[]]);
      case "enumList":
        return z.array(z.enum(f.values as [string, ...string[]]));
      case "monthValues":
        return z.array(z.object({ from: monthSchema, population: z.number().int().min(1) }));
    }
  })();
  return f.optional ? base.optional() : base;
}

function zodShape<S extends Shape>(shape: S) {
  return z.object(Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, zodField(f)])));
}

export const townshipSchema = zodShape(RECORD_SHAPES.townships).superRefine((t, ctx) => {
  const p = populationHistoryProblem(t.populationHistory as { from: string }[] | undefined);
  if (p)
    ctx.addIssue({
      code: "custom",
      path: ["populationHistory", p.index, "from"],
      message: p.en,
      params: { zh: p.zh },
    });
});
export const disputeSchema = zodShape(RECORD_SHAPES.disputes).superRefine((d, ctx) => {
  const p = attemptLevelsProblem(d.attempts as number, d.attemptLevels as unknown[] | undefined);
  if (p) ctx.addIssue({ code: "custom", path: ["attemptLevels"], message: p.en, params: { zh: p.zh } });
});
export const petitionSchema = zodShape(RECORD_SHAPES.petitions);
export const incidentSchema = zodShape(RECORD_SHAPES.incidents);
export const keyPersonSchema = zodShape(RECORD_SHAPES.keyPersons).superRefine((k, ctx) => {
  const p = visitFrequencyProblem(k);
  if (p) ctx.addIssue({ code: "custom", path: ["visitsPerQuarter"], message: p.en, params: { zh: p.zh } });
});

type Problem = { en: string; zh: string };

/** §10.2: attempt levels, when given, are one per attempt. */
function attemptLevelsProblem(attempts: number, levels: readonly unknown[] | undefined): Problem | null {
  if (!Array.isArray(levels) || levels.length === attempts) return null;
  return {
    en: `attemptLevels lists ${levels.length} levels but attempts is ${attempts}; give one level per attempt`,
    zh: `调处层级记录了 ${levels.length} 次，与调处次数 ${attempts} 不一致，应每次调处一个层级`,
  };
}

/** §10.3: at most one visit frequency. */
function visitFrequencyProblem(k: Record<string, unknown>): Problem | null {
  if (k.visitsPerMonth === undefined || k.visitsPerQuarter === undefined) return null;
  return {
    en: "give visitsPerMonth or visitsPerQuarter, not both",
    zh: "走访频次只能填写每月次数或每季度次数之一",
  };
}

/** §11: population changes apply from distinct months. */
function populationHistoryProblem(
  history: readonly { from: string }[] | undefined,
): (Problem & { index: number }) | null {
  if (!Array.isArray(history)) return null;
  const seen = new Set<string>();
  for (let i = 0; i < history.length; i++) {
    const from = (history[i] as { from: string }).from;
    if (seen.has(from))
      return {
        index: i,
        en: `a second population change from ${from}`,
        zh: `人口变更的起始月份 ${from} 重复`,
      };
    seen.add(from);
  }
  return null;
}
export const visitSchema = zodShape(RECORD_SHAPES.visits);
export const eventSchema = zodShape(RECORD_SHAPES.events);
export const manualScoreSchema = zodShape(RECORD_SHAPES.manualScores);

/** The whole data file as a zod schema (the API imports files through it). */
export const dataSchema = z.object({
  county: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  townships: z.array(townshipSchema).min(1),
  disputes: z.array(disputeSchema).optional(),
  petitions: z.array(petitionSchema).optional(),
  incidents: z.array(incidentSchema).optional(),
  keyPersons: z.array(keyPersonSchema).optional(),
  visits: z.array(visitSchema).optional(),
  events: z.array(eventSchema).optional(),
  manualScores: z.array(manualScoreSchema).optional(),
});

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Why a value does not fit its field, in English and Chinese; null when it fits. */
function fieldProblem(f: Field, v: unknown): [string, string] | null {
  if (v === undefined) return f.optional ? null : ["is required", "必填"];
  switch (f.kind) {
    case "id":
    case "text":
      return typeof v === "string" && v.length > 0 ? null : ["must be a non-empty string", "应为非空文本"];
    case "instant":
      return typeof v === "string" && !Number.isNaN(parseInstant(v)) ? null : [INSTANT_EN, INSTANT_ZH];
    case "bool":
      return typeof v === "boolean" ? null : ["must be true or false", "应为 true 或 false"];
    case "int":
      return Number.isInteger(v) && (v as number) >= f.min
        ? null
        : [`must be an integer >= ${f.min}`, `应为不小于 ${f.min} 的整数`];
    case "number":
      return typeof v === "number" && Number.isFinite(v) && v >= f.min
        ? null
        : [`must be a number >= ${f.min}`, `应为不小于 ${f.min} 的数`];
    case "month":
      return typeof v === "string" && MONTH_RE.test(v)
        ? null
        : ["must be a month YYYY-MM", "应为月份，例如 2026-10"];
    case "enum":
      return typeof v === "string" && f.values.includes(v)
        ? null
        : [`must be one of ${f.values.join(", ")}`, `取值应为 ${f.values.join("、")} 之一`];
    case "enumList":
      return Array.isArray(v) && v.every((x) => typeof x === "string" && f.values.includes(x))
        ? null
        : [`must be a list of ${f.values.join(", ")}`, `应为由 ${f.values.join("、")} 组成的列表`];
    case "monthValues":
      return Array.isArray(v) && v.every(isPopulationChange)
        ? null
        : [
            "must be a list of { from: YYYY-MM, population: integer >= 1 }",
            "应为人口变更列表，每项含起始月份（如 2026-10）与不小于 1 的整数人口",
          ];
  }
}

function isPopulationChange(x: unknown): boolean {
  if (x === null || typeof x !== "object") return false;
  const { from, population } = x as { from?: unknown; population?: unknown };
  return (
    typeof from === "string" &&
    MONTH_RE.test(from) &&
    Number.isInteger(population) &&
    (population as number) >= 1
  );
}

const MAX_ISSUES = 50;

function shapeIssues(input: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (input === null || typeof input !== "object" || Array.isArray(input))
    return [issue(input, [], "the data file must be a JSON object", "数据文件应为 JSON 对象")];
  const root = input as Record<string, unknown>;
  const county = root.county as Record<string, unknown> | undefined;
  if (county === null || typeof county !== "object")
    out.push(issue(input, ["county"], "is required", "必填"));
  else
    for (const k of ["id", "name"]) {
      const p = fieldProblem(TEXT, county[k]);
      if (p) out.push(issue(input, ["county", k], p[0], p[1]));
    }
  for (const [list, shape] of Object.entries(RECORD_SHAPES) as [string, Shape][]) {
    const records = root[list];
    if (records === undefined && list !== "townships") continue;
    if (!Array.isArray(records) || (list === "townships" && records.length === 0)) {
      out.push(issue(input, [list], "must be a non-empty list", "应为非空列表"));
      continue;
    }
    const instantFields = Object.keys(shape).filter((k) => shape[k]?.kind === "instant");
    const parsed = instantFields.map(() => new Float64Array(records.length));
    for (let i = 0; i < records.length && out.length < MAX_ISSUES; i++) {
      const r = records[i];
      if (r === null || typeof r !== "object" || Array.isArray(r)) {
        out.push(issue(input, [list, i], "must be an object", "应为对象"));
        continue;
      }
      for (const name in shape) {
        const f = shape[name] as Field;
        const v = (r as Record<string, unknown>)[name];
        if (f.kind === "instant") {
          const ms = typeof v === "string" ? parseInstant(v) : Number.NaN;
          (parsed[instantFields.indexOf(name)] as Float64Array)[i] = ms;
          if (!Number.isNaN(ms) || (v === undefined && f.optional)) continue;
        }
        const p = fieldProblem(f, v);
        if (p) out.push(issue(input, [list, i, name], p[0], p[1]));
      }
    }
    if (out.length === 0)
      instantFields.forEach((field, k) => {
        rememberColumn(records, field, parsed[k] as Float64Array);
      });
  }
  return out;
}

const RECORD_LISTS = ["disputes", "petitions", "incidents", "keyPersons", "visits", "events"] as const;

/** The checks that span records: known townships and key persons, unique ids, closing consistency. */
function crossRecordIssues(data: Data): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const townships = new Set<string>();
  const codes = new Set<string>();
  data.townships.forEach((t, i) => {
    if (townships.has(t.id))
      out.push(issue(data, ["townships", i, "id"], `duplicate township id ${t.id}`, `乡镇编号 ${t.id} 重复`));
    if (codes.has(t.code))
      out.push(
        issue(data, ["townships", i, "code"], `duplicate township code ${t.code}`, `乡镇代码 ${t.code} 重复`),
      );
    townships.add(t.id);
    codes.add(t.code);
    const p = populationHistoryProblem(t.populationHistory);
    if (p) out.push(issue(data, ["townships", i, "populationHistory", p.index, "from"], p.en, p.zh));
  });
  for (const list of RECORD_LISTS) {
    const records = (data[list] ?? []) as { id: string; townshipId: string }[];
    // Ids must be unique where other records refer to them (key persons, for visits). Elsewhere the API
    // makes ids unique by construction, and a set of a million ids costs half a JSON.parse.
    const seen = list === "keyPersons" ? new Set<string>() : null;
    records.forEach((r, i) => {
      if (!townships.has(r.townshipId))
        out.push(
          issue(
            data,
            [list, i, "townshipId"],
            `unknown township ${r.townshipId}`,
            `乡镇 ${r.townshipId} 不在乡镇名单中`,
          ),
        );
      if (!seen) return;
      if (seen.has(r.id))
        out.push(issue(data, [list, i, "id"], `duplicate id ${r.id} in ${list}`, `编号 ${r.id} 重复`));
      seen.add(r.id);
    });
  }
  const disputes = data.disputes ?? [];
  const reportedAt = instantColumn(disputes, "reportedAt");
  const closedAt = instantColumn(disputes, "closedAt");
  disputes.forEach((d, i) => {
    const levels = attemptLevelsProblem(d.attempts, d.attemptLevels);
    if (levels) out.push(issue(data, ["disputes", i, "attemptLevels"], levels.en, levels.zh));
    if ((d.closedAt === undefined) !== (d.outcome === undefined))
      out.push(
        issue(
          data,
          ["disputes", i, d.closedAt === undefined ? "outcome" : "closedAt"],
          "outcome must be present exactly when closedAt is",
          "办结时间与办结结果须同时填写",
        ),
      );
    if ((closedAt[i] as number) < (reportedAt[i] as number))
      out.push(
        issue(data, ["disputes", i, "closedAt"], "closedAt is before reportedAt", "办结时间早于登记时间"),
      );
  });
  const keyPersons = new Map((data.keyPersons ?? []).map((k) => [k.id, k]));
  // The columns validation (or the workbook reader) parsed: NaN where absent, which compares false.
  const registeredAt = instantColumn(data.keyPersons ?? [], "registeredAt");
  const deregisteredAt = instantColumn(data.keyPersons ?? [], "deregisteredAt");
  (data.keyPersons ?? []).forEach((k, i) => {
    const freq = visitFrequencyProblem(k);
    if (freq) out.push(issue(data, ["keyPersons", i, "visitsPerQuarter"], freq.en, freq.zh));
    if ((deregisteredAt[i] as number) < (registeredAt[i] as number))
      out.push(
        issue(
          data,
          ["keyPersons", i, "deregisteredAt"],
          "deregisteredAt is before registeredAt",
          "销档时间早于建档时间",
        ),
      );
  });
  (data.visits ?? []).forEach((v, i) => {
    const person = keyPersons.get(v.keyPersonId);
    if (!person)
      out.push(
        issue(
          data,
          ["visits", i, "keyPersonId"],
          `unknown key person ${v.keyPersonId}`,
          `重点人员 ${v.keyPersonId} 不存在`,
        ),
      );
    else if (person.townshipId !== v.townshipId)
      out.push(
        issue(
          data,
          ["visits", i, "townshipId"],
          `key person ${v.keyPersonId} belongs to township ${person.townshipId}`,
          `重点人员 ${v.keyPersonId} 属于乡镇 ${person.townshipId}`,
        ),
      );
  });
  const manual = new Set<string>();
  (data.manualScores ?? []).forEach((m, i) => {
    if (!townships.has(m.townshipId))
      out.push(
        issue(
          data,
          ["manualScores", i, "townshipId"],
          `unknown township ${m.townshipId}`,
          `乡镇 ${m.townshipId} 不在乡镇名单中`,
        ),
      );
    const key = `${m.townshipId}|${m.period}|${m.indicator}`;
    if (manual.has(key))
      out.push(
        issue(
          data,
          ["manualScores", i, "indicator"],
          `a second score for ${m.townshipId} ${m.period} ${m.indicator}`,
          `${m.townshipId} ${m.period} ${m.indicator} 的评分重复`,
        ),
      );
    manual.add(key);
  });
  return out;
}

/**
 * Data that a reader built already typed and checked field by field (the workbook reader: every cell
 * parsed to its kind): only the rules that span records are checked, as `parseData` would after its
 * field pass. Its timestamps' parsed columns may be handed over with `rememberInstants`.
 */
export function checkTypedData(data: Data): ParseResult<Data> {
  const issues = crossRecordIssues(data);
  return issues.length ? { ok: false, issues } : { ok: true, value: data };
}

/** Validates a data file (scoring.md §2). */
export function parseData(input: unknown): ParseResult<Data> {
  const shape = shapeIssues(input);
  if (shape.length) return { ok: false, issues: shape };
  const data = input as Data;
  const issues = crossRecordIssues(data);
  return issues.length ? { ok: false, issues } : { ok: true, value: data };
}
