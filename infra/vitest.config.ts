import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "infra",
    include: ["**/*.test.ts"],
    exclude: ["cdk.out/**", "node_modules/**"],
    // Synthesizing bundles the Lambdas with esbuild; one synth per file takes a few seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
