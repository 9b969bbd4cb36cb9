import { eventLabel } from "@pingan/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../apps/api/src/services";
import { provisionUser } from "../../apps/api/src/testing/provisioning";
import { choose, pressUntilShown } from "./support/antd";
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

let browser: Browser;
let served: Served;
let services: Services;
let county: County;
const errors: string[] = [];

const pageFor = () => openPage(browser, served.url, errors);

/** The real month in CST (the township's page submits it), and the 2nd of the next month for the server. */
const { month: MONTH, serverStart: SERVER_START } = monthAndServerStart();
const LABEL = `${MONTH.slice(0, 4)}年${Number(MONTH.slice(5))}月`;

const township = { id: "", name: "城关镇" };
const neighbour = { id: "", name: "七里镇" };
const townshipAdmin = { name: "赵专干", phone: uniquePhone() };
/** The county's second reviewer: 双人复核 needs two different people. */
const secondReviewer = { name: "周复核", phone: uniquePhone() };
let reviewerApi: Caller;
let firstReviewer: Page | undefined;

/** The seeded reviewer (李审核), signed in once for both flows. */
async function firstReviewerPage(): Promise<Page> {
  if (!firstReviewer) {
    firstReviewer = await pageFor();
    await signIn(firstReviewer, county.reviewerPhone, TEST_PASSWORD);
  }
  return firstReviewer;
}

beforeAll(async () => {
  // As in the journey: the server lives on the 2nd of next month, so this month is finished and
  // still before the submission deadline (the 5th).
  const api = await startApi("review", { clockStart: SERVER_START });
  services = api.services;
  county = await seedCounty(services);
  const ids = await seedTwoTownships(services, county.id, {
    township: townshipAdmin,
    neighbour: { name: "吴专干", phone: uniquePhone() },
  });
  township.id = ids.townshipId;
  neighbour.id = ids.neighbourId;
  await provisionUser(services, {
    name: secondReviewer.name,
    phone: secondReviewer.phone,
    password: TEST_PASSWORD,
    role: "county_reviewer",
    countyId: county.id,
  });
  // The year's scheme is the model one; editing it is the scheme editor's test.
  const countyAdmin = await callerAs(services, county.adminPhone, TEST_PASSWORD);
  await countyAdmin.schemes.startFromModel({ year: Number(MONTH.slice(0, 4)), expectedVersion: 0 });
  reviewerApi = await callerAs(services, county.reviewerPhone, TEST_PASSWORD);
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const drawerOf = (page: Page) => page.locator(".ant-drawer-open");

/** Opens the township's month in the review queue and waits for its live score. */
async function openReview(page: Page) {
  await page.goto(`/review?month=${MONTH}`);
  await page.locator("tr", { hasText: township.name }).click();
  await drawerOf(page).getByText(`${township.name} · ${LABEL}填报审核`).waitFor();
  await drawerOf(page).getByTestId("review-total").waitFor();
}

/** Submits the month from the township's 本月得分 page. */
async function submitMonth(page: Page) {
  await page.getByRole("button", { name: `提交${LABEL}填报` }).click();
  await page
    .locator(".ant-popover")
    .getByRole("button", { name: /确\s?定|OK/ })
    .click();
  await expect.poll(() => page.getByTestId("submission-status").textContent()).toBe("待审核");
}

const formatted = (n: number) => n.toFixed(2);

describe("a reviewer returns a month with a reason, and the township submits again", () => {
  const reason = "重点人员走访记录缺少本月第三周的走访情况，请补充后重新提交";
  let townshipPage: Page;
  let reviewer: Page;

  it("the township submits its month", async () => {
    townshipPage = await pageFor();
    await signIn(townshipPage, townshipAdmin.phone, TEST_PASSWORD);
    await townshipPage.goto("/my/score");
    await townshipPage.getByText("逐项得分与失分原因").waitFor();
    await expect.poll(() => townshipPage.getByTestId("submission-status").textContent()).toBe("未提交");
    await submitMonth(townshipPage);
  });

  it("the reviewer returns it from the review queue, and must say why", async () => {
    reviewer = await firstReviewerPage();
    await openReview(reviewer);
    await drawerOf(reviewer)
      .getByRole("button", { name: /^退\s?回$/ })
      .click();
    const modal = reviewer.locator(".ant-modal").filter({ hasText: "退回乡镇" });
    await modal.getByLabel("退回理由").waitFor();
    await pressUntilShown(
      modal.getByRole("button", { name: /确\s?定|OK/ }),
      modal.getByText("请写明退回理由"),
    );
    await modal.getByLabel("退回理由").fill(reason);
    await modal.getByRole("button", { name: /确\s?定|OK/ }).click();
    await modal.waitFor({ state: "hidden" });
    // The drawer now tells the month was returned and why; no review buttons are left for it.
    await expect.poll(() => drawerOf(reviewer).textContent()).toContain("已退回");
    expect(await drawerOf(reviewer).textContent()).toContain(reason);
    expect(await drawerOf(reviewer).getByRole("button", { name: "审核通过" }).count()).toBe(0);
    await snap(reviewer, "review-returned");
    await reviewer.keyboard.press("Escape");
    await expect
      .poll(() => reviewer.locator("tr", { hasText: township.name }).textContent())
      .toContain("已退回");
  });

  it("the township sees it returned with the reason, and submits again", async () => {
    await townshipPage.reload();
    await expect.poll(() => townshipPage.getByTestId("submission-status").textContent()).toBe("已退回");
    const alert = townshipPage.locator(".ant-alert-error");
    expect(await alert.textContent()).toContain(`县级退回：${reason}`);
    await snap(townshipPage, "township-month-returned");
    await submitMonth(townshipPage);
    // Resubmitted: the reason is history, and the month cannot be submitted twice.
    expect(await townshipPage.locator(".ant-alert-error").count()).toBe(0);
    expect(await townshipPage.getByRole("button", { name: `提交${LABEL}填报` }).count()).toBe(0);

    const api = await reviewerApi.submissions.get({ townshipId: township.id, month: MONTH });
    expect(api.status).toBe("submitted");
    expect(api.returnReason ?? null).toBeNull();
    await reviewer.goto(`/review?month=${MONTH}`);
    await expect
      .poll(() => reviewer.locator("tr", { hasText: township.name }).textContent())
      .toContain("待审核");
  });
});

describe("manual scores and adjustments count only after a second reviewer confirms them", () => {
  const manualReason = "视频监控运行正常，平安村创建达标";
  const adjustmentReason = "获省综治委通报表扬（文件已核）";
  let first: Page;
  let second: Page;
  let before: { total: number; bonus: number };

  const preview = () => reviewerApi.submissions.preview({ townshipId: township.id, month: MONTH });

  it("the first reviewer enters a manual score and an adjustment, each with a reason", async () => {
    const p = await preview();
    before = { total: p.total, bonus: p.bonus };
    expect(p.indicators.find((i) => i.code === "I10")?.score).toBe(0);

    first = await firstReviewerPage();
    await openReview(first);
    const drawer = drawerOf(first);
    expect(await drawer.getByTestId("review-total").textContent()).toBe(formatted(before.total));

    await drawer.getByRole("button", { name: "人工评分" }).click();
    const manual = first.locator(".ant-modal").filter({ hasText: "评分理由" });
    await choose(first, manual.locator(".ant-select"), "I10 平安创建与技防建设");
    await manual.getByLabel("分数").fill("6");
    await pressUntilShown(
      manual.getByRole("button", { name: /确\s?定|OK/ }),
      manual.getByText("请写明评分理由"),
    );
    await manual.getByLabel("评分理由").fill(manualReason);
    await manual.getByRole("button", { name: /确\s?定|OK/ }).click();
    await manual.waitFor({ state: "hidden" });
    await drawer.getByText(`理由：${manualReason}`).waitFor();

    await drawer.getByRole("button", { name: "加减分调整" }).click();
    const adjust = first.locator(".ant-modal").filter({ hasText: "调整理由" });
    await choose(first, adjust.locator(".ant-select").nth(0), "I01 组织领导与责任落实");
    await choose(
      first,
      adjust.locator(".ant-select").nth(1),
      `${eventLabel("commended_province")}（每起 2 分）`,
    );
    await adjust.getByLabel("调整理由").fill(adjustmentReason);
    await adjust.getByRole("button", { name: /确\s?定|OK/ }).click();
    await adjust.waitFor({ state: "hidden" });
    await drawer.getByText(`理由：${adjustmentReason}`).waitFor();
  });

  it("they do not count yet, and the reviewer who entered them cannot confirm them", async () => {
    const drawer = drawerOf(first);
    // Both wait for someone else: no confirm button for one's own entries, and no approval yet.
    await expect.poll(() => drawer.getByText("待他人复核", { exact: true }).count()).toBe(2);
    expect(await drawer.getByRole("button", { name: "复核确认" }).count()).toBe(0);
    expect(await drawer.getByRole("button", { name: "审核通过" }).isDisabled()).toBe(true);
    await drawer.getByText("有人工评分或调整待第二名审核人员复核，复核后方可审核通过。").waitFor();
    await snap(first, "review-entries-pending");

    // The live score is still the one before the entries, in the drawer as in the API.
    expect(await drawer.getByTestId("review-total").textContent()).toBe(formatted(before.total));
    const p = await preview();
    expect(p.total).toBe(before.total);
    expect(p.indicators.find((i) => i.code === "I10")?.score).toBe(0);

    // Nor does the API let the same reviewer confirm behind the page's back.
    const s = await reviewerApi.submissions.get({ townshipId: township.id, month: MONTH });
    const entry = s.manualScores[0];
    expect(entry?.reason).toBe(manualReason);
    await expect(
      reviewerApi.submissions.confirmEntry({
        townshipId: township.id,
        month: MONTH,
        expectedVersion: s.version,
        entryId: entry?.id ?? "",
      }),
    ).rejects.toThrow(/另一名审核人员/);
  });

  it("a second reviewer confirms both, and the score and the league table change as the API says", async () => {
    second = await pageFor();
    await signIn(second, secondReviewer.phone, TEST_PASSWORD);
    await openReview(second);
    const drawer = drawerOf(second);
    const confirmButtons = drawer.getByRole("button", { name: "复核确认" });
    await expect.poll(() => confirmButtons.count()).toBe(2);
    await confirmButtons.first().click();
    await expect.poll(() => drawer.locator(".ant-tag", { hasText: /^已复核$/ }).count()).toBe(1);
    await confirmButtons.first().click();
    await expect.poll(() => drawer.locator(".ant-tag", { hasText: /^已复核$/ }).count()).toBe(2);
    expect(await confirmButtons.count()).toBe(0);

    // I10 is now 6 of 8, and the provincial commendation adds 2 bonus points.
    const p = await preview();
    expect(p.indicators.find((i) => i.code === "I10")?.score).toBe(6);
    expect(p.bonus).toBe(before.bonus + 2);
    expect(p.total).toBeCloseTo(before.total + 8, 2);
    await expect.poll(() => drawer.getByTestId("review-total").textContent()).toBe(formatted(p.total));
    const i10 = drawer.locator("tr", { hasText: "平安创建与技防建设" });
    expect(await i10.textContent()).toContain("6.00");
    await snap(second, "review-entries-confirmed");

    // The live league table puts 城关镇 ahead of its otherwise equal neighbour, with the API's numbers.
    await second.goto(`/league?period=${MONTH}`);
    await second.getByText(`示范县 ${LABEL}`).waitFor();
    const rows = second.locator(".ant-table-tbody tr.ant-table-row");
    const league = (await reviewerApi.league.compute({ period: MONTH })).table.rows;
    expect(league.map((r) => r.name)).toEqual([township.name, neighbour.name]);
    expect(league[0]?.total).toBe(p.total);
    await expect.poll(() => rows.count()).toBe(league.length);
    for (const [i, r] of league.entries()) {
      const cells = await rows.nth(i).locator("td").allTextContents();
      expect(cells[0]).toBe(String(r.rank));
      expect(cells[2]).toBe(r.name);
      expect(cells[3]).toBe(formatted(r.total));
    }
    await snap(second, "league-after-review");
  });

  it("with every entry confirmed, the month can be approved", async () => {
    await openReview(first);
    const approve = drawerOf(first).getByRole("button", { name: "审核通过" });
    expect(await approve.isDisabled()).toBe(false);
    await approve.click();
    await first
      .locator(".ant-popover")
      .getByRole("button", { name: /确\s?定|OK/ })
      .click();
    await expect
      .poll(() => first.locator("tr", { hasText: township.name }).textContent())
      .toContain("已审核");
    const s = await reviewerApi.submissions.get({ townshipId: township.id, month: MONTH });
    expect(s.status).toBe("approved");
    expect(errors).toEqual([]);
  });
});
