import { randomUUID } from "node:crypto";
import {
  checkItems,
  DataError,
  type Db,
  type ItemOf,
  type Role,
  stampNew,
  type TxItem,
  tx,
  type WriteContext,
} from "@pingan/data";
import { hashPassword } from "./auth/password";
import { AppError } from "./errors";

export type NewAccount = {
  name: string;
  phone: string;
  email?: string;
  password: string;
  role: Role;
  countyId?: string;
  townshipId?: string;
  mustChangePassword: boolean;
};

/** A user finder by sign-in name (phone or e-mail), through the login indexes. */
export async function findUserByLogin(db: Db, login: string): Promise<ItemOf<"user"> | undefined> {
  const query = login.includes("@")
    ? db.entities.user.query.byEmail({ emailKey: login.toLowerCase() })
    : db.entities.user.query.byPhone({ phone: login });
  const { data } = await query.go({ limit: 2 });
  return checkItems(db, "user", data)[0];
}

/**
 * The transaction items that create an account and its membership of the tenant, with audit entries.
 * Phone and e-mail must not belong to another account.
 */
export async function newAccountItems(
  db: Db,
  ctx: WriteContext,
  account: NewAccount,
  passwordCostLog2: number,
  userId: string = randomUUID(),
): Promise<{ user: ItemOf<"user">; items: TxItem[] }> {
  const email = account.email?.trim().toLowerCase() || undefined;
  if (await findUserByLogin(db, account.phone)) throw new AppError("DUPLICATE", "该手机号已被注册");
  if (email && (await findUserByLogin(db, email))) throw new AppError("DUPLICATE", "该电子邮箱已被注册");
  const user = stampNew(ctx, {
    id: userId,
    role: account.role,
    countyId: account.countyId,
    townshipId: account.townshipId,
    name: account.name,
    phone: account.phone,
    email,
    passwordHash: await hashPassword(account.password, passwordCostLog2),
    status: "active" as const,
    failedLogins: 0,
    mustChangePassword: account.mustChangePassword,
  }) as ItemOf<"user">;
  const scope = account.townshipId
    ? `T#${account.townshipId}`
    : account.countyId
      ? `C#${account.countyId}`
      : "P#platform";
  const membership = stampNew(ctx, {
    scope,
    userId,
    role: account.role,
    name: account.name,
    phone: account.phone,
    status: "active" as const,
  }) as ItemOf<"membership">;
  const claim = (login: string, messageZh: string) =>
    tx.create(
      db,
      "loginClaim",
      { login, userId, createdAt: ctx.now.toISOString() },
      () => new DataError("DUPLICATE", `${login} is taken`, messageZh),
    );
  return {
    user,
    items: [
      claim(`phone:${account.phone}`, "该手机号已被注册"),
      ...(email ? [claim(`email:${email}`, "该电子邮箱已被注册")] : []),
      tx.create(db, "user", user),
      tx.create(db, "membership", membership),
      tx.audit(db, ctx, { scope, action: "user.create", entityType: "user", entityId: userId, after: user }),
    ],
  };
}

/** What the app may know about an account (never the password hash). */
export function profileOf(user: ItemOf<"user">) {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    phone: user.phone,
    email: user.email,
    countyId: user.countyId,
    townshipId: user.townshipId,
    mustChangePassword: user.mustChangePassword,
  };
}
