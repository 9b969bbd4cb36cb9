import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions } from "esbuild";

/**
 * The esbuild settings every Lambda of ours is bundled with. The CDK construct (`AppFunction`) and the
 * bundle benchmark (`bench/api-bundle.ts`) both read this module, so the benchmark measures exactly what
 * gets deployed. It must not import aws-cdk-lib: the benchmark stays fast and CDK-free.
 */

const here = dirname(fileURLToPath(import.meta.url));

/** The monorepo root: esbuild's working directory and the place of the one package-lock.json. */
export const repoRoot = resolve(here, "../../..");
export const depsLockFilePath = join(repoRoot, "package-lock.json");

export const lambdaEntries = {
  api: join(repoRoot, "apps/api/src/lambda.ts"),
  monthlyClose: join(repoRoot, "apps/api/src/monthly-close/handler.ts"),
} as const;

/**
 * ESM lets the handler use top-level await for one-off initialisation. Some CommonJS dependencies still
 * call `require` for Node built-ins, which ESM output lacks, hence the `createRequire` banner.
 */
export const esbuildSettings = {
  platform: "node",
  target: "node22",
  format: "esm",
  minify: true,
  sourcemap: true,
  /** Source maps resolve stack traces to file and line; embedding the sources would only add weight. */
  sourcesContent: false,
  /** Keep Chinese strings readable in the bundle instead of \u-escaping them. */
  charset: "utf8",
  mainFields: ["module", "main"],
  /**
   * Bundle everything, the AWS SDK included: the version we test is the version we run, and the
   * runtime's bundled SDK is not loaded from disk at cold start.
   */
  external: [] as string[],
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  /** The output file name Lambda's Node runtime treats as ESM. */
  outExtension: ".mjs",
} as const;

/**
 * The same settings as esbuild's own build options, for the places that call esbuild directly (the deployed
 * artifact test and the bundle benchmark) instead of through CDK's NodejsFunction.
 */
export function esbuildBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    absWorkingDir: repoRoot,
    bundle: true,
    logLevel: "silent",
    platform: esbuildSettings.platform,
    target: esbuildSettings.target,
    format: esbuildSettings.format,
    minify: esbuildSettings.minify,
    sourcemap: esbuildSettings.sourcemap,
    sourcesContent: esbuildSettings.sourcesContent,
    charset: esbuildSettings.charset,
    mainFields: [...esbuildSettings.mainFields],
    external: [...esbuildSettings.external],
    banner: { js: esbuildSettings.banner },
  };
}

/** Runtime flags set on every function; source maps only help if Node applies them. */
export const nodeOptions = "--enable-source-maps";
