import {
  createIncidentInput,
  listIncidentsInput,
  recordRefInput,
  removeRecordInput,
  updateIncidentInput,
} from "@pingan/contracts";
import { listIncidents } from "@pingan/data";
import {
  createTownshipRecord,
  definedOnly,
  editTownshipRecord,
  getTownshipRecord,
  softDelete,
} from "../records/township-records";
import { router, townshipProcedure, townshipReadProcedure } from "../trpc";

/** Criminal and public-order cases (案件). */
export const incidentsRouter = router({
  create: townshipProcedure.input(createIncidentInput).mutation(({ ctx, input }) => {
    const { requestId, townshipId: _t, ...fields } = input;
    return createTownshipRecord(ctx, "incident", requestId, fields);
  }),

  update: townshipProcedure.input(updateIncidentInput).mutation(({ ctx, input }) => {
    const { id, expectedVersion, townshipId: _t, ...changes } = input;
    return editTownshipRecord(ctx, "incident", id, expectedVersion, "incident.update", (i) => ({
      ...i,
      ...definedOnly(changes),
    }));
  }),

  remove: townshipProcedure
    .input(removeRecordInput)
    .mutation(({ ctx, input }) => softDelete(ctx, "incident", input.id, input.expectedVersion, input.reason)),

  get: townshipReadProcedure
    .input(recordRefInput)
    .query(({ ctx, input }) => getTownshipRecord(ctx, "incident", input.id)),

  list: townshipReadProcedure
    .input(listIncidentsInput)
    .query(({ ctx, input }) => listIncidents(ctx.services.db, ctx.township.id, input)),
});
