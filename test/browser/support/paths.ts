import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const ADMIN_ROOT = `${REPO}apps/admin`;
export const ADMIN_DIST = `${REPO}apps/admin/dist`;
export const ARTIFACTS = `${REPO}test-artifacts`;
