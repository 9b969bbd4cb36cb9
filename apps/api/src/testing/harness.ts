import { createTestDb } from "@pingan/data/testing";
import { createContextInner } from "../context";
import { provisionCounty, provisionTownship, provisionUser } from "../provisioning";
import { createCaller } from "../root";
import type { Services } from "../services";
import type { Access } from "./procedure-matrix";

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
    setNow: (iso: string) => {
      now = new Date(iso);
    },
  };
}

export const anonymous = (services: Services) => createCaller(createContextInner({ services }));
export const callerWith = (services: Services, accessToken: string) =>
  createCaller(createContextInner({ services, accessToken }));

let phoneSerial = 0;
/** A phone number unique within the test process. */
export function uniquePhone(): string {
  phoneSerial += 1;
  return `139${String(process.pid % 10000).padStart(4, "0")}${String(phoneSerial).padStart(4, "0")}`;
}

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
 * callers per role and tenant.
 */
export async function seedTwoTenants(services: Services) {
  const tenants: Record<"A" | "B", Tenant> = { A: undefined as never, B: undefined as never };
  const tokens: Record<"A" | "B", Record<Exclude<RoleName, "platform_admin">, string>> = {
    A: {} as never,
    B: {} as never,
  };
  const signIn = async (phone: string) =>
    (await anonymous(services).auth.signIn({ login: phone, password: TEST_PASSWORD })).accessToken;
  for (const key of ["A", "B"] as const) {
    const county = await provisionCounty(services, {
      name: `${key}县`,
      code: key === "A" ? "110101" : "110102",
    });
    const township = await provisionTownship(services, county.id, {
      name: `${key}镇`,
      code: key === "A" ? "110101001" : "110102001",
      population: 20000,
      villages: 10,
      grids: 30,
    });
    const sibling = await provisionTownship(services, county.id, {
      name: `${key}乡`,
      code: key === "A" ? "110101002" : "110102002",
      population: 15000,
      villages: 8,
      grids: 20,
    });
    tenants[key] = { countyId: county.id, townshipId: township.id, siblingTownshipId: sibling.id };
    const people: [Exclude<RoleName, "platform_admin">, { countyId: string; townshipId?: string }][] = [
      ["county_admin", { countyId: county.id }],
      ["county_reviewer", { countyId: county.id }],
      ["township_admin", { countyId: county.id, townshipId: township.id }],
      ["township_staff", { countyId: county.id, townshipId: township.id }],
    ];
    for (const [role, where] of people) {
      const phone = uniquePhone();
      await provisionUser(services, {
        name: `${key}-${role}`,
        phone,
        password: TEST_PASSWORD,
        role,
        ...where,
      });
      tokens[key][role] = await signIn(phone);
    }
  }
  const platformPhone = uniquePhone();
  await provisionUser(services, {
    name: "平台管理员",
    phone: platformPhone,
    password: TEST_PASSWORD,
    role: "platform_admin",
  });
  const platformToken = await signIn(platformPhone);
  return { tenants, tokens, platformToken };
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
    case "authed":
    case "county":
    case "countyTownship":
      return callerWith(services, tokens.A.county_reviewer);
    case "countyAdmin":
    case "countyAdminTownship":
      return callerWith(services, tokens.A.county_admin);
    case "townshipAdmin":
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
