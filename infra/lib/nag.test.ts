import { App, Stack } from "aws-cdk-lib";
import { Bucket } from "aws-cdk-lib/aws-s3";
import { describe, expect, it } from "vitest";
import { configureApp, featureFlags } from "./app";
import { fakeAdminDist, synthesize } from "./test-support";

describe("cdk-nag AWS Solutions checks", () => {
  it("pass for prod with the admin build and for dev without it", () => {
    // synthesize() runs app.synth(), which throws on any unacknowledged finding.
    expect(() => synthesize("prod", { adminDistPath: fakeAdminDist() })).not.toThrow();
    expect(() => synthesize("dev", { adminDistPath: null })).not.toThrow();
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
