import { defineProject } from "vitest/config";

/**
 * Files that load a Lambda entry (whose module builds its services from the environment once, and turns
 * on the process's tenant limits and metrics) or set those process-wide switches themselves. They run
 * isolated, each with fresh modules; see vitest.isolated.config.ts.
 */
export const PROCESS_WIDE = [
  "src/lambda.test.ts",
  "src/league/bundle-route.test.ts",
  "src/monthly-close/close-month.test.ts",
  "src/routers/notices.test.ts",
  "src/ops/tenant-limits.test.ts",
];

/** One project for the API's tests, sharing modules or not (vitest.isolated.config.ts). */
export function apiProject(name: string, files: { include: string[]; exclude?: string[] }, isolate: boolean) {
  return defineProject({ test: { name, ...files, testTimeout: 20_000, isolate } });
}

// Every other file builds its own services on its own table, and every module-level cache is keyed by
// table name, so the files share one module cache per worker: importing the API's module graph (AWS SDK,
// ElectroDB, tRPC, the contracts) once rather than once per file saves about 3 s a file.
export default apiProject("api", { include: ["src/**/*.test.ts"], exclude: PROCESS_WIDE }, false);
