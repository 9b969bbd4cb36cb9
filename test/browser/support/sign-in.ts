import type { Page } from "playwright-core";

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("账号（手机号或电子邮箱）").fill(login);
  await page.getByLabel("密码").fill(password);
  await page
    .getByRole("button", { name: "登 录" })
    .or(page.getByRole("button", { name: "登录" }))
    .click();
  await page.getByTestId("current-user").waitFor();
}
