import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { esbuildBuildOptions, esbuildSettings } from "../../infra/lib/bundling/esbuild-settings";

/**
 * Bundles a Lambda entry the way the CDK app does (`AppFunction` passes these same settings to
 * `NodejsFunction`): what this returns is the file Lambda would run, not the TypeScript source.
 */
export async function bundleLambda(entry: string, name: string): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), `pingan-${name}-`));
  const outfile = join(outdir, `index${esbuildSettings.outExtension}`);
  await build(esbuildBuildOptions(entry, outfile));
  return outfile;
}
