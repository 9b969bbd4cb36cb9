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
let townshipId = "";
let services: Awaited<ReturnType<typeof startApi>>["services"];
const adminPhone = uniquePhone();
const errors: string[] = [];

beforeAll(async () => {
  const api = await startApi("organisation");
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
  const person = (name: string, role: "township_admin" | "township_staff", phone = uniquePhone()) =>
    provisionUser(services, {
      name,
      phone,
      password: TEST_PASSWORD,
      role,
      countyId: county.id,
      townshipId,
    });
  await person("周镇长", "township_admin", adminPhone);
  for (const name of ["网格员甲", "网格员乙", "干部丙", "领导丁"]) await person(name, "township_staff");
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

const field = (page: Page, label: string) =>
  page.locator(".ant-drawer-open .ant-form-item", { hasText: label }).locator(".ant-select");
const save = (page: Page) =>
  page
    .locator(".ant-drawer-open")
    .getByRole("button", { name: /保\s?存/ })
    .click();

describe("the township's villages and grids, and who is behind the numbers", () => {
  it("a township admin sets up two villages with grids and people, and a dispute is filed under a grid", async () => {
    const page = await pageFor(adminPhone);
    await page.goto("/my/organisation");
    await page.getByRole("switch", { name: "领导丁 镇领导" }).click();
    await expect.poll(() => page.getByRole("switch", { name: "领导丁 镇领导" }).isChecked()).toBe(true);

    for (const [name, kind] of [
      ["东湖村", "村"],
      ["西山社区", "社区"],
    ] as const) {
      await page.getByRole("button", { name: "新增村（社区）" }).click();
      await page.getByLabel("村（社区）名称").fill(name);
      await page.locator(".ant-drawer-open label.ant-radio-button-wrapper", { hasText: kind }).click();
      await choose(page, field(page, "包村干部"), "干部丙");
      await choose(page, field(page, "包片领导"), "领导丁");
      await save(page);
      await page.getByTestId("villages-table").getByText(name).waitFor();
    }
    for (const [village, grid, worker] of [
      ["东湖村", "东湖一网格", "网格员甲"],
      ["西山社区", "西山一网格", "网格员乙"],
    ] as const) {
      await page.getByRole("button", { name: "新增网格" }).click();
      await choose(page, field(page, "所属村（社区）"), village);
      await page.getByLabel("网格名称").fill(grid);
      await choose(page, field(page, "网格员"), worker);
      await save(page);
      await page.getByTestId("grids-table").getByText(grid).waitFor();
    }
    const grids = page.getByTestId("grids-table");
    await expect
      .poll(() => grids.locator(".ant-table-row", { hasText: "东湖一网格" }).textContent())
      .toContain("网格员甲");
    const villages = page.getByTestId("villages-table");
    for (const name of ["东湖村", "西山社区"])
      expect(await villages.locator(".ant-table-row", { hasText: name }).textContent()).toContain("领导丁");
    await snap(page, "organisation-setup");

    await page.goto("/records/disputes");
    await page.getByRole("button", { name: "登记纠纷" }).click();
    await page.getByLabel("纠纷类别").fill("土地山林");
    await page.getByLabel("当事人简况").fill("两户因宅基地边界争议");
    await choose(page, field(page, "所属网格"), "东湖村 / 东湖一网格");
    await save(page);
    await page.getByTestId("dispute-item").first().waitFor();

    // Stored under the grid, with the grid's 网格员 as 责任人 (the chain), read back through the API.
    const api = await callerAs(services, adminPhone, TEST_PASSWORD);
    const org = await api.organisation.get({ townshipId });
    const grid = org.grids.find((g) => g.name === "东湖一网格");
    const [dispute] = (await api.disputes.list({ townshipId })).items;
    expect(dispute).toMatchObject({
      gridId: grid?.id,
      villageId: grid?.villageId,
      responsibleId: grid?.workerId,
    });
  });

  it("the county sees the month broken down by grid and responsible person", async () => {
    const page = await pageFor(county.adminPhone);
    await page.goto("/organisation");
    await choose(page, page.locator(".ant-select").first(), "东湖镇");
    const byGrid = page.getByTestId("breakdown-by-grid");
    const eastRow = byGrid.locator(".ant-table-row", { hasText: "东湖一网格" });
    await expect.poll(() => eastRow.textContent()).toContain("网格员甲");
    // Columns: grid, village, 网格员, open, overdue, unvisited.
    const cells = await eastRow.locator("td").allTextContents();
    // One open dispute, reported today: not overdue yet (the month is under way).
    expect(cells).toEqual(["东湖一网格", "东湖村", "网格员甲", "1", "0", "0"]);
    const westCells = await byGrid
      .locator(".ant-table-row", { hasText: "西山一网格" })
      .locator("td")
      .allTextContents();
    expect(westCells[3]).toBe("0");
    const byPerson = page.getByTestId("breakdown-by-responsible");
    const workerCells = await byPerson
      .locator(".ant-table-row", { hasText: "网格员甲" })
      .locator("td")
      .allTextContents();
    expect(workerCells.slice(0, 2)).toEqual(["网格员甲", "1"]);
    await snap(page, "organisation-county-breakdown");
    expect(errors).toEqual([]);
  });
});
