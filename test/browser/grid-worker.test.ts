import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionTownship, provisionUser } from "../../apps/api/src/testing/provisioning";
import { choose } from "./support/antd";
import { type Caller, callerAs } from "./support/api-caller";
import { type County, seedCounty, startApi, TEST_PASSWORD, uniquePhone } from "./support/api-server";
import { launchBrowser, openPage, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

let browser: Browser;
let served: Served;
let county: County;
let townshipId = "";
let services: Awaited<ReturnType<typeof startApi>>["services"];
let admin: Caller;
let workerId = "";
let gridId = "";
const adminPhone = uniquePhone();
const workerPhone = uniquePhone();
const errors: string[] = [];
const DAY = 24 * 3600_000;

beforeAll(async () => {
  const api = await startApi("grid-worker");
  services = api.services;
  county = await seedCounty(services);
  const township = await provisionTownship(services, county.id, {
    name: "东湖镇",
    code: "510722105",
    population: 18_000,
    villages: 1,
    grids: 2,
  });
  townshipId = township.id;
  const person = (name: string, role: "township_admin" | "township_staff", phone: string) =>
    provisionUser(services, { name, phone, password: TEST_PASSWORD, role, countyId: county.id, townshipId });
  await person("周镇长", "township_admin", adminPhone);
  await person("网格员甲", "township_staff", workerPhone);
  admin = await callerAs(services, adminPhone, TEST_PASSWORD);
  workerId = (await (await callerAs(services, workerPhone, TEST_PASSWORD)).auth.me()).id;

  // The structure and the records are the setup, not the point: through the API.
  const village = await admin.organisation.createVillage({
    townshipId,
    requestId: "gw-village-1",
    name: "东湖村",
  });
  const grid = await admin.organisation.createGrid({
    townshipId,
    requestId: "gw-grid-1",
    villageId: village.id,
    name: "东湖一网格",
    workerId,
  });
  gridId = grid.id;
  const other = await admin.organisation.createGrid({
    townshipId,
    requestId: "gw-grid-2",
    villageId: village.id,
    name: "东湖二网格",
  });
  // Blue disputes have 7 days: reported 10 days ago, both are past their deadline (red).
  const reportedAt = new Date(services.now().getTime() - 10 * DAY).toISOString();
  for (const [requestId, g, partiesBrief] of [
    ["gw-dispute-1", grid.id, "两户因宅基地边界争议"],
    ["gw-dispute-2", other.id, "邻居因噪音争吵"],
  ] as const)
    await admin.disputes.create({
      townshipId,
      requestId,
      level: "blue",
      category: "邻里纠纷",
      partiesBrief,
      reportedAt,
      gridId: g,
    });
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function pageFor(phone: string): Promise<Page> {
  const page = await openPage(browser, served.url, errors);
  await signIn(page, phone, TEST_PASSWORD);
  return page;
}

/** The antd select whose input is named `name` (its aria-label). */
const selectNamed = (page: Page, name: string) =>
  page.locator(".ant-select", { has: page.getByRole("combobox", { name, exact: true }) });

describe("a grid worker's home, and the county's board by grid", () => {
  it("the grid worker signs in to their grid's open dispute with its light, and records a petition in the grid", async () => {
    const page = await pageFor(workerPhone);
    const grid = page.getByTestId("my-grid");
    await grid.waitFor();
    expect(await grid.count()).toBe(1);
    expect(await grid.locator(".ant-card-head").textContent()).toContain("东湖村 / 东湖一网格");
    const disputes = grid.getByTestId("my-grid-dispute");
    await expect.poll(() => disputes.count()).toBe(1);
    expect(await disputes.textContent()).toContain("两户因宅基地边界争议");
    expect(await disputes.locator("[data-light]").getAttribute("data-light")).toBe("red");
    // Another grid's dispute is not on this worker's home.
    expect(await page.getByTestId("my-grids").textContent()).not.toContain("邻居因噪音争吵");
    await snap(page, "grid-worker-home");

    // The quick link opens the petition form with the grid already chosen.
    await grid.getByRole("link", { name: "登记信访" }).click();
    const drawer = page.locator(".ant-drawer-open");
    await drawer.waitFor();
    const gridField = drawer.locator(".ant-form-item", { hasText: "所属网格" }).locator(".ant-select");
    await expect.poll(() => gridField.textContent()).toContain("东湖村 / 东湖一网格");
    await drawer.getByLabel("信访事项").fill("宅基地确权");
    await drawer.getByLabel("信访人简况").fill("本村村民一人");
    await drawer.getByRole("button", { name: /保\s?存/ }).click();
    await drawer.waitFor({ state: "detached" });

    // Stored under the grid with its 网格员 as 责任人, and listed by the page's grid filter.
    const [petition] = (await admin.petitions.list({ townshipId })).items;
    expect(petition).toMatchObject({ subject: "宅基地确权", gridId, responsibleId: workerId });
    await page.getByText("宅基地确权").waitFor();
    await choose(page, selectNamed(page, "所属网格"), "东湖二网格");
    await expect.poll(() => page.getByText("宅基地确权").count()).toBe(0);
    await choose(page, selectNamed(page, "所属网格"), "东湖一网格");
    await page.getByText("宅基地确权").waitFor();

    // Back home, the petition is the grid's open petition.
    await page.goto("/my/score");
    await expect.poll(() => page.getByTestId("my-grid-petition").textContent()).toContain("宅基地确权");
  });

  it("the county filters the board by that grid and sees the dispute", async () => {
    const page = await pageFor(county.adminPhone);
    await page.goto("/supervision");
    await page.getByRole("heading", { name: "督办看板" }).waitFor();
    await snap(page, "grid-worker-county-board-all");
    const rows = page.getByTestId("supervision-disputes").locator(".ant-table-row");
    // Both grids' red disputes (blue, reported 10 days ago) before any filter.
    await expect
      .poll(() => rows.count(), { timeout: 30_000, message: `page errors: ${errors.join("; ")}` })
      .toBe(2);
    await choose(page, selectNamed(page, "乡镇"), "东湖镇");
    await choose(page, selectNamed(page, "网格"), "东湖一网格");
    await expect.poll(() => rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain("两户因宅基地边界争议");
    expect(row).toContain("超时");
    expect(row).toContain("网格员甲");
    expect(row).not.toContain("邻居因噪音争吵");
    await snap(page, "grid-worker-county-board");
    expect(errors).toEqual([]);
  });
});
