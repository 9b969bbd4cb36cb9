import { randomUUID } from "node:crypto";
import {
  addAttemptInput,
  closeDisputeInput,
  createDisputeInput,
  listDisputesInput,
  removeRecordInput,
  updateDisputeInput,
} from "@pingan/contracts";
import { listDisputes } from "@pingan/data";
import { AppError, recordState } from "../errors";
import { recordProcedures } from "../records/record-router";
import { editTownshipRecord, notBefore } from "../records/township-records";
import { router, townshipProcedure } from "../trpc";

/** Attempts live on the dispute item, and its audit entry holds it twice (before, after): the cap keeps both
 * far below DynamoDB's 400 KB item limit even with the longest notes. */
const MAX_ATTEMPTS = 30;

const timeOrder = () => new AppError("INPUT.INVALID", "时间顺序不正确：办结或调解时间不能早于上报时间");

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
  }),

  /** Records one mediation attempt (who, when, at which level, with what result). */
  addAttempt: townshipProcedure.input(addAttemptInput).mutation(({ ctx, input }) =>
    editTownshipRecord(ctx, "dispute", input.id, input.expectedVersion, "dispute.addAttempt", (d) => {
      if (d.closedAt) throw recordState("纠纷已办结，不能再添加调解记录");
      if (d.attempts.length >= MAX_ATTEMPTS) throw recordState(`每起纠纷最多记录 ${MAX_ATTEMPTS} 次调解`);
      if (input.at < d.reportedAt) throw timeOrder();
      const attempt = {
        id: randomUUID(),
        at: input.at,
        level: input.level,
        mediator: input.mediator,
        result: input.result,
        note: input.note,
        recordedBy: ctx.user.id,
      };
      return { ...d, attempts: [...d.attempts, attempt] };
    }),
  ),

  close: townshipProcedure.input(closeDisputeInput).mutation(({ ctx, input }) =>
    editTownshipRecord(ctx, "dispute", input.id, input.expectedVersion, "dispute.close", (d) => {
      if (d.closedAt) throw recordState("纠纷已办结");
      if (input.closedAt < d.reportedAt) throw timeOrder();
      return { ...d, closedAt: input.closedAt, outcome: input.outcome, closingNote: input.closingNote };
    }),
  ),

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
