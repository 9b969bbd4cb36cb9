import { inviteStaffInput, removeStaffInput } from "@pingan/contracts";
import { checkItems, getItem, type ItemOf, tx, writeTransaction } from "@pingan/data";
import { newAccountItems } from "../accounts";
import { AppError, recordState } from "../errors";
import { router, townshipAdminProcedure } from "../trpc";
import { writeContext } from "../write-context";

const memberView = (m: ItemOf<"membership">) => ({
  userId: m.userId,
  name: m.name,
  phone: m.phone,
  role: m.role,
  status: m.status,
  version: m.version,
});

/** A township administrator's people: list, invite, remove. */
export const staffRouter = router({
  list: townshipAdminProcedure.query(async ({ ctx }) => {
    const { db } = ctx.services;
    const { data } = await db.entities.membership.query
      .byScope({ scope: `T#${ctx.township.id}` })
      .go({ pages: "all" });
    return checkItems(db, "membership", data).map(memberView);
  }),

  /** Creates a staff account with an initial password the admin hands over; it must be changed at first sign-in. */
  invite: townshipAdminProcedure.input(inviteStaffInput).mutation(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const account = await newAccountItems(
      db,
      writeContext(ctx),
      {
        name: input.name,
        phone: input.phone,
        email: input.email,
        password: input.initialPassword,
        role: "township_staff",
        countyId: ctx.township.countyId,
        townshipId: ctx.township.id,
        mustChangePassword: true,
      },
      ctx.services.passwordCostLog2,
    );
    await writeTransaction(db, account.items);
    return { userId: account.user.id, name: account.user.name, phone: account.user.phone };
  }),

  /** Disables the account, marks the membership removed and ends the person's sessions. */
  remove: townshipAdminProcedure.input(removeStaffInput).mutation(async ({ ctx, input }) => {
    const { db } = ctx.services;
    if (input.userId === ctx.user.id) throw recordState("不能移除自己的账号");
    const scope = `T#${ctx.township.id}`;
    const [membership, user] = await Promise.all([
      getItem(db, "membership", { scope, userId: input.userId }),
      getItem(db, "user", { id: input.userId }),
    ]);
    if (!membership || !user || user.townshipId !== ctx.township.id)
      throw new AppError("NOT_FOUND", "该人员不存在");
    if (membership.status === "removed") return { ok: true as const };
    const wctx = writeContext(ctx);
    const at = wctx.now.toISOString();
    const stamp = { updatedAt: at, updatedBy: wctx.actor.id };
    const nextMembership = {
      ...membership,
      status: "removed" as const,
      version: membership.version + 1,
      ...stamp,
    };
    const nextUser = { ...user, status: "disabled" as const, version: user.version + 1, ...stamp };
    const { data: sessions } = await db.entities.session.query
      .byUser({ userId: user.id })
      .go({ pages: "all" });
    await writeTransaction(db, [
      tx.replace(db, "membership", nextMembership, membership.version),
      tx.replace(db, "user", nextUser, user.version),
      tx.audit(db, wctx, {
        scope,
        action: "user.remove",
        entityType: "user",
        entityId: user.id,
        before: { status: user.status, membership: membership.status },
        after: { status: nextUser.status, membership: nextMembership.status },
      }),
      ...sessions.slice(0, 90).map((s) => tx.remove(db, "session", { userId: s.userId, id: s.id })),
    ]);
    return { ok: true as const };
  }),
});
