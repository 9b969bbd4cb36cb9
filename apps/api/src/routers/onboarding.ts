import { randomInt, randomUUID } from "node:crypto";
import {
  decideTownshipInput,
  input as objectInput,
  oneOf,
  registerTownshipInput,
  rejectTownshipInput,
  updateTownshipProfileInput,
} from "@pingan/contracts";
import {
  checkItems,
  type Db,
  getItem,
  type ItemOf,
  stampNew,
  TOWNSHIP_STATUSES,
  tx,
  updateRecord,
  writeTransaction,
} from "@pingan/data";
import { newAccountItems } from "../accounts";
import { AppError, recordState, underField } from "../errors";
import {
  countyAdminProcedure,
  countyProcedure,
  countyTownshipProcedure,
  ownTownshipAdminProcedure,
  publicProcedure,
  requireRoles,
  router,
  townshipAdminProcedure,
  townshipReadProcedure,
} from "../trpc";
import { selfWriteContext, writeContext } from "../write-context";

/** Join codes avoid look-alike characters (0/O, 1/I/L) because people read them aloud or retype them. */
const JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
function newJoinCode(): string {
  return Array.from({ length: 8 }, () => JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)]).join("");
}

const townshipView = (t: ItemOf<"township">) => ({
  id: t.id,
  countyId: t.countyId,
  name: t.name,
  code: t.code,
  population: t.population,
  villages: t.villages,
  grids: t.grids,
  status: t.status,
  rejectReason: t.rejectReason,
  version: t.version,
  createdAt: t.createdAt,
});

/** A division code belongs to one township (a rejected registration frees it). */
async function assertCodeFree(db: Db, code: string, field = "code"): Promise<void> {
  const { data } = await db.entities.township.query.byCode({ code }).go({ limit: 5 });
  if (checkItems(db, "township", data).some((t) => t.status !== "rejected")) {
    throw new AppError("DUPLICATE", "该乡镇区划代码已注册", { field });
  }
}

const countyAdminTownshipProcedure = countyTownshipProcedure.use(requireRoles("county_admin"));

export const onboardingRouter = router({
  /** The county's current join code (county admins only). */
  joinCode: countyAdminProcedure.query(({ ctx }) => ({ joinCode: ctx.county.joinCode ?? null })),

  /** Creates the county's join code, or replaces it: the old one stops working at once. */
  rotateJoinCode: countyAdminProcedure.mutation(async ({ ctx }) => {
    const { db } = ctx.services;
    const wctx = writeContext(ctx);
    const county = ctx.county;
    const code = newJoinCode();
    const next = {
      ...county,
      joinCode: code,
      version: county.version + 1,
      updatedAt: wctx.now.toISOString(),
      updatedBy: wctx.actor.id,
    };
    const items = [
      tx.replace(db, "county", next, county.version),
      tx.create(db, "joinCode", stampNew(wctx, { code, countyId: county.id })),
      tx.audit(db, wctx, {
        scope: `C#${county.id}`,
        action: "county.rotateJoinCode",
        entityType: "county",
        entityId: county.id,
        before: { joinCode: county.joinCode },
        after: { joinCode: code },
      }),
    ];
    if (county.joinCode) items.push(tx.remove(db, "joinCode", { code: county.joinCode }));
    await writeTransaction(db, items);
    return { joinCode: code };
  }),

  /**
   * A township administrator registers the township with the county's join code and gets an account;
   * the township waits as pending until the county approves it.
   */
  registerTownship: publicProcedure.input(registerTownshipInput).mutation(async ({ ctx, input }) => {
    const { db } = ctx.services;
    const join = await getItem(db, "joinCode", { code: input.joinCode });
    const county = join ? await getItem(db, "county", { id: join.countyId }) : undefined;
    if (!join || !county || county.joinCode !== join.code) {
      throw new AppError("JOIN_CODE.INVALID", "加入码无效或已更换，请向县委政法委索取最新加入码");
    }
    await assertCodeFree(db, input.township.code, "township.code");
    const townshipId = randomUUID();
    const userId = randomUUID();
    const wctx = selfWriteContext(ctx.services, userId, "township_admin");
    const township = stampNew(wctx, {
      id: townshipId,
      countyId: county.id,
      ...input.township,
      status: "pending" as const,
    }) as ItemOf<"township">;
    // The account's phone and e-mail are the input's admin.phone and admin.email.
    const account = await underField("admin", () =>
      newAccountItems(
        db,
        wctx,
        {
          ...input.admin,
          role: "township_admin",
          countyId: county.id,
          townshipId,
          mustChangePassword: false,
        },
        ctx.services.passwordCostLog2,
        userId,
      ),
    );
    const items = [
      tx.create(db, "township", township),
      tx.audit(db, wctx, {
        scope: `C#${county.id}`,
        action: "township.register",
        entityType: "township",
        entityId: townshipId,
        after: township,
      }),
      ...account.items,
    ];
    await underField("admin", () => writeTransaction(db, items));
    return { townshipId, userId, status: township.status, county: { id: county.id, name: county.name } };
  }),

  /** The county's townships, optionally of one status. */
  listTownships: countyProcedure
    .input(objectInput({ status: oneOf("状态", TOWNSHIP_STATUSES).optional() }).optional())
    .query(async ({ ctx, input }) => {
      const { db } = ctx.services;
      const { data } = await db.entities.township.query
        .byCounty({ countyId: ctx.county.id })
        .go({ pages: "all" });
      return checkItems(db, "township", data)
        .filter((t) => !input?.status || t.status === input.status)
        .map(townshipView);
    }),

  township: townshipReadProcedure.query(({ ctx }) => townshipView(ctx.township)),

  approveTownship: countyAdminTownshipProcedure
    .input(decideTownshipInput)
    .mutation(async ({ ctx, input }) => {
      const updated = await updateRecord(ctx.services.db, writeContext(ctx), {
        entity: "township",
        key: { id: ctx.township.id },
        entityId: ctx.township.id,
        scope: `C#${ctx.county.id}`,
        expectedVersion: input.expectedVersion,
        action: "township.approve",
        change: (t) => {
          if (t.status !== "pending" && t.status !== "rejected") throw recordState("该乡镇不在待审核状态");
          return { ...t, status: "active", rejectReason: undefined };
        },
      });
      return townshipView(updated);
    }),

  rejectTownship: countyAdminTownshipProcedure.input(rejectTownshipInput).mutation(async ({ ctx, input }) => {
    const updated = await updateRecord(ctx.services.db, writeContext(ctx), {
      entity: "township",
      key: { id: ctx.township.id },
      entityId: ctx.township.id,
      scope: `C#${ctx.county.id}`,
      expectedVersion: input.expectedVersion,
      action: "township.reject",
      reason: input.reason,
      change: (t) => {
        if (t.status !== "pending") throw recordState("该乡镇不在待审核状态");
        return { ...t, status: "rejected", rejectReason: input.reason };
      },
    });
    return townshipView(updated);
  }),

  /**
   * A township the county rejected corrects its registration and sends it again: it waits as pending,
   * and the county sees it in its approval list with the corrected details.
   */
  resubmitTownship: ownTownshipAdminProcedure
    .input(updateTownshipProfileInput)
    .mutation(async ({ ctx, input }) => {
      const { expectedVersion, townshipId: _ignored, ...fields } = input;
      if (ctx.township.status !== "rejected") throw recordState("只有被驳回的注册可以修改后重新提交");
      // The code was freed by the rejection; someone else may have registered it since.
      await assertCodeFree(ctx.services.db, fields.code);
      const updated = await updateRecord(ctx.services.db, writeContext(ctx), {
        entity: "township",
        key: { id: ctx.township.id },
        entityId: ctx.township.id,
        scope: `C#${ctx.township.countyId}`,
        expectedVersion,
        action: "township.resubmit",
        change: (t) => {
          if (t.status !== "rejected") throw recordState("只有被驳回的注册可以修改后重新提交");
          return { ...t, ...fields, status: "pending", rejectReason: undefined };
        },
      });
      return townshipView(updated);
    }),

  /** The township admin keeps the profile (population, villages, grids) current. */
  updateTownshipProfile: townshipAdminProcedure
    .input(updateTownshipProfileInput)
    .mutation(async ({ ctx, input }) => {
      const { expectedVersion, ...profile } = input;
      const { townshipId: _ignored, ...fields } = profile;
      if (fields.code !== ctx.township.code) await assertCodeFree(ctx.services.db, fields.code);
      const updated = await updateRecord(ctx.services.db, writeContext(ctx), {
        entity: "township",
        key: { id: ctx.township.id },
        entityId: ctx.township.id,
        scope: `T#${ctx.township.id}`,
        expectedVersion,
        action: "township.updateProfile",
        change: (t) => ({ ...t, ...fields }),
      });
      return townshipView(updated);
    }),
});
