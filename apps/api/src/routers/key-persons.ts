import {
  createKeyPersonInput,
  createVisitInput,
  deregisterKeyPersonInput,
  listKeyPersonsInput,
  listVisitsInput,
  removeRecordInput,
  setHelpTeamInput,
  updateKeyPersonInput,
} from "@pingan/contracts";
import { listKeyPersons, listVisits } from "@pingan/data";
import { AppError, recordState } from "../errors";
import {
  assertCountyCategory,
  categoriesOfCounty,
  checkOwnFrequency,
  helpTeamOf,
  visitingMember,
} from "../records/key-persons";
import { recordProcedures } from "../records/record-router";
import {
  createTownshipRecord,
  editTownshipRecord,
  getTownshipRecord,
  notBefore,
  softDelete,
} from "../records/township-records";
import { router, townshipProcedure, townshipReadProcedure } from "../trpc";

/**
 * Key persons (重点人员) of the county's categories, their 1+n help teams and their visits (走访), each
 * saying how it was made and which member made it.
 */
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
      checkOwnFrequency(k);
    },
    verify: {
      touches: (changes) => changes.category !== undefined,
      run: (county, k) => assertCountyCategory(county, k.category),
    },
  }),

  /** The county's key-person categories with their visit frequencies (for the township's forms). */
  categories: townshipReadProcedure.query(({ ctx }) =>
    categoriesOfCounty(ctx.services, ctx.township.countyId),
  ),

  /** Replaces the person's 1+n help team, at the version the client saw. */
  setTeam: townshipProcedure.input(setHelpTeamInput).mutation(({ ctx, input }) =>
    editTownshipRecord(ctx, "keyPerson", input.id, input.expectedVersion, "keyPerson.setTeam", (k) => ({
      ...k,
      helpTeam: helpTeamOf(k, input.members),
    })),
  ),

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
    const member = visitingMember(person, fields.memberId);
    return createTownshipRecord(ctx, "visit", requestId, {
      ...fields,
      ...(member ? { memberId: member.id, memberName: member.name } : {}),
    });
  }),

  removeVisit: townshipProcedure
    .input(removeRecordInput)
    .mutation(({ ctx, input }) => softDelete(ctx, "visit", input.id, input.expectedVersion, input.reason)),

  listVisits: townshipReadProcedure
    .input(listVisitsInput)
    .query(({ ctx, input }) => listVisits(ctx.tenantServices.db, ctx.township.id, input)),
});
