import * as z from "zod";
import { METRICS, type Scheme } from "../types";
import { isSystemEventKind, referencedEvents, WORK_ITEM_CODE } from "../work-items";
import { fromZodIssues, issue, type ParseResult, type ValidationIssue } from "./issues";

const nonNegative = z.number().min(0);
const eventKind = z.string().min(1);
const metric = z.enum(METRICS);

export const eventRuleSchema = z.object({
  event: eventKind,
  points: nonNegative,
  cap: nonNegative.optional(),
});

const DUTY_EN = "give exactly one of perMonth, perQuarter, perYear (a number > 0)";
const DUTY_ZH = "应填写每月、每季度、每年次数之一（大于 0 的数）";

/** A routine requirement (§10.1): exactly one of perMonth, perQuarter, perYear. */
export const dutySchema = z
  .object({
    event: eventKind,
    perMonth: z.number().positive().optional(),
    perQuarter: z.number().positive().optional(),
    perYear: z.number().positive().optional(),
  })
  .superRefine((d, ctx) => {
    const given = [d.perMonth, d.perQuarter, d.perYear].filter((x) => x !== undefined).length;
    if (given !== 1)
      ctx.addIssue({ code: "custom", path: ["perMonth"], message: DUTY_EN, params: { zh: DUTY_ZH } });
  });

export const indicatorBaseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("full") }),
  z.object({ kind: z.literal("manual") }),
  z.object({ kind: z.literal("ratio"), metric, target: nonNegative, floor: nonNegative }),
  z.object({ kind: z.literal("ratio_inverse"), metric, target: nonNegative, ceiling: nonNegative }),
  z.object({ kind: z.literal("completion"), metric }),
  z.object({
    kind: z.literal("routine"),
    required: z.array(dutySchema).min(1),
  }),
]);

const CODE_EN = "a lowercase code of letters, digits and _, starting with a letter (e.g. monthly_meeting)";
const CODE_ZH = "应为小写英文代码（字母开头，只含小写字母、数字和 _），例如 monthly_meeting";

/** A 纪实 item (issue 14): code, Chinese name, what counts as done, who records it. */
export const workItemSchema = z.object({
  code: z.string().superRefine((c, ctx) => {
    if (!WORK_ITEM_CODE.test(c)) ctx.addIssue({ code: "custom", message: CODE_EN, params: { zh: CODE_ZH } });
  }),
  name: z.string().trim().min(1).max(40),
  done: z.string().max(500).optional(),
  recorder: z.string().max(100).optional(),
});

export const indicatorSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  maxScore: z.number().positive(),
  criteria: z.string().optional(),
  base: indicatorBaseSchema,
  whenNoData: z.enum(["full", "zero"]).optional(),
  deductions: z.array(eventRuleSchema).optional(),
  bonuses: z.array(eventRuleSchema).optional(),
  zeroIf: z.array(eventKind).optional(),
});

export const schemeSchema = z.object({
  id: z.string().min(1),
  countyId: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  version: z.number().int().min(1),
  name: z.string().min(1),
  deadlines: z
    .object({ blue: z.number().positive(), yellow: z.number().positive(), red: z.number().positive() })
    .optional(),
  minAttempts: z.number().int().min(0).optional(),
  petitionFirstHandleDays: z.number().positive().optional(),
  bonusCap: nonNegative,
  gradeBands: z.array(z.object({ grade: z.string().min(1), min: nonNegative })).min(1),
  indicators: z.array(indicatorSchema).min(1),
  vetoes: z.array(z.object({ event: eventKind, cap: nonNegative.optional() })).optional(),
  items: z.array(workItemSchema).optional(),
});

/**
 * A scheme's 纪实 items: unique codes, none a kind the system writes, every routine requirement names an
 * item, and every rule names an item or a system kind (a scheme without items is checked as before).
 */
function workItemIssues(s: Scheme): ValidationIssue[] {
  if (!s.items) return [];
  const out: ValidationIssue[] = [];
  const codes = new Set<string>();
  s.items.forEach((item, i) => {
    if (codes.has(item.code))
      out.push(
        issue(s, ["items", i, "code"], `duplicate item code ${item.code}`, `纪实事项代码 ${item.code} 重复`),
      );
    if (isSystemEventKind(item.code))
      out.push(
        issue(
          s,
          ["items", i, "code"],
          `${item.code} is written by the system, not recorded as an item`,
          `纪实事项代码 ${item.code} 是系统自动生成的事件类型，不能作为纪实事项`,
        ),
      );
    codes.add(item.code);
  });
  for (const ref of referencedEvents(s)) {
    if (codes.has(ref.event)) continue;
    if (ref.duty)
      out.push(
        issue(
          s,
          ref.path,
          `routine requirement ${ref.event} is not one of the scheme's items`,
          `纪实任务 ${ref.event} 不在本细则的纪实事项中，请先在「纪实事项」中添加`,
        ),
      );
    else if (!isSystemEventKind(ref.event))
      out.push(
        issue(
          s,
          ref.path,
          `event ${ref.event} is neither one of the scheme's items nor a system event`,
          `事件类型 ${ref.event} 既不在本细则的纪实事项中，也不是系统事件，请先在「纪实事项」中添加`,
        ),
      );
  }
  return out;
}

/** The rules that span fields: unique codes, target above floor, a band at 0 (scoring.md §4). */
function schemeRuleIssues(s: Scheme): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const codes = new Set<string>();
  s.indicators.forEach((ind, i) => {
    if (codes.has(ind.code))
      out.push(
        issue(
          s,
          ["indicators", i, "code"],
          `duplicate indicator code ${ind.code}`,
          `指标编号 ${ind.code} 重复`,
        ),
      );
    codes.add(ind.code);
    const b = ind.base;
    if (b.kind === "ratio" && b.target <= b.floor)
      out.push(
        issue(
          s,
          ["indicators", i, "base", "target"],
          `target (${b.target}) must be above floor (${b.floor})`,
          `满分线（${b.target}）必须高于零分线（${b.floor}）`,
        ),
      );
    if (b.kind === "ratio_inverse" && b.ceiling <= b.target)
      out.push(
        issue(
          s,
          ["indicators", i, "base", "ceiling"],
          `ceiling (${b.ceiling}) must be above target (${b.target})`,
          `零分线（${b.ceiling}）必须高于满分线（${b.target}）`,
        ),
      );
  });
  const grades = new Set<string>();
  s.gradeBands.forEach((band, i) => {
    if (grades.has(band.grade))
      out.push(
        issue(s, ["gradeBands", i, "grade"], `duplicate grade ${band.grade}`, `等次 ${band.grade} 重复`),
      );
    grades.add(band.grade);
  });
  if (!s.gradeBands.some((b) => b.min === 0))
    out.push(issue(s, ["gradeBands"], "one grade band must have min 0", "必须有一个等次的最低分为 0"));
  return out;
}

/** Validates an assessment scheme (scoring.md §4). */
export function parseScheme(input: unknown): ParseResult<Scheme> {
  const parsed = schemeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fromZodIssues(input, parsed.error.issues) };
  const scheme = parsed.data as Scheme;
  const issues = [...schemeRuleIssues(scheme), ...workItemIssues(scheme)];
  return issues.length ? { ok: false, issues } : { ok: true, value: scheme };
}
