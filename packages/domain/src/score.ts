import { type MetricCount, type MonthBucket, metricCount } from "./month-index";
import type { Rational } from "./rational";
import * as R from "./rational";
import type {
  EventRule,
  Indicator,
  IndicatorEvidence,
  IndicatorRow,
  Metric,
  RecordRef,
  Scheme,
} from "./types";
import { eventName } from "./work-items";

/** Raised for input that is only invalid against a scheme (a manual score above the indicator's maximum). */
export class ScoringInputError extends Error {
  constructor(
    readonly path: string,
    readonly record: string,
    readonly field: string,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
    this.name = "ScoringInputError";
  }
}

export type ManualScoreLookup = (
  townshipId: string,
  month: string,
  indicator: string,
) => { score: number; index: number } | undefined;

/** One township-month, before ranking: the rows, the total and the reasons for a veto. */
export type TownshipMonthScore = {
  townshipId: string;
  month: string;
  indicators: IndicatorRow[];
  evidence: IndicatorEvidence[];
  /** Rounded to cents. */
  total: Rational;
  /** The bonus counted in the total, after the scheme's bonusCap. */
  bonus: Rational;
  vetoed: boolean;
  grade: string;
  /** Township-level explanations: the bonus cap and any veto. */
  notes: string[];
};

/**
 * The buckets a periodic duty is judged over in this month (§10.1): the quarter's months when the month
 * ends a quarter, the year's when it is December; null when such duties are not due.
 */
export type DutyWindows = { quarter: readonly MonthBucket[] | null; year: readonly MonthBucket[] | null };

const NO_WINDOWS: DutyWindows = { quarter: null, year: null };

/** Formats a rational as a fixed 2-decimal string, half-up. */
export function fmt(x: Rational): string {
  const c = R.roundToCents(x);
  const neg = c < 0n;
  const a = neg ? -c : c;
  const s = `${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
  return neg ? `-${s}` : s;
}

function isPercentMetric(m: Metric): boolean {
  return m !== "incident.rate_per_10k";
}

function fmtMetric(m: Metric, v: Rational): string {
  return isPercentMetric(m) ? `${fmt(R.mul(v, R.rat(100)))}%` : fmt(v);
}

/** §10.3: how the visit frequencies shaped the coverage; empty when everyone is due once a month. */
function scheduleClause(b: MonthBucket): string {
  if (b.keyPersonsScheduled === 0) return "";
  const quarterly = b.keyPersonsDueQuarterly;
  return `（按各人走访频次考核${quarterly > 0 ? `，其中按季度考核 ${quarterly} 人，计本季度走访次数` : ""}；已走访指达到规定次数）`;
}

function metricSentence(
  metric: Metric,
  c: MetricCount,
  population: number,
  scheme: Scheme,
  b: MonthBucket,
): string {
  const v = R.rat(c.num, c.den);
  const value = fmtMetric(metric, v);
  switch (metric) {
    case "dispute.resolution_rate":
      return `当月办结纠纷 ${c.den} 件，成功 ${c.num} 件，成功率 ${value}`;
    case "dispute.on_time_rate":
      return `当月办结纠纷 ${c.den} 件，按期办结 ${c.num} 件，按期办结率 ${value}`;
    case "dispute.local_rate":
      return `当月办结纠纷 ${c.den} 件，未上交 ${c.num} 件，就地化解率 ${value}`;
    case "dispute.attempts_rate":
      return `当月调处失败或上交纠纷 ${c.den} 件，其中调解不少于 ${scheme.minAttempts ?? 3} 次的 ${c.num} 件，落实率 ${value}`;
    case "dispute.village_rate":
      return `当月办结纠纷 ${c.den} 件，在村（社区）及以下化解 ${c.num} 件，小事不出村率 ${value}`;
    case "dispute.three_three_rate":
      return `当月调处失败或上交纠纷 ${c.den} 件，其中每一调处层级均调解不少于 ${scheme.minAttempts ?? 3} 次的 ${c.num} 件，三三调处分级落实率 ${value}`;
    case "petition.first_handled_rate":
      return `当月受理信访 ${c.den} 件，${scheme.petitionFirstHandleDays ?? 7} 日内首办 ${c.num} 件，首办率 ${value}`;
    case "petition.settled_rate":
      return `当月办结信访 ${c.den} 件，息诉息访 ${c.num} 件，息诉息访率 ${value}`;
    case "incident.rate_per_10k":
      return `当月发案 ${c.num / 10_000} 起，常住人口 ${population} 人，万人发案率 ${value}`;
    case "keyperson.visit_coverage":
      return `当月应走访重点人员 ${c.den} 人，已走访 ${c.num} 人，覆盖率 ${value}${scheduleClause(b)}`;
  }
}

function noDataSentence(metric: Metric): string {
  switch (metric) {
    case "dispute.resolution_rate":
    case "dispute.on_time_rate":
    case "dispute.local_rate":
    case "dispute.village_rate":
      return "当月无办结纠纷";
    case "dispute.attempts_rate":
    case "dispute.three_three_rate":
      return "当月无调处失败或上交的纠纷";
    case "petition.first_handled_rate":
      return "当月未受理信访";
    case "petition.settled_rate":
      return "当月无办结信访";
    case "incident.rate_per_10k":
      return "无常住人口数据";
    case "keyperson.visit_coverage":
      return "当月无应走访重点人员";
  }
}

/**
 * The Chinese explanation of a row. Built only for the rows someone will read: the months behind a
 * quarter's mean or a previous period's ranks need numbers, not sentences.
 */
class Notes {
  readonly items: string[] = [];
  constructor(private readonly on: boolean) {}
  add(text: () => string): void {
    if (this.on) this.items.push(text());
  }
}

type RuleResult = { total: Rational; ids: RecordRef[] };

function applyRules(
  scheme: Scheme,
  rules: readonly EventRule[] | undefined,
  b: MonthBucket,
  verb: "扣" | "加",
  notes: Notes,
): RuleResult {
  let total = R.ZERO;
  const ids: RecordRef[] = [];
  for (const rule of rules ?? []) {
    const count = b.events.get(rule.event) ?? 0;
    if (count === 0) continue;
    const raw = R.mul(R.fromNumber(rule.points), R.rat(count));
    const capped = rule.cap === undefined ? raw : R.min(raw, R.fromNumber(rule.cap));
    total = R.add(total, capped);
    const capNote = R.cmp(capped, raw) < 0 ? `（累计 ${fmt(raw)} 分，封顶 ${fmt(capped)} 分）` : "";
    notes.add(() => `${eventName(scheme, rule.event)} ${count} 起，${verb} ${fmt(capped)} 分${capNote}`);
    const evidence = b.evidence?.events.get(rule.event);
    if (evidence) ids.push(...evidence);
  }
  return { total, ids };
}

/** Scores one indicator for one township-month (scoring.md §5, steps 1–4). */
function scoreIndicator(
  ind: Indicator,
  scheme: Scheme,
  b: MonthBucket,
  population: number,
  manual: ReturnType<ManualScoreLookup>,
  where: { townshipId: string; month: string },
  explain: boolean,
  duties: DutyWindows,
): { row: IndicatorRow; exactScore: Rational; exactBonus: Rational; ids: RecordRef[] } {
  const M = R.fromNumber(ind.maxScore);
  const zeroKinds = (ind.zeroIf ?? []).filter((k) => (b.events.get(k) ?? 0) > 0);
  if (zeroKinds.length > 0) {
    const ids = zeroKinds.flatMap((k) => b.evidence?.events.get(k) ?? []);
    return {
      row: {
        code: ind.code,
        score: 0,
        bonus: 0,
        base: 0,
        deductions: 0,
        zeroed: true,
        metric: null,
        notes: zeroKinds.map((k) => `发生${eventName(scheme, k)} ${b.events.get(k)} 起，本项不得分`),
      },
      exactScore: R.ZERO,
      exactBonus: R.ZERO,
      ids,
    };
  }

  const notes = new Notes(explain);
  const ids: RecordRef[] = [];
  let base: Rational;
  let metric: number | null = null;
  const basis = ind.base;
  switch (basis.kind) {
    case "full":
      base = M;
      notes.add(() => `扣分制，基础分 ${fmt(M)} 分`);
      break;
    case "manual":
      if (manual === undefined) {
        base = R.ZERO;
        notes.add(() => "考核组尚未评分，暂计 0 分");
      } else {
        if (manual.score > ind.maxScore)
          throw new ScoringInputError(
            `manualScores[${manual.index}].score`,
            `${where.townshipId} ${where.month} ${ind.code}`,
            "score",
            `manual score ${manual.score} for ${where.townshipId} ${where.month} ${ind.code} is outside [0, ${ind.maxScore}]`,
            `${ind.code} 的人工评分 ${manual.score} 超出 0–${ind.maxScore} 分`,
          );
        base = R.fromNumber(manual.score);
        notes.add(() => `考核组评分 ${fmt(base)} 分`);
      }
      break;
    case "routine": {
      const parts: Rational[] = [];
      const notDue: string[] = [];
      for (const req of basis.required) {
        let need: number;
        let scope: readonly MonthBucket[];
        let what: string;
        if ("perMonth" in req) {
          need = req.perMonth;
          scope = [b];
          what = "";
        } else if ("perQuarter" in req) {
          need = req.perQuarter;
          if (!duties.quarter) {
            notDue.push(`${eventName(scheme, req.event)}（每季度 ${req.perQuarter} 次，季末月考核）`);
            continue;
          }
          scope = duties.quarter;
          what = "本季度";
        } else {
          need = req.perYear;
          if (!duties.year) {
            notDue.push(`${eventName(scheme, req.event)}（每年 ${req.perYear} 次，12 月考核）`);
            continue;
          }
          scope = duties.year;
          what = "本年度";
        }
        let done = 0;
        for (const x of scope) {
          done += x.events.get(req.event) ?? 0;
          ids.push(...(x.evidence?.events.get(req.event) ?? []));
        }
        parts.push(R.min(R.ONE, R.div(R.rat(done), R.fromNumber(need))));
        notes.add(() => `${eventName(scheme, req.event)}：${what}应 ${need} 次，实 ${done} 次`);
      }
      if (notDue.length > 0) notes.add(() => `本月不考核：${notDue.join("、")}`);
      if (parts.length === 0) {
        base = M;
        notes.add(() => `本月无应考核的纪实任务，得满分 ${fmt(M)} 分`);
      } else {
        base = R.mul(M, R.div(R.sum(parts), R.rat(parts.length)));
        notes.add(() => `完成度折算得 ${fmt(base)} 分`);
      }
      break;
    }
    default: {
      const count = metricCount(basis.metric, b, population);
      ids.push(...count.refs);
      if (count.den === 0) {
        const full = (ind.whenNoData ?? "full") === "full";
        base = full ? M : R.ZERO;
        notes.add(() => `${noDataSentence(basis.metric)}，按规则${full ? `得满分 ${fmt(M)} 分` : "不得分"}`);
        break;
      }
      const v = R.rat(count.num, count.den);
      metric = count.num / count.den;
      const sentence = () => metricSentence(basis.metric, count, population, scheme, b);
      if (basis.kind === "completion") {
        base = R.mul(M, v);
        notes.add(() => `${sentence()}，得 ${fmt(base)} 分`);
      } else if (basis.kind === "ratio") {
        const target = R.fromNumber(basis.target);
        const floor = R.fromNumber(basis.floor);
        if (R.cmp(v, target) >= 0) {
          base = M;
          notes.add(() => `${sentence()}，达到目标 ${fmtMetric(basis.metric, target)}，得满分 ${fmt(M)} 分`);
        } else if (R.cmp(v, floor) <= 0) {
          base = R.ZERO;
          notes.add(() => `${sentence()}，不高于 ${fmtMetric(basis.metric, floor)}，本项基础分 0 分`);
        } else {
          base = R.div(R.mul(M, R.sub(v, floor)), R.sub(target, floor));
          notes.add(() => `${sentence()}，低于目标 ${fmtMetric(basis.metric, target)}，得 ${fmt(base)} 分`);
        }
      } else {
        const target = R.fromNumber(basis.target);
        const ceiling = R.fromNumber(basis.ceiling);
        if (R.cmp(v, target) <= 0) {
          base = M;
          notes.add(() => `${sentence()}，不高于 ${fmtMetric(basis.metric, target)}，得满分 ${fmt(M)} 分`);
        } else if (R.cmp(v, ceiling) >= 0) {
          base = R.ZERO;
          notes.add(() => `${sentence()}，达到 ${fmtMetric(basis.metric, ceiling)} 及以上，本项基础分 0 分`);
        } else {
          base = R.div(R.mul(M, R.sub(ceiling, v)), R.sub(ceiling, target));
          notes.add(() => `${sentence()}，高于 ${fmtMetric(basis.metric, target)}，得 ${fmt(base)} 分`);
        }
      }
    }
  }

  const deductions = applyRules(scheme, ind.deductions, b, "扣", notes);
  const bonuses = applyRules(scheme, ind.bonuses, b, "加", notes);
  ids.push(...deductions.ids, ...bonuses.ids);
  const raw = R.sub(base, deductions.total);
  const exactScore = R.max(R.ZERO, raw);
  if (R.cmp(raw, R.ZERO) < 0) notes.add(() => "扣分超过基础分，本项计 0 分");
  return {
    row: {
      code: ind.code,
      score: R.centsNumber(exactScore),
      bonus: R.centsNumber(bonuses.total),
      base: R.centsNumber(base),
      deductions: R.centsNumber(deductions.total),
      zeroed: false,
      metric,
      notes: notes.items,
    },
    exactScore,
    exactBonus: bonuses.total,
    ids,
  };
}

function uniqueRefs(refs: readonly RecordRef[]): RecordRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = `${r.kind}:${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The grade for a total (scoring.md §5.8); the lowest band when vetoed. */
export function gradeFor(scheme: Scheme, total: Rational, vetoed: boolean): string {
  const bands = [...scheme.gradeBands].sort((a, b) => b.min - a.min);
  const lowest = bands[bands.length - 1] as { grade: string };
  if (vetoed) return lowest.grade;
  return (bands.find((b) => R.cmp(R.fromNumber(b.min), total) <= 0) ?? lowest).grade;
}

/** Scores one township for one month (scoring.md §5). */
export function scoreTownshipMonth(
  scheme: Scheme,
  township: { id: string; population: number },
  month: string,
  b: MonthBucket,
  manual: ManualScoreLookup,
  explain = true,
  duties: DutyWindows = NO_WINDOWS,
): TownshipMonthScore {
  const rows: IndicatorRow[] = [];
  const evidence: IndicatorEvidence[] = [];
  let scores = R.ZERO;
  let bonuses = R.ZERO;
  for (const ind of scheme.indicators) {
    const m = ind.base.kind === "manual" ? manual(township.id, month, ind.code) : undefined;
    const r = scoreIndicator(
      ind,
      scheme,
      b,
      township.population,
      m,
      { townshipId: township.id, month },
      explain,
      duties,
    );
    rows.push(r.row);
    evidence.push({ code: ind.code, records: uniqueRefs(r.ids) });
    scores = R.add(scores, R.round2(r.exactScore));
    bonuses = R.add(bonuses, R.round2(r.exactBonus));
  }
  const notes: string[] = [];
  const cap = R.fromNumber(scheme.bonusCap);
  const bonus = R.min(cap, bonuses);
  if (R.cmp(bonuses, cap) > 0) notes.push(`各项加分合计 ${fmt(bonuses)} 分，超过上限，按 ${fmt(cap)} 分计`);
  let total = R.add(scores, bonus);
  let vetoed = false;
  for (const v of scheme.vetoes ?? []) {
    const count = b.events.get(v.event) ?? 0;
    if (count === 0) continue;
    vetoed = true;
    if (v.cap !== undefined) {
      total = R.min(total, R.fromNumber(v.cap));
      notes.push(
        `发生${eventName(scheme, v.event)} ${count} 起，一票否决，总分不超过 ${fmt(R.fromNumber(v.cap))} 分，等次为最低等次`,
      );
    } else {
      notes.push(`发生${eventName(scheme, v.event)} ${count} 起，一票否决，等次为最低等次`);
    }
  }
  return {
    townshipId: township.id,
    month,
    indicators: rows,
    evidence,
    total,
    bonus,
    vetoed,
    grade: gradeFor(scheme, total, vetoed),
    notes,
  };
}
