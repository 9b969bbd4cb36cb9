import { createRecord, DataError, type ItemOf, updateRecord } from "@pingan/data";
import { isMember, type Scheme } from "@pingan/domain";
import { AppError, recordState } from "../errors";
import { yearOf } from "../league/county-scoring";
import { explainedTownshipMonth, type LiveCounty, liveCounty } from "../league/live-scores";
import { requireScheme } from "../schemes/scheme-store";
import type { Services } from "../services";
import type { ReviewCtx } from "../submissions/review";
import { writeContext } from "../write-context";
import { monthCounts, monthsBefore } from "./month-counts";
import { type Flag, flagsOf, type IndicatorRate, type MonthCounts, median, TRAILING_MONTHS } from "./rules";

/**
 * 报喜不报忧 flags of a township-month under review (rules.ts), with what the reviewers recorded about
 * each. County users only: the flags and their actions live in the county's partition, and nothing that
 * scores reads them.
 */

/** Indicators whose number is a rate of cases (not incidents per 10,000 people). */
function rateIndicators(scheme: Scheme) {
  return scheme.indicators.flatMap((i) =>
    (i.base.kind === "ratio" || i.base.kind === "completion") && i.base.metric !== "incident.rate_per_10k"
      ? [{ code: i.code, name: i.name }]
      : [],
  );
}

/** The month's rates from its explained score (the same one the township's preview shows): rate and cases. */
async function ratesOf(
  db: Services["db"],
  live: LiveCounty,
  township: ItemOf<"township">,
  month: string,
  asOf: number,
): Promise<IndicatorRate[]> {
  const own = live.townships.find((t) => t.id === township.id);
  if (!own || !isMember(own, month)) return [];
  const { scheme } = await requireScheme(db, live.county.id, yearOf(month));
  const score = await explainedTownshipMonth(db, scheme, live, own, month, asOf);
  const rows = new Map(score.indicators.map((r) => [r.code, r]));
  const cases = new Map(score.evidence.map((e) => [e.code, e.records.length]));
  return rateIndicators(scheme).flatMap(({ code, name }) => {
    const rate = rows.get(code)?.metric;
    return rate === null || rate === undefined ? [] : [{ code, name, rate, cases: cases.get(code) ?? 0 }];
  });
}

/**
 * Every flag of one township-month. The counts of the month and its six trailing months are read in one
 * pass (month-counts.ts); the month's explained score is read only when the skip-level petitions rose, the
 * one case in which a perfect rate is a flag.
 */
async function flagsFor(
  db: Services["db"],
  live: LiveCounty,
  township: ItemOf<"township">,
  month: string,
  asOf: number,
): Promise<{ flags: Flag[]; counts: MonthCounts }> {
  const all = await monthCounts(db, township.id, monthsBefore(month, TRAILING_MONTHS), month);
  const current = all[all.length - 1] as MonthCounts;
  const trailing = all.slice(0, -1);
  const skipRose = current.skipLevel > median(trailing.map((m) => m.skipLevel));
  const rates = skipRose ? await ratesOf(db, live, township, month, asOf) : [];
  return {
    flags: flagsOf({ current, trailing, rates }),
    counts: current,
  };
}

const actionView = (a: ItemOf<"reviewFlag">) => ({
  code: a.code,
  outcome: a.outcome,
  note: a.note,
  version: a.version,
  updatedAt: a.updatedAt,
  updatedBy: a.updatedBy,
});

async function actionsOf(db: Services["db"], countyId: string, townshipId: string, month: string) {
  const { data } = await db.entities.reviewFlag.query
    .byMonth({ countyId, month, townshipId })
    .go({ pages: "all" });
  return data.map((a) => actionView(a as ItemOf<"reviewFlag">));
}

/** The flags of a township-month, each with its evidence and the action recorded about it (or null). */
export async function reviewFlags(ctx: ReviewCtx, month: string) {
  const { db } = ctx.tenantServices;
  const live = await liveCounty(db, ctx.county.id);
  const [{ flags, counts }, actions] = await Promise.all([
    flagsFor(db, live, ctx.township, month, ctx.services.now().getTime()),
    actionsOf(db, ctx.county.id, ctx.township.id, month),
  ]);
  const byCode = new Map(actions.map((a) => [a.code, a]));
  return {
    month,
    counts,
    flags: flags.map((f) => ({ ...f, action: byCode.get(f.code) ?? null })),
    /** Actions recorded about flags the figures no longer raise (the records changed since). */
    lifted: actions.filter((a) => !flags.some((f) => f.code === a.code)),
  };
}

/** The review queue's flag count per active township of the county, and how many still have no action. */
export async function reviewFlagCounts(
  ctx: { services: Services; tenantServices: Services; county: ItemOf<"county"> },
  month: string,
) {
  const { db } = ctx.tenantServices;
  const live = await liveCounty(db, ctx.county.id);
  const asOf = ctx.services.now().getTime();
  const { data } = await db.entities.reviewFlag.query.byMonth({ countyId: ctx.county.id, month }).go({
    pages: "all",
    attributes: ["townshipId", "code"],
  });
  const acted = new Set(data.map((a) => `${a.townshipId}#${a.code}`));
  const out: { townshipId: string; flags: number; open: number }[] = [];
  // A few townships at a time: each is three index queries, and rarely one explained score.
  const queue = [...live.townships];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        const { flags } = await flagsFor(db, live, t, month, asOf);
        const open = flags.filter((f) => !acted.has(`${t.id}#${f.code}`)).length;
        out.push({ townshipId: t.id, flags: flags.length, open });
      }
    }),
  );
  return out.sort((a, b) => (a.townshipId < b.townshipId ? -1 : 1));
}

/**
 * The reviewer records what was done about a flag: a note and an outcome. The first action creates the
 * record (`expectedVersion` 0), later ones replace it at the version read; each is in the county's trail.
 * Only a flag the figures raise now can be acted on.
 */
export async function recordFlagAction(
  ctx: ReviewCtx,
  input: {
    month: string;
    code: string;
    outcome: ItemOf<"reviewFlag">["outcome"];
    note: string;
    expectedVersion: number;
  },
) {
  const { db } = ctx.tenantServices;
  const live = await liveCounty(db, ctx.county.id);
  const { flags } = await flagsFor(db, live, ctx.township, input.month, ctx.services.now().getTime());
  if (!flags.some((f) => f.code === input.code)) throw recordState("本月当前没有这一项报喜不报忧标记");
  const key = { countyId: ctx.county.id, month: input.month, townshipId: ctx.township.id, code: input.code };
  const entityId = `${ctx.township.id}/${input.month}/${input.code}`;
  const scope = `C#${ctx.county.id}`;
  const wctx = writeContext(ctx);
  if (input.expectedVersion === 0) {
    try {
      const { item } = await createRecord(db, wctx, {
        entity: "reviewFlag",
        item: { ...key, outcome: input.outcome, note: input.note },
        key: () => key,
        entityId,
        scope,
        action: "reviewFlag.record",
      });
      return actionView(item);
    } catch (error) {
      // Another reviewer recorded the first action meanwhile: the caller must see it before replacing it.
      if (error instanceof DataError && error.code === "DUPLICATE")
        throw new AppError("CONFLICT", "该标记的处理已被他人记录，请刷新后重试");
      throw error;
    }
  }
  const item = await updateRecord(db, wctx, {
    entity: "reviewFlag",
    key,
    entityId,
    scope,
    expectedVersion: input.expectedVersion,
    action: "reviewFlag.record",
    change: (current) => ({ ...current, outcome: input.outcome, note: input.note }),
  });
  return actionView(item);
}
