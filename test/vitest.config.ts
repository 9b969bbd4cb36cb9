import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "browser",
    include: ["browser/**/*.test.ts"],
    globalSetup: ["./browser/support/build-admin.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Pages answer through a real API; polling assertions wait as long as a person would.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    // Each file starts its own API on its own table and its own browser; no file replaces a module or a
    // global, so the files share one module cache (Playwright, the API) instead of importing it each time.
    isolate: false,
  },
});
