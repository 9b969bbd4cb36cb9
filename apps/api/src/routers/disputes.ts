import { randomUUID } from "node:crypto";
import {
  addAttemptInput,
  closeDisputeInput,
  createDisputeInput,
  escalateDisputeInput,
  listDisputesInput,
  removeRecordInput,
  updateDisputeInput,
} from "@pingan/contracts";
import { listDisputes } from "@pingan/data";
import { AppError, recordState } from "../errors";
import { caseLeaderOf } from "../organisation/filing";
import { recordProcedures } from "../records/record-router";
import { LEVEL_NAMES, LEVEL_ORDER, minAttemptsAt, threeThreeShortfall } from "../records/three-three";
import { editTownshipRecord, getTownshipRecord, notBefore } from "../records/township-records";
import { router, townshipProcedure } from "../trpc";

/** Attempts live on the dispute item, and its audit entry holds it twice (before, after): the cap keeps both
 * far below DynamoDB's 400 KB item limit even with the longest notes. */
const MAX_ATTEMPTS = 30;

const timeOrder = () => new AppError("INPUT.INVALID", "时间顺序不正确：办结或调解时间不能早于上报时间");
const invalidField = (field: string, messageZh: string) =>
  new AppError("INPUT.INVALID", messageZh, { field });

/** Disputes (矛盾纠纷): reported, mediated in attempts, closed with an outcome. */
export const disputesRouter = router({
  ...recordProcedures("dispute", {
    create: createDisputeInput,
    update: updateDisputeInput,
    list: listDisputesInput,
    listItems: listDisputes,
    initial: { attempts: [] },
    filed: { hardCase: (d) => d.level === "red" },
    check: (d) => {
      if (!notBefore(d.closedAt, d.reportedAt)) throw timeOrder();
      if (d.attempts.some((a) => a.at < d.reportedAt)) throw timeOrder();
    },
    // Once mediated, a dispute changes level only by an escalation step (issue 14), kept in its timeline.
    checkEdit: (current, next) => {
      if (next.level !== current.level && current.attempts.length > 0)
        throw invalidField(
          "level",
          "纠纷已有调解记录，不能直接修改「调解层级」（纠纷等级）；如需提高层级，请使用「上交升级」",
        );
    },
  }),

  /** Records one mediation attempt (who, when, at which level, with what result). */
  addAttempt: townshipProcedure.input(addAttemptInput).mutation(({ ctx, input }) =>
    editTownshipRecord(ctx, "dispute", input.id, input.expectedVersion, "dispute.addAttempt", (d) => {
      if (d.closedAt) throw recordState("纠纷已办结，不能再添加调解记录");
      if (d.attempts.length >= MAX_ATTEMPTS) throw recordState(`每起纠纷最多记录 ${MAX_ATTEMPTS} 次调解`);
      if (input.at < d.reportedAt) throw timeOrder();
      // An attempt is made at the dispute's current level; going up is an escalation step.
      if (input.level !== undefined && input.level !== d.level)
        throw invalidField(
          "level",
          `「调解层级」应为纠纷当前层级（${LEVEL_NAMES[d.level]}）；如需在更高层级调解，请先上交升级`,
        );
      // An attempt at the new level comes after the escalation that brought the dispute there.
      if ((d.escalations ?? []).some((e) => e.at > input.at))
        throw invalidField("at", "「调解时间」不能早于纠纷上交升级的时间");
      const attempt = {
        id: randomUUID(),
        at: input.at,
        level: d.level,
        mediator: input.mediator,
        result: input.result,
        note: input.note,
        recordedBy: ctx.user.id,
      };
      return { ...d, attempts: [...d.attempts, attempt] };
    }),
  ),

  /**
   * Closes a dispute. Closing as failed or escalated with fewer than the scheme's minimum attempts at its
   * level (三三调处) needs `confirmShortfall` and a reason, and the shortfall is kept for the county.
   */
  close: townshipProcedure.input(closeDisputeInput).mutation(async ({ ctx, input }) => {
    const minAttempts = await minAttemptsAt(ctx, input.closedAt);
    return editTownshipRecord(ctx, "dispute", input.id, input.expectedVersion, "dispute.close", (d) => {
      if (d.closedAt) throw recordState("纠纷已办结");
      if (input.closedAt < d.reportedAt) throw timeOrder();
      const shortfall =
        input.outcome === "resolved"
          ? undefined
          : threeThreeShortfall(d, "close", minAttempts, {
              ...input,
              at: input.closedAt,
              userId: ctx.user.id,
            });
      return {
        ...d,
        closedAt: input.closedAt,
        outcome: input.outcome,
        closingNote: input.closingNote,
        ...(shortfall && { shortfalls: [...(d.shortfalls ?? []), shortfall] }),
      };
    });
  }),

  /**
   * 上交升级 (issue 14): raises the dispute's level (blue → yellow → red) as a step of its timeline, with
   * a reason (audited). Fewer than the scheme's minimum attempts at the current level (三三调处) needs
   * `confirmShortfall` and a reason; the shortfall is kept on the dispute for the county.
   *
   * Going to red makes it a hard case with a 包案领导 (as filing a red dispute does): the one named, else
   * the one it has, else the 包片领导 of its village; the step records it.
   */
  escalate: townshipProcedure.input(escalateDisputeInput).mutation(async ({ ctx, input }) => {
    const minAttempts = await minAttemptsAt(ctx, input.at);
    // Read at the version the caller saw (else the edit below is refused as a conflict), so the 包案领导
    // taken from its village is the one of the dispute the edit applies to.
    const caseLeaderId =
      input.level === "red" || input.caseLeaderId !== undefined
        ? await caseLeaderOf(
            ctx,
            await getTownshipRecord(ctx, "dispute", input.id),
            input.caseLeaderId,
            input.level === "red",
          )
        : undefined;
    return editTownshipRecord(
      ctx,
      "dispute",
      input.id,
      input.expectedVersion,
      "dispute.escalate",
      (d) => {
        if (d.closedAt) throw recordState("纠纷已办结，不能再上交升级");
        if (LEVEL_ORDER.indexOf(input.level) <= LEVEL_ORDER.indexOf(d.level))
          throw invalidField("level", `「上交层级」应高于纠纷当前层级（${LEVEL_NAMES[d.level]}）`);
        if (input.at < d.reportedAt || d.attempts.some((a) => a.at > input.at))
          throw invalidField("at", "「上交时间」不能早于上报时间或已记录的调解时间");
        const shortfall = threeThreeShortfall(d, "escalate", minAttempts, { ...input, userId: ctx.user.id });
        const step = {
          id: randomUUID(),
          at: input.at,
          from: d.level,
          to: input.level,
          reason: input.reason,
          recordedBy: ctx.user.id,
          ...(caseLeaderId !== undefined && { caseLeaderId }),
        };
        return {
          ...d,
          level: input.level,
          ...(caseLeaderId !== undefined && { caseLeaderId }),
          escalations: [...(d.escalations ?? []), step],
          ...(shortfall && { shortfalls: [...(d.shortfalls ?? []), shortfall] }),
        };
      },
      input.reason,
    );
  }),

  /** Reopens a dispute closed by mistake. */
  reopen: townshipProcedure.input(removeRecordInput).mutation(({ ctx, input }) =>
    editTownshipRecord(
      ctx,
      "dispute",
      input.id,
      input.expectedVersion,
      "dispute.reopen",
      (d) => {
        if (!d.closedAt) throw recordState("纠纷尚未办结");
        return { ...d, closedAt: undefined, outcome: undefined, closingNote: undefined };
      },
      input.reason,
    ),
  ),
});
