import { defineConfig } from "vitest/config";

// Each workspace owns its vitest.config.ts; this file only gathers them so `npm test` runs them all.
// The global setup starts one DynamoDB Local for every project that needs it.
export default defineConfig({
  test: {
    globalSetup: ["./vitest.global-setup.ts"],
    projects: [
      "packages/*/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "apps/*/vitest.isolated.config.ts",
      "{infra,test}/vitest.config.ts",
      "test/vitest.deployed.config.ts",
    ],
  },
});
