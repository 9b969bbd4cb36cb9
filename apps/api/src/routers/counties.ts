import {
  addCountyUserInput,
  countyKeyPersonCategories,
  createCountyInput,
  setKeyPersonCategoriesInput,
} from "@pingan/contracts";
import {
  addCountyUser,
  countyView,
  createCounty,
  listCounties,
  listCountyUsers,
} from "../onboarding/counties";
import { setKeyPersonCategories } from "../records/key-persons";
import { DEFAULT_DEADLINE_DAY } from "../submissions/deadline";
import { countyAdminProcedure, countyProcedure, platformProcedure, router } from "../trpc";

/** Counties (created by the platform operator) and the county's own people (onboarding/counties.ts). */
export const countiesRouter = router({
  create: platformProcedure.input(createCountyInput).mutation(({ ctx, input }) => createCounty(ctx, input)),

  list: platformProcedure.query(({ ctx }) => listCounties(ctx)),

  /** The signed-in county user's county, with the day of the month submissions are due. */
  mine: countyProcedure.query(({ ctx }) => ({
    ...countyView(ctx.county),
    submissionDeadlineDay: ctx.county.submissionDeadlineDay ?? DEFAULT_DEADLINE_DAY,
    keyPersonCategories: countyKeyPersonCategories(ctx.county),
  })),

  /** The county admin sets the county's key-person categories and their visit frequencies (issue 14). */
  setKeyPersonCategories: countyAdminProcedure
    .input(setKeyPersonCategoriesInput)
    .mutation(({ ctx, input }) => setKeyPersonCategories(ctx, input)),

  listUsers: countyAdminProcedure.query(({ ctx }) => listCountyUsers(ctx)),

  addUser: countyAdminProcedure
    .input(addCountyUserInput)
    .mutation(({ ctx, input }) => addCountyUser(ctx, input)),
});
