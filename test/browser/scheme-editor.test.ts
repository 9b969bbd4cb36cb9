import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCounty, startApi, TEST_PASSWORD } from "./support/api-server";
import { collectPageErrors, launchBrowser, newContext, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

let browser: Browser;
let served: Served;
let page: Page;
let errors: string[];

beforeAll(async () => {
  const api = await startApi("scheme");
  const county = await seedCounty(api.services);
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
  const ctx = await newContext(browser, served.url);
  page = await ctx.newPage();
  errors = collectPageErrors(page);
  await signIn(page, county.adminPhone, TEST_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const TARGET = '[data-path="indicators[1].base.target"]';

describe("scheme editor in the browser", () => {
  it("starts from the model scheme and rejects a ratio rule whose target is below its floor", async () => {
    await page.goto("/scheme");
    await expect.poll(() => page.getByTestId("scheme-status").textContent()).toBe("细则校验通过");
    await snap(page, "scheme-editor");

    await page.getByText("I02 矛盾纠纷化解成功率").click();
    await page.locator(`${TARGET} input`).fill("0.5");
    const error = page.locator(`${TARGET} .ant-form-item-explain-error`);
    await expect.poll(() => error.textContent()).toBe("满分线（0.5）必须高于零分线（0.8）");
    expect(await page.getByTestId("scheme-status").textContent()).toContain("细则有 1 处问题");
    await error.scrollIntoViewIfNeeded();
    await snap(page, "scheme-editor-error");
  });

  it("keeps the draft across a reload and exports it as JSON", async () => {
    await page.reload();
    await page.getByText("I02 矛盾纠纷化解成功率").click();
    await expect
      .poll(() => page.locator(`${TARGET} .ant-form-item-explain-error`).textContent())
      .toContain("0.5");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /导出 JSON/ }).click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path()) as string, "utf8")) as {
      indicators: { base: { target?: number } }[];
    };
    expect(exported.indicators[1]?.base.target).toBe(0.5);
  });

  it("shows the same error in English after the language switch, and clears it once fixed", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => page.locator(`${TARGET} .ant-form-item-explain-error`).textContent())
      .toBe("target (0.5) must be above floor (0.8)");
    await page.getByRole("button", { name: "中文" }).click();
    await page.locator(`${TARGET} input`).fill("0.95");
    await expect.poll(() => page.getByTestId("scheme-status").textContent()).toBe("细则校验通过");
    // antd fades the message out; it must be gone once the animation ends.
    await expect.poll(() => page.locator(`${TARGET} .ant-form-item-explain-error`).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
