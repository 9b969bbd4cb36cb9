import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDb } from "@pingan/data/testing";
import { inject } from "vitest";
import { SignInThrottle } from "../auth/rate-limit";
import { createContextInner } from "../context";
import { directoryBundleStore } from "../league/bundle-store";
import { createCaller } from "../root";
import { BUNDLE_INLINE_MAX_BYTES, type Services } from "../services";
import { createTenantDbs } from "../tenancy/tenant-dbs";
import type { Access } from "./procedure-matrix";
import { provisionCounty, provisionTownship, provisionUser } from "./provisioning";

export const TEST_PASSWORD = "Passw0rd!test";

/** Services on a fresh table of the test run's DynamoDB Local, with a cheap password hash and a settable clock. */
export async function createTestServices(
  label = "api",
): Promise<Services & { setNow: (iso: string) => void }> {
  const db = await createTestDb(label);
  let now = new Date("2026-11-20T02:00:00.000Z");
  return {
    db,
    tokenSecret: "test-secret",
    accessTokenTtlSeconds: 900,
    refreshTokenTtlSeconds: 3600,
    passwordCostLog2: 10,
    now: () => new Date(now),
    signInThrottle: new SignInThrottle(),
    tenantDbs: createTenantDbs({
      tableName: db.tableName,
      connection: { endpoint: inject("dynamoEndpoint") },
    }),
    // A directory of the test's own, as `npm run dev` keeps bundles under its data directory.
    bundleStore: directoryBundleStore(mkdtempSync(join(tmpdir(), `pingan-bundles-${label}-`))),
    bundleInlineMaxBytes: BUNDLE_INLINE_MAX_BYTES,
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  };
}

export const anonymous = (services: Services) => createCaller(createContextInner({ services }));
export const callerWith = (services: Services, accessToken: string) =>
  createCaller(createContextInner({ services, accessToken }));

/**
 * Signs in with an initial password someone else set (an invitation) and changes it, as the admin app makes
 * the person do before anything else; returns a caller with that session.
 */
export async function signInChangingInitialPassword(
  services: Services,
  login: string,
  initialPassword: string,
  newPassword = `${initialPassword}-own`,
) {
  const { accessToken } = await anonymous(services).auth.signIn({ login, password: initialPassword });
  const caller = callerWith(services, accessToken);
  await caller.auth.changePassword({ currentPassword: initialPassword, newPassword });
  return caller;
}

let phoneSerial = 0;
/** A phone number unique within the test process. */
export function uniquePhone(): string {
  phoneSerial += 1;
  return `139${String(process.pid % 10000).padStart(4, "0")}${String(phoneSerial).padStart(4, "0")}`;
}

/** A signed-in township staff member (网格员) of `townshipId`, provisioned for the test. */
export async function staffCaller(services: Services, countyId: string, townshipId: string) {
  const phone = uniquePhone();
  await provisionUser(services, {
    name: `staff-${townshipId}`,
    phone,
    password: TEST_PASSWORD,
    role: "township_staff",
    countyId,
    townshipId,
  });
  const { accessToken } = await anonymous(services).auth.signIn({ login: phone, password: TEST_PASSWORD });
  return callerWith(services, accessToken);
}

/** A staff member a township admin invites by name; their user id. */
export async function inviteStaff(
  admin: ReturnType<typeof callerWith>,
  townshipId: string,
  name: string,
): Promise<string> {
  const invited = await admin.staff.invite({
    townshipId,
    name,
    phone: uniquePhone(),
    initialPassword: "Initial-Pass1",
  });
  return invited.userId;
}

/** What a refusal of bad input looks like: the field named, the Chinese message. */
export const refusedAt = (field: string, message: string) => ({
  code: "BAD_REQUEST",
  message,
  cause: { code: "INPUT.INVALID", details: { field } },
});

export type Tenant = {
  countyId: string;
  townshipId: string;
  /** A second active township of the same county. */
  siblingTownshipId: string;
};

export type RoleName =
  | "platform_admin"
  | "county_admin"
  | "county_reviewer"
  | "township_admin"
  | "township_staff";

/**
 * Two counties (A, B), each with two active townships and one user of every role; returns signed-in
 * callers per role and tenant, and one more staff member of A's township who still has an initial password
 * (`initialPasswordToken`).
 */
export async function seedTwoTenants(services: Services) {
  const signIn = async (phone: string) =>
    (await anonymous(services).auth.signIn({ login: phone, password: TEST_PASSWORD })).accessToken;
  const person = async (
    name: string,
    role: RoleName,
    where: { countyId?: string; townshipId?: string },
    mustChangePassword = false,
  ) => {
    const phone = uniquePhone();
    await provisionUser(services, {
      name,
      phone,
      password: TEST_PASSWORD,
      role,
      ...where,
      mustChangePassword,
    });
    return signIn(phone);
  };
  const county = async (key: "A" | "B") => {
    const code = key === "A" ? "110101" : "110102";
    const c = await provisionCounty(services, { name: `${key}县`, code });
    const township = (name: string, suffix: string, population: number) =>
      provisionTownship(services, c.id, {
        name,
        code: `${code}${suffix}`,
        population,
        villages: 10,
        grids: 30,
      });
    const [t, sibling] = await Promise.all([
      township(`${key}镇`, "001", 20000),
      township(`${key}乡`, "002", 15000),
    ]);
    const [county_admin, county_reviewer, township_admin, township_staff] = await Promise.all([
      person(`${key}-county_admin`, "county_admin", { countyId: c.id }),
      person(`${key}-county_reviewer`, "county_reviewer", { countyId: c.id }),
      person(`${key}-township_admin`, "township_admin", { countyId: c.id, townshipId: t.id }),
      person(`${key}-township_staff`, "township_staff", { countyId: c.id, townshipId: t.id }),
    ]);
    const tenant: Tenant = { countyId: c.id, townshipId: t.id, siblingTownshipId: sibling.id };
    return { tenant, tokens: { county_admin, county_reviewer, township_admin, township_staff } };
  };
  const [a, b, platformToken] = await Promise.all([
    county("A"),
    county("B"),
    person("平台管理员", "platform_admin", {}),
  ]);
  const initialPasswordToken = await person(
    "A-invited_staff",
    "township_staff",
    { countyId: a.tenant.countyId, townshipId: a.tenant.townshipId },
    true,
  );
  return {
    tenants: { A: a.tenant, B: b.tenant },
    tokens: { A: a.tokens, B: b.tokens },
    platformToken,
    initialPasswordToken,
  };
}

/** A caller of county A that passes a procedure's gate, so tests reach validation and the handler. */
export function insiderFor(
  services: Services,
  seeded: Awaited<ReturnType<typeof seedTwoTenants>>,
  access: Access,
) {
  const { tokens, platformToken } = seeded;
  switch (access) {
    case "public":
      return anonymous(services);
    case "platform":
      return callerWith(services, platformToken);
    case "signedIn":
    case "authed":
    case "county":
    case "countyTownship":
      return callerWith(services, tokens.A.county_reviewer);
    case "countyAdmin":
    case "countyAdminTownship":
      return callerWith(services, tokens.A.county_admin);
    case "townshipAdmin":
    case "townshipAdminRead":
      return callerWith(services, tokens.A.township_admin);
    case "townshipRead":
    case "townshipWrite":
      return callerWith(services, tokens.A.township_staff);
    default: {
      const unhandled: never = access;
      throw new Error(`no insider for access class ${String(unhandled)}`);
    }
  }
}

/** The function behind a procedure path ("disputes.list") on a caller. */
export function procedureOf(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
}
