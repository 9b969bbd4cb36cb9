import type { Role } from "@pingan/data";

/** The signed-in caller, as the auth middleware (trpc.ts) puts it on the context. */
export type SessionUser = {
  id: string;
  sessionId: string;
  role: Role;
  name: string;
  countyId?: string;
  townshipId?: string;
  /** The account still has the initial password someone else set (an invitation). */
  mustChangePassword: boolean;
};
