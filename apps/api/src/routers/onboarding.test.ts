import { describe, expect, it } from "vitest";
import {
  anonymous,
  callerWith,
  createTestServices,
  seedTwoTenants,
  signInChangingInitialPassword,
  uniquePhone,
} from "../testing/harness";

const services = await createTestServices("onboarding");
const { tenants, tokens } = await seedTwoTenants(services);
const countyAdmin = callerWith(services, tokens.A.county_admin);

async function signIn(login: string, password: string) {
  return callerWith(services, (await anonymous(services).auth.signIn({ login, password })).accessToken);
}

describe("onboarding", () => {
  it("walks a township from join code to approval to staff who can record and be removed", async () => {
    const { joinCode } = await countyAdmin.onboarding.rotateJoinCode();
    const adminPhone = uniquePhone();
    const registered = await anonymous(services).onboarding.registerTownship({
      joinCode: joinCode.toLowerCase(),
      township: { name: "新民镇", code: "110101010", population: 23000, villages: 11, grids: 35 },
      admin: { name: "新民镇管理员", phone: adminPhone, password: "Passw0rd!new" },
    });
    expect(registered.status).toBe("pending");

    const townshipAdmin = await signIn(adminPhone, "Passw0rd!new");
    expect((await townshipAdmin.auth.me()).township).toMatchObject({ status: "pending" });
    // Pending townships cannot record yet.
    await expect(townshipAdmin.staff.list({ townshipId: registered.townshipId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const pending = await countyAdmin.onboarding.listTownships({ status: "pending" });
    const row = pending.find((t) => t.id === registered.townshipId);
    expect(row).toBeDefined();
    await countyAdmin.onboarding.approveTownship({
      townshipId: registered.townshipId,
      expectedVersion: row?.version ?? 0,
    });

    const staffPhone = uniquePhone();
    const invited = await townshipAdmin.staff.invite({
      townshipId: registered.townshipId,
      name: "网格员乙",
      phone: staffPhone,
      initialPassword: "Initial-Pass1",
    });
    const staff = await signInChangingInitialPassword(services, staffPhone, "Initial-Pass1", "Own-Pass-2026");
    expect((await staff.auth.me()).mustChangePassword).toBe(false);
    await staff.events.create({
      townshipId: registered.townshipId,
      requestId: "req-onboarding-event",
      kind: "monthly_meeting",
      occurredAt: "2026-11-05T09:00:00+08:00",
    });

    await townshipAdmin.staff.remove({ townshipId: registered.townshipId, userId: invited.userId });
    await expect(staff.auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(
      anonymous(services).auth.signIn({ login: staffPhone, password: "Own-Pass-2026" }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("stops accepting the old join code once it is rotated", async () => {
    const { joinCode: old } = await countyAdmin.onboarding.rotateJoinCode();
    await countyAdmin.onboarding.rotateJoinCode();
    await expect(
      anonymous(services).onboarding.registerTownship({
        joinCode: old,
        township: { name: "旧码镇", code: "110101011", population: 1000, villages: 1, grids: 1 },
        admin: { name: "管理员", phone: uniquePhone(), password: "Passw0rd!old" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("加入码无效") });
  });

  it("rejects a township with a reason the township admin can read", async () => {
    const { joinCode } = await countyAdmin.onboarding.rotateJoinCode();
    const phone = uniquePhone();
    const registered = await anonymous(services).onboarding.registerTownship({
      joinCode,
      township: { name: "待驳回镇", code: "110101012", population: 1000, villages: 1, grids: 1 },
      admin: { name: "管理员", phone, password: "Passw0rd!rej" },
    });
    await countyAdmin.onboarding.rejectTownship({
      townshipId: registered.townshipId,
      expectedVersion: 1,
      reason: "区划代码有误",
    });
    const admin = await signIn(phone, "Passw0rd!rej");
    const me = await admin.auth.me();
    expect(me.township).toMatchObject({ status: "rejected", rejectReason: "区划代码有误" });

    // The admin corrects the registration and sends it again: pending, the reason gone, the county told.
    const corrected = { name: "待驳回镇", code: "110101013", population: 1200, villages: 2, grids: 3 };
    const resubmitted = await admin.onboarding.resubmitTownship({
      townshipId: registered.townshipId,
      expectedVersion: 2,
      ...corrected,
    });
    expect(resubmitted).toMatchObject({
      ...corrected,
      status: "pending",
      rejectReason: undefined,
      version: 3,
    });
    const pending = await countyAdmin.onboarding.listTownships({ status: "pending" });
    expect(pending.map((t) => t.id)).toContain(registered.townshipId);
    const trail = await countyAdmin.audit.county({ limit: 20 });
    expect(
      trail.items.find((e) => e.action === "township.resubmit" && e.entityId === registered.townshipId),
    ).toMatchObject({ before: { status: "rejected" }, after: { status: "pending", code: "110101013" } });

    // Only a rejected registration is resubmitted; a second try on the pending one is a state error.
    await expect(
      admin.onboarding.resubmitTownship({
        townshipId: registered.townshipId,
        expectedVersion: 3,
        ...corrected,
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("被驳回") });
    const approved = await countyAdmin.onboarding.approveTownship({
      townshipId: registered.townshipId,
      expectedVersion: 3,
    });
    expect(approved.status).toBe("active");
  });

  it("refuses a county admin deciding on another county's township", async () => {
    await expect(
      countyAdmin.onboarding.approveTownship({ townshipId: tenants.B.townshipId, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("account uniqueness", () => {
  it("lets only one of two registrations racing for the same phone number win", async () => {
    const { joinCode } = await countyAdmin.onboarding.rotateJoinCode();
    const phone = uniquePhone();
    const register = (code: string) =>
      anonymous(services).onboarding.registerTownship({
        joinCode,
        township: { name: `竞争镇${code}`, code: `1101010${code}`, population: 1000, villages: 1, grids: 1 },
        admin: { name: "管理员", phone, password: "Passw0rd!race" },
      });
    const outcomes = await Promise.allSettled([register("31"), register("32"), register("33")]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const lost of outcomes.filter((o) => o.status === "rejected")) {
      // The claim's condition fails, or DynamoDB cancels the racing transaction: a conflict either way.
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    }
    // A registrant is never told where a number is registered (auth/accounts.ts, TAKEN).
    await expect(register("34")).rejects.toMatchObject({
      code: "CONFLICT",
      message: "该手机号无法使用，请更换；如本人已有账号，请直接登录",
    });
  });
});

describe("township profile", () => {
  it("lets the township admin update the profile but not take another township's code", async () => {
    const admin = callerWith(services, tokens.A.township_admin);
    const current = await admin.onboarding.township({ townshipId: tenants.A.townshipId });
    const profile = { name: current.name, population: 21000, villages: 11, grids: 33 };
    const updated = await admin.onboarding.updateTownshipProfile({
      townshipId: tenants.A.townshipId,
      expectedVersion: current.version,
      code: current.code,
      ...profile,
    });
    expect(updated).toMatchObject({ population: 21000, grids: 33, version: current.version + 1 });
    await expect(
      admin.onboarding.updateTownshipProfile({
        townshipId: tenants.A.townshipId,
        expectedVersion: updated.version,
        code: "110101002",
        ...profile,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "该乡镇区划代码已注册" });
  });
});
