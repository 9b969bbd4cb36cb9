import {
  createKeyPersonInput,
  createVisitInput,
  deregisterKeyPersonInput,
  listKeyPersonsInput,
  listVisitsInput,
  removeRecordInput,
  updateKeyPersonInput,
} from "@pingan/contracts";
import { listKeyPersons, listVisits } from "@pingan/data";
import { AppError, recordState } from "../errors";
import { recordProcedures } from "../records/record-router";
import {
  createTownshipRecord,
  editTownshipRecord,
  getTownshipRecord,
  notBefore,
  softDelete,
} from "../records/township-records";
import { router, townshipProcedure, townshipReadProcedure } from "../trpc";

/** Key persons (重点人员) and their monthly visits (走访). */
export const keyPersonsRouter = router({
  ...recordProcedures("keyPerson", {
    filed: { hardCase: () => false },
    create: createKeyPersonInput,
    update: updateKeyPersonInput,
    list: listKeyPersonsInput,
    listItems: listKeyPersons,
    check: (k) => {
      if (!notBefore(k.deregisteredAt, k.registeredAt)) {
        throw new AppError("INPUT.INVALID", "解除列管时间不能早于列管时间");
      }
    },
  }),

  /** Ends the registration (解除列管). */
  deregister: townshipProcedure.input(deregisterKeyPersonInput).mutation(({ ctx, input }) =>
    editTownshipRecord(ctx, "keyPerson", input.id, input.expectedVersion, "keyPerson.deregister", (k) => {
      if (k.deregisteredAt) throw recordState("该人员已解除列管");
      if (input.deregisteredAt < k.registeredAt)
        throw new AppError("INPUT.INVALID", "解除列管时间不能早于列管时间");
      return { ...k, deregisteredAt: input.deregisteredAt };
    }),
  ),

  addVisit: townshipProcedure.input(createVisitInput).mutation(async ({ ctx, input }) => {
    const { requestId, townshipId: _t, ...fields } = input;
    const person = await getTownshipRecord(ctx, "keyPerson", fields.keyPersonId);
    if (fields.at < person.registeredAt) throw new AppError("INPUT.INVALID", "走访时间不能早于列管时间");
    return createTownshipRecord(ctx, "visit", requestId, fields);
  }),

  removeVisit: townshipProcedure
    .input(removeRecordInput)
    .mutation(({ ctx, input }) => softDelete(ctx, "visit", input.id, input.expectedVersion, input.reason)),

  listVisits: townshipReadProcedure
    .input(listVisitsInput)
    .query(({ ctx, input }) => listVisits(ctx.tenantServices.db, ctx.township.id, input)),
});
