import { afterEach, describe, expect, it } from "vitest";
import CountiesPage from "../features/platform/counties-page";
import { cleanUp, FakeApiError, fakeApi, renderPage } from "../test-support/fake-api";
import { click, HAN, type Rendered, typeInto, waitFor } from "../test-support/render";
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

  it("shows the password policy's refusal next to the new password", async () => {
    const message = "「新密码」不能包含手机号";
    fakeApi({
      "auth.changePassword": () => {
        throw new FakeApiError(message, {
          code: "BAD_REQUEST",
          appCode: "INPUT.INVALID",
          fieldErrors: { newPassword: [message] },
        });
      },
    });
    view = await renderPage(<ChangePasswordPage required />, { role: "township_staff" });
    const inputs = view.container.querySelectorAll('input[type="password"]');
    await typeInto(inputs[0], "Initial-Pass1");
    await typeInto(inputs[1], "13800000000a");
    await typeInto(inputs[2], "13800000000a");
    await click(submit(view));
    const shown = await waitFor(() =>
      [...(view?.container.querySelectorAll(".ant-form-item-explain-error") ?? [])].find(
        (e) => e.textContent === message,
      ),
    );
    expect(shown.closest(".ant-form-item")?.textContent).toContain("新密码");
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
