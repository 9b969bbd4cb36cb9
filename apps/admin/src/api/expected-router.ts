import { initTRPC } from "@trpc/server";
import type { Session } from "../auth/token-store";

/**
 * The procedures the admin app calls, stated for the type checker only (imported with `import type`,
 * so none of this reaches the bundle). TODO(api): delete once apps/api exports its AppRouter.
 */
const t = initTRPC.create();
const mutation = <I, O>() =>
  t.procedure
    .input((v: unknown) => v as I)
    .mutation((): O => {
      throw new Error("type only");
    });

const expectedRouter = t.router({
  auth: t.router({
    signIn: mutation<{ login: string; password: string }, Session>(),
  }),
});

export type ExpectedRouter = typeof expectedRouter;
