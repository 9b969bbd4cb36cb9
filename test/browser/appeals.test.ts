import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../apps/api/src/services";
import { provisionUser } from "../../apps/api/src/testing/provisioning";
import { choose } from "./support/antd";
import { type Caller, callerAs } from "./support/api-caller";
import {
  type County,
  monthAndServerStart,
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
 * 申诉: a township appeals an indicator of a published month, one reviewer amends the score, a second
 * confirms it, and the correction the county publishes for the appeal shows on the public page as such.
 */
let browser: Browser;
let served: Served;
let services: Services;
let county: County;
let admin: Caller;
const errors: string[] = [];

const { month: MONTH, serverStart: SERVER_START } = monthAndServerStart();
const township = { id: "", name: "城关镇" };
const townshipAdmin = { name: "赵专干", phone: uniquePhone() };
const secondReviewer = { name: "周复核", phone: uniquePhone() };
const REASON = "本月已完成技防建设验收，人工评分未计入";

const pageFor = () => openPage(browser, served.url, errors);

beforeAll(async () => {
  const api = await startApi("appeals", { clockStart: SERVER_START });
  services = api.services;
  county = await seedCounty(services);
  const ids = await seedTwoTownships(services, county.id, {
    township: townshipAdmin,
    neighbour: { name: "吴专干", phone: uniquePhone() },
  });
  township.id = ids.townshipId;
  await provisionUser(services, {
    name: secondReviewer.name,
    phone: secondReviewer.phone,
    password: TEST_PASSWORD,
    role: "county_reviewer",
    countyId: county.id,
  });
  admin = await callerAs(services, county.adminPhone, TEST_PASSWORD);
  await admin.schemes.startFromModel({ year: Number(MONTH.slice(0, 4)), expectedVersion: 0 });
  // The month is finished on the server's clock, and published: appeals are open for 5 working days.
  await admin.league.publish({ period: MONTH });
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const okOf = (page: Page) =>
  page
    .locator(".ant-modal")
    .getByRole("button", { name: /确\s?定|OK|复核确认/ })
    .last();

describe("a township appeals, the county amends with two reviewers, the correction shows publicly", () => {
  it("the township admin appeals an indicator of the published month", async () => {
    const page = await pageFor();
    await signIn(page, townshipAdmin.phone, TEST_PASSWORD);
    await page.goto("/appeals");
    await choose(page, page.getByTestId("appeal-month"), MONTH);
    await page.getByTestId("appeal-window").getByText("申诉期至").waitFor();
    await choose(page, page.getByTestId("appeal-indicator"), "I10 ");
    await page.getByLabel("申诉理由").fill(REASON);
    await page.getByRole("button", { name: "提交申诉" }).click();
    await page.getByTestId("appeal-status-I10").getByText("待处理").waitFor();
    await snap(page, "appeals-township-filed");
  });

  it("one reviewer amends the score, a second reviewer confirms it", async () => {
    const first = await pageFor();
    await signIn(first, county.reviewerPhone, TEST_PASSWORD);
    await first.goto("/appeals");
    await first.getByRole("button", { name: /^处\s?理$/ }).click();
    await first.getByTestId("appeal-score").fill("6");
    await first.getByLabel("处理理由").fill("经核查验收材料齐全，更正为 6 分");
    await okOf(first).click();
    await first.getByTestId("appeal-status-I10").getByText("待第二名审核人员复核").waitFor();

    const second = await pageFor();
    await signIn(second, secondReviewer.phone, TEST_PASSWORD);
    await second.goto("/appeals");
    await second.getByRole("button", { name: "复核确认" }).click();
    await okOf(second).click();
    await second.locator(".ant-radio-button-wrapper", { hasText: "全部" }).click();
    await second.getByTestId("appeal-status-I10").getByText("更正得分").waitFor();
  });

  it("the county admin publishes the correction, choosing the appeal in the dialog; the public page marks it", async () => {
    const reviewerApi = await callerAs(services, county.reviewerPhone, TEST_PASSWORD);
    const [appeal] = await reviewerApi.appeals.queue({});
    if (!appeal) throw new Error("no appeal");
    expect(appeal.status).toBe("amended");

    const page = await pageFor();
    await signIn(page, county.adminPhone, TEST_PASSWORD);
    await page.goto(`/league?period=${MONTH}`);
    await page.getByRole("button", { name: "更正发布" }).click();
    const dialog = page.getByRole("dialog").filter({ hasText: "更正理由" });
    await choose(page, dialog.getByTestId("correction-appeal"), REASON);
    await dialog.getByLabel("更正理由").fill("申诉更正：技防建设验收评分");
    await dialog.getByRole("button", { name: /确\s?定|OK/ }).click();
    await page.getByText("已发布 第2版").waitFor();
    await snap(page, "appeals-correction-dialog-published");

    const versions = (await admin.league.published()).filter((p) => p.period === MONTH);
    const correction = versions.find((p) => p.version === 2);
    expect(correction).toMatchObject({ appealId: appeal.id });

    const pub = await pageFor();
    await pub.goto(`/public/${county.id}`);
    await pub.getByTestId("public-appeal-correction").waitFor();
    expect(await pub.getByTestId("public-appeal-correction").textContent()).toBe("申诉更正");
    await snap(pub, "appeals-public-correction");
    expect(errors).toEqual([]);
  });
});
