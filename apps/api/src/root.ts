import { authRouter } from "./routers/auth";
import { countiesRouter } from "./routers/counties";
import { disputesRouter } from "./routers/disputes";
import { eventsRouter } from "./routers/events";
import { incidentsRouter } from "./routers/incidents";
import { keyPersonsRouter } from "./routers/key-persons";
import { onboardingRouter } from "./routers/onboarding";
import { petitionsRouter } from "./routers/petitions";
import { staffRouter } from "./routers/staff";
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
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
