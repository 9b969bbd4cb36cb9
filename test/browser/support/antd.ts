import type { Locator, Page } from "playwright-core";

/**
 * Opens an antd select and picks the option with this text, in the select's own dropdown, then waits
 * until the select shows it. On a loaded machine a click can land while the dropdown is still sliding
 * in and be lost, leaving the select empty; choosing is idempotent, so it closes the list and asks again.
 */
export async function choose(page: Page, select: Locator, option: string, attempts = 4): Promise<void> {
  for (let i = 1; ; i++) {
    await select.click();
    const list = await select.getByRole("combobox").getAttribute("aria-controls");
    const dropdown = page.locator(".ant-select-dropdown", { has: page.locator(`[id="${list}"]`) });
    await dropdown.locator(".ant-select-item-option", { hasText: option }).click();
    if (await shows(select, option)) return;
    if (i >= attempts)
      throw new Error(`the select did not take 「${option}」; it shows 「${await select.textContent()}」`);
    await page.keyboard.press("Escape");
  }
}

async function shows(select: Locator, option: string): Promise<boolean> {
  const until = Date.now() + 3_000;
  while (Date.now() < until) {
    if ((await select.textContent())?.includes(option)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
