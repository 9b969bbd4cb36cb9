import { randomInt, randomUUID } from "node:crypto";
import { email, input, phone, text } from "@pingan/contracts";
import { checkItems, DataError, tx, type WriteContext, writeTransaction } from "@pingan/data";
import { newAccountItems } from "../auth/accounts";
import { AppError } from "../errors";
import type { Services } from "../services";

/**
 * The first platform admin of a fresh deployment. Nobody can create a county on an empty table (only a
 * platform admin may), so this runs once, from an operator's shell, against the deployed table
 * (`npm run bootstrap`, ops/README.md). It writes through the same account code as every other account
 * (`newAccountItems`: login claims, membership, audit entry in one transaction).
 */

export const bootstrapInput = input({ name: text("姓名", 50), phone: phone(), email: email().optional() });

/** A conditional put of this claim is what makes a second bootstrap fail, even two racing ones. */
export const BOOTSTRAP_CLAIM = "bootstrap:platform-admin";

/** Who writes: the operator's command, not a signed-in user. */
const bootstrapContext = (services: Services): WriteContext => ({
  actor: { id: "bootstrap", role: "platform_admin" },
  now: services.now(),
});

const alreadyDone = () =>
  new AppError("CONFLICT", "平台管理员已存在：初始化只能执行一次，请由现有平台管理员登录操作");

/** 20 characters from an alphabet without look-alikes (0/O, 1/l/I), in groups of 4 to read out. */
export function oneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(""),
  );
  // One of each kind, whatever the draw, for any password rule that asks for them.
  return `${groups.join("-")}-a7K`;
}

/**
 * Creates the platform admin with a one-time initial password (which the admin must change at the first
 * sign-in), unless a platform admin exists already or a bootstrap has run.
 */
export async function bootstrapPlatformAdmin(
  services: Services,
  raw: unknown,
): Promise<{ userId: string; initialPassword: string }> {
  const parsed = bootstrapInput.safeParse(raw);
  if (!parsed.success) throw new AppError("INPUT.INVALID", parsed.error.issues[0]?.message ?? "输入有误");
  const { db } = services;
  const { data } = await db.entities.membership.query.byScope({ scope: "P#platform" }).go({ pages: "all" });
  if (checkItems(db, "membership", data).some((m) => m.role === "platform_admin" && m.status !== "removed"))
    throw alreadyDone();

  const wctx = bootstrapContext(services);
  const userId = randomUUID();
  const initialPassword = oneTimePassword();
  const account = await newAccountItems(
    db,
    wctx,
    { ...parsed.data, password: initialPassword, role: "platform_admin", mustChangePassword: true },
    services.passwordCostLog2,
    // A random one-time password (the policy has nothing to check); the first account on the platform.
    { userId, passwordField: null, sees: () => true },
  );
  await writeTransaction(db, [
    tx.create(
      db,
      "loginClaim",
      { login: BOOTSTRAP_CLAIM, userId, createdAt: wctx.now.toISOString() },
      () => new DataError("CONFLICT", "bootstrap already ran", alreadyDone().messageZh),
    ),
    ...account.items,
    tx.audit(db, wctx, {
      scope: "P#platform",
      action: "platform.bootstrap",
      entityType: "user",
      entityId: userId,
    }),
  ]);
  return { userId, initialPassword };
}

export type BootstrapArgs = { table: string; phone: string; name: string; email?: string; endpoint?: string };

/** `--table <name> --phone <11 digits> --name <姓名> [--email <address>] [--endpoint <DynamoDB Local URL>]` */
export function parseBootstrapArgs(argv: string[]): BootstrapArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? "";
    const value = argv[i + 1];
    if (!/^--(table|phone|name|email|endpoint)$/.test(flag) || value === undefined || value.startsWith("--"))
      throw new Error(
        `参数有误：${flag}（用法：--table <表名> --phone <手机号> --name <姓名> [--email <邮箱>]）`,
      );
    values[flag.slice(2)] = value;
    i += 1;
  }
  for (const required of ["table", "phone", "name"])
    if (!values[required]) throw new Error(`缺少参数 --${required}`);
  return values as BootstrapArgs;
}
