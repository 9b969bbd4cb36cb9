import { randomUUID } from "node:crypto";
import type { addCountyUserInput, createCountyInput } from "@pingan/contracts";
import { checkItems, type ItemOf, stampNew, tx, writeTransaction } from "@pingan/data";
import type * as z from "zod";
import { newAccountItems } from "../auth/accounts";
import { AppError } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../trpc";
import { writeContext } from "../write-context";

/** Counties (created by the platform operator, with their first admin) and the county's own people. */

type Signed = { services: Services; user: SessionUser };

export const countyView = (c: ItemOf<"county">) => ({
  id: c.id,
  name: c.name,
  code: c.code,
  version: c.version,
});

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
  return checkItems(db, "county", data).map(countyView);
}

/** The county's own people. */
export async function listCountyUsers(ctx: Signed & { county: ItemOf<"county"> }) {
  const { db } = ctx.services;
  const { data } = await db.entities.membership.query
    .byScope({ scope: `C#${ctx.county.id}` })
    .go({ pages: "all" });
  return checkItems(db, "membership", data).map((m) => ({
    userId: m.userId,
    name: m.name,
    phone: m.phone,
    role: m.role,
    status: m.status,
  }));
}

/** The county admin adds a county user with an initial password. */
export async function addCountyUser(
  ctx: Signed & { county: ItemOf<"county"> },
  input: z.infer<typeof addCountyUserInput>,
) {
  const { db } = ctx.services;
  const account = await newAccountItems(
    db,
    writeContext(ctx),
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
  await writeTransaction(db, account.items);
  return { userId: account.user.id };
}
