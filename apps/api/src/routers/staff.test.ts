import { describe, expect, it } from "vitest";
import { anonymous, callerWith, createTestServices, seedTwoTenants, uniquePhone } from "../testing/harness";

const services = await createTestServices("staff");
const { tenants, tokens } = await seedTwoTenants(services);
const adminA = callerWith(services, tokens.A.township_admin);
const adminB = callerWith(services, tokens.B.township_admin);

const signIn = (login: string, password: string) => anonymous(services).auth.signIn({ login, password });

describe("invited staff", () => {
  it("may only see who they are, refresh and change the initial password until they change it, then work", async () => {
    const townshipId = tenants.A.townshipId;
    const phone = uniquePhone();
    await adminA.staff.invite({ townshipId, name: "网格员戊", phone, initialPassword: "Initial-Pass1" });
    const first = await signIn(phone, "Initial-Pass1");
    const staff = callerWith(services, first.accessToken);
    const event = {
      townshipId,
      requestId: `req-invited-${phone}`,
      kind: "monthly_meeting" as const,
      occurredAt: "2026-11-05T09:00:00+08:00",
    };

    expect(await staff.auth.me()).toMatchObject({ mustChangePassword: true, townshipId });
    const refused = { code: "FORBIDDEN", message: "请先修改初始密码后再继续操作" };
    await expect(staff.events.create(event)).rejects.toMatchObject(refused);
    await expect(staff.disputes.list({ townshipId })).rejects.toMatchObject(refused);
    await expect(staff.audit.township({ townshipId })).rejects.toMatchObject(refused);
    const refreshed = await anonymous(services).auth.refresh({ refreshToken: first.refreshToken });
    await expect(callerWith(services, refreshed.accessToken).events.create(event)).rejects.toMatchObject(
      refused,
    );

    await staff.auth.changePassword({ currentPassword: "Initial-Pass1", newPassword: "Own-Pass-2026" });
    // The same access token works at once: the flag is read from the account on every call.
    expect(await staff.auth.me()).toMatchObject({ mustChangePassword: false });
    await expect(staff.events.create(event)).resolves.toMatchObject({ kind: "monthly_meeting" });
    await expect(staff.disputes.list({ townshipId })).resolves.toBeTruthy();
  });

  it("holds county users added with an initial password to the same rule", async () => {
    const phone = uniquePhone();
    await callerWith(services, tokens.A.county_admin).counties.addUser({
      name: "新复核员",
      phone,
      role: "county_reviewer",
      initialPassword: "Initial-Pass1",
    });
    const reviewer = callerWith(services, (await signIn(phone, "Initial-Pass1")).accessToken);
    await expect(reviewer.counties.mine()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await reviewer.auth.changePassword({ currentPassword: "Initial-Pass1", newPassword: "Own-Pass-2026" });
    await expect(reviewer.counties.mine()).resolves.toMatchObject({ id: tenants.A.countyId });
    // The county admin's list shows who they are and how to reach them.
    const users = await callerWith(services, tokens.A.county_admin).counties.listUsers();
    expect(users.find((u) => u.phone === phone)).toMatchObject({ name: "新复核员", role: "county_reviewer" });
  });
});

describe("staff removal", () => {
  it("frees the phone and e-mail for a new invitation, here or in another township, and ends the removed account's sign-in and refresh", async () => {
    const townshipId = tenants.A.townshipId;
    const phone = uniquePhone();
    const email = `staff-${phone}@example.com`;
    const first = await adminA.staff.invite({
      townshipId,
      name: "网格员丙",
      phone,
      email,
      initialPassword: "Initial-Pass1",
    });
    const session = await signIn(phone, "Initial-Pass1");
    await callerWith(services, session.accessToken).auth.changePassword({
      currentPassword: "Initial-Pass1",
      newPassword: "Own-Pass-2026",
    });

    await adminA.staff.remove({ townshipId, userId: first.userId });
    for (const login of [phone, email]) {
      await expect(signIn(login, "Own-Pass-2026")).rejects.toMatchObject({
        code: "UNAUTHORIZED",
        message: "账号或密码错误",
      });
    }
    await expect(
      anonymous(services).auth.refresh({ refreshToken: session.refreshToken }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerWith(services, session.accessToken).auth.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });

    // The same township invites the same phone and e-mail again: a new account, reached by them.
    const again = await adminA.staff.invite({
      townshipId,
      name: "网格员丙",
      phone,
      email,
      initialPassword: "Second-Pass2",
    });
    expect(again.userId).not.toBe(first.userId);
    expect((await signIn(phone, "Second-Pass2")).user.id).toBe(again.userId);
    expect((await signIn(email, "Second-Pass2")).user.id).toBe(again.userId);
    await expect(signIn(phone, "Initial-Pass1")).rejects.toMatchObject({ message: "账号或密码错误" });

    // Removed once more, the phone can join a township of another county.
    await adminA.staff.remove({ townshipId, userId: again.userId });
    const elsewhere = await adminB.staff.invite({
      townshipId: tenants.B.townshipId,
      name: "网格员丙",
      phone,
      initialPassword: "Third-Pass3",
    });
    expect((await signIn(phone, "Third-Pass3")).user).toMatchObject({
      id: elsewhere.userId,
      townshipId: tenants.B.townshipId,
    });

    const members = await adminA.staff.list({ townshipId });
    expect(members.filter((m) => m.phone === phone).map((m) => m.status)).toEqual(["removed", "removed"]);
  });

  it("refuses to invite a phone or e-mail an active account holds", async () => {
    const phone = uniquePhone();
    const email = `held-${phone}@example.com`;
    await adminA.staff.invite({
      townshipId: tenants.A.townshipId,
      name: "网格员丁",
      phone,
      email,
      initialPassword: "Initial-Pass1",
    });
    await expect(
      adminB.staff.invite({
        townshipId: tenants.B.townshipId,
        name: "网格员丁",
        phone,
        initialPassword: "Initial-Pass1",
      }),
      // Held in another county: the neutral answer, never where it is registered.
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "该手机号无法使用，请更换；如本人已有账号，请直接登录",
    });
    await expect(
      adminB.staff.invite({
        townshipId: tenants.B.townshipId,
        name: "网格员丁",
        phone: uniquePhone(),
        email: email.toUpperCase(),
        initialPassword: "Initial-Pass1",
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "该电子邮箱无法使用，请更换；如本人已有账号，请直接登录",
    });
  });
});
