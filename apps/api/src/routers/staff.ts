import { inviteStaffInput, removeStaffInput } from "@pingan/contracts";
import { inviteStaff, listStaff, removeStaff } from "../auth/staff";
import { router, townshipAdminProcedure } from "../trpc";

/** A township administrator's people: list, invite, remove (auth/staff.ts). */
export const staffRouter = router({
  list: townshipAdminProcedure.query(({ ctx }) => listStaff(ctx)),

  /** Creates a staff account with an initial password the admin hands over; it must be changed at first sign-in. */
  invite: townshipAdminProcedure
    .input(inviteStaffInput)
    .mutation(({ ctx, input }) => inviteStaff(ctx, input)),

  /** Disables the account, releases its logins and ends its sessions, in one transaction. */
  remove: townshipAdminProcedure
    .input(removeStaffInput)
    .mutation(({ ctx, input }) => removeStaff(ctx, input)),
});
