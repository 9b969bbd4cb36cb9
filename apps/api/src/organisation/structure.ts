import { randomUUID } from "node:crypto";
import type {
  archiveOrgUnitInput,
  createGridInput,
  createVillageInput,
  setLeaderInput,
  updateGridInput,
  updateVillageInput,
} from "@pingan/contracts";
import { checkItems, createRecord, getItem, type ItemOf, updateRecord } from "@pingan/data";
import type * as z from "zod";
import { AppError, recordState } from "../errors";
import type { Services } from "../services";
import type { SessionUser } from "../session-user";
import { writeContext } from "../write-context";

/**
 * The township's organisation (issue 14): villages, grids, leaders, and who is assigned to each. Read and
 * written only through the tenant-scoped client (`tenantServices.db`), always in the caller's township
 * (ctx.township), never one named by the input.
 */
export type OrgReadCtx = { tenantServices: Services; township: ItemOf<"township"> };
export type OrgCtx = OrgReadCtx & { services: Services; user: SessionUser };

export const invalid = (field: string, messageZh: string) =>
  new AppError("INPUT.INVALID", messageZh, { field });

const scopeOf = (ctx: OrgReadCtx) => `T#${ctx.township.id}`;

/** The township's people (memberships), villages, grids and leaders, archived ones included. */
export async function loadOrganisation(ctx: OrgReadCtx) {
  const { db } = ctx.tenantServices;
  const townshipId = ctx.township.id;
  const [members, villages, grids, leaders] = await Promise.all([
    db.entities.membership.query.byScope({ scope: scopeOf(ctx) }).go({ pages: "all" }),
    db.entities.village.query.byId({ townshipId }).go({ pages: "all" }),
    db.entities.grid.query.byId({ townshipId }).go({ pages: "all" }),
    db.entities.leader.query.byId({ townshipId }).go({ pages: "all" }),
  ]);
  return {
    members: checkItems(db, "membership", members.data),
    villages: checkItems(db, "village", villages.data),
    grids: checkItems(db, "grid", grids.data),
    leaders: checkItems(db, "leader", leaders.data),
  };
}

/** What the 「村居网格」 page shows: the structure with people's names, and the staff to assign from. */
export async function organisationView(ctx: OrgReadCtx) {
  const org = await loadOrganisation(ctx);
  const leaderIds = new Set(org.leaders.filter((l) => !l.archivedAt).map((l) => l.id));
  const names = new Map(org.members.map((m) => [m.userId, m.name]));
  const nameOf = (userId: string | undefined) => (userId ? (names.get(userId) ?? null) : null);
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, "zh-CN");
  return {
    staff: org.members
      .filter((m) => m.status === "active")
      .map((m) => ({ userId: m.userId, name: m.name, role: m.role, leader: leaderIds.has(m.userId) }))
      .sort(byName),
    villages: org.villages
      .map((v) => ({
        id: v.id,
        name: v.name,
        kind: v.kind,
        version: v.version,
        cadreId: v.cadreId ?? null,
        cadreName: nameOf(v.cadreId),
        leaderId: v.leaderId ?? null,
        leaderName: nameOf(v.leaderId),
        archived: Boolean(v.archivedAt),
      }))
      .sort(byName),
    grids: org.grids
      .map((g) => ({
        id: g.id,
        villageId: g.villageId,
        name: g.name,
        version: g.version,
        workerId: g.workerId ?? null,
        workerName: nameOf(g.workerId),
        archived: Boolean(g.archivedAt),
      }))
      .sort(byName),
  };
}

/** A staff member of the caller's township who is still active, or a clear error naming the field. */
export async function activeMember(ctx: OrgReadCtx, userId: string, field: string, label: string) {
  const member = await getItem(ctx.tenantServices.db, "membership", { scope: scopeOf(ctx), userId });
  if (member?.status !== "active") throw invalid(field, `「${label}」须为本乡镇在岗的工作人员`);
  return member;
}

/** A township leader (a staff member marked as one), or a clear error naming the field. */
export async function activeLeader(ctx: OrgReadCtx, userId: string, field: string, label: string) {
  await activeMember(ctx, userId, field, label);
  const leader = await getItem(ctx.tenantServices.db, "leader", { townshipId: ctx.township.id, id: userId });
  if (!leader || leader.archivedAt) throw invalid(field, `「${label}」须为本乡镇的镇领导`);
  return leader;
}

/** Checks the people named by an input; `null` (clear) and absent pass. */
async function checkPeople(
  ctx: OrgReadCtx,
  people: { cadreId?: string | null; leaderId?: string | null; workerId?: string | null },
) {
  if (people.cadreId) await activeMember(ctx, people.cadreId, "cadreId", "包村干部");
  if (people.leaderId) await activeLeader(ctx, people.leaderId, "leaderId", "包片领导");
  if (people.workerId) await activeMember(ctx, people.workerId, "workerId", "网格员");
}

/** `null` clears an assignment, `undefined` leaves it as it is. */
function assign<T>(current: T, next: T | null | undefined): T | undefined {
  if (next === null) return undefined;
  return next === undefined ? current : next;
}

export async function getVillage(ctx: OrgReadCtx, id: string, field = "villageId") {
  const village = await getItem(ctx.tenantServices.db, "village", { townshipId: ctx.township.id, id });
  if (!village) throw invalid(field, "「村（社区）」不存在");
  return village;
}

export async function getGrid(ctx: OrgReadCtx, id: string, field = "gridId") {
  const grid = await getItem(ctx.tenantServices.db, "grid", { townshipId: ctx.township.id, id });
  if (!grid) throw invalid(field, "「网格」不存在");
  return grid;
}

async function duplicateName(ctx: OrgReadCtx, kind: "village" | "grid", name: string, villageId?: string) {
  const org = await loadOrganisation(ctx);
  const clash =
    kind === "village"
      ? org.villages.some((v) => !v.archivedAt && v.name === name)
      : org.grids.some((g) => !g.archivedAt && g.villageId === villageId && g.name === name);
  if (clash)
    throw invalid(
      "name",
      kind === "village" ? `村（社区）「${name}」已存在` : `该村（社区）已有名为「${name}」的网格`,
    );
}

export async function createVillage(ctx: OrgCtx, input: z.infer<typeof createVillageInput>) {
  await checkPeople(ctx, input);
  await duplicateName(ctx, "village", input.name);
  const id = randomUUID();
  const { item } = await createRecord(ctx.tenantServices.db, writeContext(ctx), {
    entity: "village",
    item: {
      townshipId: ctx.township.id,
      id,
      name: input.name,
      kind: input.kind,
      cadreId: input.cadreId ?? undefined,
      leaderId: input.leaderId ?? undefined,
    },
    key: (x) => ({ townshipId: x.townshipId, id: x.id }),
    entityId: id,
    scope: scopeOf(ctx),
    requestId: input.requestId,
    action: "village.create",
  });
  return item;
}

/** Updates one village or grid of the caller's township: version-checked and audited as `action`. */
function updateUnit<N extends "village" | "grid">(
  ctx: OrgCtx,
  entity: N,
  input: { id: string; expectedVersion: number },
  action: string,
  change: (current: ItemOf<N>) => ItemOf<N>,
) {
  return updateRecord(ctx.tenantServices.db, writeContext(ctx), {
    entity,
    key: { townshipId: ctx.township.id, id: input.id } as Partial<ItemOf<N>>,
    entityId: input.id,
    scope: scopeOf(ctx),
    expectedVersion: input.expectedVersion,
    action,
    change,
  });
}

export async function updateVillage(ctx: OrgCtx, input: z.infer<typeof updateVillageInput>) {
  await checkPeople(ctx, input);
  const current = await getVillage(ctx, input.id, "id");
  if (input.name !== undefined && input.name !== current.name)
    await duplicateName(ctx, "village", input.name);
  return updateUnit(ctx, "village", input, "village.update", (v) => {
    if (v.archivedAt) throw recordState("村（社区）已撤销，不能再修改");
    return {
      ...v,
      name: input.name ?? v.name,
      kind: input.kind ?? v.kind,
      cadreId: assign(v.cadreId, input.cadreId),
      leaderId: assign(v.leaderId, input.leaderId),
    };
  });
}

/** Archives a village whose grids are all archived; its records stay filed under it and readable. */
export async function archiveVillage(ctx: OrgCtx, input: z.infer<typeof archiveOrgUnitInput>) {
  const org = await loadOrganisation(ctx);
  if (org.grids.some((g) => g.villageId === input.id && !g.archivedAt))
    throw recordState("请先撤销该村（社区）下的网格");
  const at = ctx.services.now().toISOString();
  return updateUnit(ctx, "village", input, "village.archive", (v) => {
    if (v.archivedAt) throw recordState("村（社区）已撤销");
    return { ...v, archivedAt: at, archivedBy: ctx.user.id };
  });
}

export async function createGrid(ctx: OrgCtx, input: z.infer<typeof createGridInput>) {
  await checkPeople(ctx, input);
  const village = await getVillage(ctx, input.villageId);
  if (village.archivedAt) throw invalid("villageId", "「村（社区）」已撤销，不能再设网格");
  await duplicateName(ctx, "grid", input.name, village.id);
  const id = randomUUID();
  const { item } = await createRecord(ctx.tenantServices.db, writeContext(ctx), {
    entity: "grid",
    item: {
      townshipId: ctx.township.id,
      id,
      villageId: village.id,
      name: input.name,
      workerId: input.workerId ?? undefined,
    },
    key: (x) => ({ townshipId: x.townshipId, id: x.id }),
    entityId: id,
    scope: scopeOf(ctx),
    requestId: input.requestId,
    action: "grid.create",
  });
  return item;
}

export async function updateGrid(ctx: OrgCtx, input: z.infer<typeof updateGridInput>) {
  await checkPeople(ctx, input);
  const current = await getGrid(ctx, input.id, "id");
  if (input.name !== undefined && input.name !== current.name)
    await duplicateName(ctx, "grid", input.name, current.villageId);
  return updateUnit(ctx, "grid", input, "grid.update", (g) => {
    if (g.archivedAt) throw recordState("网格已撤销，不能再修改");
    return { ...g, name: input.name ?? g.name, workerId: assign(g.workerId, input.workerId) };
  });
}

/** Archives a grid: no new records are filed under it; those filed stay readable and keep their 责任人. */
export function archiveGrid(ctx: OrgCtx, input: z.infer<typeof archiveOrgUnitInput>) {
  const at = ctx.services.now().toISOString();
  return updateUnit(ctx, "grid", input, "grid.archive", (g) => {
    if (g.archivedAt) throw recordState("网格已撤销");
    return { ...g, archivedAt: at, archivedBy: ctx.user.id };
  });
}

/** Marks a staff member as a township leader, or no longer one (refused while they still hold a 片). */
export async function setLeader(ctx: OrgCtx, input: z.infer<typeof setLeaderInput>) {
  await activeMember(ctx, input.userId, "userId", "人员");
  const { db } = ctx.tenantServices;
  const key = { townshipId: ctx.township.id, id: input.userId };
  const current = await getItem(db, "leader", key);
  const base = { entity: "leader" as const, key, entityId: input.userId, scope: scopeOf(ctx) };
  if (input.leader) {
    if (current && !current.archivedAt) return current;
    if (current)
      return updateRecord(db, writeContext(ctx), {
        ...base,
        expectedVersion: current.version,
        action: "leader.set",
        change: (l) => ({ ...l, archivedAt: undefined, archivedBy: undefined }),
      });
    const { item } = await createRecord(db, writeContext(ctx), {
      ...base,
      item: key,
      key: (x) => ({ townshipId: x.townshipId, id: x.id }),
      action: "leader.set",
    });
    return item;
  }
  if (!current || current.archivedAt) throw recordState("该人员不是镇领导");
  const org = await loadOrganisation(ctx);
  if (org.villages.some((v) => !v.archivedAt && v.leaderId === input.userId))
    throw recordState("该领导仍包有村（社区），请先改派");
  const at = ctx.services.now().toISOString();
  return updateRecord(db, writeContext(ctx), {
    ...base,
    expectedVersion: current.version,
    action: "leader.unset",
    change: (l) => ({ ...l, archivedAt: at, archivedBy: ctx.user.id }),
  });
}
