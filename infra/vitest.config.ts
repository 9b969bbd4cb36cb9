import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "infra",
    include: ["**/*.test.ts"],
    exclude: ["cdk.out/**", "node_modules/**"],
    // Synthesizing bundles the Lambdas with esbuild; one synth per file takes a few seconds.
    testTimeout: 60_000,
    // The files share one module cache per worker, so CDK loads its CloudFormation schemas (~5 s) and
    // bundles each Lambda once per worker instead of once per file. No test mutates shared state.
    isolate: false,
    hookTimeout: 60_000,
  },
});
