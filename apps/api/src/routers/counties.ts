import { coverage } from "@pingan/calendar";
import {
  addCountyUserInput,
  countyKeyPersonCategories,
  createCountyInput,
  input as fields,
  int,
  setKeyPersonCategoriesInput,
} from "@pingan/contracts";
import { DEFAULT_APPEAL_WINDOW_DAYS } from "../appeals/appeals";
import { setMeetingDay } from "../notifications/meeting";
import {
  addCountyUser,
  countyView,
  createCounty,
  listCounties,
  listCountyUsers,
} from "../onboarding/counties";
import { setKeyPersonCategories } from "../records/key-persons";
import { DEFAULT_DEADLINE_DAY, monthAt } from "../submissions/deadline";
import { countyAdminProcedure, countyProcedure, platformProcedure, router } from "../trpc";

/** Counties (created by the platform operator) and the county's own people (onboarding/counties.ts). */
export const countiesRouter = router({
  create: platformProcedure.input(createCountyInput).mutation(({ ctx, input }) => createCounty(ctx, input)),

  list: platformProcedure.query(({ ctx }) => listCounties(ctx)),

  /**
   * The signed-in county user's county, with its settings: the submission deadline (day N, or the N-th
   * working day), the 例会 day, the appeal window, and which of this year and next the PRC working-day
   * calendar covers (a year it does not is counted Monday–Friday), and its key-person categories.
   */
  mine: countyProcedure.query(({ ctx }) => {
    const year = Number(monthAt(ctx.services.now()).slice(0, 4));
    return {
      ...countyView(ctx.county),
      submissionDeadlineDay: ctx.county.submissionDeadlineDay ?? DEFAULT_DEADLINE_DAY,
      submissionDeadlineMode: ctx.county.submissionDeadlineMode ?? "day",
      meetingDay: ctx.county.meetingDay ?? null,
      appealWindowDays: ctx.county.appealWindowDays ?? DEFAULT_APPEAL_WINDOW_DAYS,
      keyPersonCategories: countyKeyPersonCategories(ctx.county),
      calendar: [year, year + 1].map((y) => {
        const c = coverage(y);
        return { year: y, covered: c.covered, firstYear: c.firstYear, lastYear: c.lastYear };
      }),
    };
  }),

  /** The county admin sets the 综治例会 day of the month (1–28), or clears it (`null`: no reminder). */
  setMeetingDay: countyAdminProcedure
    .input(
      fields({
        day: int("例会日", 1, 28).nullable(),
        expectedVersion: int("版本号", 1, Number.MAX_SAFE_INTEGER),
      }),
    )
    .mutation(({ ctx, input }) => setMeetingDay(ctx, input)),

  /** The county admin sets the county's key-person categories and their visit frequencies (issue 14). */
  setKeyPersonCategories: countyAdminProcedure
    .input(setKeyPersonCategoriesInput)
    .mutation(({ ctx, input }) => setKeyPersonCategories(ctx, input)),

  listUsers: countyAdminProcedure.query(({ ctx }) => listCountyUsers(ctx)),

  addUser: countyAdminProcedure
    .input(addCountyUserInput)
    .mutation(({ ctx, input }) => addCountyUser(ctx, input)),
});
