import { App, Stack } from "aws-cdk-lib";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { configureApp, featureFlags } from "./app";
import { fakeAdminDist, synthesize } from "./test-support";

describe("cdk-nag AWS Solutions checks", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // That both stages pass as configured is asserted in pingan-stack.test.ts, on the synths it shares.
  it("pass when the CLI knows the account and region (finding ids then carry literals)", () => {
    vi.stubEnv("CDK_DEFAULT_ACCOUNT", "123456789012");
    vi.stubEnv("CDK_DEFAULT_REGION", "ap-east-1");
    expect(() => synthesize("prod", { adminDistPath: fakeAdminDist() })).not.toThrow();
  });

  it("fail synthesis when a finding is not acknowledged", () => {
    const app = new App({ context: { ...featureFlags, stage: "dev" } });
    const stack = configureApp(app, { adminDistPath: null });
    new Bucket(Stack.of(stack), "CarelessBucket");
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });

  it("refuse an unknown stage", () => {
    const app = new App({ context: { ...featureFlags, stage: "staging" } });
    expect(() => configureApp(app)).toThrow(/Unknown stage "staging"/);
  });
});
