import { afterEach, describe, expect, it } from "vitest";
import { cleanUp, FakeApiError, fakeApi, renderPage } from "../../test-support/fake-api";
import { click, type Rendered, typeInto, waitFor } from "../../test-support/render";
import UsersPage, { generatePassword } from "./users-page";

let view: Rendered | undefined;
afterEach(() => cleanUp(view));

const OLD = "2026-01-05T01:00:00.000Z";
const RECENT = new Date(Date.now() - 2 * 86_400_000).toISOString();
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const USERS = [
  { userId: "u1", name: "王主任", phone: "13800000001", role: "county_admin", status: "active", since: OLD },
  {
    userId: "u2",
    name: "李审核",
    phone: "13800000002",
    role: "county_reviewer",
    status: "active",
    since: RECENT,
  },
  {
    userId: "u0",
    name: "张离任",
    phone: "13800000009",
    role: "county_reviewer",
    status: "removed",
    since: OLD,
  },
];

type AddInput = { name: string; phone: string; email?: string; role: string; initialPassword: string };

function api(addUser: (input: AddInput) => unknown = () => ({ userId: "u3" })) {
  return fakeApi({ "counties.listUsers": () => USERS, "counties.addUser": addUser });
}

const button = (text: string) =>
  [...document.querySelectorAll("button")].find((b) => b.textContent?.replace(/\s/g, "") === text);
const drawerInput = (id: string) => document.querySelector<HTMLInputElement>(`.ant-drawer #${id}`);
const fieldError = (testId: string) =>
  document.querySelector(`.ant-drawer [data-testid="${testId}"] .ant-form-item-explain-error`);

async function fillForm(values: { name: string; phone: string }) {
  await click(button("添加县级用户"));
  await typeInto(await waitFor(() => drawerInput("name")), values.name);
  await typeInto(drawerInput("phone"), values.phone);
}

// Whole pages render slowly in happy-dom when the machine is busy.
describe("UsersPage", { timeout: 20_000 }, () => {
  it("lists the county's users with their roles in Chinese", async () => {
    api();
    view = await renderPage(<UsersPage />, { role: "county_admin" });
    await waitFor(() => view?.container.textContent?.includes("李审核"));
    const rows = [...view.container.querySelectorAll("tbody tr.ant-table-row")].map((r) => r.textContent);
    // A county user added in the last 30 days is flagged, with the day it joined (双人复核 by one person).
    expect(rows).toEqual([
      "王主任13800000001县级管理员在岗2026-01-05",
      `李审核13800000002县级审核员在岗${chinaDay(RECENT)}新增复核员`,
      "张离任13800000009县级审核员已停用2026-01-05",
    ]);
  });

  it("checks the phone next to the field before calling the API", async () => {
    const calls = api();
    view = await renderPage(<UsersPage />, { role: "county_admin" });
    await fillForm({ name: "赵六", phone: "12345" });
    await click(button("保存"));
    const error = await waitFor(() => fieldError("field-phone"));
    expect(error.textContent).toBe("手机号应为 11 位数字，以 1 开头");
    expect(calls.some((c) => c.path === "counties.addUser")).toBe(false);
  });

  it("puts a duplicate phone next to the phone field", async () => {
    api(() => {
      throw new FakeApiError("该手机号已被注册", {
        code: "CONFLICT",
        appCode: "DUPLICATE",
        fieldErrors: { phone: ["该手机号已被注册"] },
      });
    });
    view = await renderPage(<UsersPage />, { role: "county_admin" });
    await fillForm({ name: "赵六", phone: "13800000000" });
    await click(button("保存"));
    const error = await waitFor(() => fieldError("field-phone"));
    expect(error.textContent).toBe("该手机号已被注册");
  });

  it("adds a reviewer with a generated password and shows the account and password to pass on", async () => {
    const added: AddInput[] = [];
    api((input) => {
      added.push(input);
      return { userId: "u3" };
    });
    view = await renderPage(<UsersPage />, { role: "county_admin" });
    await fillForm({ name: "赵六", phone: "13800000000" });
    const password = drawerInput("initialPassword")?.value ?? "";
    expect(password).toMatch(/^[A-Za-z2-9]{10}$/);
    await click(button("保存"));
    const shown = await waitFor(() => document.querySelector('[data-testid="added-user"]'));
    expect(added).toEqual([
      { name: "赵六", phone: "13800000000", role: "county_reviewer", initialPassword: password },
    ]);
    expect(shown.textContent).toContain("县级审核员");
    expect(shown.textContent).toContain("13800000000");
    expect(shown.textContent).toContain(password);
    expect(shown.textContent).toContain("首次登录须修改密码");
    expect(document.querySelector(".ant-modal-title")?.textContent).toBe("已添加 赵六");
  });

  it("speaks English after the switch", async () => {
    api(() => {
      throw new FakeApiError("该电子邮箱已被注册", {
        code: "CONFLICT",
        appCode: "DUPLICATE",
        fieldErrors: { email: ["该电子邮箱已被注册"] },
      });
    });
    view = await renderPage(<UsersPage />, { role: "county_admin", locale: "en" });
    await waitFor(() => view?.container.textContent?.includes("李审核"));
    const text = view.container.textContent ?? "";
    expect(text).toContain("County users");
    expect(text).toContain("County reviewer");
    expect(text).toContain("13800000002");
    expect(text).toContain("Active");
    expect(text).not.toMatch(/县级|在岗/);
    await click(button("Addacountyuser"));
    await typeInto(await waitFor(() => drawerInput("name")), "Zhao");
    await typeInto(drawerInput("phone"), "13800000000");
    await typeInto(drawerInput("email"), "zhao@example.cn");
    await click(button("Save"));
    const error = await waitFor(() => fieldError("field-email"));
    expect(error.textContent).toBe("This e-mail is already registered");
  });

  it("generates passwords long enough for the API's rule", () => {
    for (let i = 0; i < 20; i++) expect(generatePassword().length).toBeGreaterThanOrEqual(8);
  });
});
