import { afterEach, describe, expect, it } from "vitest";
import CountiesPage from "../features/platform/counties-page";
import { cleanUp, fakeApi, renderPage } from "../test-support/fake-api";
import { click, HAN, type Rendered, waitFor } from "../test-support/render";
import { ChangePasswordPage } from "./change-password-page";

let view: Rendered | undefined;
afterEach(() => cleanUp(view));

const submit = (v: Rendered | undefined) =>
  [...(v?.container.querySelectorAll("button") ?? [])].find((b) => b.type === "submit");

describe("the password change and the platform's counties in both languages", { timeout: 20_000 }, () => {
  it("asks for a new password in Chinese, with its checks next to the fields", async () => {
    fakeApi({});
    view = await renderPage(<ChangePasswordPage required />, { role: "township_staff" });
    const text = view.container.textContent ?? "";
    expect(text).toContain("首次登录请先将初始密码修改为只有您知道的密码。");
    expect(text).toContain("新密码（至少 8 位）");
    await click(submit(view));
    await waitFor(() => view?.container.textContent?.includes("请填写当前密码"));
  });

  it("asks the same in English, with no Chinese left", async () => {
    fakeApi({});
    view = await renderPage(<ChangePasswordPage required />, { role: "township_staff", locale: "en" });
    await click(submit(view));
    await waitFor(() => view?.container.textContent?.includes("Enter the current password"));
    const text = view.container.textContent ?? "";
    expect(text).toContain("replace the initial password");
    expect(text).not.toMatch(HAN);
  });

  it("lists counties for the platform operator in English", async () => {
    fakeApi({ "counties.list": [{ id: "c-1234567890", name: "Model County", code: "510722", version: 1 }] });
    view = await renderPage(<CountiesPage />, { role: "platform_admin", locale: "en" });
    await waitFor(() => view?.container.textContent?.includes("Model County"));
    const text = view.container.textContent ?? "";
    expect(text).toContain("Public page");
    expect(text).toContain("New county");
    expect(text).not.toMatch(HAN);
  });
});
