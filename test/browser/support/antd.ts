import type { Locator, Page } from "playwright-core";

/**
 * On a loaded machine a click can land while an antd modal or dropdown is still animating in, and be
 * lost. For an action that is harmless to repeat, the tests do it until what it should bring shows
 * (`shown`, waited for up to 3 s each time), rather than waiting on a lost click.
 */
async function repeatUntilShown(
  act: () => Promise<void>,
  shown: Locator,
  attempts: number,
  beforeRetry: () => Promise<void> = async () => {},
): Promise<void> {
  for (let i = 1; ; i++) {
    await act();
    try {
      await shown.first().waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (i >= attempts) throw e;
    }
    await beforeRetry();
  }
}

/** Presses a dialog's button (OK on a form that refuses an empty field) until `shown` appears. */
export function pressUntilShown(button: Locator, shown: Locator, attempts = 5): Promise<void> {
  return repeatUntilShown(() => button.click(), shown, attempts);
}

/**
 * Opens an antd select and picks the option with this text, in the select's own dropdown, until the
 * select shows it; between tries the list is closed, so the next try opens it again.
 */
export function choose(page: Page, select: Locator, option: string, attempts = 4): Promise<void> {
  return repeatUntilShown(
    async () => {
      await select.click();
      const list = await select.getByRole("combobox").getAttribute("aria-controls");
      const dropdown = page.locator(".ant-select-dropdown", { has: page.locator(`[id="${list}"]`) });
      await dropdown.locator(".ant-select-item-option", { hasText: option }).click();
    },
    select.filter({ hasText: option }),
    attempts,
    () => page.keyboard.press("Escape"),
  );
}
