import { randomUUID } from "node:crypto";
import {
  type ItemOf,
  newTownshipId,
  type Role,
  stampNew,
  townshipInCounty,
  tx,
  type WriteContext,
  writeTransaction,
} from "@pingan/data";
import { newAccountItems } from "../auth/accounts";
import type { Services } from "../services";

/**
 * Direct provisioning for the local seed and for tests: the same transactional writes the onboarding
 * procedures make, without walking through every step.
 */
const systemContext = (services: Services): WriteContext => ({
  actor: { id: "system", role: "platform_admin" },
  now: services.now(),
});

export async function provisionCounty(
  services: Services,
  county: { id?: string; name: string; code: string; joinCode?: string },
): Promise<ItemOf<"county">> {
  const { db } = services;
  const wctx = systemContext(services);
  const item = stampNew(wctx, {
    id: county.id ?? randomUUID(),
    name: county.name,
    code: county.code,
    joinCode: county.joinCode,
  }) as ItemOf<"county">;
  const items = [
    tx.create(db, "county", item),
    tx.audit(db, wctx, {
      scope: `C#${item.id}`,
      action: "county.create",
      entityType: "county",
      entityId: item.id,
      after: item,
    }),
  ];
  if (county.joinCode)
    items.push(tx.create(db, "joinCode", stampNew(wctx, { code: county.joinCode, countyId: item.id })));
  await writeTransaction(db, items);
  return item;
}

export async function provisionTownship(
  services: Services,
  countyId: string,
  profile: { id?: string; name: string; code: string; population: number; villages: number; grids: number },
  status: ItemOf<"township">["status"] = "active",
): Promise<ItemOf<"township">> {
  const { db } = services;
  const wctx = systemContext(services);
  const { id, ...rest } = profile;
  // A township outside its county's key prefix would be out of reach of the county's credentials.
  if (id !== undefined && !townshipInCounty(id, countyId)) {
    throw new Error(`township id ${id} does not start with its county's id ${countyId}-`);
  }
  const item = stampNew(wctx, {
    id: id ?? newTownshipId(countyId),
    countyId,
    ...rest,
    status,
  }) as ItemOf<"township">;
  await writeTransaction(db, [
    tx.create(db, "township", item),
    tx.audit(db, wctx, {
      scope: `C#${countyId}`,
      action: "township.create",
      entityType: "township",
      entityId: item.id,
      after: item,
    }),
  ]);
  return item;
}

export async function provisionUser(
  services: Services,
  account: {
    name: string;
    phone: string;
    email?: string;
    password: string;
    role: Role;
    countyId?: string;
    townshipId?: string;
    /** As if invited: the account must change its password before anything else (default false). */
    mustChangePassword?: boolean;
  },
): Promise<ItemOf<"user">> {
  const created = await newAccountItems(
    services.db,
    systemContext(services),
    { ...account, mustChangePassword: account.mustChangePassword ?? false },
    services.passwordCostLog2,
    // Provisioning (tests, the demo seed) sets known passwords and is told everything.
    { passwordField: null, sees: () => true },
  );
  await writeTransaction(services.db, created.items);
  return created.user;
}
