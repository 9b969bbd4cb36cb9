import react from "@vitejs/plugin-react";
import { defineProject } from "vitest/config";

/** Files that replace a module (`vi.mock`) or a global: they need modules of their own. */
export const REPLACES_MODULES = [
  "src/shared/indicator-records.test.tsx",
  "src/api/trpc-client.test.ts",
  "src/features/township/rank-history-page.test.tsx",
  "src/features/import/import-page.test.tsx",
  "src/features/scheme/scheme-import-export.test.tsx",
];

/** One happy-dom project, for both the shared-module files and the isolated ones (vitest.isolated.config.ts). */
export function adminProject(
  name: string,
  files: { include: string[]; exclude?: string[] },
  isolate: boolean,
) {
  return defineProject({
    plugins: [react()],
    // Rendering antd pages in happy-dom takes 2–4 s a test while the API and browser projects share the
    // two cores; the 5 s default failed them under that load.
    test: { name, environment: "happy-dom", ...files, testTimeout: 20_000, isolate },
  });
}

// Every other file renders into its own container with its own query client, so the files share one
// module cache (React, antd, the contracts) per worker instead of importing it again, about 3 s a file.
export default adminProject(
  "admin",
  { include: ["src/**/*.test.{ts,tsx}"], exclude: REPLACES_MODULES },
  false,
);
