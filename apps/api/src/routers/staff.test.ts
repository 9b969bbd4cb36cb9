import { describe, expect, it } from "vitest";
import { anonymous, callerWith, createTestServices, seedTwoTenants, uniquePhone } from "../testing/harness";

const services = await createTestServices("staff");
const { tenants, tokens } = await seedTwoTenants(services);
const adminA = callerWith(services, tokens.A.township_admin);
const adminB = callerWith(services, tokens.B.township_admin);

const signIn = (login: string, password: string) => anonymous(services).auth.signIn({ login, password });

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

    await adminA.staff.remove({ townshipId, userId: first.userId });
    for (const login of [phone, email]) {
      await expect(signIn(login, "Initial-Pass1")).rejects.toMatchObject({
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
    ).rejects.toMatchObject({ code: "CONFLICT", message: "该手机号已被注册" });
    await expect(
      adminB.staff.invite({
        townshipId: tenants.B.townshipId,
        name: "网格员丁",
        phone: uniquePhone(),
        email: email.toUpperCase(),
        initialPassword: "Initial-Pass1",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "该电子邮箱已被注册" });
  });
});
