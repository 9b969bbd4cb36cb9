import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { type ConfigureOptions, configureApp, featureFlags } from "./app";
import type { PinganStack } from "./pingan-stack";

export interface Synthesized {
  readonly stack: PinganStack;
  readonly template: Template;
  /** The synthesized cloud assembly's directory (bundled Lambda code lives under it). */
  readonly outdir: string;
  /** Resolves a token (an ARN, a name) to the CloudFormation expression the template contains. */
  readonly resolve: (value: unknown) => unknown;
}

/**
 * Synthesizes the app exactly as `bin/app.ts` does (same feature flags, cdk-nag checks included) into a
 * temporary directory. `app.synth()` throws if any check reports an unacknowledged finding.
 */
export function synthesize(
  stage: "dev" | "prod",
  options: ConfigureOptions = {},
  context: Record<string, string> = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), `pingan-infra-${stage}-`));
  const app = new App({ context: { ...featureFlags, ...context, stage }, outdir });
  const stack = configureApp(app, options);
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
  return { stack, template, outdir, resolve: (value) => Stack.of(stack).resolve(value) };
}

/** A stand-in for the admin app's build output. */
export function fakeAdminDist(): string {
  const dir = mkdtempSync(join(tmpdir(), "pingan-admin-dist-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>平安考评</title>");
  return dir;
}
