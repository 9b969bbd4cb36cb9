import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../apps/api/src/services";
import { provisionTownship, provisionUser } from "../../apps/api/src/testing/provisioning";
import { callerAs } from "./support/api-caller";
import { type County, seedCounty, startApi, TEST_PASSWORD, uniquePhone } from "./support/api-server";
import { launchBrowser, openPage, snap, type Viewport } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

let browser: Browser;
let served: Served;
let services: Services;
let county: County;
let joinCode = "";
const errors: string[] = [];

/** A fresh browser context (its own signed-in person) and a page in it. */
const pageFor = (viewport: Viewport = "desktop") => openPage(browser, served.url, errors, viewport);

/** Types a login into the sign-in form and returns the error banner, for sign-ins that must fail. */
async function failSignIn(page: Page, login: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("账号（手机号或电子邮箱）").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s?录/ }).click();
  return page.getByTestId("sign-in-error");
}

const township = { id: "", name: "西湖乡", code: "510722103" };
const townshipAdmin = { name: "孙站长", phone: uniquePhone() };

beforeAll(async () => {
  const api = await startApi("admission");
  services = api.services;
  county = await seedCounty(services);
  const countyAdmin = await callerAs(services, county.adminPhone, TEST_PASSWORD);
  ({ joinCode } = await countyAdmin.onboarding.rotateJoinCode());
  const active = await provisionTownship(services, county.id, {
    name: township.name,
    code: township.code,
    population: 15_000,
    villages: 9,
    grids: 30,
  });
  township.id = active.id;
  await provisionUser(services, {
    name: townshipAdmin.name,
    phone: townshipAdmin.phone,
    password: TEST_PASSWORD,
    role: "township_admin",
    countyId: county.id,
    townshipId: active.id,
  });
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe("the county rejects a township's registration", () => {
  const applicant = { name: "东岭镇", code: "510722105", admin: "钟专干", phone: uniquePhone() };
  const password = "Dongling#2026";
  const reason = "区划代码与民政部门公布的不一致，请核实后重新注册";
  let registrant: Page;

  it("a township registers with the join code and waits for the county", async () => {
    registrant = await pageFor("phone");
    await registrant.goto("/register");
    await registrant.getByLabel("加入码").fill(joinCode);
    await registrant.getByLabel("乡镇名称").fill(applicant.name);
    await registrant.getByLabel("乡镇区划代码（9 位）").fill(applicant.code);
    await registrant.getByLabel("常住人口").fill("21000");
    await registrant.getByLabel("村（社区）数").fill("11");
    await registrant.getByLabel("网格数").fill("36");
    await registrant.getByLabel("姓名").fill(applicant.admin);
    await registrant.getByLabel("手机号（登录账号）").fill(applicant.phone);
    await registrant.getByLabel("密码").fill(password);
    await registrant.getByRole("button", { name: "提交注册" }).click();
    await registrant.getByTestId("register-pending").waitFor();
    await signIn(registrant, applicant.phone, password);
    await registrant.getByTestId("township-pending").waitFor();
  });

  it("the county admin rejects it on 乡镇审批, and must give a reason", async () => {
    const page = await pageFor();
    await signIn(page, county.adminPhone, TEST_PASSWORD);
    await page.goto("/townships");
    const row = page.locator("tr", { hasText: applicant.name });
    await expect.poll(() => row.textContent()).toContain("待审核");
    await row.getByRole("button", { name: /^驳\s?回$/ }).click();
    const drawer = page.locator(".ant-drawer-open");
    await drawer.getByText(`驳回：${applicant.name}`).waitFor();
    // No reason, no rejection: the form says what is missing and the township stays pending.
    await drawer.getByRole("button", { name: /^驳\s?回$/ }).click();
    await drawer.getByText("请填写驳回理由").waitFor();
    await snap(page, "townships-reject-drawer");
    await drawer.getByLabel("驳回理由").fill(reason);
    await drawer.getByRole("button", { name: /^驳\s?回$/ }).click();
    await page.locator(".ant-drawer-open").waitFor({ state: "detached" });
    // It leaves the pending list and stands, with its reason, under 已驳回.
    await expect.poll(() => page.locator("tr", { hasText: applicant.name }).count()).toBe(0);
    await page.locator(".ant-segmented-item", { hasText: "已驳回" }).click();
    const rejected = page.locator("tr", { hasText: applicant.name });
    await expect.poll(() => rejected.textContent()).toContain("已驳回");
    expect(await rejected.textContent()).toContain(reason);
    // A rejected township may still be approved later, but not rejected twice.
    expect(await rejected.getByRole("button", { name: "审核通过" }).count()).toBe(1);
    expect(await rejected.getByRole("button", { name: /^驳\s?回$/ }).count()).toBe(0);
    await snap(page, "townships-rejected");

    const api = await callerAs(services, county.adminPhone, TEST_PASSWORD);
    const listed = await api.onboarding.listTownships({ status: "rejected" });
    expect(listed.map((t) => [t.name, t.rejectReason])).toEqual([[applicant.name, reason]]);
  });

  it("the township admin then sees the rejection and its reason, and nothing else", async () => {
    await registrant.reload();
    const result = registrant.locator(".ant-result-error");
    await expect.poll(() => result.textContent()).toContain(`${applicant.name}的注册未通过县级审核`);
    expect(await result.textContent()).toContain(`驳回理由：${reason}`);
    expect(await registrant.getByTestId("township-pending").count()).toBe(0);
    // The menu stays locked: no record pages for a township the county turned down.
    await registrant.getByRole("button", { name: "菜单" }).click();
    await registrant.locator(".ant-drawer-open").waitFor();
    expect(await registrant.getByRole("menuitem").count()).toBe(0);
    await registrant.keyboard.press("Escape");
    await snap(registrant, "township-rejected-phone");
  });

  it("the township admin corrects the code and sends it again; the county approves it", async () => {
    const corrected = "510722106";
    await registrant.getByRole("button", { name: "修改信息并重新提交" }).click();
    const code = registrant.getByLabel("乡镇区划代码（9 位）");
    // The form starts from what was registered.
    expect(await code.inputValue()).toBe(applicant.code);
    expect(await registrant.getByLabel("乡镇名称").inputValue()).toBe(applicant.name);
    await code.fill(corrected);
    await snap(registrant, "township-resubmit-phone");
    await registrant.getByRole("button", { name: "重新提交审核" }).click();
    await registrant.getByTestId("township-pending").waitFor();

    const page = await pageFor();
    await signIn(page, county.adminPhone, TEST_PASSWORD);
    await page.goto("/townships");
    const row = page.locator("tr", { hasText: applicant.name });
    await expect.poll(() => row.textContent()).toContain(corrected);
    expect(await row.textContent()).toContain("待审核");
    // The pending registration shows on the menu's badge.
    await expect.poll(() => page.getByTestId("pending-registrations").textContent()).toContain("1");
    await row.getByRole("button", { name: "审核通过" }).click();
    // Approving is confirmed, with the first month the township is assessed in (the next full month by default).
    const dialog = page.getByRole("dialog").filter({ hasText: "参评起始月" });
    await dialog.getByText("下一个完整月", { exact: false }).waitFor();
    await snap(page, "townships-approve-dialog");
    await dialog.getByRole("button", { name: "确认通过" }).click();
    await expect.poll(() => page.locator("tr", { hasText: applicant.name }).count()).toBe(0);
    await expect.poll(() => page.getByTestId("pending-registrations").count()).toBe(0);

    const api = await callerAs(services, county.adminPhone, TEST_PASSWORD);
    const active = await api.onboarding.listTownships({ status: "active" });
    const approved = active.find((t) => t.name === applicant.name);
    expect(approved).toMatchObject({ code: corrected, rejectReason: undefined });
    expect(approved?.memberFrom).toMatch(/^\d{4}-\d{2}$/);
    await registrant.reload();
    await expect.poll(() => registrant.getByTestId("township-pending").count()).toBe(0);
  });
});

describe("the township admin removes a staff member", () => {
  const staff = { name: "钱调解", phone: uniquePhone(), initial: "Initial#2026" };
  let admin: Page;
  let staffPage: Page;

  it("invites the staff member on 人员管理, who can sign in", async () => {
    admin = await pageFor();
    await signIn(admin, townshipAdmin.phone, TEST_PASSWORD);
    await admin.goto("/my/staff");
    await admin.getByRole("button", { name: "添加工作人员" }).click();
    const drawer = admin.locator(".ant-drawer-open");
    await drawer.getByLabel("姓名").fill(staff.name);
    await drawer.getByLabel("手机号（登录账号）").fill(staff.phone);
    await drawer.getByLabel("初始密码").fill(staff.initial);
    await drawer.getByRole("button", { name: /保\s?存/ }).click();
    const row = admin.locator("tr", { hasText: staff.name });
    await expect.poll(() => row.textContent()).toContain("在岗");
    expect(await row.textContent()).toContain(staff.phone);

    staffPage = await pageFor("phone");
    await signIn(staffPage, staff.phone, staff.initial);
    expect(await staffPage.getByTestId("current-user").textContent()).toContain(staff.name);
  });

  it("removes them: the list says so, their open session ends and they can no longer sign in", async () => {
    const row = admin.locator("tr", { hasText: staff.name });
    await row.getByRole("button", { name: /^移\s?除$/ }).click();
    await admin.getByText(`移除 ${staff.name}？其登录将立即失效`).waitFor();
    await admin
      .locator(".ant-popover")
      .getByRole("button", { name: /确\s?定|OK/ })
      .click();
    await expect.poll(() => row.textContent()).toContain("已移除");
    expect(await row.getByRole("button", { name: /^移\s?除$/ }).count()).toBe(0);
    await snap(admin, "township-staff-removed");

    // The page the staff member still has open is sent back to sign-in on its next call.
    await staffPage.reload();
    await expect.poll(() => new URL(staffPage.url()).pathname).toBe("/sign-in");

    // The same phone and password that worked a moment ago are now refused, in Chinese.
    const failure = await failSignIn(staffPage, staff.phone, staff.initial);
    await expect.poll(() => failure.textContent()).toContain("账号或密码错误");
    await snap(staffPage, "removed-staff-sign-in");

    const api = await callerAs(services, townshipAdmin.phone, TEST_PASSWORD);
    const members = await api.staff.list({ townshipId: township.id });
    expect(members.find((m) => m.phone === staff.phone)?.status).toBe("removed");
  });

  it("the removed member's phone is free again: invited anew, it signs in to a new account", async () => {
    const second = "Second#2026";
    await admin.getByRole("button", { name: "添加工作人员" }).click();
    const drawer = admin.locator(".ant-drawer-open");
    await drawer.getByLabel("姓名").fill(staff.name);
    await drawer.getByLabel("手机号（登录账号）").fill(staff.phone);
    await drawer.getByLabel("初始密码").fill(second);
    await drawer.getByRole("button", { name: /保\s?存/ }).click();
    const rows = admin.locator("tr", { hasText: staff.phone });
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.filter({ hasText: "在岗" }).count()).toBe(1);
    expect(await rows.filter({ hasText: "已移除" }).count()).toBe(1);
    await snap(admin, "township-staff-reinvited");

    await signIn(staffPage, staff.phone, second);
    expect(await staffPage.getByTestId("current-user").textContent()).toContain(staff.name);
    const members = await (await callerAs(services, townshipAdmin.phone, TEST_PASSWORD)).staff.list({
      townshipId: township.id,
    });
    const same = members.filter((m) => m.phone === staff.phone);
    expect(same.map((m) => m.status).sort()).toEqual(["active", "removed"]);
    expect(new Set(same.map((m) => m.userId)).size).toBe(2);
    expect(errors).toEqual([]);
  });
});
