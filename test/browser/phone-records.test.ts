import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionTownship, provisionUser } from "../../apps/api/src/testing/provisioning";
import { choose } from "./support/antd";
import { seedCounty, startApi, TEST_PASSWORD, uniquePhone } from "./support/api-server";
import { collectPageErrors, launchBrowser, newContext, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

let browser: Browser;
let served: Served;
let page: Page;
let errors: string[];

beforeAll(async () => {
  const api = await startApi("phone");
  const county = await seedCounty(api.services);
  const township = await provisionTownship(api.services, county.id, {
    name: "七里镇",
    code: "510722101",
    population: 20_000,
    villages: 12,
    grids: 40,
  });
  const phone = uniquePhone();
  await provisionUser(api.services, {
    name: "孙网格",
    phone,
    password: TEST_PASSWORD,
    role: "township_staff",
    countyId: county.id,
    townshipId: township.id,
  });
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
  page = await (await newContext(browser, served.url, "phone")).newPage();
  errors = collectPageErrors(page);
  await signIn(page, phone, TEST_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function save(p: Page, name: RegExp | string = /保\s?存/) {
  await p.getByRole("button", { name }).last().click();
}

describe("record entry on a 390 px phone", () => {
  it("fits the screen: no sideways scrolling, menu behind a button", async () => {
    await page.goto("/records/disputes");
    await page.getByRole("button", { name: "登记纠纷" }).waitFor();
    const width = await page.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "菜单" }).click();
    await page.getByRole("menuitem", { name: "信访" }).waitFor();
    await snap(page, "phone-menu");
    await page.keyboard.press("Escape");
  });

  it("enters a red dispute, two mediation attempts on its timeline, and closes it", async () => {
    await page.getByRole("button", { name: "登记纠纷" }).click();
    await page.locator("label.ant-radio-button-wrapper", { hasText: "红色" }).click();
    await page.getByLabel("纠纷类别").fill("土地山林");
    await page.getByLabel("当事人简况").fill("两村因山林权属争议");
    await snap(page, "phone-dispute-form");
    await save(page);
    await page.getByTestId("dispute-item").first().click();

    for (const [mediator, note] of [
      ["镇司法所", "第一次调解，双方各执一词"],
      ["镇综治中心", "第二次调解，初步达成意向"],
    ]) {
      await page.getByRole("button", { name: "添加调解记录" }).click();
      await page.getByLabel("调解人").fill(mediator ?? "");
      await page.getByLabel("调解情况").fill(note ?? "");
      await page.getByRole("button", { name: "保存调解记录" }).click();
      await page.getByRole("button", { name: "添加调解记录" }).waitFor();
    }
    const timeline = page.getByTestId("attempts-timeline");
    await expect.poll(() => timeline.locator(".ant-timeline-item").count()).toBe(2);
    expect(await timeline.textContent()).toContain("第2次");
    expect(await page.locator(".ant-drawer-open .ant-drawer-body").textContent()).toContain(
      "本级已调处 2 次",
    );
    await snap(page, "phone-dispute-timeline");

    await page.getByRole("button", { name: /^办\s?结$/ }).click();
    await page.getByRole("button", { name: "确认办结" }).click();
    await expect
      .poll(() => page.locator(".ant-drawer-open .ant-drawer-body").textContent())
      .toContain("已办结 · 化解成功");
    await page.locator(".ant-drawer-open .ant-drawer-close").click();
    await page.locator(".ant-drawer-open").waitFor({ state: "detached" });
    await page.locator(".ant-segmented-item", { hasText: "已办结" }).click();
    await expect.poll(() => page.getByTestId("dispute-item").count()).toBe(1);
  });

  it("enters a petition, a key person with a visit, and an event", async () => {
    await page.goto("/records/petitions");
    await page.getByRole("button", { name: "登记信访" }).click();
    await page.getByLabel("信访事项").fill("反映征地补偿标准");
    await page.getByLabel("信访人简况").fill("王某，本镇村民");
    await save(page);
    await expect
      .poll(() => page.locator(".item-list-row").first().textContent())
      .toContain("反映征地补偿标准");

    await page.goto("/records/key-persons");
    await page.getByRole("button", { name: "列管登记" }).click();
    await page.getByLabel("人员代称").fill("刘某");
    await page.getByLabel("人员类别").click();
    // 刑满释放人员: once a month in the model categories, so one visit is this month's due.
    await page.getByTitle("刑满释放人员").click();
    await save(page);
    await page.locator(".item-list-row", { hasText: "刘某" }).click();
    await page.getByRole("button", { name: "记录走访" }).click();
    await expect.poll(() => page.locator(".ant-drawer-body .ant-timeline-item").count()).toBe(1);
    await page.keyboard.press("Escape");
    await expect
      .poll(() => page.locator(".item-list-row", { hasText: "刘某" }).textContent())
      .toContain("本月已走访 1/1");
    await snap(page, "phone-key-persons");

    await page.goto("/records/events");
    await page.getByRole("button", { name: "登记事项" }).click();
    // The form's select (the list has a 按事项类型筛选 filter too), offering the county scheme's items by name.
    const kind = page.locator(".ant-form-item", { has: page.getByLabel("事项类型", { exact: true }) });
    await choose(page, kind.locator(".ant-select"), "综治例会");
    await save(page);
    await expect.poll(() => page.locator(".item-list-row").first().textContent()).toContain("综治例会");
    expect(errors).toEqual([]);
  });
});
