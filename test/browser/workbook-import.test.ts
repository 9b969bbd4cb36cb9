import { readFile } from "node:fs/promises";
import type { Scheme } from "@pingan/domain";
import { readXlsx, writeXlsx } from "@pingan/workbook";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, callerAs } from "./support/api-caller";
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

let browser: Browser;
let served: Served;
let page: Page;
let errors: string[];
/** The county admin's and the township admin's API, for setup steps that are not the point of a test. */
let countyApi: Caller;
let townshipApi: Caller;
let townshipId: string;

const CODE = "510722100"; // 城关镇, the admin's township
const NEIGHBOUR = "510722101"; // 七里镇

// Records of the current month in China time: an open month, which an import may change.
const { month, at } = thisMonthAt();

/** The corrected workbook: more than one batch (500 rows) of records, so the progress moves. */
function goodRecords() {
  const disputes = Array.from({ length: 40 }, (_, i) => ({
    id: `D-${String(i + 1).padStart(3, "0")}`,
    townshipCode: CODE,
    level: (["red", "yellow", "blue"] as const)[i % 3] ?? "blue",
    reportedAt: at(1 + (i % 20), 8 + Math.floor(i / 20)),
    // The last reported comes first in the list.
    category: i === 39 ? "宅基地边界纠纷（导入）" : "邻里纠纷",
    partiesBrief: `导入当事人${i + 1}`,
  }));
  const attempts = [
    {
      disputeId: "D-001",
      townshipCode: CODE,
      at: at(2, 10),
      level: "red" as const,
      result: "partial" as const,
    },
    {
      disputeId: "D-001",
      townshipCode: CODE,
      at: at(3, 10),
      level: "red" as const,
      result: "success" as const,
    },
  ];
  const events = Array.from({ length: 560 }, (_, i) => ({
    id: `E-${String(i + 1).padStart(4, "0")}`,
    townshipCode: CODE,
    kind: "monthly_meeting",
    occurredAt: at(1 + (i % 25), 8 + (i % 10)),
    count: 1,
    note: `例会 ${i + 1}`,
  }));
  return {
    disputes,
    attempts,
    petitions: [
      {
        id: "P-001",
        townshipCode: CODE,
        receivedAt: at(4),
        subject: "反映征地补偿（导入）",
        skipLevel: false,
        collective: false,
      },
      {
        id: "P-002",
        townshipCode: CODE,
        receivedAt: at(5),
        subject: "反映道路维修",
        skipLevel: false,
        collective: true,
      },
    ],
    incidents: [
      {
        id: "C-001",
        townshipCode: CODE,
        occurredAt: at(6, 22),
        kind: "public_order" as const,
        severity: "ordinary" as const,
      },
    ],
    keyPersons: [
      {
        id: "KP-001",
        townshipCode: CODE,
        category: "community_correction" as const,
        registeredAt: at(1),
        alias: "导入刘某",
      },
    ],
    visits: [{ id: "V-001", townshipCode: CODE, keyPersonId: "KP-001", at: at(7), note: "走访正常" }],
    events,
  };
}

/** The same workbook with five mistakes a clerk makes, on four sheets. */
function badRecords() {
  const r = goodRecords();
  const [d1, d2, d3, d4] = r.disputes;
  const [p1] = r.petitions;
  if (!d1 || !d2 || !d3 || !d4 || !p1) throw new Error("too few records");
  return {
    ...r,
    disputes: [
      d1,
      { ...d2, townshipCode: NEIGHBOUR }, // another township's record
      { ...d3, closedAt: at(1, 0), outcome: "resolved" as const, reportedAt: at(9) }, // closed before reported
      { ...d4, closedAt: at(12) }, // closed without an outcome
      ...r.disputes.slice(4),
    ],
    petitions: [...r.petitions, { ...p1, subject: "重复编号" }], // 编号 P-001 twice
    visits: [...r.visits, { id: "V-002", townshipCode: CODE, keyPersonId: "KP-999", at: at(8) }], // unknown key person
  };
}

beforeAll(async () => {
  const api = await startApi("workbook-import");
  const county = await seedCounty(api.services);
  const phone = uniquePhone();
  ({ townshipId } = await seedTwoTownships(api.services, county.id, {
    township: { name: "城关镇管理员", phone },
    neighbour: { name: "七里镇管理员", phone: uniquePhone() },
  }));
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
  const ctx = await newContext(browser, served.url);
  ctx.setDefaultTimeout(30_000);
  page = await ctx.newPage();
  errors = collectPageErrors(page);
  await signIn(page, phone, TEST_PASSWORD);
  [countyApi, townshipApi] = await Promise.all([
    callerAs(api.services, county.adminPhone, TEST_PASSWORD),
    callerAs(api.services, phone, TEST_PASSWORD),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const summary = () => previewSummary(page);

describe("records in and out by workbook, as a township admin", () => {
  it("lists every error of a wrong workbook and writes nothing", async () => {
    await page.goto("/my/score");
    await page.getByRole("menuitem", { name: "导入导出" }).waitFor();
    await page.goto("/import");
    await page.getByText("重新导入同一文件即可补完").waitFor();
    await page.getByText("导入到本乡镇：城关镇（510722100）").waitFor();
    await chooseWorkbook(page, "城关镇台账.xlsx", await writeXlsx(badRecords()));
    const texts = (await listedErrors(page, 5)).join("\n");
    expect(texts).toContain("矛盾纠纷3乡镇代码");
    expect(texts).toContain("510722101");
    expect(texts).toContain("矛盾纠纷4办结时间");
    expect(texts).toContain("矛盾纠纷5办结结果");
    expect(texts).toContain("信访4编号");
    expect(texts).toContain("走访3重点人员编号");
    expect(texts).toContain("KP-999");
    expect(await page.getByText("文件有 5 处错误，未导入任何记录").count()).toBe(1);
    await snap(page, "workbook-import-errors");
  });

  it("imports the corrected workbook in batches, with progress to 100%", async () => {
    await chooseWorkbook(page, "城关镇台账.xlsx", await writeXlsx(goodRecords()));
    await expect.poll(summary, { timeout: 30_000 }).toBe("共 605 条记录：新增 605，变更 0，未变 0，已锁定 0");
    expect(await previewCounts(page)).toEqual([
      "矛盾纠纷城关镇（510722100）40000",
      "信访城关镇（510722100）2000",
      "案件城关镇（510722100）1000",
      "重点人员城关镇（510722100）1000",
      "走访城关镇（510722100）1000",
      "工作纪实城关镇（510722100）560000",
    ]);
    await snap(page, "workbook-import-preview");
    const { done, percents } = await confirmImport(page, 605);
    expect(done).toBe("新增 605，变更 0，未变 0，已锁定未修改 0");
    // Two batches: the bar shows a partial import before it completes.
    expect(percents.some((p) => p !== "100")).toBe(true);
    await snap(page, "workbook-import-done");
  });

  it("finds the imported records in the record lists", async () => {
    await page.goto("/records/disputes");
    const item = page.getByTestId("dispute-item").filter({ hasText: "宅基地边界纠纷（导入）" });
    await item.waitFor();
    await item.click();
    await expect
      .poll(() => page.locator(".ant-drawer-open .ant-drawer-body").textContent())
      .toContain("导入当事人40");
    await snap(page, "workbook-import-dispute");
    await page.keyboard.press("Escape");
    await page.goto("/records/petitions");
    await page.locator(".item-list-row", { hasText: "反映征地补偿（导入）" }).waitFor();
    await page.goto("/records/key-persons");
    await expect
      .poll(() => page.locator(".item-list-row", { hasText: "导入刘某" }).textContent())
      // The imported visit counts; 社区矫正对象 are visited four times a month (the model categories).
      .toContain("本月走访 1/4");
    await snap(page, "workbook-import-key-persons");
  });

  it("re-imports the same workbook with nothing changed", async () => {
    await page.goto("/import");
    await chooseWorkbook(page, "城关镇台账.xlsx", await writeXlsx(goodRecords()));
    await page.getByTestId("import-preview-summary").or(page.getByTestId("import-errors")).waitFor();
    await snap(page, "workbook-import-unchanged");
    await expect.poll(summary, { timeout: 30_000 }).toBe("共 605 条记录：新增 0，变更 0，未变 605，已锁定 0");
    await page.getByText("没有需要写入的记录：文件与系统中的记录一致。").waitFor();
    expect(await page.getByRole("button", { name: /确认导入/ }).count()).toBe(0);
    await snap(page, "workbook-import-unchanged");
  });

  it("exports the disputes list in the same format, and importing the export changes nothing", async () => {
    await page.goto("/records/disputes");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-records").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^矛盾纠纷-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = new Uint8Array(await readFile((await download.path()) as string));
    const read = await readXlsx(bytes, { townshipCodes: [CODE] });
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.records.disputes).toHaveLength(40);
    expect(read.records.attempts).toHaveLength(2);
    expect(read.records.disputes.find((d) => d.id === "D-040")?.category).toBe("宅基地边界纠纷（导入）");

    await page.goto("/import");
    await chooseWorkbook(page, download.suggestedFilename(), bytes);
    await expect.poll(summary, { timeout: 30_000 }).toBe("共 40 条记录：新增 0，变更 0，未变 40，已锁定 0");
    expect(errors).toEqual([]);
  });

  it("exports every record in the county's own words (its category, its scheme's items), and importing it changes nothing", async () => {
    // The county's own key-person category and a 纪实 item of its own in this year's scheme.
    const year = Number(month.slice(0, 4));
    const mine = await countyApi.counties.mine();
    await countyApi.counties.setKeyPersonCategories({
      categories: [
        ...mine.keyPersonCategories,
        { code: "drug_user2", name: "涉毒人员", per: "month", times: 2 },
      ],
      expectedVersion: mine.version,
    });
    const started = await countyApi.schemes.startFromModel({ year, expectedVersion: 0 });
    const scheme = structuredClone(started.scheme) as Scheme;
    scheme.items = [
      ...(scheme.items ?? []),
      { code: "anti_fraud_outreach", name: "反诈宣传进村", done: "进村开展一次反诈宣传", recorder: "派出所" },
    ];
    await countyApi.schemes.save({ year, expectedVersion: started.version, scheme });
    await townshipApi.keyPersons.create({
      townshipId,
      requestId: "export-words-kp",
      alias: "导出吴某",
      category: "drug_user2",
      registeredAt: at(2),
    });
    await townshipApi.events.create({
      townshipId,
      requestId: "export-words-ev",
      kind: "anti_fraud_outreach",
      occurredAt: at(3),
    });

    await page.goto("/import");
    await page.getByText(/^导入到本乡镇/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-records").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = new Uint8Array(await readFile((await download.path()) as string));
    // A clerk opening the file reads the county's names, not codes; built-in values keep their names.
    const text = Object.values(unzipSync(bytes))
      .map((f) => strFromU8(f))
      .join("\n");
    for (const name of ["涉毒人员", "反诈宣传进村", "社区矫正对象", "综治例会"]) expect(text).toContain(name);
    for (const code of ["drug_user2", "anti_fraud_outreach", "community_correction", "monthly_meeting"])
      expect(text).not.toContain(code);

    await chooseWorkbook(page, download.suggestedFilename(), bytes);
    await expect.poll(summary, { timeout: 30_000 }).toBe("共 607 条记录：新增 0，变更 0，未变 607，已锁定 0");
    await snap(page, "workbook-export-county-words");
    expect(errors).toEqual([]);
  });
});
