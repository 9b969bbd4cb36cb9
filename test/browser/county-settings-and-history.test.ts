import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../apps/api/src/services";
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

let browser: Browser;
let served: Served;
let services: Services;
let county: County;
let countyApi: Caller;
let admin: Page;
const errors: string[] = [];

/** A fresh browser context (its own signed-in person) and a page in it. */
const pageFor = () => openPage(browser, served.url, errors);

/** The real month in CST, and the 2nd of the next month for the server, so this month can be published. */
const { month: MONTH, serverStart: SERVER_START } = monthAndServerStart();
const YEAR = Number(MONTH.slice(0, 4));
const LABEL = `${YEAR}年${Number(MONTH.slice(5))}月`;

const township = { id: "", name: "城关镇" };
const neighbour = { id: "", name: "七里镇" };
const townshipAdmin = { name: "赵专干", phone: uniquePhone() };
const neighbourAdmin = { name: "吴专干", phone: uniquePhone() };

beforeAll(async () => {
  const api = await startApi("county-settings", { clockStart: SERVER_START });
  services = api.services;
  county = await seedCounty(services);
  const ids = await seedTwoTownships(services, county.id, {
    township: townshipAdmin,
    neighbour: neighbourAdmin,
  });
  township.id = ids.townshipId;
  neighbour.id = ids.neighbourId;
  countyApi = await callerAs(services, county.adminPhone, TEST_PASSWORD);
  // The year's scheme is the model one (version 1): the league needs it and /scheme exports it.
  await countyApi.schemes.startFromModel({ year: YEAR, expectedVersion: 0 });
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
  admin = await pageFor();
  await signIn(admin, county.adminPhone, TEST_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** Every run of Han characters in a text, after removing the given user data (names the app shows as is). */
function hanIn(text: string, userData: readonly string[]): string[] {
  const rest = userData.reduce((t, d) => t.split(d).join(" "), text);
  return rest.match(/\p{Script=Han}+/gu) ?? [];
}

/**
 * Switches the header's language button to English, waits for the page's heading in English, reads
 * what `read` wants, saves a screenshot and switches back to Chinese before anything is asserted, so a
 * failure leaves the next test a Chinese page. Returns the Han text left in the frame (menu, header,
 * page) once the user data and the switch's own label (中文, named in its language) are taken out.
 */
async function inEnglish<T>(
  page: Page,
  headings: { en: string; zh: string },
  userData: readonly string[],
  shot: string,
  read: () => Promise<T>,
): Promise<{ han: string[]; read: T }> {
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: headings.en, exact: true }).waitFor();
  const toChinese = page.getByRole("button", { name: "中文" });
  try {
    const frame = (await page.locator(".ant-layout").first().textContent()) ?? "";
    const han = hanIn(frame, [...userData, "中文"]);
    const values = await read();
    await snap(page, shot);
    return { han, read: values };
  } finally {
    await toChinese.click();
    await page.getByRole("heading", { name: headings.zh, exact: true }).waitFor();
  }
}

describe("县级设置: the submission deadline day", () => {
  const field = () => admin.locator('[data-testid="deadline-day"]');

  it("shows the default day 5 and refuses 31 next to the field", async () => {
    await admin.goto("/settings");
    await admin.getByRole("heading", { name: "县级设置" }).waitFor();
    await expect
      .poll(() => admin.getByTestId("deadline-current").textContent())
      .toBe("当前截止日：每月 5 日");
    expect(await field().locator("input").inputValue()).toBe("5");
    expect(await admin.getByText(`本县（区）：${county.name}（510722）`).count()).toBe(1);

    await field().locator("input").fill("31");
    await admin
      .getByTestId("deadline-card")
      .getByRole("button", { name: /^保\s?存$/ })
      .click();
    await expect
      .poll(() => field().locator(".ant-form-item-explain-error").textContent())
      .toBe("截止日应为 1 到 28 之间的整数");
    await snap(admin, "county-settings-error");
    expect((await countyApi.counties.mine()).submissionDeadlineDay).toBe(5);
  });

  it("saves 10: the API returns it and the page shows it after a reload", async () => {
    await field().locator("input").fill("10");
    await admin
      .getByTestId("deadline-card")
      .getByRole("button", { name: /^保\s?存$/ })
      .click();
    await admin.getByText("截止日已设为每月 10 日").waitFor();
    await expect.poll(async () => (await countyApi.counties.mine()).submissionDeadlineDay).toBe(10);

    await admin.reload();
    await expect
      .poll(() => admin.getByTestId("deadline-current").textContent())
      .toBe("当前截止日：每月 10 日");
    expect(await field().locator("input").inputValue()).toBe("10");
    expect(await admin.getByTestId("deadline-explain").textContent()).toContain("每月 10 日");
    await snap(admin, "county-settings");
  });

  it("reads in English after the language switch, and back in Chinese", async () => {
    const en = await inEnglish(
      admin,
      { en: "County settings", zh: "县级设置" },
      [county.name, "王主任"],
      "county-settings-en",
      () => admin.getByTestId("deadline-current").textContent(),
    );
    expect(en.han).toEqual([]);
    expect(en.read).toBe("Current deadline: day 10");
    expect(await admin.getByTestId("deadline-current").textContent()).toBe("当前截止日：每月 10 日");
  });
});

describe("县级用户: the county admin adds a reviewer", () => {
  const reviewer = { name: "郑审核", phone: uniquePhone(), own: "Zhengshenhe#2026" };
  let initialPassword = "";

  it("adds the reviewer; the dialog shows the account and the initial password", async () => {
    await admin.goto("/users");
    await admin.getByRole("heading", { name: "县级用户" }).waitFor();
    await expect.poll(() => admin.locator("tr", { hasText: "李审核" }).count()).toBe(1);
    await admin.getByRole("button", { name: "添加县级用户" }).click();
    const drawer = admin.locator(".ant-drawer-open");
    await drawer.getByLabel("姓名").fill(reviewer.name);
    await drawer.getByLabel("手机号（登录账号）").fill(reviewer.phone);
    // The role starts as reviewer; the initial password is generated, readable over the phone.
    expect(await drawer.getByRole("radio", { name: "县级审核员" }).isChecked()).toBe(true);
    initialPassword = await drawer.locator("input#initialPassword").inputValue();
    expect(initialPassword).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{10}$/);
    await drawer.getByRole("button", { name: /^保\s?存$/ }).click();

    const dialog = admin.getByRole("dialog").filter({ hasText: `已添加 ${reviewer.name}` });
    const added = dialog.getByTestId("added-user");
    await expect.poll(() => added.textContent()).toContain(reviewer.phone);
    expect(await added.locator("code").textContent()).toBe(initialPassword);
    expect(await added.textContent()).toContain("县级审核员");
    await snap(admin, "county-users-added");
    await dialog.getByRole("button", { name: "我已告知" }).click();

    const row = admin.locator("tr", { hasText: reviewer.name });
    await expect.poll(() => row.textContent()).toContain(reviewer.phone);
    expect(await row.textContent()).toContain("县级审核员");
    const listed = await countyApi.counties.listUsers();
    expect(listed.find((u) => u.phone === reviewer.phone)).toMatchObject({
      name: reviewer.name,
      role: "county_reviewer",
    });
    await snap(admin, "county-users");
  });

  it("the new reviewer must change the initial password first, then reaches the review queue", async () => {
    const page = await pageFor();
    await signIn(page, reviewer.phone, initialPassword);
    await page.getByText("首次登录请先将初始密码修改为只有您知道的密码。").waitFor();
    // Nothing else is open until the password is changed: no menu, no review queue.
    expect(await page.getByRole("menuitem").count()).toBe(0);
    expect(await page.getByRole("heading", { name: "审核队列" }).count()).toBe(0);
    await snap(page, "county-reviewer-change-password");

    await page.getByLabel("当前密码").fill(initialPassword);
    await page.getByLabel("新密码（至少 8 位）").fill(reviewer.own);
    await page.getByLabel("再次输入新密码").fill(reviewer.own);
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.getByRole("heading", { name: "审核队列" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/review");
    expect(await page.getByRole("menuitem", { name: "审核队列" }).count()).toBe(1);
    await snap(page, "county-reviewer-review-queue");

    // The API agrees: the own password signs in, the initial one no longer does.
    const me = await (await callerAs(services, reviewer.phone, reviewer.own)).auth.me();
    expect(me.mustChangePassword).not.toBe(true);
    await expect(callerAs(services, reviewer.phone, initialPassword)).rejects.toThrow();
  });

  it("adding the same phone again is refused next to the phone field", async () => {
    await admin.getByRole("button", { name: "添加县级用户" }).click();
    const drawer = admin.locator(".ant-drawer-open");
    await drawer.getByLabel("姓名").fill("郑审核二");
    await drawer.getByLabel("手机号（登录账号）").fill(reviewer.phone);
    await drawer.getByRole("button", { name: /^保\s?存$/ }).click();
    await expect
      .poll(() => drawer.locator('[data-testid="field-phone"] .ant-form-item-explain-error').textContent())
      .toBe("该手机号已被注册");
    await snap(admin, "county-users-duplicate");
    await drawer.getByRole("button", { name: /^取\s?消$/ }).click();
    await admin.locator(".ant-drawer-open").waitFor({ state: "detached" });
    const same = (await countyApi.counties.listUsers()).filter((u) => u.phone === reviewer.phone);
    expect(same).toHaveLength(1);
  });

  it("reads in English after the language switch, and back in Chinese", async () => {
    const en = await inEnglish(
      admin,
      { en: "County users", zh: "县级用户" },
      ["王主任", "李审核", reviewer.name],
      "county-users-en",
      () => admin.locator("tr", { hasText: reviewer.name }).textContent(),
    );
    expect(en.han).toEqual([]);
    expect(en.read).toContain("County reviewer");
    expect(en.read).toContain("Active");
  });
});

describe("历次排名: a township sees the month the county published", () => {
  type Row = { townshipId: string; rank: number; total: number; grade: string };
  let ours: Row;
  let page: Page;

  it("the county publishes the finished month through the API", async () => {
    // Only the neighbour holds its monthly meeting, so the two townships do not tie.
    const neighbourApi = await callerAs(services, neighbourAdmin.phone, TEST_PASSWORD);
    await neighbourApi.events.create({
      townshipId: neighbour.id,
      requestId: "settings-history-meeting",
      kind: "monthly_meeting",
      occurredAt: `${MONTH}-01T10:00:00+08:00`,
    });
    const published = await countyApi.league.publish({ period: MONTH });
    expect(published.version).toBe(1);
    const rows = (await countyApi.league.get({ period: MONTH })).table.rows as Row[];
    expect(rows).toHaveLength(2);
    ours = rows.find((r) => r.townshipId === township.id) as Row;
    // Behind the neighbour, so the page cannot pass by showing a default first place.
    expect(ours.rank).toBe(2);
  });

  it("the township admin's 历次排名 shows the API's rank and total for the month", async () => {
    page = await pageFor();
    await signIn(page, townshipAdmin.phone, TEST_PASSWORD);
    await page.goto("/my/ranks");
    await page.getByRole("heading", { name: "历次排名" }).waitFor();
    const row = page.locator(".ant-table-tbody tr.ant-table-row", { hasText: LABEL });
    await row.waitFor();
    expect(await page.locator(".ant-table-tbody tr.ant-table-row").count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe(`${LABEL}月度`);
    expect(cells[1]).toBe(`第 ${ours.rank} 名 / 共 2 个`);
    expect(cells[3]).toBe(ours.total.toFixed(2));
    expect(cells[4]).toContain(ours.grade);
    expect(cells[5]).toBe("第 1 版");
    await snap(page, "township-rank-history");
  });

  it("reads in English after the language switch, and back in Chinese", async () => {
    const en = await inEnglish(
      page,
      { en: "Rank history", zh: "历次排名" },
      [townshipAdmin.name, ours.grade],
      "township-rank-history-en",
      () => page.locator(".ant-table-tbody tr.ant-table-row").first().locator("td").allTextContents(),
    );
    expect(en.han).toEqual([]);
    expect(en.read[0]).toBe(`${MONTH}Month`);
    expect(en.read[1]).toBe(`${ours.rank} of 2`);
  });
});

describe("考核细则: the saved scheme as a file, and a broken file refused", () => {
  const io = () => admin.getByTestId("scheme-io");
  type SchemeFile = { year: number; version: number; indicators: Record<string, unknown>[] } & Record<
    string,
    unknown
  >;
  let saved: SchemeFile;

  async function upload(name: string, body: unknown) {
    await io()
      .locator('input[type="file"]')
      .setInputFiles({
        name,
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(body, null, 2)),
      });
  }

  it("downloads the saved version as the API exports it", async () => {
    await admin.goto("/scheme");
    await choose(admin, io().locator(".ant-select"), `${YEAR}年度`);
    await expect.poll(() => admin.getByTestId("scheme-io-version").textContent()).toBe("已保存第 1 版");
    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      io()
        .getByRole("button", { name: /下载已保存版本/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe(`考核细则-${YEAR}-v1.json`);
    saved = JSON.parse(await readFile((await download.path()) as string, "utf8")) as SchemeFile;
    const exported = JSON.parse((await countyApi.schemes.export({ year: YEAR })).json) as SchemeFile;
    expect(saved.year).toBe(YEAR);
    expect(saved.version).toBe(1);
    expect(saved.indicators.length).toBeGreaterThan(0);
    expect(saved.indicators).toEqual(exported.indicators);
    expect(saved).toEqual(exported);
    await snap(admin, "scheme-io");
  });

  it("lists the domain's Chinese issues of a broken file and saves nothing", async () => {
    // An indicator without its name and maximum score.
    const missing = structuredClone(saved);
    delete missing.indicators[0]?.name;
    delete missing.indicators[0]?.maxScore;
    await upload("missing-fields.json", missing);
    const issues = io().getByTestId("scheme-io-issues");
    await expect.poll(() => issues.locator(".ant-table-tbody").textContent()).toContain("indicators[0].name");
    const missingRows = await issues.locator(".ant-table-tbody tr.ant-table-row").allTextContents();
    expect(missingRows).toHaveLength(2);
    expect(missingRows.every((r) => r.endsWith("必填"))).toBe(true);
    expect(missingRows.join("\n")).toContain("indicators[0].maxScore");
    expect(await io().getByText("文件未通过校验，共 2 处问题，未保存").count()).toBe(1);

    // A ratio indicator whose full-score line is below its zero line.
    const caps = structuredClone(saved);
    const at = caps.indicators.findIndex((i) => (i.base as { kind: string }).kind === "ratio");
    expect(at).toBeGreaterThanOrEqual(0);
    const base = caps.indicators[at]?.base as { target: number; floor: number };
    base.target = base.floor / 2;
    await upload("bad-caps.json", caps);
    const path = `indicators[${at}].base.target`;
    await expect.poll(() => issues.locator(".ant-table-tbody").textContent()).toContain(path);
    const capRows = await issues.locator(".ant-table-tbody tr.ant-table-row").allTextContents();
    expect(capRows).toHaveLength(1);
    expect(capRows[0]).toContain(`满分线（${base.target}）必须高于零分线（${base.floor}）`);
    expect(await io().getByText("文件未通过校验，共 1 处问题，未保存").count()).toBe(1);
    await io().scrollIntoViewIfNeeded();
    await snap(admin, "scheme-io-issues");

    const versions = (await countyApi.schemes.list()).filter((v) => v.year === YEAR);
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(await admin.getByTestId("scheme-io-version").textContent()).toBe("已保存第 1 版");
    expect(errors).toEqual([]);
  });
});
