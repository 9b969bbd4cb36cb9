import { apiProject, PROCESS_WIDE } from "./vitest.config";

/** The API's tests that change process-wide state (vitest.config.ts says which), each with fresh modules. */
export default apiProject("api-isolated", { include: PROCESS_WIDE }, true);
