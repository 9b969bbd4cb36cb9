import type { Page } from "playwright-core";
import { expect } from "vitest";
import { monthAndServerStart } from "./api-server";

/** Staging shared by the browser tests of the 导入导出 page (township and county imports). */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * An instant of the current month in China time, as an ISO string: records of an open month, which an
 * import may change (the browser records work now).
 */
export function thisMonthAt(): { month: string; at: (day: number, hour?: number) => string } {
  const { month } = monthAndServerStart();
  const at = (day: number, hour = 9) =>
    new Date(
      `${month}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00+08:00`,
    ).toISOString();
  return { month, at };
}

/**
 * Chooses a workbook in the page's file input, as a person picks a file. It waits for the page to show
 * where it imports to (导入到本乡镇… / 导入到本县各乡镇…): until the admin's townships have loaded, the
 * page ignores a chosen file (its button is disabled), and a busy machine can be slower than a test.
 */
export async function chooseWorkbook(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByText(/^导入到本(乡镇|县)/).waitFor();
  await page
    .getByTestId("import-file")
    .setInputFiles({ name, mimeType: XLSX_MIME, buffer: Buffer.from(bytes) });
}

/** The preview's one-line summary (共 … 条记录：新增 …). */
export const previewSummary = (page: Page) => page.getByTestId("import-preview-summary").textContent();

/** The rows of the preview's counts table (sheet, township, new, changed, unchanged, locked). */
export const previewCounts = (page: Page) =>
  page.getByTestId("import-counts").locator("tbody tr.ant-table-row").allTextContents();

/** Waits for the list of a wrong file's errors to hold `count` rows, and returns their texts. */
export async function listedErrors(page: Page, count: number): Promise<string[]> {
  const rows = page.getByTestId("import-errors").locator("tbody tr.ant-table-row");
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(count);
  return rows.allTextContents();
}

/**
 * Confirms the preview (`确认导入 N 条记录`) and watches the progress bar until the import is done;
 * returns the done summary and every percentage the bar showed on the way.
 */
export async function confirmImport(
  page: Page,
  count: number,
): Promise<{ done: string; percents: string[] }> {
  await page.getByRole("button", { name: `确认导入 ${count} 条记录` }).click();
  const percents = new Set<string>();
  const done = page.getByTestId("import-done-summary");
  const bar = page.getByTestId("import-progress");
  while (!(await done.isVisible())) {
    const value = await bar.getAttribute("aria-valuenow", { timeout: 500 }).catch(() => null);
    if (value) percents.add(value);
    await page.waitForTimeout(50);
  }
  expect(await bar.getAttribute("aria-valuenow")).toBe("100");
  expect(await bar.textContent()).toBe("100%");
  return { done: (await done.textContent()) ?? "", percents: [...percents] };
}
