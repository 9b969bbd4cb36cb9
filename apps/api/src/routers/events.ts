import {
  createEventInput,
  listEventsInput,
  recordRefInput,
  removeRecordInput,
  updateEventInput,
} from "@pingan/contracts";
import { listEvents } from "@pingan/data";
import {
  createTownshipRecord,
  definedOnly,
  editTownshipRecord,
  getTownshipRecord,
  softDelete,
} from "../records/township-records";
import { router, townshipProcedure, townshipReadProcedure } from "../trpc";

/** Routine work done, commendations and bad events; the scheme decides which kinds score. */
export const eventsRouter = router({
  create: townshipProcedure.input(createEventInput).mutation(({ ctx, input }) => {
    const { requestId, townshipId: _t, ...fields } = input;
    return createTownshipRecord(ctx, "event", requestId, fields);
  }),

  update: townshipProcedure.input(updateEventInput).mutation(({ ctx, input }) => {
    const { id, expectedVersion, townshipId: _t, ...changes } = input;
    return editTownshipRecord(ctx, "event", id, expectedVersion, "event.update", (e) => ({
      ...e,
      ...definedOnly(changes),
    }));
  }),

  remove: townshipProcedure
    .input(removeRecordInput)
    .mutation(({ ctx, input }) => softDelete(ctx, "event", input.id, input.expectedVersion, input.reason)),

  get: townshipReadProcedure
    .input(recordRefInput)
    .query(({ ctx, input }) => getTownshipRecord(ctx, "event", input.id)),

  list: townshipReadProcedure
    .input(listEventsInput)
    .query(({ ctx, input }) => listEvents(ctx.services.db, ctx.township.id, input)),
});
