import { randomInt, randomUUID } from "node:crypto";
import type {
  registerTownshipInput,
  resubmitTownshipInput,
  updateTownshipProfileInput,
} from "@pingan/contracts";
import {
  checkItems,
  type Db,
  getItem,
  type ItemOf,
  newTownshipId,
  stampNew,
  tx,
  updateRecord,
  writeTransaction,
} from "@pingan/data";
import type * as z from "zod";
import { newAccountItems } from "../auth/accounts";
import { AppError, recordState, underField } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { monthAt } from "../submissions/deadline";
import { selfWriteContext, writeContext } from "../write-context";
import { firstUnpublishedMonth } from "./population";
import { decideOnTownship } from "./township-decision";

/**
 * Onboarding (入驻): the county's join code, a township's registration with it, the county admin's
 * approval or rejection, a rejected township's corrected registration, and the township's profile.
 */

type CountyAdminCtx = { services: Services; user: SessionUser; county: ItemOf<"county"> };
type TownshipAdminCtx = { services: Services; user: SessionUser; township: ItemOf<"township"> };
type Decision = { expectedVersion: number };
/** The procedures' input also carries the township id their builder checked; the township comes from ctx. */
type ProfileInput = z.infer<typeof updateTownshipProfileInput> & { townshipId?: string };
type ResubmitInput = z.infer<typeof resubmitTownshipInput> & { townshipId?: string };

/** Join codes avoid look-alike characters (0/O, 1/I/L) because people read them aloud or retype them. */
const JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
function newJoinCode(): string {
  return Array.from({ length: 8 }, () => JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)]).join("");
}

export const townshipView = (t: ItemOf<"township">) => ({
  id: t.id,
  countyId: t.countyId,
  name: t.name,
  code: t.code,
  population: t.population,
  villages: t.villages,
  grids: t.grids,
  status: t.status,
  rejectReason: t.rejectReason,
  /** scoring.md §11: the first month it is scored and ranked in (null: every month). */
  memberFrom: t.memberFrom ?? null,
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

/** Creates the county's join code, or replaces it: the old one stops working at once. */
export async function rotateJoinCode(ctx: CountyAdminCtx) {
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
}

/**
 * A township administrator registers the township with the county's join code and gets an account;
 * the township waits as pending until the county approves it.
 */
export async function registerTownship(services: Services, input: z.infer<typeof registerTownshipInput>) {
  const { db } = services;
  const join = await getItem(db, "joinCode", { code: input.joinCode });
  const county = join ? await getItem(db, "county", { id: join.countyId }) : undefined;
  if (!join || !county || county.joinCode !== join.code) {
    throw new AppError("JOIN_CODE.INVALID", "加入码无效或已更换，请向县委政法委索取最新加入码");
  }
  await assertCodeFree(db, input.township.code, "township.code");
  // Carries the county's id, so the county's tenant policy reaches it (tenant-keys.ts in @pingan/data).
  const townshipId = newTownshipId(county.id);
  const userId = randomUUID();
  const wctx = selfWriteContext(services, userId, "township_admin");
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
      services.passwordCostLog2,
      // Anyone with the join code may try: a taken number gets the neutral answer wherever it is registered.
      { userId, passwordField: { name: "password", label: "密码" } },
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
}

/** The county's townships, optionally of one status. */
export async function listTownships(
  db: Db,
  countyId: string,
  status: ItemOf<"township">["status"] | undefined,
) {
  const { data } = await db.entities.township.query.byCounty({ countyId }).go({ pages: "all" });
  return checkItems(db, "township", data)
    .filter((t) => !status || t.status === status)
    .map(townshipView);
}

/** The month after `m` (YYYY-MM). */
const nextMonth = (m: string) => {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
};

/**
 * The first assessed month the county may choose when approving at `now`: the joining month (the month
 * of the approval, China time, scored from its first day although the township joined during it; the
 * default) or the next full month; never a month a published table already covers, so
 * a published period never gains a township.
 */
export async function memberFromChoices(services: Services, countyId: string, now: Date) {
  const joining = monthAt(now);
  const firstOpen = await firstUnpublishedMonth(services, countyId);
  return { joiningMonth: joining, nextFullMonth: nextMonth(joining), firstUnpublishedMonth: firstOpen };
}

async function assertMemberFromOpen(services: Services, countyId: string, memberFrom: string, field: string) {
  const first = await firstUnpublishedMonth(services, countyId);
  if (first && memberFrom < first)
    throw new AppError(
      "INPUT.INVALID",
      `「参评起始月」不能早于尚未发布排名的第一个月（${first}）：已发布的排名不能增加乡镇`,
      { field },
    );
}

/**
 * The county admin approves a pending (or earlier rejected) township: it becomes active and is scored
 * from `memberFrom` on (default: the joining month, the month of the approval in China time).
 */
export async function approveTownship(
  ctx: CountyAdminCtx & { township: ItemOf<"township"> },
  input: Decision & { memberFrom?: string },
) {
  const memberFrom = input.memberFrom ?? monthAt(ctx.services.now());
  await assertMemberFromOpen(ctx.services, ctx.county.id, memberFrom, "memberFrom");
  const updated = await decideOnTownship(ctx, {
    expectedVersion: input.expectedVersion,
    action: "township.approve",
    change: (t) => {
      if (t.status !== "pending" && t.status !== "rejected") throw recordState("该乡镇不在待审核状态");
      return { ...t, status: "active", rejectReason: undefined, memberFrom };
    },
  });
  return townshipView(updated);
}

/** The county admin rejects a pending registration with a reason (the division code is freed). */
export async function rejectTownship(
  ctx: CountyAdminCtx & { township: ItemOf<"township"> },
  input: Decision & { reason: string },
) {
  const updated = await decideOnTownship(ctx, {
    expectedVersion: input.expectedVersion,
    action: "township.reject",
    reason: input.reason,
    change: (t) => {
      if (t.status !== "pending") throw recordState("该乡镇不在待审核状态");
      return { ...t, status: "rejected", rejectReason: input.reason };
    },
  });
  return townshipView(updated);
}

/**
 * The county admin changes an active township's first assessed month. Neither the old nor the new month
 * may lie in a published period: a published table neither gains nor loses a township.
 */
export async function setMemberFrom(
  ctx: CountyAdminCtx & { township: ItemOf<"township"> },
  input: Decision & { memberFrom: string },
) {
  if (ctx.township.status !== "active") throw recordState("只有已通过审核的乡镇可以设置参评起始月");
  const first = await firstUnpublishedMonth(ctx.services, ctx.county.id);
  const old = ctx.township.memberFrom;
  if (first && (old === undefined || old < first))
    throw recordState(
      old === undefined
        ? "该乡镇已参加已发布的考核期，不能再设置参评起始月"
        : `该乡镇自 ${old} 起参评，已发布的排名包含该乡镇，不能再更改参评起始月`,
    );
  await assertMemberFromOpen(ctx.services, ctx.county.id, input.memberFrom, "memberFrom");
  const updated = await decideOnTownship(ctx, {
    expectedVersion: input.expectedVersion,
    action: "township.setMemberFrom",
    change: (t) => {
      if (t.memberFrom !== old) throw recordState("参评起始月刚被他人修改，请刷新后重试");
      return { ...t, memberFrom: input.memberFrom };
    },
  });
  return townshipView(updated);
}

/**
 * A township the county rejected corrects its registration and sends it again: it waits as pending,
 * and the county sees it in its approval list with the corrected details.
 */
export async function resubmitTownship(ctx: TownshipAdminCtx, input: ResubmitInput) {
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
}

/**
 * The township admin keeps the profile (name, code, villages, grids) current. The population feeds
 * scoring, so it changes only through a reviewed request (population.ts); an edit never carries it.
 * The township item is written with the township's own credentials; only the check that no other
 * township holds the code reads the platform-wide code index with the function's role.
 */
export async function updateTownshipProfile(
  ctx: TownshipAdminCtx & { tenantServices: Services },
  input: ProfileInput,
) {
  const { expectedVersion, ...profile } = input;
  const { townshipId: _ignored, ...fields } = profile;
  if (fields.code !== ctx.township.code) await assertCodeFree(ctx.services.db, fields.code);
  const updated = await updateRecord(ctx.tenantServices.db, writeContext(ctx), {
    entity: "township",
    key: { id: ctx.township.id },
    entityId: ctx.township.id,
    scope: `T#${ctx.township.id}`,
    expectedVersion,
    action: "township.updateProfile",
    change: (t) => ({ ...t, ...fields, population: t.population }),
  });
  return townshipView(updated);
}
