import { randomUUID } from "node:crypto";
import type { addCountyUserInput, createCountyInput } from "@pingan/contracts";
import { checkItems, type ItemOf, stampNew, tx, updateRecord, writeTransaction } from "@pingan/data";
import type * as z from "zod";
import { newAccountItems } from "../auth/accounts";
import { personView } from "../auth/staff";
import { AppError } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";

/** Counties (created by the platform operator, with their first admin) and the county's own people. */

type Signed = { services: Services; user: SessionUser };

export const countyView = (c: ItemOf<"county">) => ({
  id: c.id,
  name: c.name,
  code: c.code,
  version: c.version,
});

/** What a county admin's settings procedure runs with: the county it acts for, in its own tenant's tables. */
export type CountySettingsCtx = Signed & { tenantServices: Services; county: ItemOf<"county"> };

/**
 * One county setting changed by its county admin: the county item is replaced only if nobody changed
 * it since `expectedVersion` was read, and the change goes into the county's audit trail as `action`.
 */
export function updateCountySettings(
  ctx: CountySettingsCtx,
  expectedVersion: number,
  action: `county.${string}`,
  change: (county: ItemOf<"county">) => ItemOf<"county">,
): Promise<ItemOf<"county">> {
  return updateRecord(ctx.tenantServices.db, writeContext(ctx), {
    entity: "county",
    key: { id: ctx.county.id },
    entityId: ctx.county.id,
    scope: `C#${ctx.county.id}`,
    expectedVersion,
    action,
    change,
  });
}

/** The platform operator creates a county and its first admin (who must change the initial password). */
export async function createCounty(ctx: Signed, input: z.infer<typeof createCountyInput>) {
  const { db } = ctx.services;
  const wctx = writeContext(ctx);
  const { data: existing } = await db.entities.county.query.all({}).go({ pages: "all" });
  if (checkItems(db, "county", existing).some((c) => c.code === input.code)) {
    throw new AppError("DUPLICATE", "该县级区划代码已存在");
  }
  const countyId = randomUUID();
  const county = stampNew(wctx, { id: countyId, name: input.name, code: input.code }) as ItemOf<"county">;
  const admin = await newAccountItems(
    db,
    wctx,
    { ...input.admin, role: "county_admin", countyId, mustChangePassword: true },
    ctx.services.passwordCostLog2,
    // The platform operator sees every account.
    { passwordField: { name: "admin.password", label: "密码" }, sees: () => true },
  );
  await writeTransaction(db, [
    tx.create(db, "county", county),
    tx.audit(db, wctx, {
      scope: `C#${countyId}`,
      action: "county.create",
      entityType: "county",
      entityId: countyId,
      after: county,
    }),
    ...admin.items,
  ]);
  return { county: countyView(county), adminUserId: admin.user.id };
}

/** Every county. */
export async function listCounties(ctx: Signed) {
  const { db } = ctx.services;
  const { data } = await db.entities.county.query.all({}).go({ pages: "all" });
  // With its offboarding state, for the platform's list (read-only since, deletable after the retention).
  return checkItems(db, "county", data).map((c) => ({
    ...countyView(c),
    offboardedAt: c.offboardedAt ?? null,
    purgeAfter: c.purgeAfter ?? null,
  }));
}

/** The county's own people. */
export async function listCountyUsers(ctx: Signed & { county: ItemOf<"county"> }) {
  const { db } = ctx.services;
  const { data } = await db.entities.membership.query
    .byScope({ scope: `C#${ctx.county.id}` })
    .go({ pages: "all" });
  return checkItems(db, "membership", data).map((m) => ({
    ...personView(m),
    /** When the person became a county user (and so may confirm entries made from then on). */
    since: m.createdAt,
  }));
}

/** The calendar day of an instant in China time (UTC+8, no daylight saving). */
const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

const ROLE_ZH = { county_admin: "县级管理员", county_reviewer: "县级审核员" } as const;

/**
 * The county admin adds a county user with an initial password. Every county user can confirm another's
 * manual scores and adjustments (双人复核), so the addition is announced in the county's trail, which all
 * of the county's users read (county.addReviewer), with the date from which the person may confirm.
 */
export async function addCountyUser(
  ctx: Signed & { county: ItemOf<"county"> },
  input: z.infer<typeof addCountyUserInput>,
) {
  const { db } = ctx.services;
  const wctx = writeContext(ctx);
  const account = await newAccountItems(
    db,
    wctx,
    {
      name: input.name,
      phone: input.phone,
      email: input.email,
      password: input.initialPassword,
      role: input.role,
      countyId: ctx.county.id,
      mustChangePassword: true,
    },
    ctx.services.passwordCostLog2,
    {
      passwordField: { name: "initialPassword", label: "初始密码" },
      // The county admin sees the county's own users (counties.listUsers), not other counties' accounts.
      sees: (existing) => existing.countyId === ctx.county.id && !existing.townshipId,
    },
  );
  const { user } = account;
  await writeTransaction(db, [
    ...account.items,
    tx.audit(db, wctx, {
      scope: `C#${ctx.county.id}`,
      action: "county.addReviewer",
      entityType: "user",
      entityId: user.id,
      after: { name: user.name, role: user.role, since: user.createdAt },
      reason: `新增复核员：${user.name}（${ROLE_ZH[input.role]}），${chinaDate(user.createdAt)} 起可复核此后录入的人工评分和调整`,
    }),
  ]);
  return { userId: user.id };
}
