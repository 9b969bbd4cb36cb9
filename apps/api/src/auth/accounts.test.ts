import { describe, expect, it } from "vitest";
import {
  anonymous,
  callerWith,
  createTestServices,
  seedTwoTenants,
  TEST_PASSWORD,
  uniquePhone,
} from "../testing/harness";
import { provisionUser } from "../testing/provisioning";
import { TAKEN } from "./accounts";
import { passwordProblem } from "./password-policy";

const services = await createTestServices("accounts");
const { tenants, tokens, platformToken } = await seedTwoTenants(services);

/** An account of the given tenant, to collide with. */
async function holder(where: { countyId: string; townshipId?: string }, role = "township_staff" as const) {
  const phone = uniquePhone();
  const email = `${phone}@example.com`;
  await provisionUser(services, { name: "占用者", phone, email, password: TEST_PASSWORD, role, ...where });
  return { phone, email };
}

/** What a refused call tells: its code, message and the field the message is shown next to. */
async function answer(call: Promise<unknown>) {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string; message?: string; cause?: { details?: { field?: string } } } | undefined;
  return error && { code: error.code, message: error.message, field: error.cause?.details?.field };
}

describe("account enumeration", () => {
  it("answers a registration the same whether the number is taken in this county or another", async () => {
    const { joinCode } = await callerWith(services, tokens.A.county_admin).onboarding.rotateJoinCode();
    const inA = await holder({ countyId: tenants.A.countyId, townshipId: tenants.A.siblingTownshipId });
    const inB = await holder({ countyId: tenants.B.countyId, townshipId: tenants.B.townshipId });
    const register = (phone: string, email: string | undefined, code: string) =>
      answer(
        anonymous(services).onboarding.registerTownship({
          joinCode,
          township: {
            name: `枚举镇${code}`,
            code: `1101019${code}`,
            population: 1000,
            villages: 1,
            grids: 1,
          },
          admin: { name: "新管理员", phone, email, password: "Lantern-River-82" },
        }),
      );
    const here = await register(inA.phone, undefined, "01");
    const elsewhere = await register(inB.phone, undefined, "02");
    expect(here).toEqual({ code: "CONFLICT", message: TAKEN.phone.unseen, field: "admin.phone" });
    expect(elsewhere).toEqual(here);
    const mailHere = await register(uniquePhone(), inA.email, "03");
    const mailElsewhere = await register(uniquePhone(), inB.email, "04");
    expect(mailHere).toEqual({ code: "CONFLICT", message: TAKEN.email.unseen, field: "admin.email" });
    expect(mailElsewhere).toEqual(mailHere);
  });

  it("answers an invitation the same for a number taken in a sibling township or another county", async () => {
    const admin = callerWith(services, tokens.A.township_admin);
    const invite = (phone: string) =>
      answer(
        admin.staff.invite({
          townshipId: tenants.A.townshipId,
          name: "被邀请人",
          phone,
          initialPassword: "Initial-Pass1",
        }),
      );
    const sibling = await invite(
      (await holder({ countyId: tenants.A.countyId, townshipId: tenants.A.siblingTownshipId })).phone,
    );
    const otherCounty = await invite(
      (await holder({ countyId: tenants.B.countyId, townshipId: tenants.B.townshipId })).phone,
    );
    expect(sibling).toEqual({ code: "CONFLICT", message: TAKEN.phone.unseen, field: "phone" });
    expect(otherCounty).toEqual(sibling);
    // The admin's own township's people it sees anyway: those it is told plainly.
    const own = await invite(
      (await holder({ countyId: tenants.A.countyId, townshipId: tenants.A.townshipId })).phone,
    );
    expect(own).toEqual({ code: "CONFLICT", message: TAKEN.phone.seen, field: "phone" });
  });

  it("tells a county admin plainly only about its own county's users", async () => {
    const admin = callerWith(services, tokens.A.county_admin);
    const add = (phone: string) =>
      answer(
        admin.counties.addUser({
          name: "复核员",
          phone,
          role: "county_reviewer",
          initialPassword: "Initial-Pass1",
        }),
      );
    const ownUser = await holder({ countyId: tenants.A.countyId }, "county_reviewer" as "township_staff");
    expect(await add(ownUser.phone)).toMatchObject({ message: TAKEN.phone.seen });
    const otherCounty = await add(
      (await holder({ countyId: tenants.B.countyId }, "county_reviewer" as "township_staff")).phone,
    );
    const township = await add(
      (await holder({ countyId: tenants.A.countyId, townshipId: tenants.A.townshipId })).phone,
    );
    expect(otherCounty).toEqual({ code: "CONFLICT", message: TAKEN.phone.unseen, field: "phone" });
    expect(township).toEqual(otherCounty);
  });

  it("tells the platform operator plainly", async () => {
    const taken = await holder({ countyId: tenants.B.countyId, townshipId: tenants.B.townshipId });
    const created = answer(
      callerWith(services, platformToken).counties.create({
        name: "新县",
        code: "110199",
        admin: { name: "新县管理员", phone: taken.phone, password: "Lantern-River-82" },
      }),
    );
    expect(await created).toMatchObject({ code: "CONFLICT", message: TAKEN.phone.seen });
  });
});

describe("password policy", () => {
  const owner = { phone: "13907192846", name: "张伟", email: "zhangwei88@example.com" };
  it.each([
    ["12345678", "「密码」过于简单（重复或连续的字符），请换一个"],
    ["Dragon2026!", "「密码」是常见密码，容易被猜中，请换一个"],
    ["Passw0rd!", "「密码」是常见密码，容易被猜中，请换一个"],
    ["P@ssword2026", "「密码」是常见密码，容易被猜中，请换一个"],
    ["woaini1314", "「密码」是常见密码，容易被猜中，请换一个"],
    ["Qwerty123!", "「密码」是常见密码，容易被猜中，请换一个"],
    ["13907192846", "「密码」不能包含手机号"],
    ["x13907192846", "「密码」不能包含手机号"],
    ["ab192846cd", "「密码」不能包含手机号"],
    ["my64829170931", "「密码」不能包含手机号"],
    ["张伟2026abc", "「密码」不能包含姓名"],
    ["my-zhangwei88-pw", "「密码」不能包含电子邮箱名"],
    ["88888888", "「密码」过于简单（重复或连续的字符），请换一个"],
    ["aaaa1111", "「密码」过于简单（重复或连续的字符），请换一个"],
    ["abcdefghij", "「密码」过于简单（重复或连续的字符），请换一个"],
  ])("refuses %s", async (password, message) => {
    expect(await passwordProblem(password, owner, "密码")).toBe(message);
  });

  it.each(["Lantern-River-82", "Initial-Pass1", "Pingan@2026-县城", "7tq!Vm2#pLx"])(
    "accepts %s",
    async (password) => {
      expect(await passwordProblem(password, owner, "密码")).toBeUndefined();
    },
  );

  it("names a Latin name too, and ignores a one-character name", async () => {
    expect(await passwordProblem("LiMing-2026", { phone: "13800000000", name: "Li Ming" }, "新密码")).toBe(
      "「新密码」不能包含姓名",
    );
    expect(
      await passwordProblem("王-Lantern-River-82", { phone: "13800000000", name: "王" }, "新密码"),
    ).toBeUndefined();
  });

  it("is applied where passwords are chosen, naming the field", async () => {
    const phone = uniquePhone();
    const admin = callerWith(services, tokens.A.township_admin);
    expect(
      await answer(
        admin.staff.invite({
          townshipId: tenants.A.townshipId,
          name: "网格员",
          phone,
          initialPassword: phone,
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", message: "「初始密码」不能包含手机号", field: "initialPassword" });
    const { joinCode } = await callerWith(services, tokens.A.county_admin).onboarding.rotateJoinCode();
    expect(
      await answer(
        anonymous(services).onboarding.registerTownship({
          joinCode,
          township: { name: "弱密码镇", code: "110101950", population: 1000, villages: 1, grids: 1 },
          admin: { name: "管理员", phone: uniquePhone(), password: "iloveyou2026" },
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      message: "「密码」是常见密码，容易被猜中，请换一个",
      field: "admin.password",
    });
    expect(
      await answer(
        callerWith(services, tokens.A.county_admin).counties.addUser({
          name: "复核员",
          phone: uniquePhone(),
          role: "county_reviewer",
          initialPassword: "password1",
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", field: "initialPassword" });

    const own = uniquePhone();
    await provisionUser(services, {
      name: "李娜",
      phone: own,
      password: TEST_PASSWORD,
      role: "county_reviewer",
      countyId: tenants.A.countyId,
    });
    const { accessToken } = await anonymous(services).auth.signIn({ login: own, password: TEST_PASSWORD });
    const me = callerWith(services, accessToken);
    for (const [newPassword, message] of [
      [`${own}!`, "「新密码」不能包含手机号"],
      ["李娜-Lantern-82", "「新密码」不能包含姓名"],
      ["iloveyou", "「新密码」是常见密码，容易被猜中，请换一个"],
      [TEST_PASSWORD, "「新密码」不能与当前密码相同"],
    ] as const) {
      expect(await answer(me.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword }))).toEqual({
        code: "BAD_REQUEST",
        message,
        field: "newPassword",
      });
    }
    await expect(
      me.auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "Lantern-River-82" }),
    ).resolves.toEqual({ ok: true });
  });
});
