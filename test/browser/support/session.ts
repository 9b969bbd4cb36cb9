import type { BrowserContext } from "playwright-core";

/**
 * Puts a signed-in session in the browser's storage for pages that never call the API (scheme editor,
 * trial scoring, print view). Journeys that touch the API sign in through the form instead.
 */
export async function seedSession(
  ctx: BrowserContext,
  role: "county_admin" | "county_reviewer",
): Promise<void> {
  const session = {
    accessToken: "offline",
    refreshToken: "offline",
    user: { id: "u-test", name: "测试审核员", role, countyId: "demo-county" },
  };
  await ctx.addInitScript({
    content: `window.localStorage.setItem("pingan.session", ${JSON.stringify(JSON.stringify(session))});`,
  });
}
