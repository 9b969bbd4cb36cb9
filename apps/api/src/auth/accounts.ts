import { randomUUID } from "node:crypto";
import {
  DataError,
  type Db,
  getItem,
  type ItemOf,
  type Role,
  stampNew,
  type TxItem,
  tx,
  type WriteContext,
} from "@pingan/data";
import { AppError } from "../errors";
import { hashPassword } from "./password";
import { assertPasswordAllowed } from "./password-policy";

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

/** The login-claim key of a sign-in name: "phone:<digits>" or "email:<lower-case address>". */
export function loginKey(login: string): string {
  return login.includes("@") ? `email:${login.trim().toLowerCase()}` : `phone:${login}`;
}

/**
 * The account a sign-in name (phone or e-mail) belongs to, through its login claim: two strongly
 * consistent GetItems, so an account can sign in the moment its creating transaction is done (the user's
 * login indexes are eventually consistent), and a released claim (a removed staff member) finds nobody.
 */
export async function findUserByLogin(db: Db, login: string): Promise<ItemOf<"user"> | undefined> {
  const claim = await getItem(db, "loginClaim", { login: loginKey(login) });
  return claim ? getItem(db, "user", { id: claim.userId }) : undefined;
}

export type AccountOptions = {
  userId?: string;
  /**
   * The password's input field (name and label) for the password policy's message; `null` skips the
   * policy, for test provisioning and the demo seed only.
   */
  passwordField: { name: string; label: string } | null;
  /**
   * Whether the caller may learn that an existing account holds the phone or e-mail: only one it can see
   * anyway (its own township's staff for a township admin, the county's users for a county admin, any
   * for the platform). Everyone else gets one answer for a number taken anywhere, in this county or
   * another, so nobody learns where a phone number is registered.
   */
  sees?: (existing: ItemOf<"user">) => boolean;
};

/** The answers for a taken phone number or e-mail: the plain one, and the one for everyone else. */
export const TAKEN = {
  phone: { seen: "该手机号已被注册", unseen: "该手机号无法使用，请更换；如本人已有账号，请直接登录" },
  email: { seen: "该电子邮箱已被注册", unseen: "该电子邮箱无法使用，请更换；如本人已有账号，请直接登录" },
} as const;

async function assertLoginFree(db: Db, login: string, field: "phone" | "email", options: AccountOptions) {
  const claim = await getItem(db, "loginClaim", { login: loginKey(login) });
  if (!claim) return;
  const holder = await getItem(db, "user", { id: claim.userId });
  const seen = holder !== undefined && (options.sees?.(holder) ?? false);
  throw new AppError("DUPLICATE", seen ? TAKEN[field].seen : TAKEN[field].unseen, { field });
}

/**
 * The transaction items that create an account and its membership of the tenant, with audit entries.
 * Phone and e-mail must not belong to another account; the password must pass the policy.
 */
export async function newAccountItems(
  db: Db,
  ctx: WriteContext,
  account: NewAccount,
  passwordCostLog2: number,
  options: AccountOptions,
): Promise<{ user: ItemOf<"user">; items: TxItem[] }> {
  const userId = options.userId ?? randomUUID();
  const email = account.email?.trim().toLowerCase() || undefined;
  // A friendly early answer; the claims' conditional puts below are what guarantee uniqueness.
  await assertLoginFree(db, account.phone, "phone", options);
  if (email) await assertLoginFree(db, email, "email", options);
  if (options.passwordField)
    await assertPasswordAllowed(account.password, { ...account, email }, options.passwordField);
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
  const scope = accountScope(account);
  const membership = stampNew(ctx, {
    scope,
    userId,
    role: account.role,
    name: account.name,
    phone: account.phone,
    status: "active" as const,
  }) as ItemOf<"membership">;
  const claim = (login: string, messageZh: string, field: string) =>
    tx.create(
      db,
      "loginClaim",
      { login, userId, createdAt: ctx.now.toISOString() },
      () => new DataError("DUPLICATE", `${login} is taken`, messageZh, field),
    );
  return {
    user,
    items: [
      // Lost a race for the number: whoever won, the neutral answer.
      claim(loginKey(account.phone), TAKEN.phone.unseen, "phone"),
      ...(email ? [claim(loginKey(email), TAKEN.email.unseen, "email")] : []),
      tx.create(db, "user", user),
      tx.create(db, "membership", membership),
      tx.audit(db, ctx, { scope, action: "user.create", entityType: "user", entityId: userId, after: user }),
    ],
  };
}

/**
 * The audit trail an account's own events go to (created, signed in or out, locked, password changed):
 * its township's, its county's, or the platform's.
 */
export function accountScope(account: { townshipId?: string; countyId?: string }): string {
  if (account.townshipId) return `T#${account.townshipId}`;
  return account.countyId ? `C#${account.countyId}` : "P#platform";
}

/**
 * Ending an account's sessions (all but `keep`): the removals for a transaction with `room` items to
 * spare, and, for any a transaction cannot hold, a delete to run right after it.
 */
export async function sessionEndings(db: Db, userId: string, room: number, keep?: string) {
  const { data } = await db.entities.session.query.byUser({ userId }).go({ pages: "all" });
  const keys = data.filter((s) => s.id !== keep).map((s) => ({ userId: s.userId, id: s.id }));
  const inTransaction = keys.slice(0, Math.max(0, room));
  const rest = keys.slice(inTransaction.length);
  return {
    items: inTransaction.map((key) => tx.remove(db, "session", key)),
    afterwards: async () => {
      if (rest.length > 0) await db.entities.session.delete(rest).go();
    },
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
