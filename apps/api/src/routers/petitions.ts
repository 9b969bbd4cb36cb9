import {
  closePetitionInput,
  createPetitionInput,
  listPetitionsInput,
  recordRefInput,
  removeRecordInput,
  updatePetitionInput,
} from "@pingan/contracts";
import { listPetitions } from "@pingan/data";
import { AppError, recordState } from "../errors";
import {
  createTownshipRecord,
  definedOnly,
  editTownshipRecord,
  getTownshipRecord,
  notBefore,
  softDelete,
} from "../records/township-records";
import { router, townshipProcedure, townshipReadProcedure } from "../trpc";

const timeOrder = () => new AppError("INPUT.INVALID", "时间顺序不正确：首办或办结时间不能早于受理时间");

/** Petitions (信访): received, first handled, closed as settled or not. */
export const petitionsRouter = router({
  create: townshipProcedure.input(createPetitionInput).mutation(({ ctx, input }) => {
    const { requestId, townshipId: _t, ...fields } = input;
    if (!notBefore(fields.firstHandledAt, fields.receivedAt)) throw timeOrder();
    return createTownshipRecord(ctx, "petition", requestId, fields);
  }),

  update: townshipProcedure.input(updatePetitionInput).mutation(({ ctx, input }) => {
    const { id, expectedVersion, townshipId: _t, ...changes } = input;
    return editTownshipRecord(ctx, "petition", id, expectedVersion, "petition.update", (p) => {
      const next = { ...p, ...definedOnly(changes) };
      if (!notBefore(next.firstHandledAt, next.receivedAt) || !notBefore(next.closedAt, next.receivedAt))
        throw timeOrder();
      return next;
    });
  }),

  close: townshipProcedure.input(closePetitionInput).mutation(({ ctx, input }) =>
    editTownshipRecord(ctx, "petition", input.id, input.expectedVersion, "petition.close", (p) => {
      if (p.closedAt) throw recordState("信访事项已办结");
      if (input.closedAt < p.receivedAt) throw timeOrder();
      return { ...p, closedAt: input.closedAt, settled: input.settled, closingNote: input.closingNote };
    }),
  ),

  remove: townshipProcedure
    .input(removeRecordInput)
    .mutation(({ ctx, input }) => softDelete(ctx, "petition", input.id, input.expectedVersion, input.reason)),

  get: townshipReadProcedure
    .input(recordRefInput)
    .query(({ ctx, input }) => getTownshipRecord(ctx, "petition", input.id)),

  list: townshipReadProcedure
    .input(listPetitionsInput)
    .query(({ ctx, input }) => listPetitions(ctx.services.db, ctx.township.id, input)),
});
