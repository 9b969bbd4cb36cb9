import {
  approveTownshipInput,
  decidePopulationInput,
  input as objectInput,
  oneOf,
  proposePopulationInput,
  registerTownshipInput,
  rejectTownshipInput,
  resubmitTownshipInput,
  setMemberFromInput,
  updateTownshipProfileInput,
} from "@pingan/contracts";
import { TOWNSHIP_STATUSES } from "@pingan/data";
import {
  decidePopulation,
  pendingPopulationRequests,
  populationView,
  proposePopulation,
} from "../onboarding/population";
import {
  approveTownship,
  listTownships,
  memberFromChoices,
  registerTownship,
  rejectTownship,
  resubmitTownship,
  rotateJoinCode,
  setMemberFrom,
  townshipView,
  updateTownshipProfile,
} from "../onboarding/townships";
import {
  countyAdminProcedure,
  countyProcedure,
  countyTownshipProcedure,
  ownTownshipAdminProcedure,
  publicProcedure,
  requireRoles,
  router,
  townshipAdminProcedure,
  townshipReadProcedure,
} from "../trpc";

const countyAdminTownshipProcedure = countyTownshipProcedure.use(requireRoles("county_admin"));

/** Onboarding (入驻): join codes, township registration and the county's decision (onboarding/townships.ts). */
export const onboardingRouter = router({
  /** The county's current join code (county admins only). */
  joinCode: countyAdminProcedure.query(({ ctx }) => ({ joinCode: ctx.county.joinCode ?? null })),

  /** Creates the county's join code, or replaces it: the old one stops working at once. */
  rotateJoinCode: countyAdminProcedure.mutation(({ ctx }) => rotateJoinCode(ctx)),

  /** A township administrator registers the township with the county's join code and gets an account. */
  registerTownship: publicProcedure
    .input(registerTownshipInput)
    .mutation(({ ctx, input }) => registerTownship(ctx.services, input)),

  /** The county's townships, optionally of one status. */
  listTownships: countyProcedure
    .input(objectInput({ status: oneOf("状态", TOWNSHIP_STATUSES).optional() }).optional())
    .query(({ ctx, input }) => listTownships(ctx.tenantServices.db, ctx.county.id, input?.status)),

  township: townshipReadProcedure.query(({ ctx }) => townshipView(ctx.township)),

  /** Approves a registration; the township is scored from `memberFrom` on (default: the joining month). */
  approveTownship: countyAdminTownshipProcedure
    .input(approveTownshipInput)
    .mutation(({ ctx, input }) => approveTownship(ctx, input)),

  /** The first assessed months an approval may choose now: the joining month or the next full month. */
  memberFromChoices: countyAdminProcedure.query(({ ctx }) =>
    memberFromChoices(ctx.services, ctx.county.id, ctx.services.now()),
  ),

  /** Changes an active township's first assessed month (never into or out of published periods). */
  setMemberFrom: countyAdminTownshipProcedure
    .input(setMemberFromInput)
    .mutation(({ ctx, input }) => setMemberFrom(ctx, input)),

  rejectTownship: countyAdminTownshipProcedure
    .input(rejectTownshipInput)
    .mutation(({ ctx, input }) => rejectTownship(ctx, input)),

  /** A township the county rejected corrects its registration and sends it again. */
  resubmitTownship: ownTownshipAdminProcedure
    .input(resubmitTownshipInput)
    .mutation(({ ctx, input }) => resubmitTownship(ctx, input)),

  /** The township admin keeps the profile (name, code, villages, grids) current; not the population. */
  updateTownshipProfile: townshipAdminProcedure
    .input(updateTownshipProfileInput)
    .mutation(({ ctx, input }) => updateTownshipProfile(ctx, input)),

  /** The population in force, its reviewed history and the township's change requests. */
  population: townshipReadProcedure.query(({ ctx }) => populationView(ctx.township, ctx.services.now())),

  /**
   * The township admin proposes a new population from a month on; it counts once the county approves.
   * The proposal is also an entry in the county's trail, written in the same transaction: this one
   * township write to a county partition goes through the county-scoped client of the township's own
   * county (the township's client may not write there).
   */
  proposePopulation: townshipAdminProcedure
    .input(proposePopulationInput)
    .mutation(({ ctx, input }) => proposePopulation({ ...ctx, services: ctx.countyServices }, input)),

  /** The county's pending population change requests. */
  pendingPopulationRequests: countyProcedure.query(({ ctx }) =>
    pendingPopulationRequests({ ...ctx, services: ctx.tenantServices }),
  ),

  /** The county admin approves or rejects a township's population change request. */
  decidePopulation: countyAdminTownshipProcedure
    .input(decidePopulationInput)
    .mutation(({ ctx, input }) => decidePopulation({ ...ctx, services: ctx.tenantServices }, input)),
});
