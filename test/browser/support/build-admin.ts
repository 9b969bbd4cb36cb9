import { mkdir } from "node:fs/promises";
import { build } from "vite";
import { ADMIN_ROOT, ARTIFACTS } from "./paths";

/** Builds the admin app once for every browser test file of the run. */
export default async function setup(): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await build({ root: ADMIN_ROOT, configFile: `${ADMIN_ROOT}/vite.config.ts`, logLevel: "warn" });
}
