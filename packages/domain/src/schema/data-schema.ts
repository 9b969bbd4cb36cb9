import { z } from "zod";
import { parseInstant } from "../time";
import type { Data } from "../types";
import { fromZodIssues, issue, type ParseResult, type ValidationIssue } from "./issues";

const id = z.string().min(1);
/** ISO-8601 with an offset or `Z`; one without an offset is invalid input (scoring.md §1). */
export const instant = z.string().refine((s) => !Number.isNaN(parseInstant(s)), {
  message: "must be an ISO-8601 timestamp with an offset or Z, e.g. 2026-10-01T08:00:00+08:00",
  params: { zh: "应为带时区的时间，例如 2026-10-01T08:00:00+08:00" },
});
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a month YYYY-MM" });

export const townshipSchema = z.object({
  id,
  name: z.string().min(1),
  code: z.string().min(1),
  population: z.number().int().positive(),
});

export const disputeSchema = z.object({
  id,
  townshipId: id,
  level: z.enum(["blue", "yellow", "red"]),
  reportedAt: instant,
  attempts: z.number().int().min(0),
  closedAt: instant.optional(),
  outcome: z.enum(["resolved", "failed", "escalated"]).optional(),
});

export const petitionSchema = z.object({
  id,
  townshipId: id,
  receivedAt: instant,
  skipLevel: z.boolean().optional(),
  collective: z.boolean().optional(),
  firstHandledAt: instant.optional(),
  closedAt: instant.optional(),
  settled: z.boolean().optional(),
});

export const incidentSchema = z.object({
  id,
  townshipId: id,
  occurredAt: instant,
  kind: z.enum(["criminal", "public_order"]),
  severity: z.enum(["ordinary", "major"]),
});

export const keyPersonSchema = z.object({
  id,
  townshipId: id,
  category: z.enum(["mental_health", "community_correction", "released_prisoner", "drug_rehab"]),
  registeredAt: instant,
  deregisteredAt: instant.optional(),
});

export const visitSchema = z.object({ id, townshipId: id, keyPersonId: id, at: instant });

export const eventSchema = z.object({
  id,
  townshipId: id,
  kind: z.string().min(1),
  occurredAt: instant,
  count: z.number().int().min(1).optional(),
});

export const manualScoreSchema = z.object({
  townshipId: id,
  period: month,
  indicator: z.string().min(1),
  score: z.number().min(0),
});

export const dataSchema = z.object({
  county: z.object({ id, name: z.string().min(1) }),
  townships: z.array(townshipSchema).min(1),
  disputes: z.array(disputeSchema).optional(),
  petitions: z.array(petitionSchema).optional(),
  incidents: z.array(incidentSchema).optional(),
  keyPersons: z.array(keyPersonSchema).optional(),
  visits: z.array(visitSchema).optional(),
  events: z.array(eventSchema).optional(),
  manualScores: z.array(manualScoreSchema).optional(),
});

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
  });
  for (const list of RECORD_LISTS) {
    const records = (data[list] ?? []) as { id: string; townshipId: string }[];
    const seen = new Set<string>();
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
      if (seen.has(r.id))
        out.push(issue(data, [list, i, "id"], `duplicate id ${r.id} in ${list}`, `编号 ${r.id} 重复`));
      seen.add(r.id);
    });
  }
  (data.disputes ?? []).forEach((d, i) => {
    if ((d.closedAt === undefined) !== (d.outcome === undefined))
      out.push(
        issue(
          data,
          ["disputes", i, d.closedAt === undefined ? "outcome" : "closedAt"],
          "outcome must be present exactly when closedAt is",
          "办结时间与办结结果须同时填写",
        ),
      );
    if (d.closedAt !== undefined && parseInstant(d.closedAt) < parseInstant(d.reportedAt))
      out.push(
        issue(data, ["disputes", i, "closedAt"], "closedAt is before reportedAt", "办结时间早于登记时间"),
      );
  });
  const keyPersons = new Map((data.keyPersons ?? []).map((k) => [k.id, k]));
  (data.keyPersons ?? []).forEach((k, i) => {
    if (k.deregisteredAt !== undefined && parseInstant(k.deregisteredAt) < parseInstant(k.registeredAt))
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

/** Validates a data file (scoring.md §2). */
export function parseData(input: unknown): ParseResult<Data> {
  const parsed = dataSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(input, parsed.error.issues) };
  const data = parsed.data as Data;
  const issues = crossRecordIssues(data);
  return issues.length ? { ok: false, issues } : { ok: true, value: data };
}
