import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionTownship, provisionUser } from "../../apps/api/src/testing/provisioning";
import { choose } from "./support/antd";
import { callerAs } from "./support/api-caller";
import { type County, seedCounty, startApi, TEST_PASSWORD, uniquePhone } from "./support/api-server";
import { launchBrowser, openPage, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

let browser: Browser;
let served: Served;
let county: County;
let services: Awaited<ReturnType<typeof startApi>>["services"];
let townshipId = "";
const people: Record<string, string> = {};
const who = (name: string) => people[name] ?? "";
const adminPhone = uniquePhone();
const workerPhone = uniquePhone();
const errors: string[] = [];

beforeAll(async () => {
  const api = await startApi("three-three");
  services = api.services;
  county = await seedCounty(services);
  const township = await provisionTownship(services, county.id, {
    name: "东湖镇",
    code: "510722105",
    population: 18_000,
    villages: 2,
    grids: 2,
  });
  townshipId = township.id;
  const person = async (name: string, role: "township_admin" | "township_staff", phone = uniquePhone()) => {
    const user = await provisionUser(services, {
      name,
      phone,
      password: TEST_PASSWORD,
      role,
      countyId: county.id,
      townshipId,
    });
    people[name] = user.id;
  };
  await person("周镇长", "township_admin", adminPhone);
  await person("网格员甲", "township_staff", workerPhone);
  for (const name of ["网格员乙", "干部丙", "领导丁"]) await person(name, "township_staff");
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function pageFor(phone: string): Promise<Page> {
  const page = await openPage(browser, served.url, errors);
  // The machine running these is often shared: give slow pages as long as a patient person would.
  page.setDefaultTimeout(45_000);
  await signIn(page, phone, TEST_PASSWORD);
  return page;
}

const drawer = (page: Page) => page.locator(".ant-drawer-open");
const field = (page: Page, label: string) =>
  drawer(page).locator(".ant-form-item", { hasText: label }).locator(".ant-select");
const save = (page: Page) =>
  drawer(page)
    .getByRole("button", { name: /保\s?存/ })
    .click();

/** The grid worker registers a dispute in their grid and opens it. */
async function registerDispute(page: Page, category: string) {
  await page.getByRole("button", { name: "登记纠纷" }).click();
  await page.getByLabel("纠纷类别").fill(category);
  await page.getByLabel("当事人简况").fill(`${category}双方`);
  await choose(page, field(page, "所属网格"), "东湖村 / 东湖一网格");
  await save(page);
  const item = page.getByTestId("dispute-item").filter({ hasText: category });
  await item.waitFor();
  await item.click();
  await drawer(page).getByText("纠纷详情").waitFor();
}

/** Records mediation attempts in the open dispute's drawer, at its current level. */
async function attempts(page: Page, n: number) {
  const timeline = drawer(page).getByTestId("timeline-attempt");
  for (let i = 0; i < n; i++) {
    const before = await timeline.count();
    await drawer(page).getByRole("button", { name: "添加调解记录" }).click();
    await drawer(page)
      .getByLabel("调解人")
      .fill(`调解员${before + 1}`);
    await drawer(page).getByRole("button", { name: "保存调解记录" }).click();
    await expect.poll(() => timeline.count()).toBe(before + 1);
  }
}

/** Opens 上交升级 and asks for the next level with a reason; the dialog stays open if the API asks more. */
async function askEscalation(page: Page, reason: string) {
  await drawer(page).getByRole("button", { name: "上交升级" }).click();
  const dialog = page.locator(".ant-modal");
  await dialog.getByLabel("上交原因").fill(reason);
  await dialog.getByRole("button", { name: "上交升级" }).click();
  return dialog;
}

describe("三三调处: a dispute climbs from grid to village with three tries at each level", () => {
  it("a township admin sets up two villages with grids and their people", async () => {
    // The organisation page's own flow is organisation.test.ts; here the admin sets it up through the API.
    const admin = await callerAs(services, adminPhone, TEST_PASSWORD);
    let n = 0;
    const requestId = () => `req-three-three-${++n}`;
    await admin.organisation.setLeader({ townshipId, userId: who("领导丁"), leader: true });
    for (const [name, kind, grid, worker] of [
      ["东湖村", "village", "东湖一网格", who("网格员甲")],
      ["西山社区", "community", "西山一网格", who("网格员乙")],
    ] as const) {
      const village = await admin.organisation.createVillage({
        townshipId,
        requestId: requestId(),
        name,
        kind,
        cadreId: who("干部丙"),
        leaderId: who("领导丁"),
      });
      await admin.organisation.createGrid({
        townshipId,
        requestId: requestId(),
        villageId: village.id,
        name: grid,
        workerId: worker,
      });
    }
    const page = await pageFor(adminPhone);
    await page.goto("/my/organisation");
    const row = page.getByTestId("grids-table").locator(".ant-table-row", { hasText: "东湖一网格" });
    await expect.poll(() => row.textContent()).toContain("网格员甲");
  });

  it("the grid worker mediates three times at 网格, escalates to 村, mediates three times and closes", async () => {
    const page = await pageFor(workerPhone);
    await page.goto("/records/disputes");
    await registerDispute(page, "土地山林");
    await attempts(page, 3);
    const dialog = await askEscalation(page, "网格三次调处不成，上交村调委会");
    await dialog.waitFor({ state: "hidden" });
    const escalation = drawer(page).getByTestId("timeline-escalation");
    await expect.poll(() => escalation.textContent()).toContain("网格三次调处不成，上交村调委会");
    expect(await escalation.textContent()).toMatch(/蓝色.*黄色/);
    await attempts(page, 3);
    const levels = await drawer(page).getByTestId("timeline-attempt").locator(".ant-tag").allTextContents();
    expect(levels).toEqual(["蓝色层级", "蓝色层级", "蓝色层级", "黄色层级", "黄色层级", "黄色层级"]);
    // The escalation sits between the third and the fourth attempt in the timeline.
    const steps = await drawer(page)
      .locator("[data-testid=timeline-attempt], [data-testid=timeline-escalation]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")));
    expect(steps.indexOf("timeline-escalation")).toBe(3);

    await drawer(page)
      .getByRole("button", { name: /^办\s?结$/ })
      .click();
    await drawer(page).getByRole("button", { name: "确认办结" }).click();
    await expect.poll(() => drawer(page).textContent()).toContain("已办结 · 化解成功");
    expect(await drawer(page).getByTestId("dispute-shortfall").count()).toBe(0);
    await snap(page, "three-three-climbed");
  });

  it("escalating with one attempt asks to confirm the shortfall with a reason, and keeps it", async () => {
    const page = await pageFor(workerPhone);
    await page.goto("/records/disputes");
    await registerDispute(page, "邻里纠纷");
    await attempts(page, 1);
    const dialog = await askEscalation(page, "当事人要求村里处理");
    const alert = dialog.getByTestId("shortfall-alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      "三三调处：「调解层级」蓝色层级仅调解 1 次，少于每级至少 3 次的要求；如确需上交，请确认并填写原因",
    );
    await snap(page, "three-three-confirm");
    await dialog.getByLabel("调解次数不足的原因").fill("当事人拒绝再由网格调解");
    await dialog.getByRole("button", { name: "确认调解次数不足并继续" }).click();
    await dialog.waitFor({ state: "hidden" });
    const flagged = drawer(page).getByTestId("dispute-shortfall");
    await expect.poll(() => flagged.textContent()).toContain("蓝色层级调解 1 次（要求 3 次）");
    expect(await drawer(page).getByTestId("timeline-escalation").count()).toBe(1);
  });

  it("three tries at 村 later, escalating to red names the village's 包片领导 as the dispute's 包案领导", async () => {
    const page = await pageFor(workerPhone);
    await page.goto("/records/disputes");
    const item = page.getByTestId("dispute-item").filter({ hasText: "邻里纠纷" });
    await item.click();
    await drawer(page).getByText("纠纷详情").waitFor();
    await attempts(page, 3);
    await drawer(page).getByRole("button", { name: "上交升级" }).click();
    const dialog = page.locator(".ant-modal");
    // Red is the only level above yellow: the dialog asks for the 包案领导, preselected with 东湖村's 包片领导.
    const leader = dialog.locator(".ant-form-item", { hasText: "包案领导" }).locator(".ant-select");
    await expect.poll(() => leader.textContent()).toContain("领导丁");
    await dialog.getByLabel("上交原因").fill("村调委会三次调处不成，上交镇综治中心");
    await dialog.getByRole("button", { name: "上交升级" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => drawer(page).getByTestId("dispute-case-leader").textContent()).toBe("领导丁");
    const steps = drawer(page).getByTestId("timeline-escalation");
    await expect.poll(() => steps.count()).toBe(2);
    expect(await steps.nth(1).textContent()).toMatch(/黄色.*红色.*包案领导：领导丁/);
    await snap(page, "three-three-red");
  });

  it("the county sees the breakdown by grid and responsible person, with the shortfall", async () => {
    const page = await pageFor(county.adminPhone);
    await page.goto("/organisation");
    await choose(page, page.locator(".ant-select").first(), "东湖镇");
    const eastRow = page
      .getByTestId("breakdown-by-grid")
      .locator(".ant-table-row", { hasText: "东湖一网格" });
    await expect.poll(() => eastRow.textContent()).toContain("网格员甲");
    // Columns: grid, village, 网格员, open, overdue, unvisited: the closed dispute no longer open.
    expect(await eastRow.locator("td").allTextContents()).toEqual([
      "东湖一网格",
      "东湖村",
      "网格员甲",
      "1",
      "0",
      "0",
    ]);
    const workerRow = page
      .getByTestId("breakdown-by-responsible")
      .locator(".ant-table-row", { hasText: "网格员甲" });
    expect((await workerRow.locator("td").allTextContents()).slice(0, 2)).toEqual(["网格员甲", "1"]);
    const shortfalls = page.getByTestId("breakdown-shortfalls").locator(".ant-table-row");
    await expect.poll(() => shortfalls.count()).toBe(1);
    expect(await shortfalls.locator("td").allTextContents()).toEqual([
      "邻里纠纷",
      "上交升级",
      "1 / 3",
      "网格员甲",
      "当事人拒绝再由网格调解",
    ]);
    await page.getByText("三三调处不足（1）").waitFor();
    // The dispute escalated to red is held by its 包案领导: one open red case, no petition.
    const leaderRow = page.locator(".ant-table-row", { hasText: "领导丁" });
    expect(await leaderRow.locator("td").allTextContents()).toEqual(["领导丁", "1", "0"]);
    await snap(page, "three-three-county");
    expect(errors).toEqual([]);
  });
});
