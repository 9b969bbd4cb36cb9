import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../apps/api/src/services";
import { anonymous } from "../../apps/api/src/testing/harness";
import { type Caller, callerAs } from "./support/api-caller";
import {
  type County,
  seedCounty,
  seedTwoTownships,
  startApi,
  TEST_PASSWORD,
  uniquePhone,
} from "./support/api-server";
import { launchBrowser, openPage, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

/**
 * The monthly cycle with a fixed server clock: 3 December 2026 (China time), when townships submit
 * November (「每月5日前提交上个月」). The month due is the server's, not the browser's.
 */
const SERVER_START = "2026-12-03T02:00:00Z";

let browser: Browser;
let served: Served;
let services: Services;
let county: County;
let countyAdmin: Caller;
const errors: string[] = [];
const townshipAdmin = { name: "赵专干", phone: uniquePhone() };
const joiner = {
  name: "新城镇",
  code: "510722109",
  admin: "孙专干",
  phone: uniquePhone(),
  password: "Xincheng#2026",
};
const ids = { township: "", neighbour: "", joiner: "" };

const pageFor = () => openPage(browser, served.url, errors);

beforeAll(async () => {
  const api = await startApi("monthly-cycle", { clockStart: SERVER_START });
  services = api.services;
  county = await seedCounty(services);
  const seeded = await seedTwoTownships(services, county.id, {
    township: townshipAdmin,
    neighbour: { name: "吴专干", phone: uniquePhone() },
  });
  ids.township = seeded.townshipId;
  ids.neighbour = seeded.neighbourId;
  countyAdmin = await callerAs(services, county.adminPhone, TEST_PASSWORD);
  await countyAdmin.schemes.startFromModel({ year: 2026, expectedVersion: 0 });
  // October is finished and published: it must open on its published version.
  await countyAdmin.league.publish({ period: "2026-10" });
  // A township registers on the 3rd and waits for the county's approval.
  const { joinCode } = await countyAdmin.onboarding.rotateJoinCode();
  const registered = await anonymous(services).onboarding.registerTownship({
    joinCode,
    township: { name: joiner.name, code: joiner.code, population: 15000, villages: 6, grids: 18 },
    admin: { name: joiner.admin, phone: joiner.phone, password: joiner.password },
  });
  ids.joiner = registered.townshipId;
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe("the monthly cycle on 3 December", () => {
  let tab: Page;

  it("a township opens on November, the month due, and submits it", async () => {
    tab = await pageFor();
    await signIn(tab, townshipAdmin.phone, TEST_PASSWORD);
    await tab.goto("/my/score");
    await expect.poll(() => tab.getByTestId("due-month").textContent()).toContain("当前应报送：2026年11月");
    await tab.getByText("2026年11月得分").waitFor();
    await tab.getByRole("button", { name: "提交2026年11月填报" }).click();
    await tab
      .locator(".ant-popover")
      .getByRole("button", { name: /确\s?定|OK/ })
      .click();
    await expect.poll(() => tab.getByTestId("submission-status").textContent()).toBe("待审核");
    await snap(tab, "cycle-township-due-month");
  });

  it("after sign-out the next person on that tab lands on their own home page", async () => {
    await tab.getByRole("button", { name: "退出登录" }).click();
    await tab.waitForURL(/\/sign-in/);
    await tab.getByLabel("账号（手机号或电子邮箱）").fill(county.reviewerPhone);
    await tab.getByLabel("密码").fill(TEST_PASSWORD);
    await tab
      .getByRole("button", { name: "登 录" })
      .or(tab.getByRole("button", { name: "登录" }))
      .click();
    await tab.getByTestId("current-user").waitFor();
    expect(new URL(tab.url()).pathname).not.toMatch(/^\/my\//);
    expect(await tab.getByTestId("current-user").textContent()).not.toContain(townshipAdmin.name);
  });

  it("the county's review queue opens on the same month and shows the submission", async () => {
    await tab.goto("/review");
    const row = tab.locator("tr", { hasText: "城关镇" });
    await expect.poll(() => row.textContent()).toContain("待审核");
    expect(await tab.getByLabel("月份").or(tab.getByLabel("审核月份")).first().inputValue()).toContain(
      "2026-11",
    );
    // The neighbour recorded nothing in November: the reviewers see it said.
    await expect
      .poll(() => tab.locator("tr", { hasText: "七里镇" }).textContent())
      .toContain("本月无任何记录");
    await snap(tab, "cycle-review-queue");
  });

  it("a township approved in December is absent from November's table", async () => {
    const admin = await pageFor();
    await signIn(admin, county.adminPhone, TEST_PASSWORD);
    await expect.poll(() => admin.getByTestId("pending-registrations").textContent()).toContain("1");
    await admin.goto("/townships");
    await admin.locator("tr", { hasText: joiner.name }).getByRole("button", { name: "审核通过" }).click();
    const dialog = admin.getByRole("dialog").filter({ hasText: "参评起始月" });
    await dialog.getByText("下一个完整月（2027-01）").waitFor();
    await dialog.getByText("加入当月（2026-12）").click();
    await snap(admin, "cycle-approve-dialog");
    await dialog.getByRole("button", { name: "确认通过" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(
      (await countyAdmin.onboarding.listTownships({ status: "active" })).find((t) => t.id === ids.joiner),
    ).toMatchObject({
      memberFrom: "2026-12",
    });

    await admin.goto("/league?period=2026-11");
    await admin.getByTestId("league-live").waitFor();
    await admin.locator(".ant-table-row", { hasText: "城关镇" }).waitFor();
    expect(await admin.locator(".ant-table-row", { hasText: joiner.name }).count()).toBe(0);
    // November is finished and unpublished: it may be published.
    await admin.getByRole("button", { name: "发布排名" }).waitFor();

    await admin.goto("/league?period=2026-12");
    await admin.locator(".ant-table-row", { hasText: joiner.name }).waitFor();
    // December is not over: no publishing.
    await admin.getByTestId("period-open").waitFor();
    expect(await admin.getByRole("button", { name: "发布排名" }).count()).toBe(0);
  });

  it("a published month opens on its published version; the live preview is a separate view", async () => {
    const admin = await pageFor();
    await signIn(admin, county.adminPhone, TEST_PASSWORD);
    await admin.goto("/league?period=2026-10");
    await expect.poll(() => admin.getByTestId("league-official").textContent()).toContain("已发布 第1版");
    await admin.locator(".ant-table-row", { hasText: "城关镇" }).waitFor();
    // The joiner was never part of October, published or live.
    expect(await admin.locator(".ant-table-row", { hasText: joiner.name }).count()).toBe(0);
    await snap(admin, "cycle-published-month");
    await admin.locator(".ant-segmented-item", { hasText: "实时预览" }).click();
    await admin.getByTestId("league-live").waitFor();
    expect(await admin.getByText("不是正式排名", { exact: false }).count()).toBeGreaterThan(0);
    // A correction identical to version 1 is refused, in Chinese.
    await admin.getByRole("button", { name: "更正发布" }).click();
    const dialog = admin.getByRole("dialog").filter({ hasText: "更正理由" });
    await dialog.getByLabel("更正理由").fill("复核无误");
    await dialog.getByRole("button", { name: /确\s?定|OK/ }).click();
    await admin.getByText("与第1版完全相同", { exact: false }).first().waitFor();
    expect((await countyAdmin.league.published()).filter((p) => p.period === "2026-10")).toHaveLength(1);
  });

  it("left no error in any page", () => {
    expect(errors).toEqual([]);
  });
});
