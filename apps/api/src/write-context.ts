import type { WriteContext } from "@pingan/data";
import type { Services } from "./services";
import type { SessionUser } from "./session-user";

/** Who writes and when, for the data layer's transactional writes. */
export function writeContext(ctx: { services: Services; user: SessionUser }): WriteContext {
  return { actor: { id: ctx.user.id, role: ctx.user.role }, now: ctx.services.now() };
}

/** Registration happens before the person has an account: the actor is the new account itself. */
export function selfWriteContext(services: Services, userId: string, role: string): WriteContext {
  return { actor: { id: userId, role }, now: services.now() };
}

/** Nobody is signed in (an account locked, a reused refresh token, a scheduled job): the service acts. */
export function serviceWriteContext(services: Services): WriteContext {
  return { actor: { id: "system", role: "system" }, now: services.now() };
}
