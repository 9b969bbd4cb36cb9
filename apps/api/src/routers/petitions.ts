import {
  closePetitionInput,
  createPetitionInput,
  listPetitionsInput,
  updatePetitionInput,
} from "@pingan/contracts";
import { listPetitions } from "@pingan/data";
import { AppError, recordState } from "../errors";
import { recordProcedures } from "../records/record-router";
import { editTownshipRecord, notBefore } from "../records/township-records";
import { router, townshipProcedure } from "../trpc";

const timeOrder = () => new AppError("INPUT.INVALID", "时间顺序不正确：首办或办结时间不能早于受理时间");

/** Petitions (信访): received, first handled, closed as settled or not. */
export const petitionsRouter = router({
  ...recordProcedures("petition", {
    filed: { hardCase: () => true },
    create: createPetitionInput,
    update: updatePetitionInput,
    list: listPetitionsInput,
    listItems: listPetitions,
    check: (p) => {
      if (!notBefore(p.firstHandledAt, p.receivedAt) || !notBefore(p.closedAt, p.receivedAt))
        throw timeOrder();
    },
  }),

  close: townshipProcedure.input(closePetitionInput).mutation(({ ctx, input }) =>
    editTownshipRecord(ctx, "petition", input.id, input.expectedVersion, "petition.close", (p) => {
      if (p.closedAt) throw recordState("信访事项已办结");
      if (input.closedAt < p.receivedAt) throw timeOrder();
      return { ...p, closedAt: input.closedAt, settled: input.settled, closingNote: input.closingNote };
    }),
  ),
});
