import { defineProject } from "vitest/config";
import { PROCESS_WIDE } from "./vitest.config";

/** The API's tests that change process-wide state (vitest.config.ts says which), each with fresh modules. */
export default defineProject({
  test: { name: "api-isolated", include: PROCESS_WIDE, testTimeout: 20_000 },
});
