import { defineConfig } from "vitest/config";

// Each workspace owns its vitest.config.ts; this file only gathers them so `npm test` runs them all.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts", "infra/vitest.config.ts", "test/vitest.config.ts"],
  },
});
