import {
  decideTownshipInput,
  input as objectInput,
  oneOf,
  registerTownshipInput,
  rejectTownshipInput,
  updateTownshipProfileInput,
} from "@pingan/contracts";
import { TOWNSHIP_STATUSES } from "@pingan/data";
import {
  approveTownship,
  listTownships,
  registerTownship,
  rejectTownship,
  resubmitTownship,
  rotateJoinCode,
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
    .query(({ ctx, input }) => listTownships(ctx.services.db, ctx.county.id, input?.status)),

  township: townshipReadProcedure.query(({ ctx }) => townshipView(ctx.township)),

  approveTownship: countyAdminTownshipProcedure
    .input(decideTownshipInput)
    .mutation(({ ctx, input }) => approveTownship(ctx, input)),

  rejectTownship: countyAdminTownshipProcedure
    .input(rejectTownshipInput)
    .mutation(({ ctx, input }) => rejectTownship(ctx, input)),

  /** A township the county rejected corrects its registration and sends it again. */
  resubmitTownship: ownTownshipAdminProcedure
    .input(updateTownshipProfileInput)
    .mutation(({ ctx, input }) => resubmitTownship(ctx, input)),

  /** The township admin keeps the profile (population, villages, grids) current. */
  updateTownshipProfile: townshipAdminProcedure
    .input(updateTownshipProfileInput)
    .mutation(({ ctx, input }) => updateTownshipProfile(ctx, input)),
});
