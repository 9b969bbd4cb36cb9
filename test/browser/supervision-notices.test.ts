import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../apps/api/src/services";
import { choose } from "./support/antd";
import { type Caller, callerAs } from "./support/api-caller";
import {
  type County,
  seedCounty,
  seedTwoTownships,
  startApi,
  TEST_PASSWORD,
  uniquePhone,
} from "./support/api-server";
import { launchBrowser, openPage } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

let browser: Browser;
let served: Served;
let services: Services;
let county: County;
let townshipApi: Caller;
const errors: string[] = [];

const township = { id: "", name: "城关镇" };
const townshipAdmin = { name: "赵专干", phone: uniquePhone() };
const TITLE = "核查城关镇十月矛盾纠纷台账";

const pageFor = () => openPage(browser, served.url, errors);

const drawerOf = (page: Page) => page.locator(".ant-drawer-open");
const rowOf = (page: Page) => page.locator("tr", { hasText: TITLE });

beforeAll(async () => {
  const api = await startApi("notices");
  services = api.services;
  county = await seedCounty(services);
  const ids = await seedTwoTownships(services, county.id, {
    township: townshipAdmin,
    neighbour: { name: "吴专干", phone: uniquePhone() },
  });
  township.id = ids.townshipId;
  townshipApi = await callerAs(services, townshipAdmin.phone, TEST_PASSWORD);
  await townshipApi.disputes.create({
    townshipId: township.id,
    requestId: "notices-browser-dispute",
    level: "blue",
    category: "邻里纠纷",
    partiesBrief: "张某与李某",
    reportedAt: new Date().toISOString(),
  });
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe("a 督办单 from the county to a township and back", () => {
  let reviewer: Page;
  let townshipPage: Page;

  it("the county reviewer issues a notice with a deadline in working days and the person responsible", async () => {
    reviewer = await pageFor();
    await signIn(reviewer, county.reviewerPhone, TEST_PASSWORD);
    await reviewer.goto("/notices");
    await reviewer.getByRole("button", { name: "下发督办单" }).click();
    const drawer = drawerOf(reviewer);
    // Nothing chosen: the form names what is missing, in Chinese.
    await drawer.getByRole("button", { name: "下发督办单" }).click();
    await drawer.getByText("请选择乡镇").waitFor();

    await choose(reviewer, drawer.getByTestId("notice-township"), township.name);
    await drawer.getByLabel("标题").fill(TITLE);
    await drawer.getByLabel("督办内容").fill("请于期限内核查台账，并说明逾期未办结纠纷的情况");
    await choose(reviewer, drawer.getByTestId("notice-responsible"), townshipAdmin.name);
    await drawer.getByRole("button", { name: "下发督办单" }).click();
    await reviewer.getByText(`已下发督办单「${TITLE}」`).waitFor();
    await rowOf(reviewer).getByText("待回复").waitFor();
    await expect.poll(() => rowOf(reviewer).locator("[data-light]").getAttribute("data-light")).toBe("green");
  });

  it("the township sees its notice with its light and replies with a record as evidence", async () => {
    townshipPage = await pageFor();
    await signIn(townshipPage, townshipAdmin.phone, TEST_PASSWORD);
    // Its home page shows its own lights, the new notice among those on time.
    await townshipPage.getByTestId("township-lights").waitFor();
    await expect
      .poll(() =>
        townshipPage.getByTestId("township-lights").locator('[data-light="green"]').first().textContent(),
      )
      .toMatch(/正常 [1-9]/);
    await townshipPage.goto("/notices");
    await expect
      .poll(() => rowOf(townshipPage).locator("[data-light]").getAttribute("data-light"))
      .toBe("green");
    // The bell says one unread notification; it leads to the notice, opened for a reply.
    await expect.poll(() => townshipPage.getByTestId("notification-count").textContent()).toContain("1");
    await townshipPage.getByRole("button", { name: "通知" }).click();
    await townshipPage.getByTestId("notification-list").getByText(`收到县级督办单「${TITLE}」`).click();
    await townshipPage.waitForURL(/\/notices\?id=/);
    const drawer = drawerOf(townshipPage);
    await drawer.getByText(townshipAdmin.name).first().waitFor();
    await drawer.getByLabel("回复内容").fill("已逐件核查，张某与李某纠纷已调解");
    await drawer.getByTestId("notice-evidence").click();
    await townshipPage.locator(".ant-select-item-option", { hasText: "张某与李某" }).click();
    await townshipPage.keyboard.press("Escape");
    await drawer.getByRole("button", { name: /^回\s?复$/ }).click();
    await townshipPage.getByText("已回复").first().waitFor();
    await rowOf(townshipPage).getByText("已回复待审核").waitFor();
    await expect.poll(() => townshipPage.getByTestId("notification-count").textContent()).not.toContain("1");
  });

  it("the county reads the reply and its evidence, and accepts it", async () => {
    await reviewer.reload();
    await rowOf(reviewer).getByText("已回复待审核").waitFor();
    await rowOf(reviewer)
      .getByRole("button", { name: /^查\s?看$/ })
      .click();
    const drawer = drawerOf(reviewer);
    await drawer.getByText("已逐件核查，张某与李某纠纷已调解").waitFor();
    await drawer.getByText(/^矛盾纠纷 /).waitFor();
    await drawer.getByRole("button", { name: /^办\s?结$/ }).click();
    await rowOf(reviewer).getByText("已办结").waitFor();

    const stored = await townshipApi.notices.townshipList({ townshipId: township.id });
    expect(stored.notices.map((n) => [n.title, n.status, n.replies.length])).toEqual([
      [TITLE, "accepted", 1],
    ]);
    expect(errors).toEqual([]);
  });
});
