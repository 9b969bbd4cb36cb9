import { defineProject } from "vitest/config";

/** The Lambda bundles as the CDK app builds them, run against DynamoDB Local (no browser, no admin build). */
export default defineProject({
  test: { name: "deployed", include: ["deployed*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
