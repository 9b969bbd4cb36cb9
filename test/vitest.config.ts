import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "browser",
    include: ["browser/**/*.test.ts"],
    globalSetup: ["./browser/support/build-admin.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
