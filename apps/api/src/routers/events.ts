import { createEventInput, listEventsInput, updateEventInput } from "@pingan/contracts";
import { listEvents } from "@pingan/data";
import { recordProcedures } from "../records/record-router";
import { router } from "../trpc";

/** Routine work done, commendations and bad events; the scheme decides which kinds score. */
export const eventsRouter = router(
  recordProcedures("event", {
    filed: { hardCase: () => false },
    create: createEventInput,
    update: updateEventInput,
    list: listEventsInput,
    listItems: listEvents,
  }),
);
