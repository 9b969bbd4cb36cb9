import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { AppError } from "../errors";
import { appRouter } from "../root";
import {
  anonymous,
  callerWith,
  createTestServices,
  type RoleName,
  seedTwoTenants,
  uniquePhone,
} from "./harness";
import { type Access, procedureMatrix } from "./procedure-matrix";

const services = await createTestServices("tenancy");
const { tenants, tokens, platformToken, initialPasswordToken } = await seedTwoTenants(services);

type Caller = ReturnType<typeof anonymous>;
/** initial_password: a staff member of A's own township who has not yet changed the invitation's password. */
type Who = RoleName | "anonymous" | "initial_password";
const WHO: Who[] = [
  "anonymous",
  "initial_password",
  "platform_admin",
  "county_admin",
  "county_reviewer",
  "township_admin",
  "township_staff",
];
type Target = "own" | "sibling" | "other";
/** own: the caller's township (county A); sibling: another township of county A; other: county B's. */
const TARGETS: Record<Target, string> = {
  own: tenants.A.townshipId,
  sibling: tenants.A.siblingTownshipId,
  other: tenants.B.townshipId,
};

function callerFor(who: Who): Caller {
  if (who === "anonymous") return anonymous(services);
  if (who === "platform_admin") return callerWith(services, platformToken);
  if (who === "initial_password") return callerWith(services, initialPasswordToken);
  return callerWith(services, tokens.A[who]);
}

const county = (w: Who) => w === "county_admin" || w === "county_reviewer";
const township = (w: Who) => w === "township_admin" || w === "township_staff";

/** Who may pass the gate of a procedure, for a target township of county A (own, sibling) or B (other). */
function allowed(access: Access, who: Who, target: Target): boolean {
  // Until the password is changed, nothing but what it takes to change it, whatever the role would allow.
  if (who === "initial_password") return access === "public" || access === "signedIn";
  switch (access) {
    case "public":
      return true;
    case "signedIn":
    case "authed":
      return who !== "anonymous";
    case "platform":
      return who === "platform_admin";
    case "county":
      return county(who);
    case "countyAdmin":
      return who === "county_admin";
    case "countyAdminTownship":
      return who === "county_admin" && target !== "other";
    case "countyTownship":
      return county(who) && target !== "other";
    case "townshipRead":
      return (township(who) && target === "own") || (county(who) && target !== "other");
    case "townshipWrite":
      return township(who) && target === "own";
    case "townshipAdmin":
      return who === "township_admin" && target === "own";
    case "townshipAdminRead":
      return (who === "township_admin" && target === "own") || (county(who) && target !== "other");
  }
}

// Our tokens are valid, so AUTH.INVALID is never the gate here (sign-in answers it for a wrong password).
// The initial-password gate comes first, so for that caller it must be the one that says no.
const GATE_CODES = new Set(["AUTH.REQUIRED", "ROLE.FORBIDDEN", "TENANT.FORBIDDEN"]);
function deniedByGate(error: unknown, who: Who): boolean {
  if (!(error instanceof TRPCError && error.cause instanceof AppError)) return false;
  if (who === "initial_password") return error.cause.code === "AUTH.PASSWORD_CHANGE_REQUIRED";
  return GATE_CODES.has(error.cause.code);
}

async function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

const usesTownship = (access: Access) =>
  access === "countyAdminTownship" || access === "countyTownship" || access.startsWith("township");

describe("tenant isolation", () => {
  it("has a matrix entry for every procedure of the router, and none for a procedure that is gone", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(procedureMatrix).sort()).toEqual(procedures);
  });

  for (const path of Object.keys(appRouter._def.procedures)) {
    it(`lets exactly the right roles and tenants through ${path}`, async () => {
      const entry = procedureMatrix[path];
      expect(entry, `add ${path} to src/testing/procedure-matrix.ts`).toBeDefined();
      if (!entry) return;
      const targets: Target[] = usesTownship(entry.access) ? ["own", "sibling", "other"] : ["own"];
      const cells = WHO.flatMap((who) => targets.map((target) => ({ who, target })));
      const wrong: string[] = [];
      await Promise.all(
        cells.map(async ({ who, target }) => {
          const input = entry.input?.(TARGETS[target], uniquePhone);
          const outcome = await call(callerFor(who), path, input).then(
            () => "ok",
            (error: unknown) => (deniedByGate(error, who) ? "denied" : "passed"),
          );
          const expected = allowed(entry.access, who, target);
          const passed = outcome !== "denied";
          if (passed !== expected)
            wrong.push(`${who} → ${target}: ${outcome}, expected ${expected ? "through" : "denied"}`);
        }),
      );
      expect(wrong).toEqual([]);
    });
  }

  it("keeps a township's records out of another township's lists, even for the same county", async () => {
    const staffA = callerWith(services, tokens.A.township_staff);
    const created = await staffA.disputes.create({
      townshipId: tenants.A.townshipId,
      requestId: "req-isolation-1",
      level: "yellow",
      category: "婚姻家庭",
      partiesBrief: "夫妻",
      reportedAt: "2026-11-01T10:00:00+08:00",
    });
    const reviewerA = callerWith(services, tokens.A.county_reviewer);
    const own = await reviewerA.disputes.list({ townshipId: tenants.A.townshipId });
    const sibling = await reviewerA.disputes.list({ townshipId: tenants.A.siblingTownshipId });
    expect(own.items.map((d) => d.id)).toContain(created.id);
    expect(sibling.items.map((d) => d.id)).not.toContain(created.id);
    // The id alone does not reach it from another township: keys always carry the caller's township.
    await expect(
      reviewerA.disputes.get({ townshipId: tenants.A.siblingTownshipId, id: created.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("serves a verification bundle to anyone, only under the county that published it, and no free text", async () => {
    const app = createApp({ services });
    const bundle = (countyId: string, period: string) =>
      app.request(`/published/${countyId}/${period}/1/bundle.json`);
    const staffA = callerWith(services, tokens.A.township_staff);
    await staffA.disputes.create({
      townshipId: tenants.A.townshipId,
      requestId: "req-bundle-1",
      level: "blue",
      category: "邻里纠纷",
      partiesBrief: "甲乙双方私密姓名",
      summary: "不公开的纠纷经过",
      reportedAt: "2026-10-10T10:00:00+08:00",
    });
    // A live table is never a bundle: October has records but is not published yet.
    expect((await bundle(tenants.A.countyId, "2026-10")).status).toBe(404);
    const adminA = callerWith(services, tokens.A.county_admin);
    await adminA.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
    await adminA.league.publish({ period: "2026-10" });
    const own = await bundle(tenants.A.countyId, "2026-10");
    expect(own.status).toBe(200);
    const text = await own.text();
    const body = JSON.parse(text) as { countyId: string; data: { townships: { id: string }[] } };
    expect(body.countyId).toBe(tenants.A.countyId);
    expect(body.data.townships.map((t) => t.id).sort()).toEqual(
      [tenants.A.townshipId, tenants.A.siblingTownshipId].sort(),
    );
    for (const secret of ["甲乙双方私密姓名", "不公开的纠纷经过", "partiesBrief", "A-township_staff"])
      expect(text).not.toContain(secret);
    // Not under another county's URL, with or without a token of that county.
    expect((await bundle(tenants.B.countyId, "2026-10")).status).toBe(404);
    const withToken = await app.request(`/published/${tenants.B.countyId}/2026-10/1/bundle.json`, {
      headers: { authorization: `Bearer ${tokens.A.county_admin}` },
    });
    expect(withToken.status).toBe(404);
  });
});
