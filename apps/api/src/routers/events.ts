import { createEventInput, input, int, listEventsInput, updateEventInput } from "@pingan/contracts";
import { listEvents } from "@pingan/data";
import { assertRecordableKind, eventVocabulary } from "../records/event-kinds";
import { recordProcedures } from "../records/record-router";
import { router, townshipReadProcedure } from "../trpc";

/**
 * Routine work done, commendations and bad events: a township records the 纪实 items of its county's
 * current scheme (issue 14); the scheme decides which kinds score.
 */
const objectYear = input({ year: int("年度", 2000, 2099) });

export const eventsRouter = router({
  ...recordProcedures("event", {
    filed: { hardCase: () => false },
    create: createEventInput,
    update: updateEventInput,
    list: listEventsInput,
    listItems: listEvents,
    verify: {
      touches: (changes) => changes.kind !== undefined || changes.occurredAt !== undefined,
      run: ({ db, countyId }, record) => assertRecordableKind(db, countyId, record),
    },
  }),

  /** The 纪实 items the township may record in a year: its county's current scheme's (or the model's). */
  items: townshipReadProcedure
    .input(objectYear)
    .query(({ ctx, input }) => eventVocabulary(ctx.countyServices.db, ctx.township.countyId, input.year)),
});
