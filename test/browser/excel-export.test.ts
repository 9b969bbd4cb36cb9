import { readFile } from "node:fs/promises";
import modelScheme from "@pingan/data/model-scheme.json";
import { computeLeagueTable, type LeagueTable, parseScheme } from "@pingan/domain";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCounty, startApi, TEST_PASSWORD } from "./support/api-server";
import { collectPageErrors, launchBrowser, newContext, snap } from "./support/browser";
import { signIn } from "./support/sign-in";
import { type Served, serveAdmin } from "./support/static-server";
import { trialData } from "./support/trial-data";

let browser: Browser;
let served: Served;
let page: Page;
let errors: string[];
let expected: LeagueTable;

beforeAll(async () => {
  const api = await startApi("export");
  const county = await seedCounty(api.services);
  [browser, served] = await Promise.all([launchBrowser(), serveAdmin(api.handler)]);
  const ctx = await newContext(browser, served.url);
  page = await ctx.newPage();
  errors = collectPageErrors(page);
  await signIn(page, county.reviewerPhone, TEST_PASSWORD);
  const scheme = parseScheme(modelScheme);
  if (!scheme.ok) throw new Error("model scheme invalid");
  expected = computeLeagueTable(scheme.value, trialData(), "2026-10");
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe("league table, Excel export and print in the browser", () => {
  it("scores a loaded data file and shows the ranking with the vetoed township last", async () => {
    await page.goto("/trial");
    await page.locator('input[type="file"]').setInputFiles({
      name: "data.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(trialData())),
    });
    await page.getByLabel("考核期").fill("2026-10");
    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    await expect.poll(() => rows.count()).toBe(4);
    const names = await rows.locator("td:nth-child(3)").allTextContents();
    expect(names).toEqual(expected.rows.map((r) => r.name));
    const totals = await rows.locator("td:nth-child(4)").allTextContents();
    expect(totals).toEqual(expected.rows.map((r) => r.total.toFixed(2)));
    expect(await rows.last().getByTestId("veto-tag").textContent()).toBe("一票否决");
    await page.getByTestId("comparison-chart").locator("canvas").waitFor();
    await snap(page, "league-table");

    await page.getByRole("link", { name: "西湖乡" }).click();
    await expect.poll(() => page.getByTestId("notes-I02").textContent()).toContain("群体性事件");
    await snap(page, "league-drawer");
    await page.keyboard.press("Escape");
  });

  it("downloads an .xlsx that opens with the county, period and the same numbers", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /导出 Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("示范县-2026-10-排名.xlsx");
    const wb = new ExcelJS.Workbook();
    const bytes = await readFile((await download.path()) as string);
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const ws = wb.getWorksheet("排名");
    expect(ws?.getCell("A1").value).toBe("示范县2026年10月平安建设考评排名（未发布）");
    expect(String(ws?.getCell("A2").value)).toContain(
      "细则：《2026年度乡镇平安建设（综治工作）月度考核细则》第1版",
    );
    const body = expected.rows.map((_, i) => ws?.getRow(4 + i));
    expect(body.map((r) => r?.getCell(2).value)).toEqual(expected.rows.map((r) => r.name));
    expect(body.map((r) => r?.getCell(4).value)).toEqual(expected.rows.map((r) => r.total));
    expect(body.map((r) => r?.getCell(7).value)).toEqual(expected.rows.map((r) => (r.vetoed ? "是" : "否")));
    expect(ws?.getCell("D4").numFmt).toBe("0.00");
    expect(wb.getWorksheet("指标明细")?.rowCount).toBe(
      1 + expected.rows.length * modelScheme.indicators.length,
    );
  });

  it("downloads a CSV naming the table", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /导出 CSV/ }).click(),
    ]);
    const text = await readFile((await download.path()) as string, "utf8");
    expect(text.split("\r\n")[0]).toBe("\uFEFF示范县2026年10月平安建设考评排名（未发布）");
    expect(text).toContain(`1,${expected.rows[0]?.name}`);
  });

  it("prints a clean A4 通报: title, date, table and notes, without the app's buttons", async () => {
    await page.getByRole("button", { name: /打印通报/ }).click();
    await page.waitForURL("**/print/league");
    const report = page.getByTestId("print-report");
    expect(await report.locator("h1").textContent()).toBe("示范县2026年10月平安建设考评情况通报");
    expect(await report.locator("tbody tr").count()).toBe(expected.rows.length);
    expect(await report.locator("ol li").first().textContent()).toContain("本期参评乡镇（街道）4个");
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: /打印/ }).isVisible()).toBe(false);
    // A4 at 96 dpi is 794 px wide: the picture shows the page as it goes to paper.
    await page.setViewportSize({ width: 794, height: 1123 });
    await snap(page, "print-report");
    await page.setViewportSize({ width: 1366, height: 900 });
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await page.emulateMedia({ media: "screen" });
    expect(errors).toEqual([]);
  });
});
