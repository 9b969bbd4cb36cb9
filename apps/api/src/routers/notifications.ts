import { fieldError, input as fields, id } from "@pingan/contracts";
import * as z from "zod";
import { markRead, myNotifications } from "../notifications/notifications";
import { setSmsPreference, smsPreference } from "../notifications/sms";
import { authedProcedure, router } from "../trpc";

/** The signed-in user's own notifications (every role); nobody reads another's. */
export const notificationsRouter = router({
  mine: authedProcedure.query(({ ctx }) => myNotifications(ctx.services, ctx.user.id)),

  /** Marks the given notifications read, or all of them without `ids`. */
  markRead: authedProcedure
    .input(fields({ ids: z.array(id("通知")).max(100).optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.services, ctx.user.id, input.ids)),

  /** Whether the user gets notifications by SMS too (opt-in). */
  preferences: authedProcedure.query(({ ctx }) => smsPreference(ctx.services, ctx.user.id)),

  setSms: authedProcedure
    .input(fields({ sms: z.boolean({ error: fieldError("短信提醒") }) }))
    .mutation(({ ctx, input }) => setSmsPreference(ctx.services, ctx.user.id, input.sms)),
});
