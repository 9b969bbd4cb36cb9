import { randomUUID } from "node:crypto";
import { addCountyUserInput, createCountyInput } from "@pingan/contracts";
import { checkItems, type ItemOf, stampNew, tx, writeTransaction } from "@pingan/data";
import { newAccountItems } from "../accounts";
import { AppError } from "../errors";
import { DEFAULT_DEADLINE_DAY } from "../submission-deadline";
import { countyAdminProcedure, countyProcedure, platformProcedure, router } from "../trpc";
import { writeContext } from "../write-context";

const countyView = (c: ItemOf<"county">) => ({ id: c.id, name: c.name, code: c.code, version: c.version });

/** Counties (created by the platform operator) and the county's own people. */
export const countiesRouter = router({
  create: platformProcedure.input(createCountyInput).mutation(async ({ ctx, input }) => {
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
  }),

  list: platformProcedure.query(async ({ ctx }) => {
    const { db } = ctx.services;
    const { data } = await db.entities.county.query.all({}).go({ pages: "all" });
    return checkItems(db, "county", data).map(countyView);
  }),

  /** The signed-in county user's county, with the day of the month submissions are due. */
  mine: countyProcedure.query(({ ctx }) => ({
    ...countyView(ctx.county),
    submissionDeadlineDay: ctx.county.submissionDeadlineDay ?? DEFAULT_DEADLINE_DAY,
  })),

  listUsers: countyAdminProcedure.query(async ({ ctx }) => {
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
  }),

  addUser: countyAdminProcedure.input(addCountyUserInput).mutation(async ({ ctx, input }) => {
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
    );
    await writeTransaction(db, account.items);
    return { userId: account.user.id };
  }),
});
