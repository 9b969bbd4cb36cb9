import modelScheme from "@pingan/data/model-scheme.json";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerAs } from "./support/api-caller";
import {
  type County,
  seedCounty,
  seedTwoTownships,
  startApi,
  TEST_PASSWORD,
  uniquePhone,
} from "./support/api-server";
import { launchBrowser, newContext, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

/**
 * The two pages people arrive at cold (sign-in and a county's public table) are built without antd:
 * they must still work and read well on a phone.
 */
let browser: Browser;
let served: Served;
let county: County;
let ctx: BrowserContext;
let page: Page;
const errors: string[] = [];

/** Published, in this order, so that the API lists them with the quarter before October (by text). */
const PERIODS = ["2026-09", "2026-Q3", "2026-10"];

beforeAll(async () => {
  const api = await startApi("light-pages");
  county = await seedCounty(api.services);
  await seedTwoTownships(api.services, county.id, {
    township: { name: "城关镇管理员", phone: uniquePhone() },
    neighbour: { name: "七里镇管理员", phone: uniquePhone() },
  });
  const admin = await callerAs(api.services, county.adminPhone, TEST_PASSWORD);
  await admin.schemes.save({ year: 2026, expectedVersion: 0, scheme: modelScheme as never });
  for (const period of PERIODS) await admin.league.publish({ period });
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
  ctx = await newContext(browser, served.url, "phone");
  ctx.on("page", (p) => {
    p.on("pageerror", (e) => errors.push(e.message));
    p.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
  });
  page = await ctx.newPage();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe("the light sign-in and public pages on a phone", () => {
  it("signs in through the light form: required fields first, then into the app", async () => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => page.getByText("请填写").count()).toBe(2);
    await snap(page, "light-sign-in-phone");
    await signIn(page, county.adminPhone, TEST_PASSWORD);
    expect(await page.getByTestId("current-user").textContent()).toContain("王主任");
    // The favicon is a real file, not the app's page served in its place.
    const icon = await page.request.get("/favicon.svg");
    expect(icon.headers()["content-type"]).toBe("image/svg+xml");
  });

  it("opens the county's public page from the menu, on the newest period, with every 等次 in full", async () => {
    await page.getByRole("button", { name: "菜单" }).click();
    const [pub] = await Promise.all([ctx.waitForEvent("page"), page.getByText("公开排名页").click()]);
    await pub.waitForURL(`**/public/${county.id}`);
    const published = await fetch(
      `${served.url}/trpc/public.leagueTable?input=${encodeURIComponent(JSON.stringify({ countyId: county.id, period: "2026-10" }))}`,
    );
    const api = (
      (await published.json()) as { result: { data: { table: { rows: { name: string; grade: string }[] } } } }
    ).result.data;

    const select = pub.getByRole("combobox");
    await expect.poll(() => select.inputValue()).toBe("2026-10");
    expect(await select.locator("option").allTextContents()).toEqual([
      "2026年10月",
      "2026年9月",
      "2026年第三季度",
    ]);
    const rows = pub.getByTestId("public-league-table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(api.table.rows.length);
    expect(await rows.locator("td:nth-child(3)").allTextContents()).toEqual(
      api.table.rows.map((r) => r.name),
    );

    // Nothing sticks out of a 390 px screen: the page does not scroll sideways and no 等次 is cut off.
    expect(await pub.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    for (const [i, r] of api.table.rows.entries()) {
      const grade = rows.nth(i).locator("td:nth-child(5) .lt-tag").first();
      expect(await grade.textContent()).toBe(r.grade);
      const box = await grade.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    await snap(pub, "light-public-phone");

    // A township's detail names its indicators from the scheme, never by code alone.
    await rows.first().locator("a").click();
    const detail = pub.getByRole("dialog");
    await detail.getByTestId("public-indicators").waitFor();
    const text = (await detail.textContent()) ?? "";
    expect(text).toContain("考核细则：");
    expect(text).not.toMatch(/\bI0\d\b/);
    await snap(pub, "light-public-detail-phone");
    await detail.getByRole("button", { name: "关闭" }).click();
    await expect.poll(() => pub.getByRole("dialog").count()).toBe(0);

    // The language switch renames the periods, and choosing the quarter shows it.
    await pub.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => select.locator("option").allTextContents())
      .toEqual(["2026-10", "2026-09", "2026 Q3"]);
    await select.selectOption("2026-Q3");
    await expect.poll(() => pub.getByTestId("public-period").textContent()).toBe("2026 Q3");
    expect(errors).toEqual([]);
  });
});
