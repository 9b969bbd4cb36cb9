import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../apps/api/src/services";
import { choose, pressUntilShown } from "./support/antd";
import { callerAs } from "./support/api-caller";
import {
  type County,
  monthAndServerStart,
  seedCounty,
  startApi,
  TEST_PASSWORD,
  uniquePhone,
} from "./support/api-server";
import { collectPageErrors, launchBrowser, newContext, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";

let browser: Browser;
let served: Served;
let county: County;
let services: Services;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

async function pageFor(viewport: "desktop" | "phone" = "desktop"): Promise<Page> {
  const ctx = await newContext(browser, served.url, viewport);
  contexts.push(ctx);
  const page = await ctx.newPage();
  collectPageErrors(page, errors);
  return page;
}

/** The real month in CST (the browser records work now), and the 2nd of the next month for the server. */
const { month: MONTH, serverStart: SERVER_START } = monthAndServerStart();

beforeAll(async () => {
  // The server lives on the 2nd of next month: this month is finished (publishable) and not yet past
  // the submission deadline (the 5th).
  const api = await startApi("journey", { clockStart: SERVER_START });
  services = api.services;
  county = await seedCounty(api.services);
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const township = { name: "城关镇", code: "510722100", population: "32000", villages: "18", grids: "65" };
const townshipAdmin = { name: "赵专干", phone: uniquePhone(), password: "Chengguan#2026" };
const staff = { name: "钱网格", phone: uniquePhone(), initial: "Initial#2026", own: "Qianwangge#2026" };

describe("the whole journey, from registration to records", () => {
  let countyPage: Page;
  let joinCode = "";

  it("the county admin signs in and generates the join code", async () => {
    countyPage = await pageFor();
    // A wrong password is told in Chinese, with what to do, never as a raw error.
    await countyPage.goto("/sign-in");
    await countyPage.getByLabel("账号（手机号或电子邮箱）").fill(county.adminPhone);
    await countyPage.getByLabel("密码").fill("not-the-password");
    await countyPage.getByRole("button", { name: /登\s?录/ }).click();
    const failure = countyPage.getByTestId("sign-in-error");
    await expect.poll(() => failure.textContent()).toContain("账号或密码错误");
    expect(await failure.textContent()).toContain("请检查后重新输入");
    await snap(countyPage, "sign-in-error");
    await signIn(countyPage, county.adminPhone, TEST_PASSWORD);
    await countyPage.goto("/townships");
    await countyPage.getByRole("button", { name: "生成加入码" }).click();
    await countyPage.getByRole("button", { name: /确\s?定|OK/ }).click();
    await expect
      .poll(async () => (await countyPage.getByTestId("join-code").textContent())?.trim())
      .toMatch(/^[A-Z0-9]{8}$/);
    joinCode = ((await countyPage.getByTestId("join-code").textContent()) ?? "").trim();
    await snap(countyPage, "county-townships");

    await countyPage.goto("/scheme");
    await countyPage.getByRole("button", { name: /恢复为示范细则/ }).click();
    await countyPage.getByRole("button", { name: /确\s?定|OK/ }).click();
    await countyPage.locator(".ant-input-number input").nth(0).waitFor();
    await countyPage.locator('[data-path="year"] input').fill(MONTH.slice(0, 4));
    await expect.poll(() => countyPage.getByTestId("scheme-status").textContent()).toBe("细则校验通过");
    await countyPage.getByRole("button", { name: "保存细则", exact: true }).click();
    await expect.poll(() => countyPage.getByText(/已保存第1版/).count()).toBeGreaterThan(0);
  });

  it("a township registers with the code and waits, pending", async () => {
    const page = await pageFor("phone");
    await page.goto("/register");
    await page.getByLabel("加入码").fill(joinCode.toLowerCase());
    await page.getByLabel("乡镇名称").fill(township.name);
    await page.getByLabel("乡镇区划代码（9 位）").fill("51072210");
    await page.getByLabel("常住人口").fill(township.population);
    await page.getByLabel("村（社区）数").fill(township.villages);
    await page.getByLabel("网格数").fill(township.grids);
    await page.getByLabel("姓名").fill(townshipAdmin.name);
    await page.getByLabel("手机号（登录账号）").fill(townshipAdmin.phone);
    await page.getByLabel("密码").fill(townshipAdmin.password);
    await page.getByRole("button", { name: "提交注册" }).click();
    // The API rejects the 8-digit code; its message stands next to the field.
    const codeError = page.locator(".ant-form-item-has-error").filter({ hasText: "乡镇区划代码" });
    await expect.poll(() => codeError.textContent()).toContain("应为 9 位数字");
    await snap(page, "register-error");
    await page.getByLabel("乡镇区划代码（9 位）").fill(township.code);
    await page.getByRole("button", { name: "提交注册" }).click();
    await page.getByTestId("register-pending").waitFor();
    await snap(page, "register-pending");

    await signIn(page, townshipAdmin.phone, townshipAdmin.password);
    await page.getByTestId("township-pending").waitFor();
    expect(await page.getByTestId("township-pending").textContent()).toContain("城关镇正在等待县级审核");
    await snap(page, "township-pending");
  });

  it("the county approves the township", async () => {
    await countyPage.goto("/townships");
    const row = countyPage.locator("tr", { hasText: township.name });
    await row.getByRole("button", { name: "审核通过" }).click();
    // The server lives on the 2nd of next month; the township's work is this month's, so the county
    // has it assessed from this month on (no table is published yet).
    const dialog = countyPage.getByRole("dialog").filter({ hasText: "参评起始月" });
    const other = dialog.getByRole("textbox", { name: /其他月份/ });
    await other.click();
    await other.fill(MONTH);
    await other.press("Enter");
    await dialog.getByRole("button", { name: "确认通过" }).click();
    await dialog.waitFor({ state: "hidden" });
    await countyPage.locator(".ant-segmented-item", { hasText: "已启用" }).click();
    await expect
      .poll(() => countyPage.locator("tr", { hasText: township.name }).textContent())
      .toContain("已启用");
  });

  it("the township admin invites a staff member, who sets a password and records a dispute on a phone", async () => {
    const admin = await pageFor();
    await signIn(admin, townshipAdmin.phone, townshipAdmin.password);
    await admin.goto("/my/staff");
    await admin.getByRole("button", { name: "添加工作人员" }).click();
    await admin.getByLabel("姓名").fill(staff.name);
    await admin.getByLabel("手机号（登录账号）").fill(staff.phone);
    await admin.getByLabel("初始密码").fill(staff.initial);
    await admin.getByRole("button", { name: /保\s?存/ }).click();
    await expect.poll(() => admin.locator("tr", { hasText: staff.name }).count()).toBe(1);
    await snap(admin, "township-staff");

    const phone = await pageFor("phone");
    await signIn(phone, staff.phone, staff.initial);
    await phone.getByLabel("当前密码").fill(staff.initial);
    await phone.getByLabel("新密码（至少 8 位）").fill(staff.own);
    await phone.getByLabel("再次输入新密码").fill(staff.own);
    await phone.getByRole("button", { name: "修改密码" }).click();
    await phone.goto("/records/disputes");
    await phone.getByRole("button", { name: "登记纠纷" }).click();
    await phone.locator("label.ant-radio-button-wrapper", { hasText: "黄色" }).click();
    await phone.getByLabel("纠纷类别").fill("邻里纠纷");
    await phone.getByLabel("当事人简况").fill("张某与李某因宅基地界址发生争执");
    await phone.getByRole("button", { name: /保\s?存/ }).click();
    const item = phone.getByTestId("dispute-item").first();
    await expect.poll(() => item.textContent()).toContain("邻里纠纷");
    expect(await item.textContent()).toContain("黄色");
    await snap(phone, "records-disputes-phone");
    await phone.getByTestId("dispute-item").first().click();
    await phone.getByRole("button", { name: /^办\s?结$/ }).click();
    await phone.getByRole("button", { name: "确认办结" }).click();
    await expect
      .poll(() => phone.locator(".ant-drawer-open .ant-drawer-body").textContent())
      .toContain("已办结");

    await admin.goto("/my/score");
    await admin.getByText("逐项得分与失分原因").waitFor();
    await admin.getByTestId("trend-chart").locator("canvas").waitFor();
    await snap(admin, "township-my-score");
    await admin
      .getByRole("button", { name: `提交${MONTH.slice(0, 4)}年${Number(MONTH.slice(5))}月填报` })
      .click();
    await admin.getByRole("button", { name: /确\s?定|OK/ }).click();
    await expect.poll(() => admin.getByTestId("submission-status").textContent()).toBe("待审核");
  });

  async function openReview(page: Page) {
    await page.goto(`/review?month=${MONTH}`);
    await page.locator("tr", { hasText: township.name }).click();
    const label = `${MONTH.slice(0, 4)}年${Number(MONTH.slice(5))}月`;
    await page.locator(".ant-drawer-open").getByText(`${township.name} · ${label}填报审核`).waitFor();
    await page.locator(".ant-drawer-open").getByTestId("review-total").waitFor();
  }

  it("a reviewer scores the manual indicator, a second county user confirms it, and the month is approved", async () => {
    const reviewer = await pageFor();
    await signIn(reviewer, county.reviewerPhone, TEST_PASSWORD);
    await openReview(reviewer);
    await reviewer.getByRole("button", { name: "人工评分" }).click();
    const modal = reviewer.getByRole("dialog").filter({ hasText: "评分理由" });
    await choose(reviewer, modal.locator(".ant-select"), "I10 平安创建与技防建设");
    await modal.getByLabel("分数").fill("6");
    await modal.getByLabel("评分理由").fill("视频监控运行正常，平安村创建达标");
    await modal.getByRole("button", { name: /确\s?定|OK/ }).click();
    await reviewer.getByText("待他人复核").waitFor();
    await snap(reviewer, "county-review");

    await openReview(countyPage);
    await countyPage.getByRole("button", { name: "复核确认" }).click();
    await countyPage.locator(".ant-tag", { hasText: /^已复核$/ }).waitFor();

    await openReview(reviewer);
    await reviewer.getByRole("button", { name: "审核通过" }).click();
    await reviewer.getByRole("button", { name: /确\s?定|OK/ }).click();
    await expect
      .poll(() => reviewer.locator("tr", { hasText: township.name }).textContent())
      .toContain("已审核");
  });

  it("the county publishes the month, and the public page shows the API's numbers on a phone", async () => {
    await countyPage.goto(`/league?period=${MONTH}`);
    const label = `${MONTH.slice(0, 4)}年${Number(MONTH.slice(5))}月`;
    await countyPage.getByText(`示范县 ${label}`).waitFor();
    await countyPage.locator(".ant-table-row", { hasText: township.name }).waitFor();
    await countyPage.getByRole("button", { name: "发布排名" }).click();
    await countyPage.getByText(`发布${label}排名？`, { exact: false }).waitFor();
    await countyPage.getByRole("button", { name: /确\s?定|OK/ }).click();
    await countyPage.getByText("已发布 第1版").waitFor();
    await countyPage.getByTestId("comparison-chart").locator("canvas").waitFor();
    await snap(countyPage, "county-league");

    // A correction identical to version 1 is refused; once a record changes the month, it publishes
    // version 2 with its reason, the history says what changed, and version 1 stays readable.
    await countyPage.getByRole("button", { name: "更正发布" }).click();
    const dialog = countyPage.getByRole("dialog").filter({ hasText: "更正理由" });
    await dialog.getByLabel("更正理由").waitFor();
    await pressUntilShown(
      dialog.getByRole("button", { name: /确\s?定|OK/ }),
      dialog.getByText("更正发布须说明理由"),
    );
    await dialog.getByLabel("更正理由").fill("补录城关镇技防建设评分说明");
    await dialog.getByRole("button", { name: /确\s?定|OK/ }).click();
    await countyPage.getByText("与第1版完全相同", { exact: false }).first().waitFor();
    const townshipApi = await callerAs(services, townshipAdmin.phone, townshipAdmin.password);
    const me = await townshipApi.auth.me();
    await townshipApi.events.create({
      townshipId: me.township?.id ?? "",
      requestId: "journey-legal-education",
      kind: "legal_education",
      occurredAt: `${MONTH}-15T10:00:00+08:00`,
    });
    await dialog.getByRole("button", { name: /确\s?定|OK/ }).click();
    await countyPage.getByText("已发布 第2版").waitFor();
    await expect.poll(() => countyPage.getByTestId("changes-2").textContent()).toContain(township.name);
    expect(await countyPage.getByText("更正原因：补录城关镇技防建设评分说明").count()).toBe(1);

    type Published = {
      version: number;
      table: { rows: { rank: number; name: string; total: number; grade: string }[] };
    };
    const input = encodeURIComponent(JSON.stringify({ countyId: county.id, period: MONTH }));
    const readPublic = async () =>
      (await (await fetch(`${served.url}/trpc/public.leagueTable?input=${input}`)).json()) as {
        result?: { data: Published };
        error?: unknown;
      };
    await expect.poll(async () => (await readPublic()).result?.data.version).toBe(2);
    const api = (await readPublic()).result?.data as Published;
    expect(api.version).toBe(2);
    expect(api.table.rows.map((r) => r.name)).toEqual([township.name]);

    const pub = await pageFor("phone");
    await pub.goto(`/public/${county.id}`);
    const rows = pub.getByTestId("public-league-table").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(api.table.rows.length);
    for (const [i, r] of api.table.rows.entries()) {
      const cells = await rows.nth(i).locator("td").allTextContents();
      expect(cells[0]).toBe(String(r.rank));
      expect(cells[2]).toBe(r.name);
      expect(cells[3]).toBe(r.total.toFixed(2));
      expect(cells[4]).toContain(r.grade);
    }
    expect(await pub.getByText("更正说明：补录城关镇技防建设评分说明").count()).toBe(1);
    const width = await pub.evaluate("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(390);
    await snap(pub, "public-phone");

    await countyPage.goto("/supervision");
    await countyPage.getByText("未办结矛盾纠纷（按到期先后）").waitFor();
    await countyPage.getByText("各乡镇均已报送").or(countyPage.locator(".ant-table-row")).first().waitFor();
    await snap(countyPage, "county-supervision");
    await countyPage.goto("/audit");
    await expect.poll(() => countyPage.locator(".ant-table-tbody").textContent()).toContain("复核确认");
    expect(await countyPage.locator(".ant-table-tbody").textContent()).toContain("审核通过乡镇");
    await snap(countyPage, "county-audit");
    expect(errors).toEqual([]);
  });
});
