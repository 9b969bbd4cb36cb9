import { changePasswordInput, refreshInput, signInInput, signOutInput } from "@pingan/contracts";
import { changePassword, currentAccount, refreshSession, signIn, signOut } from "../auth/sessions";
import { publicProcedure, router, signedInProcedure } from "../trpc";

/** Sign-in, token rotation, sign-out and the password: the policy lives in auth/sessions.ts and auth/lockout.ts. */
export const authRouter = router({
  signIn: publicProcedure
    .input(signInInput)
    .mutation(({ ctx, input }) => signIn(ctx.services, input, ctx.sourceAddress, ctx.refreshCookie)),

  /** Trades a refresh token for a new pair (rotation; see `refreshSession`). */
  refresh: publicProcedure
    .input(refreshInput)
    .mutation(({ ctx, input }) => refreshSession(ctx.services, input, ctx.refreshCookie)),

  signOut: publicProcedure
    .input(signOutInput)
    .mutation(({ ctx, input }) => signOut(ctx.services, input, ctx.refreshCookie)),

  /** Who is signed in; also answers an account that must still change its initial password. */
  me: signedInProcedure.query(({ ctx }) => currentAccount(ctx)),

  /** Changes the password (also the initial one, which unlocks the account) and ends its other sessions. */
  changePassword: signedInProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, input)),
});
