import type { inviteStaffInput } from "@pingan/contracts";
import { checkItems, getItem, type ItemOf, MAX_TRANSACTION_ITEMS, tx, writeTransaction } from "@pingan/data";
import type * as z from "zod";
import { AppError, recordState } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";
import { loginKey, newAccountItems, sessionEndings } from "./accounts";

/** A township administrator's people: list, invite, remove. */

type TownshipAdminCtx = { services: Services; user: SessionUser; township: ItemOf<"township"> };

/** A person as their township's or county's people list shows them. */
export const personView = (m: ItemOf<"membership">) => ({
  userId: m.userId,
  name: m.name,
  phone: m.phone,
  role: m.role,
  status: m.status,
});

const memberView = (m: ItemOf<"membership">) => ({ ...personView(m), version: m.version });

/** The township's people. */
export async function listStaff(ctx: TownshipAdminCtx) {
  const { db } = ctx.services;
  const { data } = await db.entities.membership.query
    .byScope({ scope: `T#${ctx.township.id}` })
    .go({ pages: "all" });
  return checkItems(db, "membership", data).map(memberView);
}

/** Creates a staff account with an initial password the admin hands over; it must be changed at first sign-in. */
export async function inviteStaff(ctx: TownshipAdminCtx, input: z.infer<typeof inviteStaffInput>) {
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
    {
      passwordField: { name: "initialPassword", label: "初始密码" },
      // The admin sees its own township's people; a number taken anywhere else gets the neutral answer.
      sees: (existing) => existing.townshipId === ctx.township.id,
    },
  );
  await writeTransaction(db, account.items);
  return { userId: account.user.id, name: account.user.name, phone: account.user.phone };
}

/**
 * Disables the account, marks the membership removed, releases its phone and e-mail (so they can be
 * invited again, here or in another township) and ends the person's sessions, in one transaction.
 */
export async function removeStaff(ctx: TownshipAdminCtx, input: { userId: string }) {
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
  // Only the account's own claims are released; one that is missing (never made) is no obstacle.
  const releases = [user.phone, ...(user.email ? [user.email] : [])].map((login) =>
    tx.removeWhere(
      db.entities.loginClaim
        .delete({ login: loginKey(login) })
        .where((attr, op) => `${op.notExists(attr.login)} OR ${op.eq(attr.userId, user.id)}`),
    ),
  );
  const items = [
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
    ...releases,
  ];
  const sessions = await sessionEndings(db, user.id, MAX_TRANSACTION_ITEMS - items.length);
  await writeTransaction(db, [...items, ...sessions.items]);
  // More sessions than a transaction holds: the disabled account already cannot use them (every call
  // and every refresh checks its status), so they are simply cleared after.
  await sessions.afterwards();
  return { ok: true as const };
}
