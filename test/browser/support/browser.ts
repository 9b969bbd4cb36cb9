import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ARTIFACTS } from "./paths";

/** Debian's Chromium, as CI installs it; one browser per test file. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export type Viewport = "desktop" | "phone";

export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport: Viewport = "desktop",
): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    baseURL,
    acceptDownloads: true,
    locale: "zh-CN",
    ...(viewport === "phone"
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1366, height: 900 } }),
  });
  ctx.setDefaultTimeout(15_000);
  return ctx;
}

/** Saves a full-page screenshot to test-artifacts/ to be looked at. */
export async function snap(page: Page, name: string): Promise<void> {
  // antd's entrance animations are run to their end for the picture, so it shows the settled page
  // without waiting for them.
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true, animations: "disabled" });
}

/** Fails the test on any uncaught error in the page, so a broken screen cannot pass. */
export function collectPageErrors(page: Page, errors: string[] = []): string[] {
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** A page in a new context whose uncaught errors are collected into `errors`. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  errors: string[],
  viewport: Viewport = "desktop",
): Promise<Page> {
  const page = await (await newContext(browser, baseURL, viewport)).newPage();
  collectPageErrors(page, errors);
  return page;
}
