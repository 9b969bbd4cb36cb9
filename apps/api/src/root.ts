import { appealsRouter } from "./routers/appeals";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { countiesRouter } from "./routers/counties";
import { disputesRouter } from "./routers/disputes";
import { eventsRouter } from "./routers/events";
import { importsRouter } from "./routers/imports";
import { incidentsRouter } from "./routers/incidents";
import { keyPersonsRouter } from "./routers/key-persons";
import { leagueRouter } from "./routers/league";
import { noticesRouter } from "./routers/notices";
import { notificationsRouter } from "./routers/notifications";
import { onboardingRouter } from "./routers/onboarding";
import { opsRouter } from "./routers/ops";
import { organisationRouter } from "./routers/organisation";
import { petitionsRouter } from "./routers/petitions";
import { publicRouter } from "./routers/public";
import { reviewFlagsRouter, yearOnYearRouter } from "./routers/review-flags";
import { schemesRouter } from "./routers/schemes";
import { staffRouter } from "./routers/staff";
import { submissionsRouter } from "./routers/submissions";
import { supervisionRouter } from "./routers/supervision";
import { createCallerFactory, router } from "./trpc";

/** Every area's router, one file each under ./routers; add a new area here. */
export const appRouter = router({
  auth: authRouter,
  counties: countiesRouter,
  onboarding: onboardingRouter,
  staff: staffRouter,
  disputes: disputesRouter,
  petitions: petitionsRouter,
  incidents: incidentsRouter,
  keyPersons: keyPersonsRouter,
  events: eventsRouter,
  schemes: schemesRouter,
  submissions: submissionsRouter,
  league: leagueRouter,
  public: publicRouter,
  supervision: supervisionRouter,
  notices: noticesRouter,
  notifications: notificationsRouter,
  appeals: appealsRouter,
  audit: auditRouter,
  imports: importsRouter,
  ops: opsRouter,
  organisation: organisationRouter,
  reviewFlags: reviewFlagsRouter,
  yearOnYear: yearOnYearRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
