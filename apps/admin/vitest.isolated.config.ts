import { adminProject, REPLACES_MODULES } from "./vitest.config";

export default adminProject("admin-isolated", { include: REPLACES_MODULES }, true);
