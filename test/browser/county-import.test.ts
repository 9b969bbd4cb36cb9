import { type PetitionRow, writeXlsx } from "@pingan/workbook";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionTownship } from "../../apps/api/src/testing/provisioning";
import { seedCounty, seedTwoTownships, startApi, TEST_PASSWORD, uniquePhone } from "./support/api-server";
import { collectPageErrors, launchBrowser, newContext, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";
import {
  chooseWorkbook,
  confirmImport,
  listedErrors,
  previewCounts,
  previewSummary,
  thisMonthAt,
} from "./support/workbook";

/**
 * A county admin imports one file that holds records of two of its townships (a 信访 system export):
 * the preview counts each township, the import lands each record in its township, and a file naming a
 * township of another county is refused, every such row listed.
 */

let browser: Browser;
let served: Served;
let page: Page;
let errors: string[];
const phones = { county: "", chengguan: uniquePhone(), qili: uniquePhone() };

const CHENGGUAN = "510722100"; // 城关镇
const QILI = "510722101"; // 七里镇
const OTHER_COUNTY = "510723100"; // 白水镇, of the neighbouring county

const { at } = thisMonthAt();

type Petition = Omit<PetitionRow, "row">;
const petition = (id: string, townshipCode: string, day: number, subject: string): Petition => ({
  id,
  townshipCode,
  receivedAt: at(day),
  subject,
  skipLevel: false,
  collective: false,
});

/** The county 信访 system's export for the month: three petitions of 城关镇, two of 七里镇. */
const EXPORT: Petition[] = [
  petition("XF-001", CHENGGUAN, 2, "城关镇：反映农贸市场噪音"),
  petition("XF-002", QILI, 3, "七里镇：反映灌溉渠堵塞"),
  petition("XF-003", CHENGGUAN, 4, "城关镇：反映路灯损坏"),
  petition("XF-004", QILI, 5, "七里镇：反映校车路线"),
  petition("XF-005", CHENGGUAN, 6, "城关镇：反映小区停车"),
];
const subjectsOf = (code: string) => EXPORT.filter((p) => p.townshipCode === code).map((p) => p.subject);

beforeAll(async () => {
  const api = await startApi("county-import");
  const county = await seedCounty(api.services);
  phones.county = county.adminPhone;
  await seedTwoTownships(api.services, county.id, {
    township: { name: "城关镇管理员", phone: phones.chengguan },
    neighbour: { name: "七里镇管理员", phone: phones.qili },
  });
  const other = await seedCounty(api.services, "邻县", "510723");
  await provisionTownship(api.services, other.id, {
    name: "白水镇",
    code: OTHER_COUNTY,
    population: 15_000,
    villages: 9,
    grids: 30,
  });
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
  const ctx = await newContext(browser, served.url);
  ctx.setDefaultTimeout(30_000);
  page = await ctx.newPage();
  errors = collectPageErrors(page);
  await signIn(page, phones.county, TEST_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe("a county admin imports one file for several townships", () => {
  it("previews the file per township and imports each record into its township", async () => {
    await page.goto("/import");
    await page.getByText("导入到本县各乡镇（按「乡镇代码」），共 2 个乡镇").waitFor();
    await chooseWorkbook(page, "信访系统导出.xlsx", await writeXlsx({ petitions: EXPORT }));
    await expect
      .poll(() => previewSummary(page), { timeout: 30_000 })
      .toBe("共 5 条记录：新增 5，变更 0，未变 0，已锁定 0");
    expect(await previewCounts(page)).toEqual(["信访城关镇（510722100）3000", "信访七里镇（510722101）2000"]);
    await snap(page, "county-import-preview");
    const { done } = await confirmImport(page, 5);
    expect(done).toBe("新增 5，变更 0，未变 0，已锁定未修改 0");
    await snap(page, "county-import-done");
  });

  it("files the records under each township: each township's admin finds its own and no other's", async () => {
    for (const [phone, own, other] of [
      [phones.chengguan, CHENGGUAN, QILI],
      [phones.qili, QILI, CHENGGUAN],
    ] as const) {
      const ctx = await newContext(browser, served.url);
      const township = await ctx.newPage();
      const pageErrors = collectPageErrors(township);
      await signIn(township, phone, TEST_PASSWORD);
      await township.goto("/records/petitions");
      const rows = township.locator(".item-list-row");
      await expect
        .poll(async () => (await rows.allTextContents()).join("\n"), { timeout: 30_000 })
        .toContain(subjectsOf(own).at(-1) as string);
      const listed = (await rows.allTextContents()).join("\n");
      for (const subject of subjectsOf(own)) expect(listed).toContain(subject);
      for (const subject of subjectsOf(other)) expect(listed).not.toContain(subject);
      expect(await rows.count()).toBe(subjectsOf(own).length);
      await snap(township, `county-import-${own}`);
      expect(pageErrors).toEqual([]);
      await ctx.close();
    }
  });

  it("refuses a file naming another county's township, listing each such row, and writes nothing", async () => {
    await page.goto("/import");
    // Also a corrected subject for one of the county's own rows: the refusal must leave it unwritten.
    const wrong = [
      { ...(EXPORT[0] as Petition), subject: "城关镇：反映农贸市场噪音（更正）" },
      ...EXPORT.slice(1),
      petition("XF-006", OTHER_COUNTY, 7, "白水镇：反映河道采砂"),
      petition("XF-007", OTHER_COUNTY, 8, "白水镇：反映山林权属"),
    ];
    await chooseWorkbook(page, "信访系统导出（含邻县）.xlsx", await writeXlsx({ petitions: wrong }));
    const texts = await listedErrors(page, 2);
    // Rows 7 and 8 of the sheet (the header is row 1), in the 乡镇代码 column, naming the code.
    expect(texts[0]).toContain("信访7乡镇代码");
    expect(texts[1]).toContain("信访8乡镇代码");
    for (const t of texts) expect(t).toContain(`乡镇代码「${OTHER_COUNTY}」不是本次可导入的乡镇`);
    await page.getByText("文件有 2 处错误，未导入任何记录").waitFor();
    expect(await page.getByRole("button", { name: /确认导入/ }).count()).toBe(0);
    await snap(page, "county-import-other-county");

    // Nothing was written: the first export still previews as all unchanged (the correction was not applied).
    await chooseWorkbook(page, "信访系统导出.xlsx", await writeXlsx({ petitions: EXPORT }));
    await expect
      .poll(() => previewSummary(page), { timeout: 30_000 })
      .toBe("共 5 条记录：新增 0，变更 0，未变 5，已锁定 0");
    expect(errors).toEqual([]);
  });
});
